"""Writes to the coordination: roles, meetings, their agenda, minutes, decisions and
publishing. Each checks the actor may write the kommun's coordination, validates
everything, then saves in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.screening import contact_details
from medborgarloften.places.models import Organisation

from .agenda import agenda_build
from .models import (
    ActionStatus,
    AgendaItem,
    CoordinationRole,
    Decision,
    Meeting,
    MeetingKind,
)
from .permissions import can_edit_coordination, can_update_decision

__all__ = [
    "agenda_item_add",
    "coordination_role_assign",
    "decision_record",
    "decision_status_set",
    "meeting_agenda_refresh",
    "meeting_create",
    "meeting_minutes_save",
    "meeting_publish",
]

MANUAL = "manual"


def _require_editor(actor: Any, kommun: Organisation) -> None:
    if actor is not None and not can_edit_coordination(actor, kommun):
        raise PermissionDenied(
            _("Bara administratörer och redaktörer i kommunen får ändra samordningen.")
        )


def public_text_errors(text: str) -> list[str]:
    """Why a text that residents will read may not be published as it stands: it
    holds a personnummer, a phone number or an e-mail address (``lib.screening``)."""
    found = contact_details(text)
    if not found:
        return []
    labels = {
        "personnummer": _("personnummer"),
        "telefonnummer": _("telefonnummer"),
        "e-postadress": _("e-postadress"),
    }
    return [
        _(
            "Texten visas öppet för alla och innehåller %(what)s. Ta bort "
            "kontaktuppgifter och personnummer; skriv roller och organisationer "
            "i stället för namn."
        )
        % {"what": ", ".join(str(labels[kind]) for kind in found)}
    ]


def _text(value: str) -> str:
    return (value or "").strip()


@transaction.atomic
def coordination_role_assign(
    *,
    actor: Any,
    kommun: Organisation,
    role: str,
    starts_on: dt.date,
    person: str = "",
    organisation: Organisation | None = None,
    unit: str = "",
    ends_on: dt.date | None = None,
) -> CoordinationRole:
    """Record who holds a coordination role from ``starts_on``; the previous holder
    of the same role, open-ended, ends the day before."""
    _require_editor(actor, kommun)
    errors: dict[str, list[str]] = {}
    if not _text(role):
        errors["role"] = [_("Skriv vilken roll det gäller.")]
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("Slutdatum får inte vara före startdatum.")]
    previous = list(
        CoordinationRole.objects.select_for_update().filter(
            kommun=kommun, role__iexact=_text(role), ends_on__isnull=True
        )
    )
    if any(p.starts_on >= starts_on for p in previous):
        errors["starts_on"] = [
            _(
                "Rollen har redan en innehavare från samma dag eller senare. "
                "Avsluta den först."
            )
        ]
    if errors:
        raise ValidationError(errors)
    for p in previous:
        p.ends_on = starts_on - dt.timedelta(days=1)
        p.save(update_fields=["ends_on"])
    return CoordinationRole.objects.create(
        kommun=kommun,
        role=_text(role),
        person=_text(person),
        organisation=organisation,
        unit=_text(unit),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=recorded_actor(actor),
    )


def _agenda_write(meeting: Meeting, today: dt.date) -> None:
    """Replace the generated points, keep the ones added by hand after them."""
    meeting.agenda_items.exclude(source=MANUAL).delete()
    entries = agenda_build(kommun=meeting.kommun, on=meeting.held_on, today=today)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=n,
            source=entry.source,
            title=entry.title[:300],
            detail=entry.detail[:2000],
            due=entry.due,
        )
        for n, entry in enumerate(entries)
    )
    for n, item in enumerate(
        meeting.agenda_items.filter(source=MANUAL), start=len(entries)
    ):
        if item.position != n:
            item.position = n
            item.save(update_fields=["position"])


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    kommun: Organisation,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str = "",
    today: dt.date | None = None,
) -> Meeting:
    """A meeting with its agenda generated from what is due by its date."""
    _require_editor(actor, kommun)
    errors: dict[str, list[str]] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [_("Välj slags möte.")]
    if not _text(title):
        errors["title"] = [_("Skriv en rubrik.")]
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        kommun=kommun,
        kind=kind,
        title=_text(title),
        held_on=held_on,
        place=_text(place),
        created_by=recorded_actor(actor),
    )
    _agenda_write(meeting, today or timezone.localdate())
    return meeting


@transaction.atomic
def meeting_agenda_refresh(
    *, actor: Any, meeting: Meeting, today: dt.date | None = None
) -> Meeting:
    """Build the generated agenda again from what is due now."""
    _require_editor(actor, meeting.kommun)
    _agenda_write(meeting, today or timezone.localdate())
    return meeting


@transaction.atomic
def agenda_item_add(
    *, actor: Any, meeting: Meeting, title: str, detail: str = ""
) -> AgendaItem:
    _require_editor(actor, meeting.kommun)
    if not _text(title):
        raise ValidationError({"title": [_("Skriv vad punkten gäller.")]})
    position = meeting.agenda_items.count()
    return AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        source=MANUAL,
        title=_text(title),
        detail=_text(detail),
    )


@transaction.atomic
def meeting_minutes_save(
    *, actor: Any, meeting: Meeting, minutes: str, public_summary: str
) -> Meeting:
    """The minutes (staff only) and the public summary; a published meeting keeps a
    summary."""
    _require_editor(actor, meeting.kommun)
    if meeting.published and not _text(public_summary):
        raise ValidationError(
            {
                "public_summary": [
                    _(
                        "Mötet är publicerat: sammanfattningen kan inte vara tom. "
                        "Avpublicera mötet först."
                    )
                ]
            }
        )
    if errors := public_text_errors(public_summary):
        raise ValidationError({"public_summary": errors})
    meeting.minutes = _text(minutes)
    meeting.public_summary = _text(public_summary)
    meeting.save(update_fields=["minutes", "public_summary", "updated_at"])
    return meeting


@transaction.atomic
def meeting_publish(
    *, actor: Any, meeting: Meeting, published: bool, today: dt.date | None = None
) -> Meeting:
    """Show the meeting's public summary to everyone, or take it down.

    A summary is of a meeting that has been held: one dated later than today is
    not published (it would tell residents what was decided before it was)."""
    _require_editor(actor, meeting.kommun)
    if published and meeting.held_on > (today or timezone.localdate()):
        raise ValidationError(
            _(
                "Mötet hålls %(date)s. Sammanfattningen kan publiceras när "
                "mötet har hållits."
            )
            % {"date": meeting.held_on.isoformat()}
        )
    if published and not meeting.public_summary.strip():
        raise ValidationError(
            _("Skriv en offentlig sammanfattning innan mötet publiceras.")
        )
    if published:
        texts = [
            meeting.public_summary,
            *meeting.decisions.values_list("text", flat=True),
        ]
        if any(public_text_errors(text) for text in texts):
            raise ValidationError(
                _(
                    "Sammanfattningen eller ett beslut innehåller personnummer, "
                    "telefonnummer eller e-postadresser och kan inte publiceras. "
                    "Ta bort dem först."
                )
            )
    meeting.published = published
    meeting.published_at = timezone.now() if published else None
    meeting.save(update_fields=["published", "published_at", "updated_at"])
    return meeting


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    meeting: Meeting,
    text: str,
    owner_organisation: Organisation | None = None,
    owner_role: str = "",
    due: dt.date | None = None,
) -> Decision:
    """A decision; with an owner and a due date it is a tracked action."""
    _require_editor(actor, meeting.kommun)
    errors: dict[str, list[str]] = {}
    if not _text(text):
        errors["text"] = [_("Skriv vad som beslutades.")]
    elif text_errors := public_text_errors(text):
        errors["text"] = text_errors
    has_owner = owner_organisation is not None or bool(_text(owner_role))
    if due is not None and not has_owner:
        errors["owner_role"] = [
            _("En åtgärd med datum behöver en ansvarig organisation eller roll.")
        ]
    if has_owner and due is None:
        errors["due"] = [_("En åtgärd med ansvarig behöver ett datum.")]
    if due is not None and due < meeting.held_on:
        errors["due"] = [_("Datumet kan inte vara före mötet.")]
    if errors:
        raise ValidationError(errors)
    return Decision.objects.create(
        meeting=meeting,
        text=_text(text),
        owner_organisation=owner_organisation,
        owner_role=_text(owner_role),
        due=due,
        created_by=recorded_actor(actor),
    )


@transaction.atomic
def decision_status_set(*, actor: Any, decision: Decision, status: str) -> Decision:
    """Move a tracked action to a new status, recording who and when: the
    kommun's writers or the owning organisation's (``can_update_decision``)."""
    if not can_update_decision(actor, decision):
        raise PermissionDenied(
            _(
                "Bara kommunens redaktörer och den ansvariga organisationens "
                "redaktörer kan ändra beslutets status."
            )
        )
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Okänd status.")]})
    if not decision.tracked:
        raise ValidationError(
            {"status": [_("Beslutet har ingen ansvarig och inget datum att följa.")]}
        )
    decision.status = status
    decision.status_changed_at = timezone.now()
    decision.status_changed_by = recorded_actor(actor)
    decision.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    return decision
