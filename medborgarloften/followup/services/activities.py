"""Writes to the follow-up: activities reported against commitments.

Minimal for now (issue 2 needs it for the demo); later issues add editing, progress
and reports. Every function validates first, names the field in a Swedish message and
saves inside one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation

from .models import Activity

__all__ = ["activity_create"]


def _activity_errors(
    *,
    commitment: Any,
    date: dt.date,
    end_date: dt.date | None,
    kind: str,
    quantity: int,
    area: Area | None,
    organisation: Organisation | None,
    links: list[str],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if not kind:
        add("kind", _("Typ: skriv vad som gjordes, t.ex. trygghetsvandring."))
    if end_date is not None and end_date < date:
        add("end_date", _("Till och med: slutdatumet ligger före startdatumet."))
    if quantity < 1:
        add("quantity", _("Antal: ska vara minst 1."))
    parties = list(commitment.promise.parties.all())
    if area is not None and area.kommun_id not in {p.pk for p in parties}:
        add(
            "area",
            _("Område: %(area)s ligger inte i någon av löftets kommuner.")
            % {"area": area},
        )
    if organisation is not None:
        allowed = {p.pk for p in parties} | {
            o.pk for o in commitment.other_parties.all()
        }
        if organisation.pk not in allowed:
            add(
                "organisation",
                _("Utförd av: %(org)s är ingen part i löftet.") % {"org": organisation},
            )
    for link in links:
        if not link.startswith(("https://", "http://")):
            add(
                "links",
                _("Länkar: %(link)s är ingen webbadress (http:// eller https://).")
                % {"link": link},
            )
    return errors


@transaction.atomic
def activity_create(
    *,
    commitment: Any,
    date: dt.date,
    kind: str,
    actor: Any = None,
    end_date: dt.date | None = None,
    area: Area | None = None,
    quantity: int = 1,
    participants: int | None = None,
    organisation: Organisation | None = None,
    description: str = "",
    links: Iterable[str] = (),
    hours: Decimal | None = None,
    cost: Decimal | None = None,
    source: str = "webb",
) -> Activity:
    """Record what was done against a commitment, in one of the promise's kommuner."""
    kind = " ".join(kind.split())
    link_list = [link.strip() for link in links if link.strip()]
    errors = _activity_errors(
        commitment=commitment,
        date=date,
        end_date=end_date,
        kind=kind,
        quantity=quantity,
        area=area,
        organisation=organisation,
        links=link_list,
    )
    if errors:
        raise ValidationError(errors)
    activity = Activity(
        commitment=commitment,
        date=date,
        end_date=end_date,
        area=area,
        kind=kind,
        quantity=quantity,
        participants=participants,
        organisation=organisation,
        description=description.strip(),
        links=link_list,
        hours=hours,
        cost=cost,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        source=source[:100],
    )
    # The related objects are given, not looked up, and the constraints were checked
    # above (the database enforces them too): clean only the plain fields.
    activity.full_clean(
        exclude=["commitment", "area", "organisation", "created_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    activity.save()
    return activity
