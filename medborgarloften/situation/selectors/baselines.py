"""Baseline indicators: the numbers a promise's focus areas are followed up by.

Read by situation's baseline freeze at adoption and by followup's report (the same
definitions then and now)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation
from medborgarloften.vocabulary import THEMES

from ..crime_categories import category_label
from ..models import (
    ALL_AGES,
    CrimeStatistic,
    Gender,
    Observation,
    PoliceEvent,
    SurveyIndicator,
    SurveyResult,
)
from ..themes import OBSERVATION_THEMES, theme_for_words

__all__ = ["baseline_indicators", "focus_area_themes", "indicators_by_focus_area"]


def focus_area_themes(focus_area: Any) -> list[str]:
    """The themes a focus area's baseline follows: its own; when it has none, those
    its title and description name ("Unga och narkotika" is about narkotika); then
    the promise's. Never a theme the focus area is not about: a narcotics focus area
    must not get the public-environment indicators of another."""
    own = [t for t in focus_area.themes if t != "annat"]
    if own:
        return own
    text = f"{focus_area.title} {getattr(focus_area, 'description', '')}"
    named = [
        code
        for code, label in THEMES.items()
        if code != "annat"
        and (label.casefold() in text.casefold() or code in text.casefold())
    ]
    if not named:
        guessed = theme_for_words(text)
        named = [guessed] if guessed != "annat" else []
    if named:
        return named
    promise_themes = getattr(focus_area.promise, "themes", None) or []
    return [t for t in promise_themes if t != "annat"]


def _theme_label(theme: str) -> str:
    return _(THEMES.get(theme, theme))


def _year_before(on: dt.date) -> tuple[dt.datetime, dt.datetime, str]:
    tz = timezone.get_current_timezone()
    end = dt.datetime.combine(on, dt.time.min, tzinfo=tz)
    start = dt.datetime.combine(on.replace(year=on.year - 1), dt.time.min, tzinfo=tz)
    label = f"{start:%Y-%m-%d}–{(end - dt.timedelta(days=1)):%Y-%m-%d}"
    return start, end, label


def baseline_indicators(
    *, kommun: Organisation, themes: list[str], areas: list[Area], on: dt.date
) -> list[dict[str, Any]]:
    """The indicators behind a focus area — ``themes`` in ``areas`` (or the whole
    kommun) — over the twelve months before ``on``: what adoption freezes as the
    baseline and what the follow-up report compares it with (followup/reports.py).
    Each item has key, label, value, unit, period and area."""
    start, end, label = _year_before(on)
    result: list[dict[str, Any]] = []
    places: list[Area | None] = list(areas) or [None]
    categories = {
        theme: [c for c, t in OBSERVATION_THEMES.items() if t == theme]
        for theme in themes
    }
    for area in places:
        observations = Observation.objects.filter(
            kommun=kommun, observed_at__gte=start, observed_at__lt=end
        )
        if area is not None:
            observations = observations.filter(area=area)
        counts = dict(
            observations.values_list("category").annotate(n=Count("*")).order_by()
        )
        for theme in themes:
            n = sum(counts.get(c, 0) for c in categories[theme])
            result.append(
                {
                    "key": f"rapporter:{theme}",
                    "label": _("EST-rapporter, tema %(theme)s")
                    % {"theme": _theme_label(theme).lower()},
                    "area": area,
                    "period": label,
                    "value": float(n),
                    "unit": _("rapporter"),
                    "base": n,
                }
            )
        surveys = SurveyResult.objects.filter(
            kommun=kommun,
            area=area,
            year__lte=on.year,
            gender=Gender.ALLA,
            age_group=ALL_AGES,
        ).order_by("indicator", "-year")
        seen: set[str] = set()
        labels = dict(SurveyIndicator.choices)
        for row in surveys:
            if row.indicator in seen:
                continue
            seen.add(row.indicator)
            result.append(
                {
                    "key": f"enkat:{row.indicator}",
                    "label": str(labels.get(row.indicator, row.indicator)),
                    "area": area,
                    "period": str(row.year),
                    "value": row.share,
                    "unit": "%",
                    "base": row.respondents,
                }
            )
    events = PoliceEvent.objects.filter(
        kommun=kommun, published_at__gte=start, published_at__lt=end, is_summary=False
    )
    event_counts: dict[str, int] = {}
    for type_, n in events.values_list("type").annotate(n=Count("*")).order_by():
        theme = theme_for_words(type_)
        event_counts[theme] = event_counts.get(theme, 0) + n
    for theme in themes:
        result.append(
            {
                "key": f"handelser:{theme}",
                "label": _("Polisens händelser, tema %(theme)s")
                % {"theme": _theme_label(theme).lower()},
                "area": None,
                "period": label,
                "value": float(event_counts.get(theme, 0)),
                "unit": _("händelser"),
                "base": event_counts.get(theme, 0),
            }
        )
    crimes = CrimeStatistic.objects.filter(
        kommun=kommun, area__isnull=True, year__lte=on.year, theme__in=themes
    ).order_by("category", "-year")
    seen_categories: set[str] = set()
    for crime in crimes:
        if crime.category in seen_categories or crime.rate_per_100k is None:
            continue
        seen_categories.add(crime.category)
        result.append(
            {
                "key": f"brott:{crime.category}"[:100],
                "label": _("Anmälda brott: %(category)s")
                % {"category": category_label(crime.category)},
                "area": None,
                "period": str(crime.year),
                "value": crime.rate_per_100k,
                "unit": _("per 100 000 inv."),
                "base": crime.count,
            }
        )
    return result


def indicators_by_focus_area(
    *, focus_areas: Iterable[Any], kommuner: list[Organisation], on: dt.date
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Each focus area with each of its :func:`baseline_indicators` as of ``on``: per
    kommun among the promise's parties, over the focus area's areas in that kommun.
    What a baseline freezes, and what follow-up computes again to compare with it."""
    for focus_area in focus_areas:
        themes = focus_area_themes(focus_area)
        for kommun in kommuner:
            areas = [a for a in focus_area.areas.all() if a.kommun_id == kommun.pk]
            for item in baseline_indicators(
                kommun=kommun, themes=themes, areas=areas, on=on
            ):
                yield focus_area, item
