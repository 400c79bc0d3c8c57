"""EST-style observations from trained reporters: what, where, when, a short text.

A point is checked against Sweden and the kommun's boundary and, when no area is
chosen, placed in the area whose geometry holds it. Validate first, name the field,
one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.errors import FieldErrors
from medborgarloften.places.models import Area, Organisation
from medborgarloften.places.services import area_in_kommun, kommun_required

from .. import geo
from ..models import Observation, ObservationCategory
from ..periods import local_month
from ..permissions import can_change_observation

__all__ = [
    "area_at",
    "observation_create",
    "observation_delete",
    "observation_update",
]

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
    errors = FieldErrors()
    add = errors.add

    kommun_required(errors, kommun)
    if category not in ObservationCategory.values:
        add("category", _("Vad: okänd kategori %(value)r.") % {"value": category})
    if timezone.is_naive(observed_at):
        add("observed_at", _("När: tidpunkten saknar tidszon."))
    elif observed_at > timezone.now() + _CLOCK_SKEW:
        add("observed_at", _("När: tidpunkten ligger i framtiden."))
    area_in_kommun(errors, area, kommun)
    if (latitude is None) != (longitude is None):
        add("latitude", _("Position: ange både latitud och longitud, eller ingen."))
    if latitude is not None and not -90 <= latitude <= 90:
        add("latitude", _("Latitud: ska ligga mellan -90 och 90."))
    if longitude is not None and not -180 <= longitude <= 180:
        add("longitude", _("Longitud: ska ligga mellan -180 och 180."))
    if errors or latitude is None or longitude is None:
        return errors
    if not geo.in_sweden_box(latitude, longitude):
        add(
            "latitude",
            _("Position: punkten (%(lat).5f, %(lon).5f) ligger utanför Sverige.")
            % {"lat": latitude, "lon": longitude},
        )
        return errors
    boundary = geo.kommun_geometry(kommun.code)
    if boundary is not None and not geo.near(boundary, lat=latitude, lon=longitude):
        add(
            "latitude",
            _("Position: punkten ligger utanför %(kommun)s.") % {"kommun": kommun},
        )
    elif (
        area is not None
        and area.geometry
        and not geo.near(
            area.geometry,
            lat=latitude,
            lon=longitude,
            tolerance=geo.AREA_TOLERANCE_DEGREES,
        )
    ):
        add(
            "area",
            _("Område: punkten ligger utanför %(area)s; välj rätt område eller inget.")
            % {"area": area},
        )
    return errors


def area_at(*, kommun: Organisation, latitude: float, longitude: float) -> Area | None:
    """The kommun's area whose geometry holds the point, the most specific one when
    several do (a plats inside its stadsdel: the smallest extent); None when none."""
    found = [
        area
        for area in Area.objects.filter(kommun=kommun, geometry__isnull=False)
        if geo.contains(area.geometry, lat=latitude, lon=longitude)
    ]
    if not found:
        return None
    return min(found, key=lambda area: (geo.extent(area.geometry), area.pk))


def _checked_area(
    *,
    kommun: Organisation,
    category: str,
    observed_at: dt.datetime,
    area: Area | None,
    latitude: float | None,
    longitude: float | None,
) -> Area | None:
    """Every check of a report (ValidationError naming the fields), then its area:
    the one chosen, else the one that holds the point, else none."""
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
    if area is None and latitude is not None and longitude is not None:
        return area_at(kommun=kommun, latitude=latitude, longitude=longitude)
    return area


def _clean_plain_fields(observation: Observation) -> None:
    """The related objects are given, not looked up: clean only the plain fields."""
    observation.full_clean(
        exclude=["kommun", "area", "reporter", "organisation"],
        validate_unique=False,
        validate_constraints=False,
    )


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
    submission: uuid.UUID | None = None,
) -> Observation:
    """Store one observation in a kommun: a known category, a past time, its own area,
    a point inside Sweden and the kommun, placed in the area that holds it.

    ``submission`` is the key of the form: when an observation with that key exists
    (the same form sent twice), it is returned with ``already_saved`` set and nothing
    new is written."""
    if submission is not None:
        existing = _submitted(submission, kommun)
        if existing is not None:
            return existing
    area = _checked_area(
        kommun=kommun,
        category=category,
        observed_at=observed_at,
        area=area,
        latitude=latitude,
        longitude=longitude,
    )
    observation = Observation(
        kommun=kommun,
        category=category,
        observed_at=observed_at,
        month=local_month(observed_at),
        area=area,
        latitude=latitude,
        longitude=longitude,
        text=text.strip(),
        reporter=reporter
        if reporter is not None and reporter.is_authenticated
        else None,
        organisation=organisation,
    )
    _clean_plain_fields(observation)
    observation.submission = submission
    try:
        with transaction.atomic():
            observation.save()
    except IntegrityError:
        # The same form arrived twice at once; the other copy was saved first.
        existing = _submitted(submission, kommun) if submission else None
        if existing is None:
            raise
        return existing
    return observation


def _submitted(submission: uuid.UUID, kommun: Organisation) -> Observation | None:
    existing = Observation.objects.filter(submission=submission).first()
    if existing is None:
        return None
    if existing.kommun_id != kommun.pk:
        raise ValidationError(
            {"submission": [_("Formuläret hör till en annan kommun; ladda om sidan.")]}
        )
    existing.already_saved = True  # type: ignore[attr-defined]
    return existing


def _refuse_unless_allowed(actor: Any, observation: Observation) -> None:
    if not can_change_observation(actor, observation):
        raise PermissionDenied(
            _(
                "Bara rapportören (inom två veckor) och kommunens redaktörer kan "
                "ändra eller ta bort en rapport."
            )
        )


@transaction.atomic
def observation_update(
    *,
    actor: Any,
    observation: Observation,
    category: str,
    observed_at: dt.datetime,
    area: Area | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    text: str = "",
    submission: uuid.UUID | None = None,
) -> Observation:
    """Correct an observation: the same checks as a new one, and the point placed in
    its area again. The reporter, organisation and kommun stay; the rollups follow
    by their triggers. ``submission`` is ignored (the form's key of a new report)."""
    _refuse_unless_allowed(actor, observation)
    area = _checked_area(
        kommun=observation.kommun,
        category=category,
        observed_at=observed_at,
        area=area,
        latitude=latitude,
        longitude=longitude,
    )
    observation.category = category
    observation.observed_at = observed_at
    observation.area = area
    observation.latitude = latitude
    observation.longitude = longitude
    observation.text = text.strip()
    _clean_plain_fields(observation)
    observation.save()
    return observation


@transaction.atomic
def observation_delete(*, actor: Any, observation: Observation) -> None:
    """Remove an observation (filed by mistake, or twice); the rollups follow."""
    _refuse_unless_allowed(actor, observation)
    observation.delete()
