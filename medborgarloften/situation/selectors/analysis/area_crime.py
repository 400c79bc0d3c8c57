"""Reported crime per area: one category and year, each area's count and, where its
population is known, its rate per 100 000, beside the kommun's own row; and the
kommun's crime and survey figures year by year (the analysis page's trend charts)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation

from ...models import ALL_AGES, CrimeStatistic, Gender, SurveyIndicator, SurveyResult
from .kommun_survey import ALL_GROUPS, kommun_shares

#: The category chosen first when the file has it (Brå's and the importer's total).
TOTAL_CATEGORIES = ("anmälda brott totalt", "totalt", "samtliga brott")


def crime_rate(row: CrimeStatistic) -> float | None:
    """The row's rate per 100 000: as imported, else from its count and population."""
    if row.rate_per_100k is not None:
        return row.rate_per_100k
    if row.count is not None and row.population:
        return round(row.count * 100_000 / row.population, 1)
    return None


def crime_source(row: CrimeStatistic) -> str:
    """Where the figure comes from: the import's source, else its file name."""
    batch = row.batch
    if batch is None:
        return ""
    return batch.source or batch.filename


@dataclass
class AreaCrimeRow:
    area: Area
    count: int | None
    rate: float | None
    population: int | None


@dataclass
class AreaCrime:
    """One category and year of crime per area. ``by_rate``: every area with a
    figure has a rate, so areas are compared by rate; otherwise by count (a rate for
    some areas and a count for others cannot share one scale)."""

    category: str
    year: int | None
    categories: list[str]
    years: list[int]
    rows: list[AreaCrimeRow]
    kommun_count: int | None = None
    kommun_rate: float | None = None
    sources: list[str] = field(default_factory=list)

    @property
    def by_rate(self) -> bool:
        with_figure = [r for r in self.rows if r.count is not None or r.rate]
        return bool(with_figure) and all(r.rate is not None for r in with_figure)

    def value(self, row: AreaCrimeRow) -> float | None:
        return row.rate if self.by_rate else row.count

    @property
    def unit(self) -> str:
        return _("per 100 000 invånare") if self.by_rate else _("anmälda brott")


def _default_category(categories: list[str]) -> str:
    for category in categories:
        if category.casefold() in TOTAL_CATEGORIES:
            return category
    return categories[0] if categories else ""


def area_crime(
    *, kommun: Organisation, year: int, category: str = "", chosen_year: int = 0
) -> AreaCrime:
    """Crime per area in ``category`` (the total when there is one, else the first)
    and ``chosen_year`` (else the latest year up to ``year`` with area figures)."""
    area_rows = CrimeStatistic.objects.filter(kommun=kommun, area__isnull=False)
    categories = sorted(
        set(area_rows.values_list("category", flat=True)), key=str.casefold
    )
    if category not in categories:
        category = _default_category(categories)
    years = sorted(
        set(area_rows.filter(category=category).values_list("year", flat=True))
    )
    if chosen_year not in years:
        earlier = [y for y in years if y <= year]
        chosen_year = max(earlier) if earlier else (min(years) if years else 0)
    if not chosen_year:
        return AreaCrime(category, None, categories, years, rows=[])
    stats = {
        row.area_id: row
        for row in area_rows.filter(category=category, year=chosen_year).select_related(
            "batch"
        )
    }
    areas = Area.objects.filter(kommun=kommun).order_by("name")
    rows = [
        AreaCrimeRow(
            area=area,
            count=stat.count if stat else None,
            rate=crime_rate(stat) if stat else None,
            population=stat.population if stat else None,
        )
        for area in areas
        for stat in [stats.get(area.pk)]
    ]
    own = (
        CrimeStatistic.objects.filter(
            kommun=kommun, area__isnull=True, category=category, year=chosen_year
        )
        .select_related("batch")
        .first()
    )
    sources = sorted({s for row in stats.values() if (s := crime_source(row))})
    return AreaCrime(
        category=category,
        year=chosen_year,
        categories=categories,
        years=years,
        rows=rows,
        kommun_count=own.count if own else None,
        kommun_rate=crime_rate(own) if own else None,
        sources=sources,
    )


# --- the kommun year by year --------------------------------------------------------


@dataclass
class YearSeries:
    """One line of a trend: a label, its unit and (year, value) pairs, oldest first."""

    label: str
    unit: str
    points: list[tuple[int, float]]
    #: Survey means over some areas only: year → (areas, the kommun's areas).
    coverage: dict[int, tuple[int, int]] = field(default_factory=dict)

    def coverage_text(self, year: int) -> str:
        areas, total = self.coverage.get(year, (0, 0))
        if not areas:
            return _("hela kommunen")
        return _("%(n)d av %(total)d områden") % {"n": areas, "total": total}


def crime_trends(*, kommun: Organisation, until: int) -> list[YearSeries]:
    """Each category's rate per 100 000 (count where no rate is known) for the kommun
    as a whole, year by year up to ``until``; categories with one year are left out
    (no trend to draw)."""
    rows = CrimeStatistic.objects.filter(
        kommun=kommun, area__isnull=True, year__lte=until
    ).order_by("category", "year")
    by_category: dict[str, list[CrimeStatistic]] = defaultdict(list)
    for row in rows:
        by_category[row.category].append(row)
    result = []
    for category, stats in by_category.items():
        rated = [(s.year, r) for s in stats if (r := crime_rate(s)) is not None]
        if len(rated) == len(stats):
            points, unit = rated, _("per 100 000 invånare")
        else:
            points = [(s.year, float(s.count)) for s in stats if s.count is not None]
            unit = _("anmälda brott")
        if len(points) >= 2:
            result.append(YearSeries(label=category, unit=unit, points=points))
    return result


def survey_trends(*, kommun: Organisation, until: int) -> list[YearSeries]:
    """Each survey indicator for the kommun as a whole (all genders and ages) year by
    year up to ``until``: the kommun's own row, else the areas' mean weighted by
    respondents (``kommun_shares``), with the areas each year covers. Rows on fewer
    than MIN_GROUP respondents are left out."""
    years = sorted(
        set(
            SurveyResult.objects.filter(
                kommun=kommun, year__lte=until, gender=Gender.ALLA, age_group=ALL_AGES
            ).values_list("year", flat=True)
        )
    )
    values: dict[str, list[tuple[int, float]]] = defaultdict(list)
    coverage: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for year in years:
        for key, share in kommun_shares(kommun, year).items():
            if key[1:] != ALL_GROUPS:
                continue
            figure = share.figure
            if figure.shown and figure.value is not None:
                values[share.indicator].append((year, float(figure.value)))
                if share.partial:
                    coverage[share.indicator][year] = (share.areas, share.of_areas)
    return [
        YearSeries(
            label=str(label), unit="%", points=values[code], coverage=coverage[code]
        )
        for code, label in SurveyIndicator.choices
        if len(values.get(code, [])) >= 2
    ]
