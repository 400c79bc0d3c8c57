"""Activity plans per year, the årshjul (page and iCalendar) and communication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.followup import plan_selectors
from medborgarloften.followup.calendar import arshjul, ical_bytes
from medborgarloften.followup.forms import (
    CommunicationForm,
    PlanCopyForm,
    PlannedActivityForm,
    PlanTickForm,
    RecurringEventForm,
)
from medborgarloften.followup.models import CommunicationActivity, PlannedActivity
from medborgarloften.followup.plans import parse_when
from medborgarloften.followup.services.communication import (
    communication_create,
    communication_set_status,
)
from medborgarloften.followup.services.plans import (
    plan_copy,
    plan_years,
    planned_activity_create,
    planned_activity_tick,
    recurring_event_create,
)
from medborgarloften.lib.access import found
from medborgarloften.lib.downloads import file_response
from medborgarloften.lib.forms import apply_service_errors, form_saved
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Promise

from ..forms import COMMON_KINDS
from ..models import Activity
from ..permissions import (
    can_change_activity,
    can_edit_promise,
    can_log_activity,
)
from ._common import (
    _commitment_for_logger,
    _promise,
    _require_editor,
)

# --- Plans, årshjul and communication ----------------------------------------------


def _plan_choices(promise: Promise) -> dict[str, Any]:

    party_ids = [p.pk for p in promise.parties.all()]
    kommun_ids = [p.pk for p in promise.parties.all() if p.is_kommun]
    return {
        "commitments": promise.commitments.order_by("position", "pk"),
        "areas": Area.objects.filter(kommun_id__in=kommun_ids).order_by("name"),
        "organisations": Organisation.objects.filter(pk__in=party_ids).order_by("name"),
    }


def _plan_year(promise: Promise, raw: Any) -> int:

    years = plan_years(promise)
    if not years:
        raise Http404(_("Löftet saknar period, så det har ingen årsplan."))
    if raw is None:
        today = timezone.localdate().year
        return today if today in years else years[0]
    if int(raw) not in years:
        raise Http404(
            _("Löftet gäller inte %(year)s (%(first)s–%(last)s).")
            % {"year": raw, "first": years[0], "last": years[-1]}
        )
    return int(raw)


@staff_view
def plan(request: HttpRequest, pk: int, year: int | None = None) -> HttpResponse:
    """The yearly aktivitetsplan: planned against done per commitment; editors add
    lines and copy a year, loggers tick lines off with a done activity."""

    promise = _promise(request, pk)
    year = _plan_year(promise, year)
    can_edit = can_edit_promise(request.user, promise)
    choices = _plan_choices(promise)
    add_form = PlannedActivityForm(
        request.POST if request.POST.get("action") == "add" else None, **choices
    )
    copy_form = PlanCopyForm(
        request.POST if request.POST.get("action") == "copy" else None,
        initial={"from_year": year - 1, "to_year": year},
    )
    if request.method == "POST":
        _require_editor(request, promise)
        if request.POST.get("action") == "add" and add_form.is_valid():
            data = add_form.cleaned_data
            try:
                when, starts_on = parse_when(data["when_text"], year=year)
            except ValueError as exc:
                add_form.add_error("when_text", str(exc))
            else:
                try:
                    planned_activity_create(
                        commitment=data["commitment"],
                        year=year,
                        kind=data["kind"],
                        when=when,
                        starts_on=starts_on,
                        quantity=data["quantity"],
                        area=data["area"],
                        organisation=data["organisation"],
                        responsible=data["responsible"],
                        description=data["description"],
                        user=request.user,
                    )
                except ValidationError as exc:
                    apply_service_errors(
                        add_form,
                        exc,
                        fields={"starts_on": "when_text", "when": "when_text"},
                    )
                else:
                    messages.success(request, _("Den planerade aktiviteten är sparad."))
                    return redirect("followup:plan_year", pk=promise.pk, year=year)
        elif request.POST.get("action") == "copy" and copy_form.is_valid():
            try:
                result = plan_copy(
                    promise=promise,
                    from_year=copy_form.cleaned_data["from_year"],
                    to_year=copy_form.cleaned_data["to_year"],
                    user=request.user,
                )
            except ValidationError as exc:
                apply_service_errors(copy_form, exc)
            else:
                text = ngettext(
                    "%(n)s planerad aktivitet kopierades.",
                    "%(n)s planerade aktiviteter kopierades.",
                    len(result.created),
                ) % {"n": len(result.created)}
                if result.left_out:
                    text += " " + _(
                        "%(n)s hamnade utanför löftets period och kopierades inte: "
                        "%(lines)s."
                    ) % {
                        "n": len(result.left_out),
                        "lines": ", ".join(
                            f"{p.kind} {p.starts_on:%Y-%m-%d}" for p in result.left_out
                        ),
                    }
                messages.success(request, text)
                return redirect(
                    "followup:plan_year",
                    pk=promise.pk,
                    year=copy_form.cleaned_data["to_year"],
                )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "followup/plan.html",
        {
            "promise": promise,
            "year": year,
            "years": plan_years(promise),
            "commitments": plan_selectors.plan_for_year(promise=promise, year=year),
            "add_form": add_form,
            "copy_form": copy_form,
            "kinds": COMMON_KINDS,
            "can_edit": can_edit,
            "can_log": can_log_activity(request.user, promise),
            "has_lines": PlannedActivity.objects.filter(
                commitment__promise=promise, year=year
            ).exists(),
        },
        status=status,
    )


@staff_view
def plan_tick(request: HttpRequest, pk: int) -> HttpResponse:
    """Which planned lines of the commitment one done activity carried out."""

    commitment = _commitment_for_logger(request, pk)
    promise = commitment.promise
    activities = Activity.objects.filter(commitment=commitment).order_by("-date")
    planned = PlannedActivity.objects.filter(commitment=commitment).order_by(
        "starts_on", "pk"
    )
    raw = request.GET.get("aktivitet", "")
    initial: dict[str, Any] = {}
    if raw.isdecimal():
        initial = {
            "activity": int(raw),
            "planned": list(
                planned.filter(done_by=int(raw)).values_list("pk", flat=True)
            ),
        }
    form = PlanTickForm(
        request.POST or None, activities=activities, planned=planned, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        activity = form.cleaned_data["activity"]
        if not can_change_activity(request.user, promise, activity):
            raise PermissionDenied(
                _("Du får bara bocka av med aktiviteter du själv har loggat.")
            )
        try:
            chosen = planned_activity_tick(
                activity=activity, planned=form.cleaned_data["planned"]
            )
        except ValidationError as exc:
            form.add_error("planned", exc.messages[0])
        else:
            messages.success(
                request,
                ngettext(
                    "Aktiviteten bockar av %(n)s planerad aktivitet.",
                    "Aktiviteten bockar av %(n)s planerade aktiviteter.",
                    len(chosen),
                )
                % {"n": len(chosen)},
            )
            return redirect("followup:plan", pk=promise.pk)
    return render(
        request,
        "followup/plan_tick.html",
        {"promise": promise, "commitment": commitment, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_view
def arshjul_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The årshjul month by month; editors add the kommun's recurring dates."""

    promise = _promise(request, pk)
    can_edit = can_edit_promise(request.user, promise)
    kommuner = [p for p in promise.parties.all() if p.is_kommun]
    form = RecurringEventForm(request.POST or None)
    if request.method == "POST":
        _require_editor(request, promise)
        if not kommuner:
            form.add_error(None, _("Löftet har ingen kommun som part."))
        elif form_saved(
            request,
            form,
            lambda data: recurring_event_create(organisation=kommuner[0], **data),
            _("Händelsen är sparad i årshjulet."),
        ):
            return redirect("followup:arshjul", pk=promise.pk)
    return render(
        request,
        "followup/arshjul.html",
        {
            "promise": promise,
            "months": arshjul(promise=promise),
            "form": form,
            "can_edit": can_edit and bool(kommuner),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view
def arshjul_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The årshjul as an iCalendar file; an empty plan is answered with a message."""
    from django.utils.text import slugify

    promise = _promise(request, pk)
    try:
        data = ical_bytes(promise=promise, host=request.get_host() or "localhost")
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("followup:arshjul", pk=promise.pk)
    name = slugify(promise.title)[:60] or "arshjul"
    return file_response(data, f"arshjul-{name}.ics")


@staff_view
def communication(request: HttpRequest, pk: int) -> HttpResponse:
    """The communication plan: what is told, where, to whom, when; late ones marked."""

    promise = _promise(request, pk)
    can_edit = can_edit_promise(request.user, promise)
    organisations = Organisation.objects.filter(
        pk__in=[p.pk for p in promise.parties.all()]
    ).order_by("name")
    form = CommunicationForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        _require_editor(request, promise)
        if form_saved(
            request,
            form,
            lambda data: communication_create(promise=promise, **data),
            _("Kommunikationsaktiviteten är sparad."),
        ):
            return redirect("followup:communication", pk=promise.pk)
    late = {c.pk for c in plan_selectors.communication_late(promise=promise)}
    return render(
        request,
        "followup/communication.html",
        {
            "promise": promise,
            "items": plan_selectors.communication_plan(promise=promise),
            "late": late,
            "form": form,
            "can_edit": can_edit,
            "today": timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_view
@require_POST
def communication_status(request: HttpRequest, pk: int) -> HttpResponse:

    item = found(
        lambda: CommunicationActivity.objects.get(pk=pk),
        CommunicationActivity.DoesNotExist,
        _("Det finns ingen sådan kommunikationsaktivitet."),
    )
    promise = _promise(request, item.promise_id)
    _require_editor(request, promise)
    status = request.POST.get("status", "")
    try:
        communication_set_status(
            item=item,
            status=status,
            done_on=timezone.localdate() if status == "done" else None,
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Status är ändrad."))
    return redirect("followup:communication", pk=promise.pk)
