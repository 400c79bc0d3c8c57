"""The analysis page's trend charts: survey indicators and crime per year, drawn as
bars with their figures as page text, and a table with the same figures."""

from __future__ import annotations

import pytest

from medborgarloften.situation.models import CrimeStatistic, SurveyResult
from medborgarloften.situation.selectors import survey_trends
from medborgarloften.situation.selectors.analysis import YearSeries
from medborgarloften.situation.trend_charts import change_line, trend_chart, trend_table


def test_a_chart_has_a_bar_and_a_line_of_text_a_year():
    series = YearSeries(
        label="Misshandel <b>",
        unit="per 100 000 invånare",
        points=[(2023, 800.0), (2024, 1000.0)],
    )
    html = str(trend_chart(series))
    assert html.count('<svg class="trend-bar" role="img"') == 2
    assert "2023: 800</p>" in html and "2024: 1\xa0000</p>" in html
    assert 'width="80.0"' in html and 'width="100.0"' in html
    assert "Misshandel &lt;b&gt;" in html and "<b>" not in html  # escaped
    assert change_line(series) == (
        "2023–2024: från 800 till 1\xa0000 per 100 000 invånare (+25 %)"
    )


def test_survey_changes_are_told_in_percentage_points():
    series = YearSeries(
        label="Otrygghet", unit="%", points=[(2021, 30.0), (2025, 26.5)]
    )
    assert (
        change_line(series) == "2021–2025: från 30 % till 26,5 % (-3,5 procentenheter)"
    )


def test_the_table_has_a_column_a_year_and_a_dash_where_a_year_is_missing():
    table = trend_table(
        [
            YearSeries("A", "%", [(2021, 10.0), (2023, 12.0)]),
            YearSeries("B", "%", [(2022, 5.0), (2023, 6.0)]),
        ]
    )
    assert table["years"] == [2021, 2022, 2023]
    assert table["rows"][0]["cells"] == ["10 %", "–", "12 %"]


@pytest.mark.django_db
def test_survey_trends_use_the_kommun_row_else_the_weighted_areas(kalmar, areas):
    SurveyResult.objects.create(
        kommun=kalmar, indicator="otrygg_kvall", year=2024, share=30, respondents=900
    )
    for area, share, n in (("Norrliden", 40.0, 300), ("Oxhagen", 20.0, 100)):
        SurveyResult.objects.create(
            kommun=kalmar,
            area=areas[area],
            indicator="otrygg_kvall",
            year=2025,
            share=share,
            respondents=n,
        )
    (series,) = survey_trends(kommun=kalmar, until=2025)
    assert series.points == [(2024, 30.0), (2025, 35.0)]


@pytest.mark.django_db
def test_the_analysis_page_draws_the_trends_with_their_table(
    client, kommun_viewer, kalmar
):
    for year, rate in ((2023, 800.0), (2024, 900.0), (2025, 850.0)):
        CrimeStatistic.objects.create(
            kommun=kalmar, category="Misshandel", year=year, count=1, rate_per_100k=rate
        )
    client.force_login(kommun_viewer)
    html = client.get("/personal/lagesbild/0880/analys/?period=2025").content.decode()
    assert "Utveckling år för år" in html
    assert html.count('class="trend-bar"') == 3
    assert "Tabell: anmälda brott per år och kategori" in html
    assert "<td>850</td>" in html
    document = client.get("/personal/lagesbild/0880/dokument/?period=2025")
    assert "trend-chart" in document.content.decode()  # the adoptable document too


@pytest.mark.django_db
def test_the_word_file_has_the_area_crime_and_the_trend_tables(
    client, kommun_viewer, kalmar, areas
):
    import io

    from docx import Document

    for year, rate in ((2024, 900.0), (2025, 850.0)):
        CrimeStatistic.objects.create(
            kommun=kalmar, category="Misshandel", year=year, count=1, rate_per_100k=rate
        )
    CrimeStatistic.objects.create(
        kommun=kalmar,
        area=areas["Norrliden"],
        category="Misshandel",
        year=2025,
        count=40,
        population=4000,
    )
    client.force_login(kommun_viewer)
    response = client.get("/personal/lagesbild/0880/dokument/?period=2025&format=docx")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs]
    assert "Anmälda brott per område: Misshandel, 2025" in headings
    assert "Anmälda brott per år, hela kommunen" in headings
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "1\xa0000,0" in cells and "850" in cells
