"""Points from a digital trygghetsvandring: submitted, then moderated into observations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.places.models import Area

from ... import geo
from ...models import (
    ObservationCategory,
    Survey,
    WalkPoint,
    WalkStatus,
)
from ...services.observations import area_at, observation_create
from ..bank import WALK_REASONS
from ._common import (
    _REASON_CATEGORY,
    COMMENT_MAX,
    _add,
)
from .answers import _background_errors, _closed_error


@transaction.atomic
def walk_point_submit(
    *,
    survey: Survey,
    reasons: list[str],
    comment: str = "",
    area: Area | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    place_text: str = "",
) -> WalkPoint:
    """Save one unsafe place, pending moderation: a point inside the kommun, one of
    the walk's areas or the place in words, known reasons, a comment kept as plain
    text. A point is stored with the area it lies in."""
    today = timezone.localdate()
    closed = _closed_error(survey, today)
    if closed:
        raise closed
    kommun = survey.kommun
    errors = _background_errors(survey, area, "", "")
    comment = comment.strip()
    place_text = " ".join(place_text.split())
    if len(place_text) > 200:
        _add(
            errors,
            "place_text",
            _("Platsen med ord: högst %(max)d tecken (du skrev %(n)d).")
            % {"max": 200, "n": len(place_text)},
        )
    if not reasons:
        _add(errors, "reasons", _("Varför otryggt: välj minst ett skäl."))
    elif set(reasons) - set(dict(WALK_REASONS)):
        _add(errors, "reasons", _("Varför otryggt: okänt skäl."))
    if len(comment) > COMMENT_MAX:
        _add(
            errors,
            "comment",
            _("Kommentar: högst %(max)d tecken (du skrev %(n)d).")
            % {"max": COMMENT_MAX, "n": len(comment)},
        )
    if (latitude is None) != (longitude is None):
        _add(errors, "position", _("Plats: punkten saknar en koordinat."))
    elif latitude is not None and longitude is not None:
        boundary = geo.kommun_geometry(kommun.code)
        inside = geo.in_sweden_box(latitude, longitude) and (
            boundary is None or geo.near(boundary, lat=latitude, lon=longitude)
        )
        if not inside:
            _add(
                errors,
                "position",
                _("Plats: punkten ligger utanför %(k)s. Välj en plats i kommunen.")
                % {"k": kommun},
            )
    elif area is None and not place_text:
        _add(
            errors,
            "position",
            _("Plats: tryck på kartan, välj ett område eller beskriv platsen med ord."),
        )
    if errors:
        raise ValidationError(errors)
    if latitude is not None and longitude is not None:
        # The point is stored with the area it lies in, whatever was chosen in the
        # list; a chosen area the point is not near is dropped rather than kept wrong.
        found = area_at(kommun=kommun, latitude=latitude, longitude=longitude)
        if found is not None:
            area = found
        elif area is not None and not (
            area.geometry is None
            or geo.near(
                area.geometry,
                lat=latitude,
                lon=longitude,
                tolerance=geo.AREA_TOLERANCE_DEGREES,
            )
        ):
            area = None
    return WalkPoint.objects.create(
        survey=survey,
        area=area,
        latitude=latitude,
        longitude=longitude,
        place_text=place_text,
        reasons=list(dict.fromkeys(reasons)),
        comment=comment,
        submitted_on=today,
    )


@transaction.atomic
def walk_point_moderate(*, point: WalkPoint, approve: bool, actor: Any) -> WalkPoint:
    """Approve (the point becomes an observation on the lägesbild map) or reject; a
    decision can be changed and never leaves two observations for one point."""
    point = WalkPoint.objects.select_for_update().get(pk=point.pk)
    point.status = WalkStatus.APPROVED if approve else WalkStatus.REJECTED
    point.moderated_by = recorded_actor(actor)
    point.moderated_at = timezone.now()
    if approve and point.observation_id is None:
        category = next(
            (_REASON_CATEGORY[r] for r in point.reasons if r in _REASON_CATEGORY),
            ObservationCategory.OTRYGG_PLATS,
        )
        labels = dict(WALK_REASONS)
        with translation.override("sv"):  # the stored report, as the bank words it
            text = ", ".join(str(labels.get(r, r)) for r in point.reasons)
        if point.place_text:
            text = f"{text} ({point.place_text})"
        if point.comment:
            text = f"{text}: {point.comment}"
        point.observation = observation_create(
            kommun=point.survey.kommun,
            category=category,
            observed_at=timezone.make_aware(
                dt.datetime.combine(point.submitted_on, dt.time(12))
            )
            if point.submitted_on < timezone.localdate()
            else timezone.now(),
            area=point.area,
            latitude=point.latitude,
            longitude=point.longitude,
            text=_("Trygghetsvandring (digital): %(t)s") % {"t": text},
        )
    elif not approve and point.observation is not None:
        point.observation.delete()
        point.observation = None
    point.save()
    return point
