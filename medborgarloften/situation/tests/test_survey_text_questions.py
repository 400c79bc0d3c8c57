"""Survey free-text questions: asked as a text box, stored in the resident's words,
shown to the kommun's staff only (with the respondent's place), never publicly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from medborgarloften.situation.models import QuestionKind, SurveyAnswer
from medborgarloften.situation.surveys.selectors import text_answers
from medborgarloften.situation.surveys.services import (
    survey_create,
    survey_response_submit,
)

from .survey_helpers import post_answer, published_survey

IP = "203.0.113.79"
QUESTION = "Vad skulle göra dig tryggare där du bor?"
PLACE = "Var känner du dig mest otrygg?"


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def survey(kalmar, berga):
    return published_survey(
        kalmar, areas=[berga], place_questions=[PLACE], text_questions=[QUESTION]
    )


def _text(survey):
    return survey.questions.get(kind=QuestionKind.TEXT)


def _post(client, survey, **data):
    return post_answer(client, survey, ip=IP, **data)


@pytest.mark.django_db
def test_it_adds_a_free_text_question_last(survey):
    question = _text(survey)
    assert question.text == QUESTION
    assert question.options == []
    assert question.position == survey.questions.count()


@pytest.mark.django_db
def test_a_survey_of_free_text_questions_only_is_allowed(kalmar):
    survey = survey_create(
        kommun=kalmar,
        title="Bara fritext",
        year=2026,
        closes_on=timezone.localdate() + dt.timedelta(days=3),
        text_questions=["Vad vill du säga till kommunen?"],
    )
    assert [q.kind for q in survey.questions.all()] == [QuestionKind.TEXT]


@pytest.mark.django_db
def test_a_too_long_free_text_question_is_refused_by_name(kalmar):
    with pytest.raises(ValidationError) as caught:
        survey_create(
            kommun=kalmar,
            title="Enkät",
            year=2026,
            closes_on=timezone.localdate() + dt.timedelta(days=3),
            text_questions=["x" * 301],
        )
    assert caught.value.message_dict["text_questions"][0].startswith(
        "Fritextfrågor: frågan"
    )


@pytest.mark.django_db
def test_the_answer_page_has_a_text_box_for_the_question(client, survey):
    page = client.get(f"/enkat/{survey.token}/").content.decode()
    pk = _text(survey).pk
    assert f'<textarea name="t{pk}"' in page
    assert QUESTION in page


@pytest.mark.django_db
def test_a_free_text_answer_is_stored_in_the_residents_words(client, survey):
    pk = _text(survey).pk
    response = _post(client, survey, **{f"t{pk}": "  Mer ljus vid busshållplatsen.  "})
    assert response.status_code == 302
    stored = SurveyAnswer.objects.get(question_id=pk)
    assert (stored.value, stored.text) == ("fritext", "Mer ljus vid busshållplatsen.")


@pytest.mark.django_db
def test_a_too_long_answer_is_refused_and_nothing_saved(client, survey):
    pk = _text(survey).pk
    choice = survey.questions.get(bank_key="otrygg_kvall").pk
    response = _post(client, survey, **{f"t{pk}": "a" * 1001, f"q{choice}": "ja"})
    assert response.status_code == 400
    assert "högst 1" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_text_for_a_choice_question(survey):
    choice = survey.questions.get(bank_key="otrygg_kvall").pk
    with pytest.raises(ValidationError) as caught:
        survey_response_submit(survey=survey, answers={}, texts={choice: "Hej"})
    assert "answers" in caught.value.message_dict
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db
def test_the_answer_carries_the_respondents_place(survey, berga):
    text = _text(survey)
    place = survey.questions.get(kind=QuestionKind.PLACE)
    from medborgarloften.situation.surveys.place_questions import PlaceAnswer

    survey_response_submit(
        survey=survey,
        answers={},
        places={place.pk: PlaceAnswer(latitude=56.685, longitude=16.32)},
        texts={text.pk: "Buskarna skymmer gångvägen."},
    )
    survey_response_submit(
        survey=survey, answers={}, area=berga, texts={text.pk: "Fler vuxna ute."}
    )
    survey_response_submit(survey=survey, answers={}, texts={text.pk: "Inget mer."})
    found = text_answers(survey)[text.pk]
    assert [(a.answer.text, a.place.area, a.place.latitude) for a in found] == [
        ("Buskarna skymmer gångvägen.", berga, 56.685),
        ("Fler vuxna ute.", berga, None),
        ("Inget mer.", None, None),
    ]


@pytest.mark.django_db
def test_staff_see_the_answers_with_a_make_into_case_action(
    client, survey, kommun_editor
):
    text = _text(survey)
    survey_response_submit(
        survey=survey, answers={}, texts={text.pk: "Släck inte gatlyktorna kl 23."}
    )
    client.force_login(kommun_editor)
    page = client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").content.decode()
    assert "Släck inte gatlyktorna kl 23." in page
    answer = SurveyAnswer.objects.get(question=text)
    assert f'action="/personal/arenden/fran-enkatsvar/{answer.pk}/"' in page
    assert f'action="/personal/arenden/fran-enkatfraga/{text.pk}/"' in page


@pytest.mark.django_db
def test_a_viewer_sees_the_answers_but_no_action(client, survey, kommun_viewer):
    text = _text(survey)
    survey_response_submit(survey=survey, answers={}, texts={text.pk: "Mer ljus."})
    client.force_login(kommun_viewer)
    page = client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").content.decode()
    assert "Mer ljus." in page
    assert "fran-enkatsvar" not in page


@pytest.mark.django_db
def test_the_public_never_sees_the_answers(client, survey):
    text = _text(survey)
    survey_response_submit(
        survey=survey, answers={}, texts={text.pk: "HEMLIGT fritextsvar"}
    )
    for url in (f"/enkat/{survey.token}/", f"/enkat/{survey.token}/tack/"):
        assert "HEMLIGT" not in client.get(url).content.decode()
    assert (
        client.get(f"/personal/lagesbild/0880/enkater/{survey.pk}/").status_code == 302
    )
