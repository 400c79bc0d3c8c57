"""A web survey's transfer to the lägesbild: what it would replace is shown first,
weak figures never replace another source's, and the whole kommun follows its areas."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.situation.models import SurveyResult
from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors.analysis import area_comparison
from medborgarloften.situation.services.imports import survey_import
from medborgarloften.situation.surveys.services import (
    export_plan,
    survey_export,
    survey_response_submit,
)

from .survey_helpers import answer, open_survey


def _formal(kalmar, year, rows):
    lines = ["område;år;indikator;kön;åldersgrupp;andel;svarande"]
    lines += [f"{a};{year};otrygg_kvall;alla;alla;{s};{n}" for a, s, n in rows]
    return survey_import(
        kommun=kalmar, data="\n".join(lines).encode(), filename="formell.csv"
    )


def _whole(kalmar, year):
    figure = area_comparison(
        kommun=kalmar, period=parse_period(str(year))
    ).kommun_survey["otrygg_kvall"]
    return (figure.value, figure.base)


def _answers(survey, values, **background):
    for value in values:
        survey_response_submit(
            survey=survey, answers={answer(survey): value}, **background
        )


@pytest.mark.django_db
def test_the_plan_lists_old_and_new_and_a_small_survey_replaces_nothing(kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Norrliden"]])
    _formal(kalmar, survey.year, [("Norrliden", 30.0, 300), ("Oxhagen", 10.0, 100)])
    _answers(survey, ["mycket_otrygg"] * 8, area=areas["Norrliden"])
    plan = export_plan(survey)
    norrliden = next(r for r in plan if r.area == areas["Norrliden"])
    assert (norrliden.old_share, norrliden.old_respondents) == (30.0, 300)
    assert (norrliden.new_share, norrliden.new_respondents) == (100.0, 8)
    assert norrliden.weak  # 8 against 300
    survey_export(survey=survey)
    row = SurveyResult.objects.get(area=areas["Norrliden"], indicator="otrygg_kvall")
    assert (row.share, row.respondents) == (30.0, 300)
    # The whole kommun is still the areas' weighted mean, not the survey's 100 %.
    assert _whole(kalmar, survey.year) == (25.0, 400)


@pytest.mark.django_db
def test_a_comparable_survey_replaces_only_when_confirmed(kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Oxhagen"]])
    _formal(kalmar, survey.year, [("Norrliden", 30.0, 300), ("Oxhagen", 10.0, 10)])
    _answers(survey, ["mycket_otrygg"] * 8, area=areas["Oxhagen"])
    assert [r.weak for r in export_plan(survey) if r.area] == [False]
    with pytest.raises(ValidationError):
        survey_export(survey=survey)
    summary = survey_export(survey=survey, replace=True)
    assert "ersatt" in summary.warnings[0]
    oxhagen = SurveyResult.objects.get(area=areas["Oxhagen"], indicator="otrygg_kvall")
    assert (oxhagen.share, oxhagen.respondents) == (100.0, 8)
    assert _whole(kalmar, survey.year) == (round((9000 + 800) / 308, 1), 308)
    # Re-importing the original file restores the areas and the whole kommun.
    _formal(kalmar, survey.year, [("Norrliden", 30.0, 300), ("Oxhagen", 10.0, 10)])
    assert _whole(kalmar, survey.year) == (round(9100 / 310, 1), 310)


@pytest.mark.django_db
def test_a_files_own_kommun_row_stays_until_one_of_its_areas_changes(kalmar, areas):
    year = 2025
    _formal(kalmar, year, [("Hela kommunen", 20.0, 900), ("Norrliden", 30.0, 300)])
    assert _whole(kalmar, year) == (20.0, 900)
    _formal(kalmar, year, [("Oxhagen", 10.0, 100)])
    # Oxhagen came from another file: the first file's 20 % no longer holds.
    assert not SurveyResult.objects.filter(area=None).exists()
    assert _whole(kalmar, year) == (25.0, 400)


@pytest.mark.django_db
def test_the_transfer_page_shows_replacements_and_needs_the_box(
    client, kalmar, areas, kommun_editor
):
    survey = open_survey(kalmar, areas=[areas["Oxhagen"]])
    _formal(kalmar, survey.year, [("Oxhagen", 10.0, 10)])
    _answers(survey, ["mycket_otrygg"] * 8, area=areas["Oxhagen"])
    client.force_login(kommun_editor)
    url = f"/personal/lagesbild/{kalmar.code}/enkater/{survey.pk}/till-lagesbild/"
    page = client.get(url).content.decode()
    assert "Värden som ersätts" in page and "n = 10" in page and "n = 8" in page
    client.post(url)
    row = SurveyResult.objects.get(area=areas["Oxhagen"], indicator="otrygg_kvall")
    assert row.respondents == 10
    client.post(url, {"replace": "1"})
    row.refresh_from_db()
    assert row.respondents == 8


@pytest.mark.django_db
def test_the_transfer_page_does_not_show_the_share_of_too_few_answers(
    client, kalmar, areas, kommun_editor
):
    survey = open_survey(kalmar, areas=[areas["Oxhagen"]])
    _formal(kalmar, survey.year, [("Oxhagen", 10.0, 100)])
    _answers(survey, ["mycket_otrygg"], area=areas["Oxhagen"])
    client.force_login(kommun_editor)
    url = f"/personal/lagesbild/{kalmar.code}/enkater/{survey.pk}/till-lagesbild/"
    page = client.get(url).content.decode()
    # One answer: its share would be that person's answer.
    assert "för få svar (n = 1)" in page and "100,0 %" not in page
    assert "100.0 %" not in page and 'class="table-wrap"' in page


@pytest.mark.django_db
def test_groups_of_fewer_than_five_answers_are_not_transferred(kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Oxhagen"]])
    _answers(survey, ["mycket_otrygg"] * 3, area=areas["Oxhagen"])
    summary = survey_export(survey=survey)
    # Nothing of three answers reaches the lägesbild: the year stays without
    # figures rather than becoming its newest year on three answers.
    assert not SurveyResult.objects.filter(year=survey.year).exists()
    assert any("färre än 5 svarande" in w for w in summary.warnings)
    _answers(survey, ["mycket_trygg"] * 3, area=areas["Oxhagen"])
    survey_export(survey=survey)
    oxhagen = SurveyResult.objects.get(
        area=areas["Oxhagen"], indicator="otrygg_kvall", gender="alla"
    )
    assert (oxhagen.share, oxhagen.respondents) == (50.0, 6)
