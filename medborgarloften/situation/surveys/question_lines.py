"""Questions written one per line on the build form (place and free-text
questions): their length check and how they are added after the other questions."""

from __future__ import annotations

from django.utils.translation import gettext as _

from medborgarloften.lib.fields import length_message

from ..models import Survey, SurveyQuestion

QUESTION_MAX = 300


def question_line_errors(texts: list[str], *, label: str) -> list[str]:
    """Messages for the questions too long to store, each starting with ``label``
    (the build form field's name, e.g. "Platsfrågor")."""
    return [
        _("%(label)s: frågan %(q)r är för lång.")
        % {"label": label, "q": text[:40] + "…"}
        + " "
        + length_message("", QUESTION_MAX, len(text))
        for text in texts
        if len(text) > QUESTION_MAX
    ]


def question_lines_add(
    *, survey: Survey, texts: list[str], position: int, kind: str
) -> int:
    """Add the questions of ``kind`` after ``position``; the last position used."""
    for text in texts:
        position += 1
        SurveyQuestion.objects.create(
            survey=survey, position=position, text=text, options=[], kind=kind
        )
    return position
