"""Police-event polling as a periodic background job: archived on success, retried
when the API does not answer, failed with the reason when the answer is bad, and a
quiet turn when the API's rules ask us to wait."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from medborgarloften.jobs.models import Job, JobStatus
from medborgarloften.jobs.periodic import periodic_tick
from medborgarloften.lib.http import FetchError
from medborgarloften.situation import polling
from medborgarloften.situation.models import PoliceEvent
from medborgarloften.situation.services import RateLimited

from .test_events import _records, places  # noqa: F401 - the fixture


def _fetch(monkeypatch, *answers):
    """events_fetch answering in turn: a list of records, or an exception."""
    queue = list(answers)
    calls = []

    def fetch(**kwargs):
        calls.append(kwargs)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(polling, "events_fetch", fetch)
    return calls


@pytest.mark.django_db
def test_the_periodic_poll_archives_events(monkeypatch, settings, places):  # noqa: F811
    settings.POLICE_POLL_MINUTES = 10
    records = [record for _where, record in _records()]
    calls = _fetch(monkeypatch, records)
    assert "police_poll" in periodic_tick()
    job = Job.objects.get(kind="police_poll")
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert PoliceEvent.objects.count() == len({r["id"] for r in records})
    assert calls[0]["user_agent"].startswith("medborgarloften/")
    assert job.total == len(records) and job.message
    # Not again within ten minutes.
    assert "police_poll" not in periodic_tick()


@pytest.mark.django_db
def test_it_is_off_unless_configured(monkeypatch, settings):
    settings.POLICE_POLL_MINUTES = 0
    _fetch(monkeypatch)
    assert "police_poll" not in periodic_tick()
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_it_retries_when_the_api_does_not_answer(monkeypatch, places):  # noqa: F811
    records = [record for _where, record in _records()]
    _fetch(monkeypatch, FetchError("timeout"), records)
    job = polling.police_poll_start()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert PoliceEvent.objects.exists()


@pytest.mark.django_db
def test_it_fails_with_the_reason_after_the_last_attempt(
    monkeypatch, client, superuser
):
    _fetch(monkeypatch, *[FetchError("HTTP 503")] * 3)
    job = polling.police_poll_start()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 3
    client.force_login(superuser)
    # System jobs (no actor) are listed for administrators.
    listed = client.get(reverse("jobs:list")).content.decode()
    assert "Hämta Polisens händelser" in listed and "HTTP 503" in listed
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Polisens API svarade inte som väntat: HTTP 503" in page


@pytest.mark.django_db
def test_bad_records_fail_at_once_and_save_nothing(monkeypatch):
    _fetch(monkeypatch, [{"id": "x"}])
    job = polling.police_poll_start()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 1
    assert "felaktiga händelser; inget sparat" in job.error
    assert not PoliceEvent.objects.exists()


@pytest.mark.django_db
def test_a_rate_limited_turn_ends_quietly(monkeypatch):
    _fetch(monkeypatch, RateLimited(dt.timedelta(seconds=42)))
    job = polling.police_poll_start()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and "42 sekunder" in job.message


def test_the_schedule_moves_on(db, settings, monkeypatch):
    settings.POLICE_POLL_MINUTES = 15
    _fetch(
        monkeypatch,
        RateLimited(dt.timedelta(seconds=1)),
        RateLimited(dt.timedelta(seconds=1)),
    )
    now = timezone.now()
    assert "police_poll" in periodic_tick(now=now)
    assert "police_poll" not in periodic_tick(now=now + timedelta(minutes=14))
    assert "police_poll" in periodic_tick(now=now + timedelta(minutes=15))
