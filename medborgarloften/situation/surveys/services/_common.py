"""Limits and small helpers the survey services share."""

from __future__ import annotations

import datetime as dt

from ...models import (
    ObservationCategory,
    Survey,
    SurveyQuestion,
)

#: A comment is a few sentences; longer texts are refused, not cut.
COMMENT_MAX = 1000
OWN_OPTIONS_MAX = 8
#: An own question and one of its answer options (refused when longer, never cut).
QUESTION_MAX = SurveyQuestion._meta.get_field("text").max_length or 300
OPTION_MAX = 100

#: Walk reasons → the observation category an approved point becomes.
_REASON_CATEGORY = {
    "belysning": ObservationCategory.BELYSNING,
    "skadegorelse": ObservationCategory.SKADEGORELSE,
    "folksamlingar": ObservationCategory.FOLKSAMLING,
    "nedskrapning": ObservationCategory.NEDSKRAPNING,
}


def _add(errors: dict[str, list[str]], key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def _is_open(survey: Survey, today: dt.date) -> bool:
    return survey.published_at is not None and today <= survey.closes_on
