"""Writes to a promise's communication plan: the only place that changes it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from ..models import Channel, CommunicationActivity, CommunicationStatus

__all__ = ["communication_create", "communication_set_status"]


def communication_create(
    *,
    promise: Promise,
    title: str,
    channel: str,
    planned_on: dt.date | None,
    audience: str = "",
    organisation: Organisation | None = None,
    responsible: str = "",
    reports_followup: bool = False,
) -> CommunicationActivity:
    """A planned communication inside the promise's period (or a year before it
    starts, to announce it), or nothing."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = ["Vad: skriv vad som ska kommuniceras."]
    if channel not in Channel.values:
        errors["channel"] = [
            "Kanal: välj webb, sociala medier, lokaltidning, möte, skola eller annat."
        ]
    if planned_on is None:
        errors["planned_on"] = ["När: ange ett datum."]
    elif promise.period_end and planned_on > promise.period_end + dt.timedelta(
        days=183
    ):
        errors["planned_on"] = [
            f"När: {planned_on.isoformat()} ligger långt efter löftets period "
            f"(slutar {promise.period_end.isoformat()})."
        ]
    elif promise.period_start and planned_on < promise.period_start - dt.timedelta(
        days=366
    ):
        errors["planned_on"] = [
            f"När: {planned_on.isoformat()} ligger långt före löftets period "
            f"(börjar {promise.period_start.isoformat()})."
        ]
    if organisation is not None and organisation.pk not in {
        p.pk for p in promise.parties.all()
    }:
        errors["organisation"] = ["Ansvarig organisation: ska vara en part i löftet."]
    if errors or planned_on is None:
        raise ValidationError(errors)
    with transaction.atomic():
        return CommunicationActivity.objects.create(
            promise=promise,
            title=title.strip(),
            channel=channel,
            planned_on=planned_on,
            audience=audience.strip(),
            organisation=organisation,
            responsible=responsible.strip(),
            reports_followup=reports_followup,
        )


def communication_set_status(
    *, item: CommunicationActivity, status: str, done_on: dt.date | None = None
) -> CommunicationActivity:
    """Marks a communication done (with its day), cancelled or planned again."""
    if status not in CommunicationStatus.values:
        raise ValidationError(
            {"status": ["Status: planerad, genomförd eller inställd."]}
        )
    if status == CommunicationStatus.DONE and done_on is None:
        raise ValidationError({"done_on": ["Genomförd: ange vilken dag."]})
    with transaction.atomic():
        item.status = status
        item.done_on = done_on if status == CommunicationStatus.DONE else None
        item.save(update_fields=["status", "done_on"])
    return item
