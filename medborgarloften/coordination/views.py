"""Staff pages of the coordination under /personal/samordning/, and the public
summary of a published meeting. Each view: a permission helper finds the object, a
form parses, one service or selector runs, a template renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.access import found, permitted
from medborgarloften.lib.forms import calling, form_saved, form_submit, service_done
from medborgarloften.lib.screening import possible_names
from medborgarloften.places.models import Organisation

from . import selectors, services
from .forms import (
    AgendaItemForm,
    DecisionForm,
    DecisionStatusForm,
    MeetingForm,
    MinutesForm,
    RoleForm,
)
from .models import ActionStatus, Decision, Meeting
from .permissions import (
    can_edit_coordination,
    can_update_decision,
    can_view_coordination,
    can_view_decision,
)

NOT_MEMBER = gettext_lazy(
    "Du är inte medlem i kommunen och kan inte se dess samordning."
)


def _kommun(request: HttpRequest, code: str) -> Organisation:
    kommun = found(
        lambda: selectors.kommun_by_code(code=code),
        Organisation.DoesNotExist,
        _("Det finns ingen kommun med den koden."),
    )
    return permitted(request.user, kommun, can_view_coordination, NOT_MEMBER)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = found(
        lambda: selectors.meeting_for_staff(pk=pk),
        Meeting.DoesNotExist,
        _("Det finns inget möte med det numret."),
    )
    permitted(request.user, meeting.kommun, can_view_coordination, NOT_MEMBER)
    return meeting


@staff_view
def index(request: HttpRequest) -> HttpResponse:
    kommuner = selectors.kommuner_for_user(user=request.user)
    if len(kommuner) == 1:
        return redirect("coordination:kommun", code=kommuner[0].code)
    return render(request, "coordination/index.html", {"kommuner": kommuner})


def _overview(request: HttpRequest, kommun: Organisation, **forms: Any) -> HttpResponse:
    organisations = selectors.owner_choices(kommun=kommun)
    context = {
        "kommun": kommun,
        "overview": selectors.coordination_overview(kommun=kommun),
        "can_edit": can_edit_coordination(request.user, kommun),
        "role_form": RoleForm(organisations=organisations),
        "meeting_form": MeetingForm(),
    } | forms
    return render(request, "coordination/kommun.html", context)


@staff_view
def kommun(request: HttpRequest, code: str) -> HttpResponse:
    return _overview(request, _kommun(request, code))


@staff_view
@require_POST
def role_assign(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun(request, code)
    form = RoleForm(request.POST, organisations=selectors.owner_choices(kommun=kommun))
    if form_saved(
        request,
        form,
        lambda data: services.coordination_role_assign(
            actor=request.user, kommun=kommun, **data
        ),
        _("Rollen är sparad."),
    ):
        return redirect("coordination:kommun", code=code)
    return _overview(request, kommun, role_form=form)


@staff_view
@require_POST
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun(request, code)
    form = MeetingForm(request.POST)
    create = calling(services.meeting_create, actor=request.user, kommun=kommun)
    message = _("Mötet är skapat med en dagordning.")
    if saved := form_submit(request, form, create, message):
        return redirect("coordination:meeting", pk=saved.value.pk)
    return _overview(request, kommun, meeting_form=form)


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms: Any) -> HttpResponse:
    organisations = selectors.owner_choices(kommun=meeting.kommun)
    context = {
        "meeting": meeting,
        "kommun": meeting.kommun,
        "can_edit": can_edit_coordination(request.user, meeting.kommun),
        "agenda_form": AgendaItemForm(),
        "minutes_form": MinutesForm(
            initial={
                "minutes": meeting.minutes,
                "public_summary": meeting.public_summary,
            }
        ),
        "decision_form": DecisionForm(organisations=organisations),
        "status_choices": ActionStatus.choices,
        "updatable": {
            d.pk
            for d in meeting.decisions.all()
            if can_update_decision(request.user, d)
        },
        "summary_names": possible_names(meeting.public_summary),
    } | forms
    return render(request, "coordination/meeting.html", context)


@staff_view
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


@staff_view
@require_POST
def agenda_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    services.meeting_agenda_refresh(actor=request.user, meeting=meeting)
    messages.success(request, _("Dagordningen är uppdaterad."))
    return redirect("coordination:meeting", pk=pk)


def _meeting_form_view(
    key: str,
    form_class: type[forms.Form],
    save: Callable[..., object],
    message: str | Promise = "",
    *,
    organisations: bool = False,
) -> Callable[..., HttpResponse]:
    """A POST of one form on the meeting page: the meeting (with the permission
    check) first, then ``save(actor=…, meeting=…, **cleaned_data)``; the page again
    with the form under ``key`` when it shows errors."""

    @staff_view
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        meeting = _meeting(request, pk)
        kwargs: dict[str, Any] = {}
        if organisations:
            kwargs["organisations"] = selectors.owner_choices(kommun=meeting.kommun)
        form = form_class(request.POST, **kwargs)
        if form_saved(
            request,
            form,
            lambda data: save(actor=request.user, meeting=meeting, **data),
            str(message),
        ):
            return redirect("coordination:meeting", pk=pk)
        return _meeting_page(request, meeting, **{key: form})

    return view


agenda_add = _meeting_form_view("agenda_form", AgendaItemForm, services.agenda_item_add)
minutes_save = _meeting_form_view(
    "minutes_form",
    MinutesForm,
    services.meeting_minutes_save,
    gettext_lazy("Protokollet är sparat."),
)
decision_new = _meeting_form_view(
    "decision_form",
    DecisionForm,
    services.decision_record,
    gettext_lazy("Beslutet är sparat."),
    organisations=True,
)


@staff_view
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    wanted = request.POST.get("published") == "1"
    service_done(
        request,
        lambda: services.meeting_publish(
            actor=request.user, meeting=meeting, published=wanted
        ),
        _("Sammanfattningen är publicerad.")
        if wanted
        else _("Sammanfattningen är inte längre publicerad."),
    )
    return redirect("coordination:meeting", pk=pk)


def _decision(request: HttpRequest, pk: int) -> Decision:
    decision = found(
        lambda: selectors.decision_for_staff(pk=pk),
        Decision.DoesNotExist,
        _("Det finns inget beslut med det numret."),
    )
    return permitted(request.user, decision, can_view_decision, NOT_MEMBER)


@staff_view
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision, for the organisation it was assigned to (which may not read
    the kommun's samordning): what, by when, decided where, and its status."""
    decision = _decision(request, pk)
    context = {
        "decision": decision,
        "meeting": decision.meeting,
        "can_read_meeting": can_view_coordination(
            request.user, decision.meeting.kommun
        ),
        "can_update": can_update_decision(request.user, decision),
        "status_choices": ActionStatus.choices,
    }
    return render(request, "coordination/decision.html", context)


@staff_view
@require_POST
def decision_status(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    form = DecisionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en status."))
    else:
        service_done(
            request,
            lambda: services.decision_status_set(
                actor=request.user, decision=decision, **form.cleaned_data
            ),
            _("Statusen är ändrad."),
        )
    if request.POST.get("next") == "decision" or not can_view_coordination(
        request.user, decision.meeting.kommun
    ):
        return redirect("coordination:decision", pk=decision.pk)
    return redirect("coordination:meeting", pk=decision.meeting_id)


def public_meeting(request: HttpRequest, code: str, uid: str) -> HttpResponse:
    meeting = found(
        lambda: selectors.published_meeting(code=code, uid=uid),
        Meeting.DoesNotExist,
        _("Det finns inget publicerat möte med den adressen."),
    )
    return render(request, "coordination/public_meeting.html", {"meeting": meeting})
