"""Reads of EST observations: the weekly list and the monthly and tertial summaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import QuerySet
from django.utils import timezone

from medborgarloften.places.models import Area, Organisation
from medborgarloften.situation.selectors.analysis.areas import _area_counts

from ..models import Observation, ObservationCategory, PoliceEvent
from ..periods import Period
from ..permissions import OWN_CHANGE_DAYS


def observations_in_period(*, kommun: Organisation, period: Period) -> QuerySet:
    """The kommun's observations in the period, newest first, ready to list."""
    start, end = period.aware_bounds()
    return (
        Observation.objects.filter(kommun=kommun)
        .in_period(start, end)
        .select_related("area", "reporter", "organisation")
    )


def own_recent_observations(
    *, user: Any, kommun: Organisation, limit: int = 10
) -> list[Observation]:
    """The user's own observations in the kommun that they may still correct
    (filed in the last ``OWN_CHANGE_DAYS`` days), newest filed first."""
    if not getattr(user, "is_authenticated", False):
        return []
    since = timezone.now() - dt.timedelta(days=OWN_CHANGE_DAYS)
    return list(
        Observation.objects.filter(kommun=kommun, reporter=user, created_at__gte=since)
        .select_related("area")
        .order_by("-created_at", "-id")[:limit]
    )


@dataclass
class Summary:
    """Counts for one period: by category, by area, by area × category, and the
    change against the previous period of the same length."""

    period: Period
    total: int
    previous_total: int
    categories: list[dict[str, Any]] = field(default_factory=list)
    areas: list[dict[str, Any]] = field(default_factory=list)


def _counts(kommun: Organisation, period: Period) -> dict[tuple[int | None, str], int]:
    """Reports per (area, category): whole months from the rollup, weeks from the
    observations themselves (the same reading as the analysis)."""

    return _area_counts(kommun, period)


def observation_summary(*, kommun: Organisation, period: Period) -> Summary:
    """What EST reads each month and tertial: counts per category and area, with the
    previous period beside them. Two grouped queries, whatever the volume."""
    now = _counts(kommun, period)
    before = _counts(kommun, period.previous())
    by_category: dict[str, int] = {}
    by_category_before: dict[str, int] = {}
    by_area: dict[int | None, dict[str, int]] = {}
    for (area_id, category), n in now.items():
        by_category[category] = by_category.get(category, 0) + n
        by_area.setdefault(area_id, {})[category] = n
    for (_area_id, category), n in before.items():
        by_category_before[category] = by_category_before.get(category, 0) + n
    labels = dict(ObservationCategory.choices)
    categories = [
        {
            "code": code,
            "label": labels[code],
            "count": by_category.get(code, 0),
            "previous": by_category_before.get(code, 0),
            "change": by_category.get(code, 0) - by_category_before.get(code, 0),
        }
        for code in ObservationCategory.values
        if by_category.get(code) or by_category_before.get(code)
    ]
    names = dict(
        Area.objects.filter(pk__in=[a for a in by_area if a]).values_list("pk", "name")
    )
    areas = sorted(
        (
            {
                "area_id": area_id,
                "name": names.get(area_id, "") if area_id else "",
                "count": sum(counts.values()),
                "cells": [counts.get(code, 0) for code in ObservationCategory.values],
            }
            for area_id, counts in by_area.items()
        ),
        # A count, as built above (the row dict mixes value types).
        key=lambda row: (-cast(int, row["count"]), row["name"]),
    )
    return Summary(
        period=period,
        total=sum(now.values()),
        previous_total=sum(before.values()),
        categories=categories,
        areas=areas,
    )


def events_in_period(
    *, kommun: Organisation, period: Period, limit: int = 200
) -> list[PoliceEvent]:
    """The police's published events placed in the kommun during the period, newest
    first — context for EST, never crime statistics (the feed is a selection)."""
    start, end = period.aware_bounds()
    return list(
        PoliceEvent.objects.filter(
            kommun=kommun, published_at__gte=start, published_at__lt=end
        ).order_by("-published_at", "-event_id")[:limit]
    )


def events_until(*, kommun: Organisation) -> dt.date | None:
    """The local day of the kommun's newest archived police event, or None when none
    is archived: pages about later periods say that the events end there."""
    latest = (
        PoliceEvent.objects.filter(kommun=kommun)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return timezone.localdate(latest) if latest is not None else None
