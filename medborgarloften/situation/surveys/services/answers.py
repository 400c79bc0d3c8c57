"""A resident's answer to a survey: saved completely before the thanks, or not at all."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area

from ...models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from ..bank import AGE_GROUPS, GENDERS
from ..place_questions import PlaceAnswer, place_answer_errors, place_answers_save
from ..text_questions import text_answer_errors, text_answers_save
from ._common import (
    _add,
)


def _background_errors(
    survey: Survey, area: Area | None, gender: str, age_group: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if area is not None and not survey.areas.filter(pk=area.pk).exists():
        _add(errors, "area", _("Område: välj ett av områdena i listan."))
    if gender and gender not in dict(GENDERS):
        _add(errors, "gender", _("Kön: välj ett av svaren i listan."))
    if age_group and age_group not in dict(AGE_GROUPS):
        _add(errors, "age_group", _("Ålder: välj ett av svaren i listan."))
    return errors


def _closed_error(survey: Survey, today: dt.date) -> ValidationError | None:
    if survey.published_at is None:
        return ValidationError({"survey": [_("Enkäten är inte öppen ännu.")]})
    if today > survey.closes_on:
        return ValidationError(
            {
                "survey": [
                    _("Enkäten stängde %(d)s. Tyvärr går det inte att svara nu.")
                    % {"d": survey.closes_on}
                ]
            }
        )
    return None


@transaction.atomic
def survey_response_submit(
    *,
    survey: Survey,
    answers: dict[int, str],
    area: Area | None = None,
    gender: str = "",
    age_group: str = "",
    places: dict[int, PlaceAnswer] | None = None,
    texts: dict[int, str] | None = None,
) -> SurveyResponse:
    """Save one anonymous answer, whole or not at all, while the survey is open: only
    known options, the survey's own areas, free text within its limit, no personal
    data about who answered and no time of day."""
    today = timezone.localdate()
    closed = _closed_error(survey, today)
    if closed:
        raise closed
    errors = _background_errors(survey, area, gender, age_group)
    questions = {q.pk: q for q in survey.questions.all()}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            _add(errors, "answers", _("Svar: okänd fråga."))
        elif value not in {o[0] for o in question.options}:
            _add(
                errors,
                f"q{question_id}",
                _("%(q)s: välj ett av svaren.") % {"q": question.text},
            )
    places = {k: v for k, v in (places or {}).items() if v.given()}
    for question_id, place in places.items():
        question = questions.get(question_id)
        if question is None or question.kind != QuestionKind.PLACE:
            _add(errors, "answers", _("Svar: okänd fråga."))
            continue
        for message in place_answer_errors(
            survey=survey, question=question, answer=place
        ):
            _add(errors, f"p{question_id}_area", message)
    texts = {k: v.strip() for k, v in (texts or {}).items() if v.strip()}
    for key, messages in text_answer_errors(questions=questions, texts=texts).items():
        for message in messages:
            _add(errors, key, message)
    if not any(answers.values()) and not places and not texts:
        _add(errors, "answers", _("Svar: svara på minst en fråga."))
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse.objects.create(
        survey=survey,
        area=area,
        gender=gender,
        age_group=age_group,
        submitted_on=today,
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, question_id=qid, value=value)
        for qid, value in answers.items()
        if value
    )
    place_answers_save(response=response, answers=places)
    text_answers_save(response=response, texts=texts)
    return response
