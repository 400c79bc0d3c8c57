"""Building, answering and exporting digital surveys (services and selectors)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from medborgarloften.situation.models import (
    ImportBatch,
    SurveyResponse,
    SurveyResult,
)
from medborgarloften.situation.selectors.analysis import group_breakdown
from medborgarloften.situation.surveys.bank import bank
from medborgarloften.situation.surveys.selectors import survey_results
from medborgarloften.situation.surveys.services import (
    survey_create,
    survey_export,
    survey_publish,
    survey_response_submit,
)

from .survey_helpers import answer, open_survey


def _answers(survey, values, **background):
    for value in values:
        survey_response_submit(
            survey=survey, answers={answer(survey): value}, **background
        )


def test_it_reads_the_question_bank_with_problem_answers_among_the_options():
    questions = bank()
    assert "otrygg_kvall" in questions
    for question in questions.values():
        values = {o[0] for o in question.options}
        assert question.problem and set(question.problem) <= values


@pytest.mark.django_db
def test_it_builds_a_survey_from_the_bank_and_own_questions(kalmar, areas):
    survey = survey_create(
        kommun=kalmar,
        title="Trygghet 2026",
        year=2026,
        closes_on=timezone.localdate() + dt.timedelta(days=10),
        bank_keys=["fortroende_polis", "otrygg_kvall"],
        own_questions=[("Går du i parken?", ["Ja", "Nej"])],
        areas=[areas["Norrliden"]],
    )
    keys = [q.bank_key for q in survey.questions.all()]
    assert keys == ["otrygg_kvall", "fortroende_polis", ""]
    own = survey.questions.get(bank_key="")
    assert own.options == [["s1", "Ja"], ["s2", "Nej"]]
    assert survey.published_at is None
    assert list(survey.areas.all()) == [areas["Norrliden"]]


@pytest.mark.django_db
def test_it_refuses_a_survey_without_questions_or_with_other_kommuns_areas(
    kalmar, nybro
):
    from medborgarloften.places.models import Area

    elsewhere = Area.objects.create(kommun=nybro, name="Nybro centrum")
    with pytest.raises(ValidationError) as caught:
        survey_create(
            kommun=kalmar,
            title="",
            year=2026,
            closes_on=timezone.localdate() - dt.timedelta(days=1),
            areas=[elsewhere],
            own_questions=[("Bara ett svar?", ["Ja"])],
        )
    errors = caught.value.message_dict
    assert set(errors) == {"title", "areas", "closes_on", "own_questions"}


@pytest.mark.django_db
def test_it_refuses_answers_after_closing(kalmar):
    survey = open_survey(kalmar)
    survey.closes_on = timezone.localdate() - dt.timedelta(days=1)
    survey.save()
    with pytest.raises(ValidationError, match="stängde"):
        survey_response_submit(survey=survey, answers={answer(survey): "ofta"})
    assert SurveyResponse.objects.count() == 0


@pytest.mark.django_db
def test_it_refuses_unknown_options_and_saves_nothing(kalmar):
    survey = open_survey(kalmar)
    with pytest.raises(ValidationError):
        survey_response_submit(
            survey=survey,
            answers={
                answer(survey): "mycket_trygg",
                answer(survey, "fortroende_polis"): "<script>",
            },
        )
    assert SurveyResponse.objects.count() == 0


@pytest.mark.django_db
def test_it_suppresses_groups_under_five_and_compares_with_the_previous_round(
    kalmar, areas
):
    old = open_survey(kalmar, year=2025)
    _answers(old, ["mycket_trygg"] * 8 + ["mycket_otrygg"] * 2)  # 20 %
    new = open_survey(kalmar, areas=[areas["Norrliden"], areas["Oxhagen"]])
    new.closes_on = old.closes_on + dt.timedelta(days=1)
    new.save()
    _answers(new, ["mycket_otrygg"] * 3 + ["mycket_trygg"] * 2, area=areas["Norrliden"])
    _answers(new, ["ganska_otrygg"] * 2, area=areas["Oxhagen"], gender="kvinnor")
    results = survey_results(new)
    assert results["total"] == 7
    (kvall, _polis) = results["questions"]
    assert kvall.total.value == pytest.approx(71.4)
    assert kvall.previous.value == 20.0
    assert kvall.change == pytest.approx(51.4)
    groups = dict(kvall.groups)
    assert groups["Oxhagen"].suppressed  # 2 answers: never a figure
    assert groups["Kvinna"].suppressed
    # Norrliden's 5 of 7 would give Oxhagen's 2 away (7 − 5): hidden as well.
    assert groups["Norrliden"].suppressed and groups["Norrliden"].secondary
    by_area = dict(results["by_area"])
    assert by_area["Oxhagen"].suppressed and not by_area["Oxhagen"].secondary
    assert by_area["Norrliden"].suppressed and by_area["Norrliden"].secondary


@pytest.mark.django_db
def test_it_exports_into_the_lagesbild_survey_results_idempotently(kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Norrliden"]])
    _answers(
        survey,
        ["mycket_otrygg"] * 3 + ["mycket_trygg"] * 3,
        area=areas["Norrliden"],
        gender="kvinnor",
        age_group="25-44",
    )
    first = survey_export(survey=survey)
    count = SurveyResult.objects.count()
    second = survey_export(survey=survey)
    assert SurveyResult.objects.count() == count == first.rows == second.rows
    assert second.created == 0 and ImportBatch.objects.count() == 1
    whole = SurveyResult.objects.get(
        area=None, indicator="otrygg_kvall", gender="alla", age_group="alla"
    )
    assert (whole.share, whole.respondents, whole.year) == (50.0, 6, survey.year)
    assert SurveyResult.objects.filter(
        area=areas["Norrliden"], gender="kvinnor", age_group="25-44"
    ).exists()
    # The lägesbild's own analysis reads the exported rows.
    rows = group_breakdown(kommun=kalmar, year=survey.year)
    assert rows


@pytest.mark.django_db
def test_it_drops_rows_the_export_no_longer_produces(kalmar):
    survey = open_survey(kalmar)
    _answers(survey, ["mycket_trygg"] * 5, gender="man")
    survey_export(survey=survey)
    assert SurveyResult.objects.filter(gender="man").exists()
    SurveyResponse.objects.filter(gender="man").update(gender="")
    survey_export(survey=survey)
    assert not SurveyResult.objects.filter(gender="man").exists()


@pytest.mark.django_db
def test_it_keeps_an_imported_figure_a_small_survey_cannot_replace(kalmar):
    survey = open_survey(kalmar)
    SurveyResult.objects.create(
        kommun=kalmar,
        indicator="otrygg_kvall",
        year=survey.year,
        share=12.0,
        respondents=400,
        batch=ImportBatch.objects.create(kind="survey", filename="formell.csv"),
    )
    _answers(survey, ["mycket_trygg"] * 5)
    summary = survey_export(survey=survey)
    assert summary.updated == 0
    assert "1 värde från en annan källa behölls" in summary.warnings[0]
    kept = SurveyResult.objects.get(area=None, indicator="otrygg_kvall")
    assert (kept.share, kept.respondents) == (12.0, 400)


@pytest.mark.django_db
def test_it_hides_the_complement_that_would_give_a_small_group_away(kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Norrliden"], areas["Oxhagen"]])
    _answers(survey, ["mycket_otrygg"] * 6, area=areas["Norrliden"], gender="man")
    _answers(survey, ["mycket_trygg"] * 2, area=areas["Oxhagen"], gender="kvinnor")
    results = survey_results(survey)
    assert results["total"] == 8
    by_area = dict(results["by_area"])
    # 8 − 6 would be Oxhagen's 2: Norrliden's count is hidden too.
    assert (by_area["Norrliden"].suppressed, by_area["Norrliden"].secondary) == (
        True,
        True,
    )
    groups = dict(results["questions"][0].groups)
    assert groups["Norrliden"].secondary and groups["Man"].secondary
    assert groups["Oxhagen"].suppressed and groups["Kvinna"].suppressed
    # Whatever is still shown, nothing below five can be worked out from it.
    for partition in (by_area, groups):
        hidden = [f for f in partition.values() if f.suppressed and f.base]
        assert not hidden or sum(f.base for f in hidden) >= 5


@pytest.mark.django_db
def test_it_shows_a_group_when_what_is_hidden_is_large_enough(kalmar, areas):
    survey = open_survey(kalmar, areas=[areas["Norrliden"], areas["Oxhagen"]])
    _answers(survey, ["mycket_otrygg"] * 6, area=areas["Norrliden"])
    _answers(survey, ["mycket_trygg"] * 2, area=areas["Oxhagen"])
    _answers(survey, ["mycket_trygg"] * 5)  # no area given: the remainder is 7
    by_area = dict(survey_results(survey)["by_area"])
    assert by_area["Norrliden"].shown and by_area["Norrliden"].value == 6
    assert by_area["Oxhagen"].suppressed and not by_area["Oxhagen"].secondary


@pytest.mark.django_db
def test_it_hides_an_option_count_that_would_give_a_small_one_away(kalmar):
    survey = survey_create(
        kommun=kalmar,
        title="Egen fråga",
        year=2026,
        closes_on=timezone.localdate() + dt.timedelta(days=5),
        own_questions=[("Går du i parken?", ["Ja", "Nej", "Ibland"])],
    )
    survey_publish(survey=survey)
    question = survey.questions.get()
    for value, n in (("s1", 9), ("s2", 6), ("s3", 1)):
        for _ in range(n):
            survey_response_submit(survey=survey, answers={question.pk: value})
    options = dict(survey_results(survey)["questions"][0].options)
    assert options["Ibland"].suppressed and not options["Ibland"].secondary
    assert options["Nej"].secondary  # 16 − 9 would give Ibland's 1 away
    assert options["Ja"].shown and options["Ja"].value == 9
