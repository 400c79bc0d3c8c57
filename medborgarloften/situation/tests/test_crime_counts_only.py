"""A crime file with counts only keeps the rate a row already had, warns about the
rows left without one, and a count is never captioned as a rate."""

from __future__ import annotations

import pytest

from medborgarloften.planning.figures import current_figures
from medborgarloften.situation.models import CrimeStatistic
from medborgarloften.situation.services.imports import crime_import


@pytest.mark.django_db
def test_counts_only_keep_the_rows_population_and_compute_the_rate(kalmar, areas):
    with_people = (
        "område;brottskategori;år;antal;befolkning\nNorrliden;Rån;2025;10;5000\n"
    )
    crime_import(data=with_people.encode(), filename="a.csv", kommun=kalmar)
    counts = (
        "område;brottskategori;år;antal\nNorrliden;Rån;2025;20\nOxhagen;Rån;2025;3\n"
    )
    summary = crime_import(data=counts.encode(), filename="b.csv", kommun=kalmar)
    norrliden = CrimeStatistic.objects.get(area=areas["Norrliden"])
    assert (norrliden.count, norrliden.population, norrliden.rate_per_100k) == (
        20,
        5000,
        400.0,
    )
    # Oxhagen's population is unknown: said in the result, not silently dropped.
    assert summary.warnings and "1 rad saknar takt" in summary.warnings[0]


@pytest.mark.django_db
def test_a_count_is_shown_as_a_count_in_the_lagesbild(kalmar):
    CrimeStatistic.objects.create(kommun=kalmar, category="Rån", year=2025, count=40)
    CrimeStatistic.objects.create(kommun=kalmar, category="Rån", year=2024, count=50)
    figure = next(
        f for f in current_figures(kommun=kalmar, year=2025) if f["group"] == "crime"
    )
    assert (figure["value"], figure["unit"]) == (40, "anmälda brott")
    assert figure["compare"]["before"] == 50
    assert figure["compare"]["change_percent"] == -20


def test_a_stored_figures_own_words_are_translated_but_not_its_area():
    from unittest import mock

    from medborgarloften.planning import figures as planning_figures

    stored = {
        "group": "area_survey",
        "label": "Låg social tillit, Kvinnor",
        "value": 12.0,
        "unit": "%",
        "year": 2025,
    }
    with mock.patch.object(planning_figures, "_", lambda text: f"EN:{text}"):
        text = planning_figures.figure_citation(stored)
        crime = planning_figures.figure_citation(
            {"group": "crime", "label": "Rån", "value": 40, "unit": "anmälda brott"}
        )
    # "Kvinnor" here is an area's name: it stays as stored.
    assert text.startswith("EN:Låg social tillit, Kvinnor: 12 EN:%")
    assert crime == "EN:Rån: 40 EN:anmälda brott"
