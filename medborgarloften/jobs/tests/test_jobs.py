"""The job runner: queue, claim once, retry, fail with a message, show it, sweep the
stuck, prune the old, start periodic jobs once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Job, JobStatus, Schedule
from medborgarloften.jobs.periodic import periodic_tick
from medborgarloften.jobs.services import (
    job_create,
    job_run,
    jobs_prune,
    jobs_sweep,
)


def _work() -> None:
    call_command("worker", batch=True, startup_delay=False, verbosity=0)


def _due_now() -> None:
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))


def _flaky(failures: int, error: Exception):
    calls: list[int] = []

    def run(job, progress):
        calls.append(job.attempts)
        progress(total=2, done=1, step="Halvvägs")
        if len(calls) <= failures:
            raise error
        return registry.Output(
            message="Allt gick bra.",
            data=b"%PDF-1.7 test",
            filename="rapport.pdf",
            content_type="application/pdf",
        )

    return run, calls


def test_it_runs_a_job_and_offers_its_file(kinds, client, kommun_editor):
    run, calls = _flaky(0, OSError())
    kinds(registry.JobKind("test_ok", run))
    job = job_create(kind="test_ok", title="Testjobb", actor=kommun_editor)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert (job.done, job.total) == (2, 2)
    client.force_login(kommun_editor)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Allt gick bra." in page and "Ladda ner rapport.pdf" in page
    assert "http-equiv" not in page  # finished: no refresh
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content == b"%PDF-1.7 test"
    assert "attachment" in download["Content-Disposition"]


def test_it_retries_a_transient_failure_in_the_worker(
    database_tasks, kinds, client, kommun_editor
):
    run, calls = _flaky(1, registry.Retry("Servern svarade inte."))
    kinds(registry.JobKind("test_retry", run, retry_delays=(30,)))
    job = job_create(kind="test_retry", title="Testjobb", actor=kommun_editor)
    client.force_login(kommun_editor)
    queued = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in queued and "I kö" in queued

    _work()
    job.refresh_from_db()
    # Failed once: queued again, with the reason and the wait shown meanwhile.
    assert job.status == JobStatus.QUEUED and job.attempts == 1
    waiting = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Servern svarade inte." in waiting and "försöker igen om 30" in waiting

    _due_now()
    _work()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and not job.error
    assert calls == [1, 2]


def test_it_gives_up_after_the_last_attempt_and_says_why(kinds, client, kommun_editor):
    run, calls = _flaky(99, registry.Retry("E-postservern svarade inte."))
    kinds(registry.JobKind("test_give_up", run, max_attempts=3))
    job = job_create(kind="test_give_up", title="Testjobb", actor=kommun_editor)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 3 and len(calls) == 3
    assert not job.result
    client.force_login(kommun_editor)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Jobbet misslyckades" in page and "E-postservern svarade inte." in page
    assert "Försökt 3 gånger." in page
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_permanent_failure_is_not_retried(db, kinds):
    run, calls = _flaky(99, registry.Fail("Rapporten finns inte längre."))
    kinds(registry.JobKind("test_fail", run))
    job = job_create(kind="test_fail", title="Testjobb")
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (
        JobStatus.FAILED,
        1,
        "Rapporten finns inte längre.",
    )


def test_an_unexpected_error_fails_with_a_message_not_a_traceback(db, kinds, caplog):
    run, calls = _flaky(99, KeyError("secret internals"))
    kinds(registry.JobKind("test_bug", run))
    job = job_create(kind="test_bug", title="Testjobb")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and len(calls) == 1
    assert "oväntat fel" in job.error and "secret" not in job.error
    assert "secret internals" in caplog.text


def test_a_job_delivered_twice_runs_once(database_tasks, kinds):
    run, calls = _flaky(0, OSError())
    kinds(registry.JobKind("test_once", run))
    job = job_create(kind="test_once", title="Testjobb")
    assert job_run(job_id=job.pk) == JobStatus.DONE
    assert job_run(job_id=job.pk) == JobStatus.DONE
    assert len(calls) == 1


def test_other_users_cannot_see_a_job(
    kinds, client, kommun_editor, other_kommun_editor
):
    kinds(registry.JobKind("test_private", _flaky(0, OSError())[0]))
    job = job_create(kind="test_private", title="Testjobb", actor=kommun_editor)
    client.force_login(other_kommun_editor)
    assert client.get(reverse("jobs:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert "Testjobb" not in client.get(reverse("jobs:list")).content.decode()


def test_the_sweep_requeues_a_stuck_job_then_fails_it(database_tasks, kinds):
    kinds(
        registry.JobKind(
            "test_stuck",
            _flaky(0, OSError())[0],
            max_attempts=2,
            timeout=timedelta(minutes=10),
        )
    )
    job = job_create(kind="test_stuck", title="Testjobb")
    now = timezone.now()
    # A worker claimed it and died: RUNNING, silent for 11 minutes.
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=now - timedelta(minutes=11)
    )
    fresh = job_create(kind="test_stuck", title="Annat")
    Job.objects.filter(pk=fresh.pk).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=now - timedelta(minutes=2)
    )
    summary = jobs_sweep(now=now)
    assert (summary.retried, summary.failed) == (1, 0)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and "mer än 10 minuter" in job.error
    assert Job.objects.get(pk=fresh.pk).status == JobStatus.RUNNING
    # The requeued task runs it.
    _work()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2

    Job.objects.filter(pk=fresh.pk).update(
        attempts=2, heartbeat_at=now - timedelta(minutes=30)
    )
    assert jobs_sweep(now=now).failed == 1
    fresh.refresh_from_db()
    assert (
        fresh.status == JobStatus.FAILED and "avbrutits efter 2 försök" in fresh.error
    )


def test_it_prunes_finished_jobs_their_files_and_task_rows(database_tasks, kinds):
    kinds(registry.JobKind("test_prune", _flaky(0, OSError())[0]))
    old = job_create(kind="test_prune", title="Gammalt")
    recent = job_create(kind="test_prune", title="Nytt")
    waiting = job_create(kind="test_prune", title="Väntar")
    _work()
    old.refresh_from_db()
    path = old.result.path
    now = timezone.now()
    Job.objects.filter(pk=old.pk).update(finished_at=now - timedelta(days=31))
    Job.objects.filter(pk=waiting.pk).update(status=JobStatus.QUEUED, finished_at=None)
    DBTaskResult.objects.update(finished_at=now - timedelta(days=31))
    tasks_before = DBTaskResult.objects.count()
    assert tasks_before == 3
    pruned = jobs_prune(days=30, now=now)
    assert pruned == 1 + tasks_before
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not DBTaskResult.objects.exists()
    import os

    assert not os.path.exists(path)


def test_periodic_jobs_start_once_per_turn(db, settings):
    started: list[str] = []
    registry.register_periodic(
        registry.Periodic(
            "test_tick",
            every=lambda: timedelta(minutes=10),
            enqueue=lambda: started.append("x"),
        )
    )
    registry.register_periodic(
        registry.Periodic("test_off", every=lambda: None, enqueue=lambda: 1 / 0)
    )
    try:
        now = timezone.now()
        assert "test_tick" in periodic_tick(now=now)
        # A second worker ticking at the same moment, or a minute later, loses.
        assert "test_tick" not in periodic_tick(now=now)
        assert "test_tick" not in periodic_tick(now=now + timedelta(minutes=1))
        assert "test_tick" in periodic_tick(now=now + timedelta(minutes=10))
        assert started == ["x", "x"]
        assert not Schedule.objects.filter(name="test_off").exists()
    finally:
        registry._PERIODIC.pop("test_tick")
        registry._PERIODIC.pop("test_off")


def test_the_jobs_command_lists_and_runs_periodic_jobs(db, capsys):
    call_command("jobs", "--list")
    out = capsys.readouterr().out
    assert "sweep" in out and "prune" in out and "police_poll" in out
    call_command("jobs", "--run", "sweep")
    assert "sweep: 0 retried, 0 failed" in capsys.readouterr().out
    with pytest.raises(Exception, match="unknown job"):
        call_command("jobs", "--run", "nope")
