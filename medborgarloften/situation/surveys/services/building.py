"""Building and publishing a survey or walk."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.fields import length_message
from medborgarloften.places.models import Area, Organisation
from medborgarloften.places.services import kommun_required

from ...models import (
    QuestionKind,
    Survey,
    SurveyKind,
    SurveyQuestion,
)
from ..bank import bank
from ..place_questions import place_question_errors, place_questions_add
from ..question_lines import question_lines_add
from ..text_questions import text_question_errors
from ._common import (
    OPTION_MAX,
    OWN_OPTIONS_MAX,
    QUESTION_MAX,
    _add,
)


@transaction.atomic
def survey_create(
    *,
    kommun: Organisation,
    title: str,
    year: int,
    closes_on: dt.date,
    bank_keys: Iterable[str] = (),
    own_questions: Iterable[tuple[str, list[str]]] = (),
    areas: Iterable[Area] = (),
    kind: str = SurveyKind.ENKAT,
    place_questions: Iterable[str] = (),
    text_questions: Iterable[str] = (),
    intro: str = "",
    actor: Any = None,
) -> Survey:
    """Create a draft survey of bank questions (in bank order), the kommun's own
    questions, place questions and free-text questions, for areas of that kommun
    only; nothing public until published."""
    errors: dict[str, list[str]] = {}
    known = bank()
    keys = [k for k in known if k in set(bank_keys)]
    unknown = sorted(set(bank_keys) - set(known))
    own = [
        (text.strip(), [o.strip() for o in opts if o.strip()])
        for text, opts in own_questions
    ]
    own = [(text, opts) for text, opts in own if text]
    places = [" ".join(t.split()) for t in place_questions if t.strip()]
    for message in place_question_errors(places):
        _add(errors, "place_questions", message)
    texts = [" ".join(t.split()) for t in text_questions if t.strip()]
    for message in text_question_errors(texts):
        _add(errors, "text_questions", message)
    areas = list(areas)
    kommun_required(errors, kommun)
    if not title.strip():
        _add(errors, "title", _("Rubrik: skriv en rubrik."))
    if unknown:
        _add(errors, "bank_keys", _("Frågor: okända frågor %(k)s.") % {"k": unknown})
    if kind not in SurveyKind.values:
        _add(errors, "kind", _("Typ: okänd typ %(v)r.") % {"v": kind})
    if kind == SurveyKind.ENKAT and not (keys or own or places or texts):
        _add(errors, "bank_keys", _("Frågor: välj minst en fråga."))
    for text, opts in own:
        if not 2 <= len(opts) <= OWN_OPTIONS_MAX:
            _add(
                errors,
                "own_questions",
                _("Egna frågor: %(q)r behöver 2–%(n)d svarsalternativ.")
                % {"q": text, "n": OWN_OPTIONS_MAX},
            )
        if len(text) > QUESTION_MAX:
            _add(
                errors,
                "own_questions",
                _("Egna frågor: frågan %(q)r är för lång.") % {"q": text[:40] + "…"}
                + " "
                + length_message("", QUESTION_MAX, len(text)),
            )
        for label in opts:
            if len(label) > OPTION_MAX:
                _add(
                    errors,
                    "own_questions",
                    _("Egna frågor: svarsalternativet %(o)r är för långt.")
                    % {"o": label[:40] + "…"}
                    + " "
                    + length_message("", OPTION_MAX, len(label)),
                )
    for area in areas:
        if area.kommun_id != kommun.pk:
            _add(
                errors,
                "areas",
                _("Områden: %(a)s ligger inte i %(k)s.") % {"a": area, "k": kommun},
            )
    if closes_on < timezone.localdate():
        _add(errors, "closes_on", _("Sista svarsdag: datumet har redan passerat."))
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(
        kommun=kommun,
        kind=kind,
        title=title.strip(),
        intro=intro.strip(),
        year=year,
        closes_on=closes_on,
        token=secrets.token_urlsafe(12),
        created_by=recorded_actor(actor),
    )
    survey.areas.set(areas)
    position = 0
    for key in keys:
        question = known[key]
        position += 1
        SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            bank_key=key,
            text=question.text,
            help_text=question.help,
            options=question.options,
            problem_values=question.problem,
            indicator=question.indicator,
        )
    for text, opts in own:
        position += 1
        SurveyQuestion.objects.create(
            survey=survey,
            position=position,
            text=text,
            options=[[f"s{i}", label] for i, label in enumerate(opts, 1)],
        )
    position = place_questions_add(survey=survey, texts=places, position=position)
    question_lines_add(
        survey=survey, texts=texts, position=position, kind=QuestionKind.TEXT
    )
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey) -> Survey:
    """Open the public link (once; publishing again keeps the first time)."""
    if survey.closes_on < timezone.localdate():
        raise ValidationError(
            {"closes_on": [_("Sista svarsdag: datumet har redan passerat.")]}
        )
    if survey.published_at is None:
        survey.published_at = timezone.now()
        survey.save(update_fields=["published_at"])
    return survey
