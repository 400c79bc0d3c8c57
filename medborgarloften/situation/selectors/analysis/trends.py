"""Themes over time, crime statistics and key figures against similar kommuner."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation
from medborgarloften.vocabulary import THEMES

from ...models import (
    CrimeStatistic,
    DialogueFinding,
    KeyFigure,
    ObservationCount,
    PoliceEventCount,
)
from ...periods import Period, parse_period
from ...services.imports import population
from ...services.kolada import KOLADA_KPIS, RIKET, similar_kommuner
from ...themes import OBSERVATION_THEMES, theme_for_words
from .figures import (
    MIN_GROUP,
    count_figure,
)

# --- themes over time -------------------------------------------------------------


@dataclass
class ThemeSeries:
    months: list[int]
    rows: list[dict[str, Any]]
    population: int | None


def _month_label(month: int) -> str:
    # Short month names as the page's language writes them ("okt", "Oct.").
    return f"{MONTHS_AP[month % 100]} {month // 100}"


def theme_counts_by_month(
    *, kommun: Organisation, months: list[int]
) -> dict[str, dict[int, int]]:
    """Observations, police events (digests left out) and dialogue findings per
    theme and month: three grouped queries."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    # The rollups (kept exact by triggers); police digests are not in them.
    observations = ObservationCount.objects.filter(
        kommun_id=kommun.pk, month__in=months
    ).values_list("month", "category", "n")
    for month, category, n in observations:
        counts[OBSERVATION_THEMES.get(category, "annat")][month] += n
    events = PoliceEventCount.objects.filter(
        kommun_id=kommun.pk, month__in=months
    ).values_list("month", "type", "n")
    for month, type_, n in events:
        counts[theme_for_words(type_)][month] += n
    first, last = min(months), max(months)
    findings = DialogueFinding.objects.filter(
        dialogue__kommun=kommun,
        dialogue__held_on__year__gte=first // 100,
        dialogue__held_on__year__lte=last // 100,
    ).values_list("dialogue__held_on", "theme")
    for held_on, theme in findings:
        month = held_on.year * 100 + held_on.month
        if month in months:
            counts[theme][month] += 1
    return counts


def theme_series(*, kommun: Organisation, period: Period) -> ThemeSeries:
    """Counts and rates per 100 000 inhabitants per theme, month by month over the
    twelve months up to the end of the period."""
    last = parse_period(f"{period.end.year}-{period.end.month:02d}").previous()
    months = []
    cursor = last
    for _i in range(12):
        months.append(cursor.year * 100 + cursor.number)
        cursor = cursor.previous()
    months.reverse()
    counts = theme_counts_by_month(kommun=kommun, months=months)
    people = population(kommun_code=kommun.code, year=last.year)
    rows: list[dict[str, Any]] = []
    for theme, label in ((code, _(text)) for code, text in THEMES.items()):
        per_month = counts.get(theme)
        if not per_month:
            continue
        total = sum(per_month.values())
        rows.append(
            {
                "theme": theme,
                "label": label,
                "cells": [count_figure(per_month.get(m, 0)) for m in months],
                "total": count_figure(total),
                "rate": round(total * 100_000 / people, 1)
                if people and total >= MIN_GROUP
                else None,
            }
        )
    rows.sort(key=lambda r: -(r["total"].value or 0))
    return ThemeSeries(months=months, rows=rows, population=people)


def month_labels(months: list[int]) -> list[str]:
    return [_month_label(m) for m in months]


# --- statistics and key figures ---------------------------------------------------


def crime_rates(*, kommun: Organisation, year: int) -> list[dict[str, Any]]:
    """Reported crimes for the kommun as a whole, this year and the year before."""
    rows = (
        CrimeStatistic.objects.filter(
            kommun=kommun, area__isnull=True, year__in=[year, year - 1]
        )
        .select_related("batch")
        .order_by("category", "year")
    )
    by_category: dict[str, dict[int, CrimeStatistic]] = defaultdict(dict)
    for row in rows:
        by_category[row.category][row.year] = row
    result = []
    for category, years in by_category.items():
        now, before = years.get(year), years.get(year - 1)
        result.append(
            {
                "category": category,
                "theme": latest.theme if (latest := now or before) else "",
                "now": now,
                "before": before,
                "change": round(
                    100
                    * (now.rate_per_100k - before.rate_per_100k)
                    / before.rate_per_100k
                )
                if now and before and now.rate_per_100k and before.rate_per_100k
                else None,
            }
        )
    return result


def similar_kommun_names(*, kommun: Organisation, year: int) -> list[str]:
    """The names of the kommuner the key figures call "liknande kommuner"."""
    codes = similar_kommuner(kommun.code, year=year)
    names = dict(
        Organisation.objects.kommuner()
        .filter(code__in=codes)
        .values_list("code", "name")
    )
    return [names.get(code, code) for code in codes]


def key_figure_comparison(*, kommun: Organisation, year: int) -> list[dict[str, Any]]:
    """Kolada figures for the kommun (its latest year ≤ ``year``) beside its region,
    the riket and the unweighted mean of its similar kommuner (``similar_kommuner``:
    the ten nearest in population) in the same year; ``similar_n`` says how many of
    them had a value."""
    region = f"00{kommun.county.code}" if kommun.county else ""
    similar = similar_kommuner(kommun.code, year=year)
    own = KeyFigure.objects.filter(
        municipality_code=kommun.code, year__lte=year, gender="T"
    ).order_by("kpi", "-year")
    latest: dict[str, int] = {}
    for figure in own:
        latest.setdefault(figure.kpi, figure.year)
    figures = KeyFigure.objects.filter(
        municipality_code__in=[kommun.code, region, RIKET, *similar],
        kpi__in=list(latest),
        year__in=set(latest.values()),
        gender="T",
    )
    table: dict[tuple[str, str], float | None] = {}
    for figure in figures:
        if figure.year == latest[figure.kpi]:
            table[(figure.kpi, figure.municipality_code)] = figure.value
    rows = []
    for kpi, kpi_year in latest.items():
        peers = [
            value for code in similar if (value := table.get((kpi, code))) is not None
        ]
        rows.append(
            {
                "kpi": kpi,
                "label": KOLADA_KPIS.get(kpi, kpi),
                "year": kpi_year,
                "kommun": table.get((kpi, kommun.code)),
                "region": table.get((kpi, region)),
                "riket": table.get((kpi, RIKET)),
                "similar": round(sum(peers) / len(peers), 1) if peers else None,
                "similar_n": len(peers),
            }
        )
    return rows
