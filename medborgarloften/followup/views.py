"""Staff pages for the follow-up under /personal/uppfoljning/, and the public page of
a published report.

Each view: a permission helper finds the object, a form parses, one service or
selector runs, a template renders.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.accounts.permissions import organisation_roles
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
from medborgarloften.followup.plan_selectors import communication_late
from medborgarloften.followup.plans import parse_when
from medborgarloften.followup.reminders import reminders_for_user
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
from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Commitment, Promise

from . import reports as report_render
from . import selectors
from .forms import COMMON_KINDS, ActivityForm, AssessmentForm, ImportForm, ReportForm
from .models import Activity, Assessment, Report, ReportStatus
from .permissions import (
    can_change_activity,
    can_edit_promise,
    can_log_activity,
    can_view_promise,
)
from .services import (
    COLUMN_HELP,
    ImportRefused,
    StaleActivity,
    activities_import,
    activities_import_check,
    activity_create,
    activity_delete,
    activity_update,
    assessment_save,
    report_create,
    report_entries_save,
    report_set_status,
    report_update,
)
from .tables import MAX_BYTES

View = Callable[..., HttpResponse]


NOT_MEMBER = gettext_lazy(
    "Du är inte medlem i någon av organisationerna bakom det här löftet."
)


CANNOT_LOG = gettext_lazy(
    "Bara redaktörer, administratörer och rapportörer i organisationerna bakom "
    "löftet får logga aktiviteter."
)


def _promise(request: HttpRequest, pk: int) -> Promise:
    try:
        promise = selectors.promise_for_followup(pk=pk)
    except Promise.DoesNotExist:
        raise Http404(_("Det finns inget medborgarlöfte med det numret."))
    if not can_view_promise(request.user, promise):
        raise PermissionDenied(NOT_MEMBER)
    return promise


def _require_editor(request: HttpRequest, promise: Promise) -> None:
    if not can_edit_promise(request.user, promise):
        raise PermissionDenied(
            _(
                "Bara administratörer och redaktörer i organisationerna bakom "
                "löftet får ändra uppföljningen."
            )
        )


def _commitment_for_logger(request: HttpRequest, pk: int) -> Commitment:
    try:
        commitment = selectors.commitment_for_staff(pk=pk)
    except Commitment.DoesNotExist:
        raise Http404(_("Det finns inget åtagande med det numret."))
    if not can_log_activity(request.user, commitment.promise):
        raise PermissionDenied(CANNOT_LOG)
    return commitment


def _activity_for_changer(request: HttpRequest, pk: int) -> Activity:
    try:
        activity = selectors.activity_for_staff(pk=pk)
    except Activity.DoesNotExist:
        raise Http404(
            _("Aktiviteten finns inte (längre). Någon kan ha tagit bort den.")
        )
    promise = selectors.promise_for_followup(pk=activity.commitment.promise_id)
    if not can_change_activity(request.user, promise, activity):
        raise PermissionDenied(
            _(
                "Du får ändra aktiviteter du själv har loggat; andras får bara "
                "redaktörer och administratörer ändra."
            )
        )
    return activity


def _report(request: HttpRequest, pk: int) -> Report:
    try:
        report = Report.objects.select_related("promise", "approved_by").get(pk=pk)
    except Report.DoesNotExist:
        raise Http404(_("Det finns ingen rapport med det numret."))
    report.promise = _promise(request, report.promise_id)
    return report


# --- Dashboard and activities ------------------------------------------------------


@staff_view
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    board = selectors.promise_dashboard(promise=promise)

    return render(
        request,
        "followup/dashboard.html",
        {
            "promise": promise,
            "board": board,
            "late_communication": communication_late(promise=promise),
            "can_edit": can_edit_promise(request.user, promise),
            "can_log": can_log_activity(request.user, promise),
        },
    )


@staff_view
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    raw = request.GET.get("atagande", "")
    commitment_id = int(raw) if raw.isdecimal() else None
    return render(
        request,
        "followup/activity_list.html",
        {
            "promise": promise,
            "activities": selectors.activities_for_promise(
                promise=promise, commitment_id=commitment_id
            ),
            "can_edit": can_edit_promise(request.user, promise),
        },
    )


def _activity_form(commitment: Commitment, *args: Any, **kwargs: Any) -> ActivityForm:
    areas, organisations = selectors.activity_choices(commitment=commitment)
    return ActivityForm(*args, areas=areas, organisations=organisations, **kwargs)


def _progress_row(commitment: Commitment) -> Any:
    rows = selectors.commitment_rows(promise=commitment.promise)
    return next((r for r in rows if r.commitment.pk == commitment.pk), None)


@staff_view
def activity_new(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment_for_logger(request, pk)
    # The user's own organisation is the likeliest "utförd av".
    own = organisation_roles(request.user)
    initial = {
        "organisation": next(
            (p.pk for p in commitment.promise.parties.all() if p.pk in own), None
        )
    }
    # After a promise ended, late entries belong to its last day, not to today.
    today = timezone.localdate()
    end = commitment.promise.period_end
    initial["date"] = min(today, end) if end else today
    initial["submission"] = uuid.uuid4()
    form = _activity_form(commitment, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(
                commitment=commitment, actor=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if activity.already_saved:
                messages.info(
                    request,
                    _("Aktiviteten var redan sparad; formuläret skickades två gånger."),
                )
            else:
                messages.success(request, _("Aktiviteten är sparad."))
            return redirect("followup:activity_new", pk=commitment.pk)
    return render(
        request,
        "followup/activity_form.html",
        {
            "commitment": commitment,
            "promise": commitment.promise,
            "form": form,
            "kinds": COMMON_KINDS,
            "row": _progress_row(commitment),
            "activity": None,
        },
    )


@staff_view
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for_changer(request, pk)
    commitment = selectors.commitment_for_staff(pk=activity.commitment_id)
    initial = {
        "date": activity.date,
        "end_date": activity.end_date,
        "kind": activity.kind,
        "area": activity.area_id,
        "quantity": activity.quantity,
        "participants": activity.participants,
        "organisation": activity.organisation_id,
        "description": activity.description,
        "links": "\n".join(activity.links),
        "hours": activity.hours,
        "cost": activity.cost,
        "version": activity.version,
    }
    form = _activity_form(commitment, request.POST or None, initial=initial)
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity,
                version=form.cleaned_data.get("version") or 0,
                actor=request.user,
                **form.service_kwargs(new=False),
            )
        except StaleActivity as exc:
            stale = True
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Ändringen är sparad."))
            return redirect("followup:activities", pk=commitment.promise_id)
    return render(
        request,
        "followup/activity_form.html",
        {
            "commitment": commitment,
            "promise": commitment.promise,
            "form": form,
            "kinds": COMMON_KINDS,
            "row": None,
            "activity": activity,
            "stale": stale,
        },
        status=409 if stale else 200,
    )


@staff_view
def activity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for_changer(request, pk)
    promise_id = activity.commitment.promise_id
    error = ""
    if request.method == "POST":
        raw = request.POST.get("version", "")
        try:
            activity_delete(
                activity=activity,
                version=int(raw) if raw.isdecimal() else 0,
                actor=request.user,
            )
        except StaleActivity as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Aktiviteten är borttagen."))
            return redirect("followup:activities", pk=promise_id)
    return render(
        request,
        "followup/activity_delete.html",
        {"activity": activity, "error": error},
        status=409 if error else 200,
    )


@staff_view
def activity_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview with row errors → save all (the file rides along, base64,
    and is checked again on save)."""
    promise = _promise(request, pk)
    if not can_log_activity(request.user, promise):
        raise PermissionDenied(CANNOT_LOG)
    check = None
    form = ImportForm()
    payload = filename = ""
    if request.method == "POST" and "payload" in request.POST:
        filename = request.POST.get("filename", "")[:200]
        try:
            data = base64.b64decode(request.POST["payload"], validate=True)
        except (binascii.Error, ValueError):
            data = b""
        if len(data) > MAX_BYTES:
            data = b""
        try:
            submission = uuid.UUID(request.POST.get("submission", ""))
        except ValueError:
            submission = None
        try:
            created = activities_import(
                promise=promise,
                data=data,
                filename=filename,
                actor=request.user,
                submission=submission,
            )
        except ImportRefused as exc:
            check = exc.check
            payload = request.POST["payload"]
        else:
            if created and created[0].already_saved:
                messages.info(
                    request,
                    _(
                        "Aktiviteterna var redan sparade; bekräftelsen skickades "
                        "två gånger."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("%(n)s aktiviteter är sparade.") % {"n": len(created)},
                )
            return redirect("followup:dashboard", pk=promise.pk)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error(
                    "file",
                    _("Fil: högst %(kb)s kB; dela upp den.")
                    % {"kb": MAX_BYTES // 1024},
                )
            else:
                data = upload.read()
                filename = upload.name
                check = activities_import_check(
                    promise=promise, data=data, filename=filename
                )
                payload = base64.b64encode(data).decode("ascii")
    return render(
        request,
        "followup/import.html",
        {
            "promise": promise,
            "form": form,
            "check": check,
            "payload": payload,
            "filename": filename,
            "submission": uuid.uuid4(),
            "columns": COLUMN_HELP,
        },
    )


@staff_view
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = _commitment_for_logger(request, pk)
    _require_editor(request, commitment.promise)
    existing = Assessment.objects.filter(commitment=commitment).first()
    initial = (
        {
            "text": existing.text,
            "manual_status": existing.manual_status,
            "version": existing.version,
        }
        if existing
        else {}
    )
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_save(
                commitment=commitment,
                text=form.cleaned_data["text"],
                manual_status=form.cleaned_data["manual_status"],
                version=form.cleaned_data.get("version"),
                actor=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Bedömningen är sparad."))
            return redirect("followup:dashboard", pk=commitment.promise_id)
    return render(
        request,
        "followup/assessment_form.html",
        {"commitment": commitment, "promise": commitment.promise, "form": form},
    )


# --- Reports -----------------------------------------------------------------------


@staff_view
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    _require_editor(request, promise)
    today = timezone.localdate()
    start = promise.period_start or today.replace(month=1, day=1)
    initial = {
        "title": _("Uppföljning av %(title)s") % {"title": promise.title},
        "period_start": start,
        "period_end": min(today, promise.period_end) if promise.period_end else today,
        "kind": "followup",
        "submission": uuid.uuid4(),
    }
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            report = report_create(promise=promise, actor=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if report.already_saved:
                messages.info(
                    request,
                    _("Rapportutkastet var redan skapat; det skapades inte igen."),
                )
            else:
                messages.success(request, _("Rapportutkastet är skapat."))
            return redirect("followup:report", pk=report.pk)
    return render(
        request,
        "followup/report_form.html",
        {"promise": promise, "form": form, "report": None},
    )


@staff_view
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff view of a report: the rendered report, its workflow and the
    assessment per commitment to complete."""
    report = _report(request, pk)
    can_edit = can_edit_promise(request.user, report.promise)
    error = ""
    if request.method == "POST":
        _require_editor(request, report.promise)
        texts = {
            c.pk: (
                request.POST.get(f"assessment-{c.pk}", ""),
                request.POST.get(f"not_done-{c.pk}", ""),
            )
            for c in report.promise.commitments.all()
            if f"assessment-{c.pk}" in request.POST
        }
        raw = request.POST.get("version", "")
        try:
            report_entries_save(
                report=report,
                version=int(raw) if raw.isdecimal() else 0,
                texts=texts,
                actor=request.user,
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Bedömningarna är sparade."))
            return redirect("followup:report", pk=report.pk)
    context = report_render.report_context(report=report)
    context |= {
        "can_edit": can_edit,
        "error": error,
        "transitions": [
            (status, ReportStatus(status).label)
            for status in report.allowed_transitions()
        ],
    }
    return render(request, "followup/report_staff.html", context)


@staff_view
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require_editor(request, report.promise)
    initial = {
        "title": report.title,
        "kind": report.kind,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "summary": report.summary,
        "process": report.process,
        "effect": report.effect,
        "version": report.version,
    }
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None) or 0
        data.pop("submission", None)
        try:
            report_update(report=report, version=version, actor=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Rapporten är sparad."))
            return redirect("followup:report", pk=report.pk)
    return render(
        request,
        "followup/report_form.html",
        {"promise": report.promise, "form": form, "report": report},
    )


@staff_view
@require_POST
def report_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    report = _report(request, pk)
    _require_editor(request, report.promise)
    raw = request.POST.get("version", "")
    try:
        report_set_status(
            report=report,
            status=status,
            actor=request.user,
            version=int(raw) if raw.isdecimal() else None,
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Rapporten är nu %(status)s.")
            % {"status": report.get_status_display().lower()},
        )
    return redirect("followup:report", pk=report.pk)


@staff_view
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return report_render.pdf_response(report=report, request=request)


@staff_view
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return report_render.docx_response(report=report)


def _public_report(uid: str) -> Report:
    try:
        return Report.objects.published().select_related("promise").get(uid=uid)
    except (Report.DoesNotExist, ValidationError):
        raise Http404(_("Rapporten finns inte eller är inte publicerad."))


def public_report(request: HttpRequest, uid: str) -> HttpResponse:
    """A published report, for anyone, without login."""
    report = _public_report(uid)
    context = report_render.report_context(report=report)
    return render(request, "followup/report_public.html", context)


def public_report_pdf(request: HttpRequest, uid: str) -> HttpResponse:
    return report_render.pdf_response(report=_public_report(uid), request=request)


def public_report_docx(request: HttpRequest, uid: str) -> HttpResponse:
    return report_render.docx_response(report=_public_report(uid))


# --- Reminders ---------------------------------------------------------------------


@staff_view
def reminders(request: HttpRequest) -> HttpResponse:

    return render(
        request,
        "followup/reminders.html",
        {"groups": reminders_for_user(user=request.user)},
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
                text = _("%(n)s planerade aktiviteter kopierades.") % {
                    "n": len(result.created)
                }
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
                _("Aktiviteten bockar av %(n)s planerade aktiviteter.")
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
        elif form.is_valid():
            try:
                recurring_event_create(organisation=kommuner[0], **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Händelsen är sparad i årshjulet."))
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
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    name = slugify(promise.title)[:60] or "arshjul"
    response["Content-Disposition"] = f'attachment; filename="arshjul-{name}.ics"'
    return response


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
        if form.is_valid():
            try:
                communication_create(promise=promise, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Kommunikationsaktiviteten är sparad."))
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

    try:
        item = CommunicationActivity.objects.get(pk=pk)
    except CommunicationActivity.DoesNotExist:
        raise Http404(_("Det finns ingen sådan kommunikationsaktivitet."))
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
