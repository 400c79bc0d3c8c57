"""Writes for background jobs: queue one, run it in the worker with retries, sweep
the stuck, prune the old.

A job is queued with its task in one transaction (the task is a row in the same
database), so there is never a job without a task or a task without its job. The
worker claims the job with a conditional UPDATE, so a task delivered twice runs it
once. A :class:`~.registry.Retry` (or a lost database connection, a full disk) is
tried again after the kind's wait until ``max_attempts``; a :class:`~.registry.Fail`
or any other error ends the job at once with a message for the user. Either way the
file of a job is saved only when the job is done.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import registry
from .models import Job, JobStatus

__all__ = [
    "SweepSummary",
    "job_create",
    "job_run",
    "jobs_prune",
    "jobs_sweep",
]

logger = logging.getLogger(__name__)


def unexpected() -> str:
    return _(
        "Ett oväntat fel i servern stoppade jobbet. Felet är loggat; försök igen "
        "senare eller kontakta den som sköter tjänsten."
    )


def job_create(
    *,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    actor: Any = None,
    kommun: Any = None,
    parent: Job | None = None,
) -> Job:
    """A queued job of a registered kind and its task, saved together or not at
    all; raises KeyError for a kind no app registered."""
    from .tasks import job_task

    spec = registry.kind(kind)
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title[:300],
            params=params or {},
            max_attempts=spec.max_attempts,
            actor=actor if getattr(actor, "pk", None) else None,
            kommun=kommun,
            parent=parent,
        )
        job_task.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def _update(job_id: int, **fields: Any) -> int:
    return Job.objects.filter(pk=job_id).update(heartbeat_at=timezone.now(), **fields)


def _claim(job_id: int) -> Job | None:
    """The job, now RUNNING with one more attempt; None when it is not queued (done,
    failed, gone, or run by another worker)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        step="",
    )
    if not claimed:
        return None
    return Job.objects.select_related("actor", "kommun").get(pk=job_id)


def job_run(*, job_id: int) -> str:
    """Run one queued job to its end or to its next attempt; returns its status."""
    job = _claim(job_id)
    if job is None:
        current = Job.objects.filter(pk=job_id).values_list("status", flat=True)
        return current.first() or "missing"
    try:
        spec = registry.kind(job.kind)
    except KeyError:
        return _finish_failed(job, _("Okänt slags jobb: %(kind)s") % {"kind": job.kind})

    def report(**fields: Any) -> None:
        _update(job.pk, **fields)

    progress = registry.Progress(report)
    try:
        output = spec.run(job, progress)
    except registry.Fail as exc:
        return _finish_failed(job, str(exc) or unexpected())
    except (registry.Retry, DatabaseError, OSError) as exc:
        if not isinstance(exc, registry.Retry):
            logger.exception("job %s (%s): transient error", job.pk, job.kind)
        message = str(exc) if isinstance(exc, registry.Retry) else unexpected()
        if job.attempts < job.max_attempts:
            return _retry(job, spec, message)
        return _finish_failed(job, message)
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        return _finish_failed(job, unexpected())
    return _finish_done(job, output)


def _finish_done(job: Job, output: registry.Output) -> str:
    if output.data is not None:
        job.result.save(
            output.filename or f"jobb-{job.pk}", ContentFile(output.data), save=False
        )
    _update(
        job.pk,
        status=JobStatus.DONE,
        finished_at=timezone.now(),
        message=output.message,
        error="",
        result=job.result.name or "",
        result_name=output.filename[:200],
        result_type=output.content_type[:100],
        done=F("total"),
    )
    return JobStatus.DONE


def _finish_failed(job: Job, message: str) -> str:
    _update(job.pk, status=JobStatus.FAILED, finished_at=timezone.now(), error=message)
    return JobStatus.FAILED


def _retry(job: Job, spec: registry.JobKind, message: str) -> str:
    from medborgarloften.lib.tasks import default_task_backend

    from .tasks import job_task

    delays = spec.retry_delays or (0,)
    delay = delays[min(job.attempts, len(delays)) - 1]
    with transaction.atomic():
        _update(
            job.pk,
            status=JobStatus.QUEUED,
            error=message,
            step=_("Ett tillfälligt fel; försöker igen om %(s)d sekunder")
            % {"s": delay},
        )
        task = job_task
        if default_task_backend.supports_defer and delay:
            task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
        task.enqueue(job_id=job.pk)
    return JobStatus.QUEUED


@dataclass
class SweepSummary:
    retried: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.retried} retried, {self.failed} failed"


def jobs_sweep(*, now: datetime | None = None) -> SweepSummary:
    """Running jobs silent past their kind's timeout (a worker that died or hung):
    queued again while attempts are left, else failed with the reason."""
    from .tasks import job_task

    now = now or timezone.now()
    summary = SweepSummary()
    for job in Job.objects.running().only("pk", "kind", "attempts", "max_attempts"):
        try:
            timeout = registry.kind(job.kind).timeout
        except KeyError:
            timeout = registry.JobKind("", lambda j, p: registry.Output()).timeout
        stale = Job.objects.filter(
            pk=job.pk, status=JobStatus.RUNNING, heartbeat_at__lt=now - timeout
        )
        minutes = int(timeout.total_seconds() // 60)
        if job.attempts < job.max_attempts:
            with transaction.atomic():
                if stale.update(
                    status=JobStatus.QUEUED,
                    error=_("Jobbet stod still i mer än %(m)d minuter och startas om.")
                    % {"m": minutes},
                ):
                    job_task.enqueue(job_id=job.pk)
                    summary.retried += 1
        elif stale.update(
            status=JobStatus.FAILED,
            finished_at=now,
            error=_(
                "Jobbet stod still i mer än %(m)d minuter och har avbrutits efter "
                "%(n)d försök. Starta det igen, eller kontakta den som sköter tjänsten "
                "om det händer igen."
            )
            % {"m": minutes, "n": job.attempts},
        ):
            summary.failed += 1
    return summary


def jobs_prune(*, days: int, now: datetime | None = None) -> int:
    """Finished jobs older than ``days`` are deleted with their files, and so are
    the worker's finished task rows; returns how many rows went."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = Job.objects.finished().filter(finished_at__lt=cutoff, parent__isnull=True)
    for job in old.exclude(result="").only("pk", "result"):
        job.result.delete(save=False)
    for child in Job.objects.filter(parent__in=old).exclude(result="").only("result"):
        child.result.delete(save=False)
    deleted, _kinds = old.delete()
    orphans, _kinds = (
        Job.objects.finished()
        .filter(finished_at__lt=cutoff, parent__isnull=False)
        .delete()
    )
    return deleted + orphans + _task_rows_prune(cutoff)


def _task_rows_prune(cutoff: datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    finished = ["SUCCESSFUL", "FAILED"]
    deleted, _kinds = DBTaskResult.objects.filter(
        status__in=finished, finished_at__lt=cutoff
    ).delete()
    return deleted
