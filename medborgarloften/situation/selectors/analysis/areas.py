"""Observations and survey shares by area against the kommun and the previous
period, and survey groups."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation

from ...models import (
    ALL_AGES,
    Gender,
    Observation,
    ObservationCount,
    SurveyIndicator,
    SurveyResult,
)
from ...periods import Period
from .figures import (
    MIN_GROUP,
    Figure,
    count_figure,
    share_figure,
)
from .kommun_survey import ALL_GROUPS, kommun_shares

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

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
        live = (
            Observation.objects.filter(
                kommun=kommun, observed_at__gte=start, observed_at__lt=end
            )
            .values_list("area_id", "category")
            .annotate(n=Count("*"))
            .order_by()
        )
        for area_id, category, n in live:
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
    indicators: Sequence[tuple[str, StrOrPromise]]
    #: (areas, of the kommun's areas) when the kommun's shares are a mean over some
    #: areas only; None when they cover the kommun.
    kommun_coverage: tuple[int, int] | None = None


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
        kommun_coverage=next(
            (
                (share.areas, share.of_areas)
                for key, share in kommun_shares(kommun, year).items()
                if key[1:] == ALL_GROUPS and share.partial
            ),
            None,
        ),
    )


# --- groups --------------------------------------------------------------------


@dataclass
class GroupRow:
    indicator: str
    label: str
    gender: str
    age_group: str
    figure: Figure
    #: Areas the figure is combined from (0: the source's kommun row) and of how many.
    areas: int = 0
    of_areas: int = 0


def group_breakdown(*, kommun: Organisation, year: int | None) -> list[GroupRow]:
    """Survey shares by gender and age for the whole kommun, small groups suppressed:
    the file's kommun rows, else the areas' rows combined (``kommun_shares``)."""
    labels = dict(SurveyIndicator.choices)
    genders = dict(Gender.choices)
    return [
        GroupRow(
            indicator=share.indicator,
            label=str(labels.get(share.indicator, share.indicator)),
            gender=str(genders.get(share.gender, share.gender)),
            age_group=_("alla åldrar")
            if share.age_group == ALL_AGES
            else share.age_group,
            figure=share.figure,
            areas=share.areas,
            of_areas=share.of_areas,
        )
        for key, share in kommun_shares(kommun, year).items()
        if key[1:] != ALL_GROUPS
    ]
