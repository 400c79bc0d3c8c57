"""The whole kommun's survey figures for one year, for every indicator, gender and
age group: the source's own kommun row where the file had one (the services remove a
kommun row that no longer matches its areas), else the areas' mean weighted by
respondents (unweighted when a count is missing) — so a file with gender and age
rows per area shows them for the kommun too. Each says how many of the kommun's
areas it covers: a mean over 8 of 19 areas is not the kommun."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from medborgarloften.places.models import Area, Organisation

from ...models import ALL_AGES, Gender, SurveyResult
from .figures import Figure, share_figure

__all__ = ["KommunShare", "kommun_shares", "ALL_GROUPS"]

#: The key part of the figure for every gender and age.
ALL_GROUPS = (Gender.ALLA.value, ALL_AGES)


@dataclass(frozen=True)
class KommunShare:
    indicator: str
    gender: str
    age_group: str
    figure: Figure
    #: Areas the mean is computed from; 0 when it is the source's own kommun row.
    areas: int
    #: The kommun's areas.
    of_areas: int
    batch: Any = None

    @property
    def partial(self) -> bool:
        """A mean over some of the kommun's areas only."""
        return 0 < self.areas < self.of_areas


def _mean(rows: list[SurveyResult]) -> Figure:
    if all(r.respondents for r in rows):
        total = sum(r.respondents or 0 for r in rows)
        value = sum(r.share * (r.respondents or 0) for r in rows) / total
        return share_figure(round(value, 1), total)
    return share_figure(round(sum(r.share for r in rows) / len(rows), 1), None)


def kommun_shares(
    kommun: Organisation, year: int | None
) -> dict[tuple[str, str, str], KommunShare]:
    """(indicator, gender, age group) → the kommun's figure of ``year``."""
    if year is None:
        return {}
    own: dict[tuple[str, str, str], SurveyResult] = {}
    parts: dict[tuple[str, str, str], list[SurveyResult]] = defaultdict(list)
    for row in SurveyResult.objects.filter(kommun=kommun, year=year).select_related(
        "batch"
    ):
        key = (row.indicator, row.gender, row.age_group)
        if row.area_id is None:
            own[key] = row
        else:
            parts[key].append(row)
    of_areas = Area.objects.filter(kommun=kommun).count()
    result = {}
    for key in sorted(set(own) | set(parts)):
        indicator, gender, age = key
        if key in own:
            row = own[key]
            figure, areas, batch = (
                share_figure(row.share, row.respondents),
                0,
                row.batch,
            )
        else:
            rows = parts[key]
            batches = {r.batch_id for r in rows}
            figure, areas = _mean(rows), len(rows)
            batch = rows[0].batch if len(batches) == 1 else None
        result[key] = KommunShare(
            indicator=indicator,
            gender=gender,
            age_group=age,
            figure=figure,
            areas=areas,
            of_areas=of_areas,
            batch=batch,
        )
    return result
