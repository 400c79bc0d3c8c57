"""Survey rows by gender and age imported per area are shown for the kommun: the
areas combined, weighted by respondents, small groups suppressed, coverage said."""

from __future__ import annotations

import pytest

from medborgarloften.planning.figures import current_figures
from medborgarloften.situation.selectors.analysis import group_breakdown
from medborgarloften.situation.services.imports import survey_import

FILE = """område;år;indikator;kön;åldersgrupp;andel;svarande
Norrliden;2025;otrygg_kvall;alla;alla;30;300
Norrliden;2025;otrygg_kvall;kvinnor;alla;40;150
Oxhagen;2025;otrygg_kvall;kvinnor;alla;10;50
Norrliden;2025;otrygg_kvall;alla;16-24;50;3
"""


@pytest.mark.django_db
def test_area_rows_by_gender_and_age_are_combined_for_the_kommun(kalmar, areas):
    survey_import(kommun=kalmar, data=FILE.encode(), filename="grupper.csv")
    rows = {
        (r.gender, r.age_group): r for r in group_breakdown(kommun=kalmar, year=2025)
    }
    women = rows[("Kvinnor", "alla åldrar")]
    assert (women.figure.value, women.figure.base) == (32.5, 200)
    assert (women.areas, women.of_areas) == (2, 3)
    assert rows[("Alla", "16-24")].figure.suppressed  # 3 respondents
    figures = {f["key"]: f for f in current_figures(kommun=kalmar, year=2025)}
    chosen = figures["survey:otrygg_kvall:kvinnor:alla"]
    assert chosen["value"] == 32.5 and "2 av 3 områden" in chosen["label"]
    assert "survey:otrygg_kvall:alla:16-24" not in figures


@pytest.mark.django_db
def test_the_analysis_page_shows_the_groups(client, kalmar, areas, kommun_editor):
    survey_import(kommun=kalmar, data=FILE.encode(), filename="grupper.csv")
    client.force_login(kommun_editor)
    page = client.get(f"/personal/lagesbild/{kalmar.code}/analys/?period=2025")
    text = page.content.decode()
    assert "Kön och ålder" in text and "2 av 3 områden" in text


@pytest.mark.django_db
def test_the_kommun_mean_says_its_coverage_and_years_of_other_coverage(kalmar, areas):
    from medborgarloften.situation.periods import parse_period
    from medborgarloften.situation.selectors.analysis import (
        area_comparison,
        survey_trends,
    )
    from medborgarloften.situation.trend_charts import change_line

    rows = ["område;år;indikator;kön;åldersgrupp;andel;svarande"]
    rows += [f"{a};2024;otrygg_kvall;alla;alla;20;100" for a in areas]
    rows += ["Norrliden;2025;otrygg_kvall;alla;alla;30;100"]
    survey_import(kommun=kalmar, data="\n".join(rows).encode(), filename="år.csv")
    comparison = area_comparison(kommun=kalmar, period=parse_period("2025"))
    assert comparison.kommun_coverage == (1, 3)
    series = survey_trends(kommun=kalmar, until=2025)[0]
    line = change_line(series)
    assert "Inte jämförbart" in line and "1 av 3 områden" in line
    assert "hela kommunen" in line
