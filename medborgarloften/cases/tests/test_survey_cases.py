"""Survey free-text answers become cases: one answer, or every answer of a question,
through the same case service as the other inputs, placed where the respondent
placed their answers, routed, screened and moderated before anything is public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from medborgarloften.situation.models import QuestionKind, SurveyAnswer
from medborgarloften.situation.surveys.place_questions import PlaceAnswer
from medborgarloften.situation.surveys.services import (
    survey_create,
    survey_publish,
    survey_response_submit,
)

from ..models import Case, CaseSource, Moderation
from ..services import (
    case_from_survey_answer,
    case_moderate,
    cases_from_survey_question,
)
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db
THEME = "trygghet_offentlig_miljo"


@pytest.fixture
def survey(kalmar, berga):
    return survey_publish(
        survey=survey_create(
            kommun=kalmar,
            title="Trygghetsenkät",
            year=timezone.localdate().year,
            closes_on=timezone.localdate() + dt.timedelta(days=30),
            place_questions=["Var känner du dig mest otrygg?"],
            text_questions=["Vad skulle göra dig tryggare?"],
            areas=[berga],
        )
    )


def _question(survey, kind=QuestionKind.TEXT):
    return survey.questions.get(kind=kind)


def _answer(survey, text, **kwargs):
    response = survey_response_submit(
        survey=survey, answers={}, texts={_question(survey).pk: text}, **kwargs
    )
    return SurveyAnswer.objects.get(response=response, question=_question(survey))


def test_an_answer_becomes_a_routed_case_at_the_respondents_point(
    survey, kommun_editor, rules, berga, bostadsbolag
):
    place = _question(survey, QuestionKind.PLACE)
    answer = _answer(
        survey,
        "Mörkt på gångvägen, ring mig 070-123 45 67.",
        places={place.pk: PlaceAnswer(*KALMAR_POINT)},
    )
    case = case_from_survey_answer(actor=kommun_editor, answer=answer, theme=THEME)
    assert (case.source, case.source_ref) == (CaseSource.SURVEY, f"answer:{answer.pk}")
    assert (case.latitude, case.longitude, case.area) == (*KALMAR_POINT, berga)
    assert case.owner == bostadsbolag  # the Berga rule for this theme
    assert case.moderation == Moderation.PENDING and case.public_text == ""
    case_moderate(actor=kommun_editor, case=case, publish=True)
    assert "070" not in case.public_text
    assert "[telefonnummer borttaget]" in case.public_text


def test_without_a_place_answer_the_case_takes_the_area_the_resident_lives_in(
    survey, kommun_editor, berga
):
    answer = _answer(survey, "Fler vuxna ute på kvällarna.", area=berga)
    case = case_from_survey_answer(actor=kommun_editor, answer=answer, theme=THEME)
    assert case.area == berga and case.latitude is None


def test_the_same_answer_twice_is_one_case(survey, kommun_editor):
    answer = _answer(survey, "Klotter på skolan.")
    first = case_from_survey_answer(actor=kommun_editor, answer=answer, theme=THEME)
    again = case_from_survey_answer(
        actor=kommun_editor, answer=answer, theme="skadegorelse"
    )
    assert first.pk == again.pk and Case.objects.count() == 1


def test_only_the_kommuns_coordinator_may(survey, other_kommun_editor, kommun_viewer):
    answer = _answer(survey, "Klotter på skolan.")
    for user in (other_kommun_editor, kommun_viewer):
        with pytest.raises(PermissionDenied):
            case_from_survey_answer(actor=user, answer=answer, theme=THEME)
    assert not Case.objects.exists()


def test_an_unknown_theme_is_refused(survey, kommun_editor):
    answer = _answer(survey, "Klotter på skolan.")
    with pytest.raises(ValidationError) as caught:
        case_from_survey_answer(actor=kommun_editor, answer=answer, theme="x")
    assert "theme" in caught.value.message_dict
    assert not Case.objects.exists()


def test_every_answer_of_a_question_becomes_a_case_once(survey, kommun_editor):
    first = _answer(survey, "Mer belysning i parken.")
    _answer(survey, "Fler poliser på torget.")
    case_from_survey_answer(actor=kommun_editor, answer=first, theme=THEME)
    made = cases_from_survey_question(
        actor=kommun_editor, question=_question(survey), theme=THEME
    )
    assert [c.text for c in made.created] == ["Fler poliser på torget."]
    assert made.existing == 1
    assert Case.objects.filter(source=CaseSource.SURVEY).count() == 2
    again = cases_from_survey_question(
        actor=kommun_editor, question=_question(survey), theme=THEME
    )
    assert (again.created, again.existing) == ([], 2)


def test_a_place_question_cannot_become_cases(survey, kommun_editor):
    with pytest.raises(ValidationError) as caught:
        cases_from_survey_question(
            actor=kommun_editor,
            question=_question(survey, QuestionKind.PLACE),
            theme=THEME,
        )
    assert "answer" in caught.value.message_dict


def test_the_button_makes_the_case_and_opens_it(client, survey, kommun_editor):
    answer = _answer(survey, "Mer belysning i parken.")
    client.force_login(kommun_editor)
    response = client.post(
        reverse("cases:from_survey_answer", args=[answer.pk]), {"theme": THEME}
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:staff_detail", args=[case.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Mer belysning i parken." in page and "Enkät" in page


def test_without_a_theme_nothing_is_made_and_the_survey_says_why(
    client, survey, kommun_editor
):
    answer = _answer(survey, "Mer belysning i parken.")
    client.force_login(kommun_editor)
    response = client.post(
        reverse("cases:from_survey_answer", args=[answer.pk]),
        {"theme": ""},
        follow=True,
    )
    assert "Välj ett tema för ärendet." in response.content.decode()
    assert not Case.objects.exists()


def test_all_answers_button_reports_how_many(client, survey, kommun_editor):
    _answer(survey, "Mer belysning i parken.")
    _answer(survey, "Fler poliser på torget.")
    client.force_login(kommun_editor)
    response = client.post(
        reverse("cases:from_survey_question", args=[_question(survey).pk]),
        {"theme": THEME},
        follow=True,
    )
    assert "2 svar blev ärenden." in response.content.decode()
    assert Case.objects.count() == 2


def test_another_kommuns_editor_is_refused(client, survey, other_kommun_editor):
    answer = _answer(survey, "Mer belysning i parken.")
    client.force_login(other_kommun_editor)
    for url in (
        reverse("cases:from_survey_answer", args=[answer.pk]),
        reverse("cases:from_survey_question", args=[_question(survey).pk]),
    ):
        assert client.post(url, {"theme": THEME}).status_code == 403
    assert not Case.objects.exists()
