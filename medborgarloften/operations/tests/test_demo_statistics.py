"""The demo's invented statistics: crime and survey figures per kommun and per area,
marked as demo figures, loaded once and replaced on reset."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.operations.demo import demo_load
from medborgarloften.operations.demo.statistics import (
    AREAS,
    DEMO_STATISTICS_SOURCE,
    statistics_load,
)
from medborgarloften.places.models import Organisation
from medborgarloften.situation.models import CrimeStatistic, SurveyResult
from medborgarloften.situation.selectors import area_crime, survey_trends

TODAY = dt.date(2026, 11, 1)


@pytest.mark.django_db
def test_the_demo_has_crime_and_survey_figures_per_area_marked_as_demo():
    demo_load(today=TODAY)
    kalmar = Organisation.objects.kommuner().get(code="0880")
    crime = area_crime(kommun=kalmar, year=2026)
    assert crime.year == 2025 and crime.by_rate
    with_figures = {r.area.name for r in crime.rows if r.rate is not None}
    assert with_figures == set(AREAS)
    assert crime.kommun_rate is not None
    assert crime.sources == [DEMO_STATISTICS_SOURCE]
    assert SurveyResult.objects.filter(kommun=kalmar, area__name="Norrliden").exists()
    assert len(survey_trends(kommun=kalmar, until=2026)) == 5
    rows = CrimeStatistic.objects.count(), SurveyResult.objects.count()
    assert statistics_load(kommun=kalmar, actor=None) == 0  # once only
    demo_load(reset=True, today=TODAY)
    assert (CrimeStatistic.objects.count(), SurveyResult.objects.count()) == rows
