"""The analysis: aggregation, small-group suppression, the map, priorities, the
document, and turning a priority into a focus area."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.situation.models import SurveyResult
from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors import (
    area_comparison,
    area_map,
    count_figure,
    group_breakdown,
    priorities,
    share_figure,
    theme_series,
)
from medborgarloften.situation.services import dialogue_create, observation_create

from .conftest import at


def _reports(kalmar, area, n, *, category="klotter", month=11, year=2025, point=None):
    for i in range(n):
        observation_create(
            kommun=kalmar,
            category=category,
            observed_at=at(year, month, 1 + i % 28, 20),
            area=area,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
        )


def _survey(kalmar, area, share, respondents, *, year=2025, gender="alla", age="alla"):
    SurveyResult.objects.create(
        kommun=kalmar,
        area=area,
        indicator="otrygg_kvall",
        year=year,
        gender=gender,
        age_group=age,
        share=share,
        respondents=respondents,
    )


def test_it_suppresses_counts_and_shares_below_five():
    assert count_figure(4).suppressed and not count_figure(5).suppressed
    assert not count_figure(0).suppressed
    assert share_figure(40.0, 4).suppressed and not share_figure(40.0, 5).suppressed
    assert not share_figure(40.0, None).suppressed


@pytest.mark.django_db
def test_it_compares_areas_with_the_average_and_the_previous_period(kalmar, areas):
    _reports(kalmar, areas["Oxhagen"], 9)
    _reports(kalmar, areas["Norrliden"], 3)
    _reports(kalmar, areas["Oxhagen"], 6, month=10)
    result = area_comparison(kommun=kalmar, period=parse_period("2025-11"))
    rows = {row.area.name: row for row in result.rows}
    assert result.average_reports == 4.0  # 12 reports over three areas
    assert rows["Oxhagen"].reports.value == 9
    assert rows["Oxhagen"].ratio_to_average == 2.25
    assert rows["Oxhagen"].change == 3
    # Three reports: suppressed, no ratio, no change.
    assert rows["Norrliden"].reports.suppressed
    assert rows["Norrliden"].ratio_to_average is None
    assert rows["Centrum"].reports.value == 0


@pytest.mark.django_db
def test_it_compares_survey_shares_with_the_kommun_weighted_by_respondents(
    kalmar, areas
):
    _survey(kalmar, areas["Oxhagen"], 40.0, 100)
    _survey(kalmar, areas["Norrliden"], 20.0, 300)
    _survey(kalmar, areas["Centrum"], 90.0, 3)
    result = area_comparison(kommun=kalmar, period=parse_period("2025-T3"))
    kommun = result.kommun_survey["otrygg_kvall"]
    assert kommun.value == pytest.approx((4000 + 6000 + 270) / 403, abs=0.05)
    centrum = next(r for r in result.rows if r.area.name == "Centrum")
    assert centrum.survey["otrygg_kvall"].suppressed


@pytest.mark.django_db
def test_it_breaks_down_by_gender_and_age_and_hides_small_groups(kalmar):
    _survey(kalmar, None, 30.0, 800)
    _survey(kalmar, None, 38.0, 400, gender="kvinnor")
    _survey(kalmar, None, 60.0, 4, age="80+")
    rows = group_breakdown(kommun=kalmar, year=2025)
    assert [(r.gender, r.age_group) for r in rows] == [
        ("Alla", "80+"),
        ("Kvinnor", "alla åldrar"),
    ]
    assert rows[0].figure.suppressed and not rows[1].figure.suppressed


@pytest.mark.django_db
def test_it_counts_themes_by_month_with_rates_and_suppression(kalmar, areas):
    _reports(kalmar, areas["Oxhagen"], 6, category="klotter", month=11)
    _reports(kalmar, areas["Oxhagen"], 2, category="skadegorelse", month=10)
    _reports(kalmar, areas["Oxhagen"], 2, category="narkotika", month=11)
    series = theme_series(kommun=kalmar, period=parse_period("2025-11"))
    assert series.months[-1] == 202511 and len(series.months) == 12
    rows = {row["theme"]: row for row in series.rows}
    skadegorelse = rows["skadegorelse"]
    assert skadegorelse["cells"][-1].value == 6
    assert skadegorelse["cells"][-2].suppressed  # two reports in October
    assert skadegorelse["total"].value == 8
    assert skadegorelse["rate"] == round(8 * 100_000 / series.population, 1)
    assert rows["narkotika"]["rate"] is None  # two reports: no rate either


@pytest.mark.django_db
def test_it_shades_the_map_and_hatches_small_groups(kalmar, areas):
    _reports(kalmar, areas["Oxhagen"], 7, point=(56.685, 16.345))
    _reports(kalmar, areas["Norrliden"], 2)
    data = area_map(kommun=kalmar, period=parse_period("2025-11"))
    shapes = {s.area.name: s for s in data.shapes}
    assert shapes["Oxhagen"].label == "7 rapporter"
    assert shapes["Norrliden"].fill == "url(#hatch)"
    assert shapes["Norrliden"].label == "färre än 5"
    assert data.areas_without_geometry == ["Centrum"]
    assert len(data.points) == 7
    assert all(
        0 <= p["x"] <= data.width and 0 <= p["y"] <= data.height for p in data.points
    )
    # Labelled in Swedish local time (20:00 in Kalmar is 19:00 UTC in November).
    assert data.points[-1]["title"] == "Klotter, 2025-11-01 20:00"
    assert str(data.points_svg).count('<circle cx="') == 7
    assert "<title>Klotter, 2025-11-01 20:00</title>" in str(data.points_svg)


@pytest.mark.django_db
def test_it_ranks_priorities_with_their_evidence(kalmar, areas):
    _reports(kalmar, areas["Oxhagen"], 10, category="klotter")
    _reports(kalmar, areas["Oxhagen"], 5, category="klotter", month=10)
    _reports(kalmar, areas["Norrliden"], 2, category="narkotika")
    _survey(kalmar, areas["Norrliden"], 45.0, 90)
    _survey(kalmar, None, 25.0, 800)
    dialogue_create(
        kommun=kalmar,
        kind="trygghetsvandring",
        held_on=dt.date(2025, 9, 1),
        area=areas["Norrliden"],
        findings=[{"theme": "trygghet_offentlig_miljo", "place": "", "text": "Mörkt."}],
    )
    ranked = priorities(kommun=kalmar, period=parse_period("2025-11"))
    titles = [p.title for p in ranked]
    # 3 × the area average and rising (3.5) before 20 points above the kommun's
    # share plus a walk's finding (2.5).
    assert titles[:2] == [
        "Skadegörelse i Oxhagen",
        "Trygghet i offentlig miljö i Norrliden",
    ]
    assert ranked[0].score == 3.5 and ranked[1].score == 2.5
    oxhagen = next(p for p in ranked if p.title == "Skadegörelse i Oxhagen")
    assert any("10 rapporter" in line for line in oxhagen.evidence)
    assert any("Ökning från 5 till 10" in line for line in oxhagen.evidence)
    # Two narkotika reports: too few to give a figure or a point.
    assert not any(p.theme == "narkotika" for p in ranked)


@pytest.mark.django_db
def test_the_analysis_page_never_shows_a_suppressed_figure(
    client, kommun_viewer, kalmar, areas
):
    _reports(kalmar, areas["Norrliden"], 3, category="narkotika")
    _survey(kalmar, areas["Centrum"], 77.7, 4)
    client.force_login(kommun_viewer)
    response = client.get("/personal/lagesbild/0880/analys/?period=2025-11")
    content = response.content.decode()
    assert response.status_code == 200
    assert "77,7" not in content
    assert "färre än 5" in content
    assert "<svg" in content


@pytest.mark.django_db
def test_the_analysis_page_costs_a_fixed_number_of_queries(
    client, kommun_viewer, kalmar, areas, django_assert_max_num_queries
):
    client.force_login(kommun_viewer)
    client.get("/personal/lagesbild/0880/analys/?period=2025-11")
    _reports(kalmar, areas["Oxhagen"], 30, point=(56.685, 16.345))
    _reports(kalmar, areas["Norrliden"], 30)
    with django_assert_max_num_queries(40):
        client.get("/personal/lagesbild/0880/analys/?period=2025-11")


@pytest.mark.django_db
def test_the_document_exports_as_html_pdf_and_docx(
    client, kommun_viewer, kalmar, areas
):
    _reports(kalmar, areas["Oxhagen"], 8)
    client.force_login(kommun_viewer)
    html = client.get("/personal/lagesbild/0880/dokument/?period=2025&download=1")
    assert html["Content-Disposition"].endswith('lagesbild-0880-2025.html"')
    assert "<svg" in html.content.decode()
    pdf = client.get("/personal/lagesbild/0880/dokument/?period=2025&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get("/personal/lagesbild/0880/dokument/?period=2025&format=docx")
    assert docx.content[:2] == b"PK"
    import io

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Lägesbild Kalmar kommun, 2025" in text


@pytest.mark.django_db
def test_a_priority_becomes_a_focus_area_of_a_new_draft_in_one_step(
    client, kommun_editor, kalmar, lpo_kalmar, areas
):
    _reports(kalmar, areas["Oxhagen"], 10)
    client.force_login(kommun_editor)
    response = client.post(
        "/personal/lagesbild/0880/analys/prioritet/",
        {"key": f"skadegorelse:{areas['Oxhagen'].pk}", "period": "2025-11"},
    )
    assert response.status_code == 302
    from medborgarloften.promises.models import Promise

    promise = Promise.objects.get()
    assert promise.status == "draft"
    # The lokalpolisområde is asked, not named outright (issue 13, M3).
    assert set(promise.parties.all()) == {kalmar}
    assert promise.party_requests.get().organisation == lpo_kalmar
    focus = promise.focus_areas.get()
    assert focus.title == "Skadegörelse i Oxhagen"
    assert list(focus.areas.all()) == [areas["Oxhagen"]]
    assert "10 rapporter" in focus.description


@pytest.mark.django_db
def test_viewers_cannot_turn_priorities_into_promises(client, kommun_viewer, kalmar):
    client.force_login(kommun_viewer)
    response = client.post("/personal/lagesbild/0880/analys/prioritet/", {"key": "x"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_national_aggregate_sums_areas_per_kommun_month_and_category(
    kalmar, nybro, areas
):
    from medborgarloften.situation.selectors import national_counts

    _reports(kalmar, areas["Oxhagen"], 3, month=11)
    _reports(kalmar, areas["Norrliden"], 2, month=11)
    _reports(kalmar, None, 1, month=11)
    _reports(nybro, None, 4, category="brand", month=10)
    assert national_counts() == {
        (kalmar.pk, 202511, "klotter"): 6,
        (nybro.pk, 202510, "brand"): 4,
    }
    assert national_counts(months=[202510]) == {(nybro.pk, 202510, "brand"): 4}


def test_similar_kommuner_are_the_ten_nearest_in_population():
    import math

    from medborgarloften.situation.services import population, similar_kommuner
    from medborgarloften.situation.services.imports import _population_table

    similar = similar_kommuner("0880", year=2025)
    assert len(similar) == 10 and "0880" not in similar
    assert similar[0] == "1481"  # Mölndal: 72 128 against Kalmar's 73 068

    def distance(code: str) -> float:
        return abs(
            math.log(
                population(kommun_code=code, year=2025)
                / population(kommun_code="0880", year=2025)
            )
        )

    others = set(_population_table()) - set(similar) - {"0880"}
    assert max(map(distance, similar)) <= min(map(distance, others))


@pytest.mark.django_db
def test_the_key_figures_compare_with_the_lan_the_riket_and_similar_kommuner(
    client, kommun_viewer, kalmar, areas
):
    from medborgarloften.places.models import Organisation, OrganisationKind
    from medborgarloften.situation.models import KeyFigure
    from medborgarloften.situation.selectors import key_figure_comparison

    Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, code="1481", name="Mölndal"
    )

    def figure(code, value, year=2025):
        KeyFigure.objects.create(
            kpi="N07540", municipality_code=code, year=year, value=value
        )

    figure("0880", 12770.6)
    figure("0008", 11000.0)
    figure("0000", 12000.0)
    for code, value in (("1481", 100.0), ("2482", 200.0), ("1383", 600.0)):
        figure(code, value)
    figure("2482", 5000.0, year=2024)  # another year: not in the mean
    figure("0180", 99999.0)  # Stockholm is not similar to Kalmar
    figure("1481", 7000.0, year=2026)  # later than the kommun's own year
    [row] = key_figure_comparison(kommun=kalmar, year=2026)
    assert (row["year"], row["kommun"], row["region"], row["riket"]) == (
        2025,
        12770.6,
        11000.0,
        12000.0,
    )
    assert (row["similar"], row["similar_n"]) == (300.0, 3)
    client.force_login(kommun_viewer)
    content = client.get("/personal/lagesbild/0880/analys/?period=2025").content
    content = content.decode()
    assert "Liknande kommuner" in content
    assert "300,0" in content and "(3 av 10)" in content
    assert "99" + "999" not in content
    assert "närmast i folkmängd (SCB): Mölndal, " in content


@pytest.mark.django_db
def test_the_document_pdf_is_tagged_and_the_docx_marks_header_rows(
    client, kommun_viewer, kalmar, areas
):
    from medborgarloften.lib.tests.accessible_documents import (
        assert_accessible_docx,
        assert_tagged_pdf,
        header_row_marked,
    )

    _reports(kalmar, areas["Oxhagen"], 8)
    client.force_login(kommun_viewer)
    url = "/personal/lagesbild/0880/dokument/?period=2025"
    pdf = client.get(url + "&format=pdf")
    kinds = assert_tagged_pdf(
        pdf.content, title="Lägesbild Kalmar kommun, 2025", tables=True
    )
    assert kinds["/TH"] >= 2 * kinds["/Table"], kinds  # column and row headers
    document = assert_accessible_docx(
        client.get(url + "&format=docx").content,
        title="Lägesbild Kalmar kommun, 2025",
        author="Kalmar kommun",
    )
    assert len(document.tables) >= 2
    assert all(header_row_marked(table) for table in document.tables)


@pytest.mark.django_db
def test_the_saved_document_carries_its_stylesheet_and_the_served_one_links_it(
    client, kommun_viewer, kalmar, areas
):
    client.force_login(kommun_viewer)
    url = "/personal/lagesbild/0880/dokument/?period=2025"
    served = client.get(url).content.decode()
    assert "<style" not in served and "lagesbild-document.css" in served
    saved = client.get(url + "&download=1").content.decode()
    assert "<style>" in saved and "border-collapse" in saved
    assert "lagesbild-document.css" not in saved


def test_a_value_below_the_lowest_shown_takes_the_lightest_shade():
    from medborgarloften.situation.selectors.maps import SHADES, _shade

    assert _shade(0, 10, 12) == SHADES[0]
    assert _shade(9, 10, 12) == SHADES[0]
    assert _shade(12, 10, 12) == SHADES[-1]
