"""Survey shares with n, a 95 % margin of error and whether a change from the
previous round is significant (issue #18 item 7)."""

from __future__ import annotations

import pytest

from medborgarloften.situation.selectors.analysis import (
    Figure,
    change_significant,
    share_figure,
)
from medborgarloften.situation.templatetags.situation_tags import survey_uncertainty


def test_the_margin_of_error_is_that_of_a_proportion():
    # p = 0.5, n = 100: 1.96 * sqrt(0.25 / 100) = 0.098 -> 9.8 percentage points
    assert share_figure(50.0, 100).margin == pytest.approx(9.8, abs=0.01)
    assert share_figure(20.0, 400).margin == pytest.approx(3.92, abs=0.01)
    assert share_figure(50.0, 3).margin is None  # suppressed
    assert share_figure(50.0, None).margin is None  # n unknown


def test_it_tells_a_significant_change_from_chance():
    assert change_significant(share_figure(40.0, 1000), share_figure(30.0, 1000))
    assert change_significant(share_figure(40.0, 50), share_figure(30.0, 50)) is False
    assert change_significant(share_figure(40.0, 50), share_figure(30.0, 3)) is None
    assert change_significant(share_figure(40.0, 50), None) is None


def test_the_cell_note_shows_n_margin_and_the_verdict():
    now, before = share_figure(40.0, 1000), share_figure(30.0, 1000)
    assert survey_uncertainty(now, before) == ("n = 1000, ±3,0, signifikant förändring")
    assert survey_uncertainty(share_figure(40.0, 50), share_figure(30.0, 50)) == (
        "n = 50, ±13,6, ingen säker förändring"
    )
    assert survey_uncertainty(Figure(value=40.0, base=4, suppressed=True)) == ""


@pytest.mark.django_db
def test_the_analysis_page_shows_n_margin_and_change_per_area(
    client, kommun_viewer, kalmar, areas
):
    from medborgarloften.situation.models import SurveyResult

    def survey(area, year, share, n):
        SurveyResult.objects.create(
            kommun=kalmar,
            area=area,
            indicator="otrygg_kvall",
            year=year,
            gender="alla",
            age_group="alla",
            share=share,
            respondents=n,
        )

    survey(areas["Oxhagen"], 2024, 25.0, 600)
    survey(areas["Oxhagen"], 2025, 40.0, 600)
    survey(areas["Norrliden"], 2025, 20.0, 3)  # too few: hidden, no note
    survey(None, 2025, 30.0, 1200)
    client.force_login(kommun_viewer)
    page = client.get("/personal/lagesbild/0880/analys/?period=2025").content.decode()
    assert "n = 600, ±3,9, signifikant förändring" in page
    assert "n = 3" not in page


@pytest.mark.django_db
def test_the_survey_page_shows_n_and_margin_but_not_for_hidden_groups(
    client, kommun_editor, kalmar, areas
):
    from medborgarloften.situation.surveys.services import survey_response_submit

    from .survey_helpers import answer, open_survey

    survey = open_survey(kalmar, areas=[areas["Norrliden"], areas["Oxhagen"]])
    for value, area in (
        [("mycket_otrygg", areas["Norrliden"])] * 6
        + [("mycket_trygg", areas["Norrliden"])] * 6
        + [("ganska_otrygg", areas["Oxhagen"])] * 2
    ):
        survey_response_submit(
            survey=survey, answers={answer(survey): value}, area=area
        )
    client.force_login(kommun_editor)
    page = client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").content.decode()
    # 8 of 14 answered a problem: 57,1 % ± 1,96·√(0,571·0,429/14) = ±25,9
    assert "n = 14, ±25,9" in page
    assert "n = 2" not in page  # Oxhagen's two answers stay hidden
