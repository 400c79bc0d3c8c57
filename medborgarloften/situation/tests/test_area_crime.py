"""Crime per area: the selector (category, year, rate or count), the import's
population column, the map's crime choropleth and the analysis page's table."""

from __future__ import annotations

import pytest

from medborgarloften.situation.models import CrimeStatistic
from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors import (
    area_crime,
    area_map,
    crime_trends,
    indicator_choices,
)
from medborgarloften.situation.services.imports import crime_import


def _crime(kalmar, area, category, year, count, *, population=None, rate=None):
    return CrimeStatistic.objects.create(
        kommun=kalmar,
        area=area,
        category=category,
        year=year,
        count=count,
        population=population,
        rate_per_100k=rate,
    )


@pytest.mark.django_db
def test_it_compares_areas_by_rate_when_every_population_is_known(kalmar, areas):
    _crime(kalmar, areas["Norrliden"], "Misshandel", 2024, 40, population=4000)
    _crime(kalmar, areas["Oxhagen"], "Misshandel", 2024, 5, population=1000)
    _crime(kalmar, None, "Misshandel", 2024, 600, rate=820.0)
    crime = area_crime(kommun=kalmar, year=2026)
    assert crime.category == "Misshandel"
    assert crime.year == 2024  # the latest year up to the one asked for
    assert crime.by_rate
    rows = {r.area.name: r for r in crime.rows}
    assert rows["Norrliden"].rate == 1000.0
    assert rows["Oxhagen"].rate == 500.0
    assert rows["Centrum"].count is None  # no figure: listed, without a value
    assert (crime.kommun_count, crime.kommun_rate) == (600, 820.0)
    assert str(crime.unit) == "per 100 000 invånare"


@pytest.mark.django_db
def test_it_compares_counts_when_a_population_is_missing(kalmar, areas):
    _crime(kalmar, areas["Norrliden"], "Skadegörelse", 2025, 40, population=4000)
    _crime(kalmar, areas["Oxhagen"], "Skadegörelse", 2025, 7)
    crime = area_crime(kommun=kalmar, year=2025)
    assert not crime.by_rate
    rows = {r.area.name: r for r in crime.rows}
    assert crime.value(rows["Oxhagen"]) == 7
    assert rows["Norrliden"].rate == 1000.0  # still shown where it is known
    assert str(crime.unit) == "anmälda brott"


@pytest.mark.django_db
def test_the_total_is_chosen_first_and_a_chosen_category_and_year_are_kept(
    kalmar, areas
):
    for year in (2023, 2024):
        _crime(kalmar, areas["Norrliden"], "Anmälda brott totalt", year, 400)
        _crime(kalmar, areas["Norrliden"], "Bedrägeri", year, 30)
    assert area_crime(kommun=kalmar, year=2025).category == "Anmälda brott totalt"
    chosen = area_crime(
        kommun=kalmar, year=2025, category="Bedrägeri", chosen_year=2023
    )
    assert (chosen.category, chosen.year) == ("Bedrägeri", 2023)
    assert chosen.years == [2023, 2024]
    unknown = area_crime(kommun=kalmar, year=2025, category="Nope", chosen_year=1999)
    assert (unknown.category, unknown.year) == ("Anmälda brott totalt", 2024)


@pytest.mark.django_db
def test_a_kommun_without_area_figures_has_no_rows(kalmar, areas):
    _crime(kalmar, None, "Misshandel", 2024, 600)
    crime = area_crime(kommun=kalmar, year=2024)
    assert crime.rows == [] and crime.year is None


@pytest.mark.django_db
def test_the_import_takes_an_area_population_and_computes_its_rate(kalmar, areas):
    data = (
        "område;brottskategori;år;antal;befolkning\n"
        "Norrliden;Misshandel;2024;40;4000\n"
        "Oxhagen;Misshandel;2024;3;\n"
    ).encode()
    crime_import(data=data, filename="omraden.csv", kommun=kalmar, source="Brå")
    norrliden = CrimeStatistic.objects.get(area=areas["Norrliden"])
    assert (norrliden.population, norrliden.rate_per_100k) == (4000, 1000.0)
    assert CrimeStatistic.objects.get(area=areas["Oxhagen"]).rate_per_100k is None


@pytest.mark.django_db
def test_the_map_is_shaded_by_crime_per_area(kalmar, areas):
    _crime(kalmar, areas["Norrliden"], "Misshandel", 2024, 40, population=4000)
    _crime(kalmar, areas["Oxhagen"], "Misshandel", 2024, 5, population=1000)
    assert ("brott:Misshandel", "Anmälda brott: Misshandel") in indicator_choices(
        kalmar
    )
    data = area_map(
        kommun=kalmar, period=parse_period("2025"), indicator="brott:Misshandel"
    )
    shapes = {s.area.name: s for s in data.shapes}
    assert shapes["Norrliden"].label == "1\xa0000 per 100 000 invånare"
    assert shapes["Oxhagen"].label == "500 per 100 000 invånare"
    assert shapes["Norrliden"].fill != shapes["Oxhagen"].fill
    assert data.indicator_label == (
        "Anmälda brott: Misshandel, 2024 (per 100 000 invånare)"
    )
    assert data.legend  # a key to the shades


@pytest.mark.django_db
def test_the_analysis_shows_crime_per_area_beside_the_kommun(
    client, kommun_viewer, kalmar, areas
):
    _crime(kalmar, areas["Norrliden"], "Misshandel", 2024, 40, population=4000)
    _crime(kalmar, None, "Misshandel", 2024, 600, rate=820.0)
    client.force_login(kommun_viewer)
    html = client.get("/personal/lagesbild/0880/analys/?period=2024").content.decode()
    assert "Anmälda brott per område: Misshandel, 2024" in html
    assert '<th scope="row">Norrliden</th><td>40</td><td>1\xa0000,0</td>' in html
    assert "<td>600</td><td>820,0</td>" in html  # the kommun's own row
    assert "brott:Misshandel" in html  # a choice of the map, and the link to it


@pytest.mark.django_db
def test_trends_are_drawn_only_for_categories_with_two_years(kalmar):
    _crime(kalmar, None, "Misshandel", 2023, 600, rate=820.0)
    _crime(kalmar, None, "Misshandel", 2024, 650, rate=880.0)
    _crime(kalmar, None, "Rån", 2024, 20, rate=27.0)
    trends = crime_trends(kommun=kalmar, until=2025)
    assert [(t.label, t.points) for t in trends] == [
        ("Misshandel", [(2023, 820.0), (2024, 880.0)])
    ]


@pytest.mark.django_db
def test_crime_is_shaded_in_quintiles_so_one_high_area_does_not_flatten_the_rest(
    kalmar,
):
    from medborgarloften.places.models import Area

    from .conftest import square

    rates = [100, 110, 120, 130, 140, 150, 160, 170, 180, 2000]
    for index, rate in enumerate(rates):
        area = Area.objects.create(
            kommun=kalmar,
            name=f"Område {index}",
            geometry=square(16.3 + index / 50, 56.6),
        )
        _crime(kalmar, area, "Misshandel", 2024, 1, rate=float(rate))
    data = area_map(
        kommun=kalmar, period=parse_period("2024"), indicator="brott:Misshandel"
    )
    fills = [s.fill for s in sorted(data.shapes, key=lambda s: s.figure.value)]
    assert len(set(fills)) == 5  # equal spans would give the nine low ones one shade
    assert fills[0] != fills[2] != fills[4]
    assert len(data.legend) == 5
    assert data.legend[0]["label"] == "100–110"
    assert data.legend[-1]["label"].endswith("2\xa0000")
