"""The lägesbild analysis for a kommun and period: areas against the kommun and the
previous period, groups, themes over time, key figures, and ranked priorities.

Every aggregate is a plain GROUP BY on indexed columns (``month`` is stored, not
computed in SQL), so the same queries run on SQLite and PostgreSQL. Small groups are
suppressed here, once, for every page and export: a figure based on fewer than
``MIN_GROUP`` respondents or reports is never shown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.places.models import Area, Organisation
from medborgarloften.vocabulary import THEMES

from ..models import (
    ALL_AGES,
    CrimeStatistic,
    DialogueFinding,
    Gender,
    KeyFigure,
    Observation,
    ObservationCount,
    PoliceEventCount,
    SurveyIndicator,
    SurveyResult,
)
from ..periods import Period, parse_period
from ..services.imports import population
from ..services.kolada import KOLADA_KPIS, RIKET, similar_kommuner
from ..themes import OBSERVATION_THEMES, theme_for_words

#: Fewer respondents or reports than this are never shown as figures.
MIN_GROUP = 5


@dataclass(frozen=True)
class Figure:
    """A value with the number it rests on; ``suppressed`` when that is too small,
    or (``secondary``) hidden so that a small one cannot be worked out from it."""

    value: float | None
    base: int | None = None
    suppressed: bool = False
    secondary: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None and not self.suppressed

    @property
    def margin(self) -> float | None:
        """The 95 % margin of error of a share in percent (percentage points),
        1.96·√(p(1−p)/n); None when the share is hidden or n is unknown."""
        if not self.shown or not self.base:
            return None
        p = min(max(float(self.value) / 100, 0.0), 1.0)
        return 196 * math.sqrt(p * (1 - p) / self.base)


def change_significant(now: Figure | None, before: Figure | None) -> bool | None:
    """Whether a share changed between two rounds beyond chance: a two-proportion
    z-test (pooled) at the 5 % level, |z| > 1.96. None when either share is hidden or
    rests on an unknown number of respondents."""
    if now is None or before is None or not (now.shown and before.shown):
        return None
    if not now.base or not before.base:
        return None
    p1, n1 = float(now.value) / 100, now.base
    p2, n2 = float(before.value) / 100, before.base
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if spread == 0:
        return p1 != p2
    return abs(p1 - p2) / spread > 1.96


def count_figure(n: int) -> Figure:
    """A count of reports or events: 1–4 are suppressed, 0 is shown as 0."""
    return Figure(value=n, base=n, suppressed=0 < n < MIN_GROUP)


def suppress_complements(figures: list[Figure], *, total: int) -> list[Figure]:
    """The figures of the parts of one whole whose ``total`` is shown (areas of all
    answers, options of one question, women and men), with complementary cells
    hidden: subtracting the shown parts from the total gives what the hidden ones
    add up to, so once one part is hidden, the smallest shown part is hidden too,
    until that remainder is at least ``MIN_GROUP`` (a hidden part of 1–4 can no
    longer be worked out) or nothing is left to hide. Each figure's ``base`` is its
    count; parts that were not answered at all (the remainder) stay unseen."""
    parts = list(figures)
    if not any(f.suppressed for f in parts):
        return parts

    def count(figure: Figure) -> int:
        return int(figure.base or 0)

    while total - sum(count(f) for f in parts if not f.suppressed) < MIN_GROUP:
        shown = [i for i, f in enumerate(parts) if not f.suppressed and count(f) > 0]
        if not shown:
            break
        smallest = min(shown, key=lambda i: (count(parts[i]), i))
        parts[smallest] = replace(parts[smallest], suppressed=True, secondary=True)
    return parts


def share_figure(share: float | None, respondents: int | None) -> Figure:
    """A survey share: suppressed when fewer than MIN_GROUP answered; unknown
    respondent counts are shown (the importer did not say)."""
    if share is None:
        return Figure(value=None)
    return Figure(
        value=share,
        base=respondents,
        suppressed=respondents is not None and respondents < MIN_GROUP,
    )


# --- observations by area ------------------------------------------------------


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and period.end.day == 1


def _area_counts(
    kommun: Organisation, period: Period, memo: dict | None = None
) -> dict[tuple[int | None, str], int]:
    """Reports per (area, category) in the period. Whole months are read through the
    stored local month (an index-only scan); weeks through the time range. ``memo``
    lets one page ask several times for the price of one query."""
    key = ("area_counts", kommun.pk, period.code)
    if memo is not None and key in memo:
        return memo[key]
    result: dict[tuple[int | None, str], int] = defaultdict(int)
    if _whole_months(period):
        # The rollup (kept exact by triggers): a few hundred rows, whatever the volume.
        rows = ObservationCount.objects.filter(
            kommun_id=kommun.pk, month__in=period.months
        ).values_list("area_key", "category", "n")
        for area_key, category, n in rows:
            result[(area_key or None, category)] += n
    else:
        start, end = period.aware_bounds()
        rows = (
            Observation.objects.filter(
                kommun=kommun, observed_at__gte=start, observed_at__lt=end
            )
            .values_list("area_id", "category")
            .annotate(n=Count("*"))
            .order_by()
        )
        for area_id, category, n in rows:
            result[(area_id, category)] += n
    result = dict(result)
    if memo is not None:
        memo[key] = result
    return result


@dataclass
class AreaRow:
    area: Area
    reports: Figure
    previous: Figure
    ratio_to_average: float | None
    change: int | None
    survey: dict[str, Figure] = field(default_factory=dict)
    survey_previous: dict[str, Figure] = field(default_factory=dict)


@dataclass
class AreaComparison:
    rows: list[AreaRow]
    average_reports: float
    kommun_survey: dict[str, Figure]
    survey_year: int | None
    indicators: list[tuple[str, str]]


def _latest_survey_year(kommun: Organisation, year: int) -> int | None:
    years = (
        SurveyResult.objects.filter(kommun=kommun, year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)[:1]
    )
    return years[0] if years else None


def _survey_totals(
    kommun: Organisation, year: int | None
) -> dict[tuple[int | None, str], SurveyResult]:
    if year is None:
        return {}
    rows = SurveyResult.objects.filter(
        kommun=kommun, year=year, gender=Gender.ALLA, age_group=ALL_AGES
    )
    return {(row.area_id, row.indicator): row for row in rows}


def _kommun_share(
    totals: dict[tuple[int | None, str], SurveyResult], indicator: str
) -> Figure:
    """The kommun's own row when the survey has one; else the mean of the areas
    weighted by respondents (unweighted when counts are missing)."""
    own = totals.get((None, indicator))
    if own is not None:
        return share_figure(own.share, own.respondents)
    rows = [r for (a, i), r in totals.items() if i == indicator and a is not None]
    if not rows:
        return Figure(value=None)
    if all(r.respondents for r in rows):
        total = sum(r.respondents or 0 for r in rows)
        value = sum(r.share * (r.respondents or 0) for r in rows) / total
        return share_figure(round(value, 1), total)
    return share_figure(round(sum(r.share for r in rows) / len(rows), 1), None)


def area_comparison(
    *, kommun: Organisation, period: Period, memo: dict | None = None
) -> AreaComparison:
    """Each area against the kommun average and against the previous period."""
    areas = list(Area.objects.filter(kommun=kommun).order_by("name"))
    now = _area_counts(kommun, period, memo)
    before = _area_counts(kommun, period.previous(), memo)
    per_area: dict[int | None, int] = defaultdict(int)
    per_area_before: dict[int | None, int] = defaultdict(int)
    for (area_id, _c), n in now.items():
        per_area[area_id] += n
    for (area_id, _c), n in before.items():
        per_area_before[area_id] += n
    average = sum(per_area[a.pk] for a in areas) / len(areas) if areas else 0.0
    year = _latest_survey_year(kommun, period.start.year)
    totals = _survey_totals(kommun, year)
    previous_totals = _survey_totals(kommun, year - 1) if year else {}
    indicators = [
        (code, label)
        for code, label in SurveyIndicator.choices
        if any(i == code for (_a, i) in totals)
    ]
    rows = []
    for area in areas:
        n, m = per_area[area.pk], per_area_before[area.pk]
        reports = count_figure(n)
        rows.append(
            AreaRow(
                area=area,
                reports=reports,
                previous=count_figure(m),
                ratio_to_average=round(n / average, 2)
                if reports.shown and average
                else None,
                change=n - m if n >= MIN_GROUP and m >= MIN_GROUP else None,
                survey={
                    code: share_figure(r.share, r.respondents)
                    for (a, code), r in totals.items()
                    if a == area.pk
                },
                survey_previous={
                    code: share_figure(r.share, r.respondents)
                    for (a, code), r in previous_totals.items()
                    if a == area.pk
                },
            )
        )
    return AreaComparison(
        rows=rows,
        average_reports=round(average, 1),
        kommun_survey={code: _kommun_share(totals, code) for code, _l in indicators},
        survey_year=year,
        indicators=indicators,
    )


# --- groups --------------------------------------------------------------------


@dataclass
class GroupRow:
    indicator: str
    label: str
    gender: str
    age_group: str
    figure: Figure


def group_breakdown(*, kommun: Organisation, year: int | None) -> list[GroupRow]:
    """Survey shares by gender and age for the whole kommun, small groups suppressed."""
    if year is None:
        return []
    labels = dict(SurveyIndicator.choices)
    genders = dict(Gender.choices)
    rows = (
        SurveyResult.objects.filter(kommun=kommun, year=year, area__isnull=True)
        .exclude(gender=Gender.ALLA, age_group=ALL_AGES)
        .order_by("indicator", "gender", "age_group")
    )
    return [
        GroupRow(
            indicator=row.indicator,
            label=str(labels.get(row.indicator, row.indicator)),
            gender=str(genders.get(row.gender, row.gender)),
            age_group=_("alla åldrar") if row.age_group == ALL_AGES else row.age_group,
            figure=share_figure(row.share, row.respondents),
        )
        for row in rows
    ]


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
    rows = []
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
    rows = CrimeStatistic.objects.filter(
        kommun=kommun, area__isnull=True, year__in=[year, year - 1]
    ).order_by("category", "year")
    by_category: dict[str, dict[int, CrimeStatistic]] = defaultdict(dict)
    for row in rows:
        by_category[row.category][row.year] = row
    result = []
    for category, years in by_category.items():
        now, before = years.get(year), years.get(year - 1)
        result.append(
            {
                "category": category,
                "theme": (now or before).theme if (now or before) else "",
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
    region = f"00{kommun.county.code}" if kommun.county_id else ""
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
            table[(kpi, code)] for code in similar if table.get((kpi, code)) is not None
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


# --- priorities --------------------------------------------------------------------


@dataclass
class Priority:
    """A suggested focus: a theme, maybe in an area, and the evidence behind it."""

    theme: str
    area: Area | None
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    @property
    def theme_label(self) -> str:
        return _(THEMES[self.theme]) if self.theme in THEMES else self.theme

    @property
    def title(self) -> str:
        if self.area is not None:
            return f"{self.theme_label} i {self.area.name}"
        return self.theme_label

    @property
    def key(self) -> str:
        return f"{self.theme}:{self.area.pk if self.area else ''}"


def priorities(
    *,
    kommun: Organisation,
    period: Period,
    limit: int = 10,
    memo: dict | None = None,
) -> list[Priority]:
    """Rank theme × area by the evidence: reports above the area average and rising,
    survey shares above the kommun's, dialogue findings, crime rates rising. Each
    point of the score comes with a sentence saying why; small groups give no
    figures and no points."""
    areas = {a.pk: a for a in Area.objects.filter(kommun=kommun)}
    found: dict[tuple[str, int | None], Priority] = {}

    def get(theme: str, area_id: int | None) -> Priority:
        key = (theme, area_id)
        if key not in found:
            found[key] = Priority(
                theme=theme, area=areas.get(area_id) if area_id else None
            )
        return found[key]

    # Reports per area and theme against the average area, and the trend.
    now: dict[tuple[str, int | None], int] = defaultdict(int)
    before: dict[tuple[str, int | None], int] = defaultdict(int)
    for (area_id, category), n in _area_counts(kommun, period, memo).items():
        now[(OBSERVATION_THEMES.get(category, "annat"), area_id)] += n
    for (area_id, category), n in _area_counts(kommun, period.previous(), memo).items():
        before[(OBSERVATION_THEMES.get(category, "annat"), area_id)] += n
    per_theme: dict[str, int] = defaultdict(int)
    for (theme, area_id), n in now.items():
        if area_id is not None:
            per_theme[theme] += n
    for (theme, area_id), n in now.items():
        if area_id is None or n < MIN_GROUP or theme == "annat":
            continue
        average = per_theme[theme] / max(len(areas), 1)
        ratio = n / average if average else 0
        item = get(theme, area_id)
        if ratio > 1:
            item.score += min(3.0, ratio - 1) + 1
            item.evidence.append(
                ngettext(
                    "%(n)d rapport under %(period)s, %(ratio)s gånger snittet per område.",
                    "%(n)d rapporter under %(period)s, %(ratio)s gånger snittet per område.",
                    n,
                )
                % {
                    "n": n,
                    "period": period.label,
                    "ratio": f"{ratio:.1f}".replace(".", ","),
                }
            )
        previous = before.get((theme, area_id), 0)
        if previous >= MIN_GROUP and n >= 1.25 * previous:
            item.score += 0.5
            item.evidence.append(
                _("Ökning från %(a)d till %(b)d rapporter jämfört med %(prev)s.")
                % {"a": previous, "b": n, "prev": period.previous().label}
            )
    # Survey shares above the kommun's.
    year = _latest_survey_year(kommun, period.start.year)
    totals = _survey_totals(kommun, year)
    labels = dict(SurveyIndicator.choices)
    for (area_id, indicator), row in totals.items():
        if area_id is None or (
            row.respondents is not None and row.respondents < MIN_GROUP
        ):
            continue
        kommun_share = _kommun_share(totals, indicator)
        if not kommun_share.shown:
            continue
        diff = row.share - (kommun_share.value or 0)
        if diff >= 5:
            item = get("trygghet_offentlig_miljo", area_id)
            item.score += diff / 10
            item.evidence.append(
                _(
                    "Trygghetsmätningen %(year)d: %(label)s %(share)s %% mot %(kommun)s %% i hela kommunen."
                )
                % {
                    "year": year,
                    "label": str(labels[indicator]).lower(),
                    "share": f"{row.share:.0f}",
                    "kommun": f"{kommun_share.value:.0f}",
                }
            )
    # Dialogue findings within the year up to the end of the period.
    findings = (
        DialogueFinding.objects.filter(
            dialogue__kommun=kommun,
            dialogue__held_on__lt=period.end,
            dialogue__held_on__gte=period.end.replace(year=period.end.year - 1),
        )
        .values_list("theme", "area_id", "dialogue__kind")
        .order_by()
    )
    per_key: dict[tuple[str, int | None], list[str]] = defaultdict(list)
    for theme, area_id, kind in findings:
        per_key[(theme, area_id)].append(kind)
    for (theme, area_id), kinds in per_key.items():
        if theme == "annat":
            continue
        item = get(theme, area_id)
        item.score += min(2.0, 0.5 * len(kinds))
        item.evidence.append(
            ngettext(
                "%(n)d iakttagelse i dialoger (%(kinds)s).",
                "%(n)d iakttagelser i dialoger (%(kinds)s).",
                len(kinds),
            )
            % {"n": len(kinds), "kinds": ", ".join(sorted(set(kinds)))}
        )
    # Crime rates rising for the kommun as a whole.
    for row in crime_rates(kommun=kommun, year=period.start.year):
        if (
            row["change"] is not None
            and row["change"] >= 10
            and row["theme"] != "annat"
        ):
            item = get(row["theme"], None)
            item.score += 1
            item.evidence.append(
                _(
                    "Anmälda brott (%(category)s) ökade %(change)d %% till %(rate)s per 100 000 invånare."
                )
                % {
                    "category": row["category"],
                    "change": row["change"],
                    "rate": f"{row['now'].rate_per_100k:.0f}",
                }
            )
    ranked = [p for p in found.values() if p.score > 0]
    ranked.sort(key=lambda p: (-p.score, p.title))
    return ranked[:limit]


def priority_by_key(
    *, kommun: Organisation, period: Period, key: str
) -> Priority | None:
    for item in priorities(kommun=kommun, period=period, limit=50):
        if item.key == key:
            return item
    return None


def national_counts(
    *, months: list[int] | None = None
) -> dict[tuple[int, int, str], int]:
    """Observations per kommun × month × category across the installation, from
    the rollup (kommun × month × area × category, kept exact by triggers) summed
    over areas: its rows are a few per cent of the observations'."""
    queryset = ObservationCount.objects.all()
    if months:
        queryset = queryset.filter(month__in=months)
    result: dict[tuple[int, int, str], int] = defaultdict(int)
    for kommun_id, month, category, n in queryset.values_list(
        "kommun_id", "month", "category", "n"
    ).order_by():
        result[(kommun_id, month, category)] += n
    return dict(result)
