"""The whole kommun's survey figures kept consistent with its areas' figures.

A survey file or a digital survey may bring its own "Hela kommunen" row. That row
only describes the kommun as long as every area figure of the same year, indicator,
gender and age group came from the same source: once one area is replaced (a web
survey's transfer, a re-import), the kommun row would silently contradict the areas.
So after every write of survey figures, each kommun row is checked: kept when every
area row of its key shares its batch (or there are no area rows), else removed, and
the pages show the areas' mean weighted by respondents (unweighted when a
count is missing) as they do for a file without a kommun row.
Re-importing the file restores its kommun row.
"""

from __future__ import annotations

from collections import defaultdict

from medborgarloften.places.models import Organisation

from ..models import SurveyResult

__all__ = ["survey_totals_refresh"]


def survey_totals_refresh(*, kommun: Organisation, years: set[int]) -> int:
    """Remove the kommun rows of ``years`` that no longer match their areas (see the
    module); returns how many were removed."""
    rows = SurveyResult.objects.filter(kommun=kommun, year__in=years)
    batches: dict[tuple, set[int | None]] = defaultdict(set)
    own: dict[tuple, SurveyResult] = {}
    for row in rows:
        key = (row.year, row.indicator, row.gender, row.age_group)
        if row.area_id is None:
            own[key] = row
        else:
            batches[key].add(row.batch_id)
    stale = [
        row.pk
        for key, row in own.items()
        if key in batches and batches[key] != {row.batch_id}
    ]
    SurveyResult.objects.filter(pk__in=stale).delete()
    return len(stale)
