"""Survey free-text questions ("Vad skulle göra dig tryggare där du bor?"): the
resident answers in their own words. The answers are shown to the kommun's staff
only, never published as they are; a coordinator may turn one (or all of a
question's) into cases, which are screened and moderated before anything is public
(cases app). Validation and saving for ``survey_create`` and
``survey_response_submit``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from medborgarloften.lib.fields import limit

from ..models import QuestionKind, SurveyAnswer, SurveyQuestion, SurveyResponse
from .question_lines import question_line_errors

#: The longest free-text answer, as the model stores it.
TEXT_ANSWER_MAX = limit(SurveyAnswer, "text")
#: SurveyAnswer.value of a free-text answer (``text`` carries the answer).
TEXT_VALUE = "fritext"


def text_question_errors(texts: list[str]) -> list[str]:
    """Messages for the build form's free-text questions (empty lines gone)."""
    return question_line_errors(texts, label=_("Fritextfrågor"))


def text_answer_errors(
    *, questions: dict[int, SurveyQuestion], texts: dict[int, str]
) -> dict[str, list[str]]:
    """Why free-text answers cannot be stored: an unknown question, or too long."""
    errors: dict[str, list[str]] = {}
    for question_id, text in texts.items():
        question = questions.get(question_id)
        if question is None or question.kind != QuestionKind.TEXT:
            errors.setdefault("answers", []).append(_("Svar: okänd fråga."))
        elif len(text) > TEXT_ANSWER_MAX:
            errors.setdefault(f"t{question_id}", []).append(
                _("%(q)s: högst %(max)d tecken (du skrev %(n)d).")
                % {"q": question.text, "max": TEXT_ANSWER_MAX, "n": len(text)}
            )
    return errors


def text_answers_save(*, response: SurveyResponse, texts: dict[int, str]) -> None:
    """Store the given free-text answers (blank ones are skipped)."""
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            response=response, question_id=qid, value=TEXT_VALUE, text=text.strip()
        )
        for qid, text in texts.items()
        if text.strip()
    )
