"""Shared builders for the survey and walk tests."""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone

from medborgarloften.situation.models import Survey
from medborgarloften.situation.surveys import limits
from medborgarloften.situation.surveys.services import survey_create, survey_publish


def open_survey(kommun, *, areas=(), kind="enkat", keys=None, year=None) -> Survey:
    today = timezone.localdate()
    survey = survey_create(
        kommun=kommun,
        kind=kind,
        title="Trygghetsenkät" if kind == "enkat" else "Trygghetsvandring",
        year=year or today.year,
        closes_on=today + dt.timedelta(days=30),
        bank_keys=["otrygg_kvall", "fortroende_polis"] if keys is None else keys,
        areas=areas,
    )
    return survey_publish(survey=survey)


def answer(survey: Survey, key: str = "otrygg_kvall") -> int:
    return survey.questions.get(bank_key=key).pk


def form_token(survey: Survey, *, age: float = 60) -> str:
    """The token of an answering page shown ``age`` seconds ago."""
    return limits.form_token(survey, issued=time.time() - age)


def polygon(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def berga_area(kommun):
    """Berga, a stadsdel of Kalmar with a boundary (for place answers)."""
    from medborgarloften.places.services import area_create

    return area_create(
        kommun=kommun,
        name="Berga",
        kind="stadsdel",
        geometry=polygon(16.3150, 56.6810, 16.3320, 56.6900),
    )


def post_answer(client, survey: Survey, *, ip: str, **data):
    """Post an answer as the page would, shown a minute ago, from ``ip``."""
    data.setdefault("form_token", form_token(survey))
    return client.post(f"/enkat/{survey.token}/", data, REMOTE_ADDR=ip)


def published_survey(kommun, *, areas=(), **questions) -> Survey:
    """A published enkät of one bank question and ``questions`` (place_questions,
    text_questions …), open for 30 days."""
    today = timezone.localdate()
    survey = survey_create(
        kommun=kommun,
        title="Trygghetsenkät",
        year=today.year,
        closes_on=today + dt.timedelta(days=30),
        bank_keys=["otrygg_kvall"],
        areas=areas,
        **questions,
    )
    return survey_publish(survey=survey)
