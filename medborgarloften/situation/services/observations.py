"""Writes to the lägesbild: EST-style observations from trained reporters.

Minimal for now (issue 2 needs it for the demo); later issues add surveys,
statistics, events and dialogues. Validate first, name the field, one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation, OrganisationKind

from .models import Observation, ObservationCategory

__all__ = ["observation_create"]

#: Clocks differ a little between phones and the server.
_CLOCK_SKEW = dt.timedelta(minutes=10)


def _observation_errors(
    *,
    kommun: Organisation,
    category: str,
    observed_at: dt.datetime,
    area: Area | None,
    latitude: float | None,
    longitude: float | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if kommun.kind != OrganisationKind.KOMMUN:
        add("kommun", _("Kommun: %(org)s är ingen kommun.") % {"org": kommun})
    if category not in ObservationCategory.values:
        add("category", _("Vad: okänd kategori %(value)r.") % {"value": category})
    if timezone.is_naive(observed_at):
        add("observed_at", _("När: tidpunkten saknar tidszon."))
    elif observed_at > timezone.now() + _CLOCK_SKEW:
        add("observed_at", _("När: tidpunkten ligger i framtiden."))
    if area is not None and area.kommun_id != kommun.pk:
        add(
            "area",
            _("Område: %(area)s ligger inte i %(kommun)s.")
            % {"area": area, "kommun": kommun},
        )
    if (latitude is None) != (longitude is None):
        add("latitude", _("Position: ange både latitud och longitud, eller ingen."))
    if latitude is not None and not -90 <= latitude <= 90:
        add("latitude", _("Latitud: ska ligga mellan -90 och 90."))
    if longitude is not None and not -180 <= longitude <= 180:
        add("longitude", _("Longitud: ska ligga mellan -180 och 180."))
    return errors


@transaction.atomic
def observation_create(
    *,
    kommun: Organisation,
    category: str,
    observed_at: dt.datetime,
    reporter: Any = None,
    area: Area | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    text: str = "",
    organisation: Organisation | None = None,
) -> Observation:
    """Store one observation in a kommun: a known category, a past time, its own area."""
    errors = _observation_errors(
        kommun=kommun,
        category=category,
        observed_at=observed_at,
        area=area,
        latitude=latitude,
        longitude=longitude,
    )
    if errors:
        raise ValidationError(errors)
    observation = Observation(
        kommun=kommun,
        category=category,
        observed_at=observed_at,
        area=area,
        latitude=latitude,
        longitude=longitude,
        text=text.strip(),
        reporter=reporter
        if reporter is not None and reporter.is_authenticated
        else None,
        organisation=organisation,
    )
    # The related objects are given, not looked up: clean only the plain fields.
    observation.full_clean(
        exclude=["kommun", "area", "reporter", "organisation"],
        validate_unique=False,
        validate_constraints=False,
    )
    observation.save()
    return observation
