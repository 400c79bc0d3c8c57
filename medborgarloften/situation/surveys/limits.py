"""Rate limits against scripted answers, with no IP address: per browser session and
a global cap per survey, counted in the Django cache for a fixed window."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 600


def _cap(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def allow(*, survey_id: int, session_key: str) -> bool:
    """Count one submission attempt; False when this session or the survey as a whole
    has sent too many in the current window."""
    per_session = _cap("SURVEY_RATE_PER_SESSION", 10)
    per_survey = _cap("SURVEY_RATE_PER_SURVEY", 300)
    session_bucket = f"survey-rate:{survey_id}:s:{session_key}"
    survey_bucket = f"survey-rate:{survey_id}:all"
    session_count = _count(session_bucket)
    survey_count = _count(survey_bucket)
    return session_count <= per_session and survey_count <= per_survey


def _count(bucket: str) -> int:
    cache.add(bucket, 0, WINDOW_SECONDS)
    try:
        return cache.incr(bucket)
    except ValueError:  # the window ended between add and incr
        cache.set(bucket, 1, WINDOW_SECONDS)
        return 1
