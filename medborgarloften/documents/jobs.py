"""Writes for background imports: queue a web upload or URL, and run it in the worker.

The web form used to read, OCR and extract inside the request, under the request's
time budget, so a scan of more than a few pages failed. Now the form stores the bytes
(or the URL) in an :class:`ImportJob` and enqueues ``tasks.import_document`` in the
same transaction; ``medborgarloften worker`` runs it with a reading budget that grows
with the scan's pages, and the job's status page follows it. A transient failure (a
server that did not answer, a full disk, a lost database connection) is tried again,
``MAX_ATTEMPTS`` times in all; any other failure ends the job with its reason. Either
way nothing is half-saved: ``document_upload`` keeps the document and its run
together or neither, and the job's copy of the bytes is cleared when it ends.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.extract.budget import Budget, pdf_pages_within
from medborgarloften.extract.readers.ocr import OCR_TIMEOUT_SECONDS
from medborgarloften.places.models import Organisation

from . import services
from .models import ImportJob, ImportJobStage, ImportJobStatus

__all__ = [
    "MAX_ATTEMPTS",
    "RETRY_DELAYS",
    "background_read_budget",
    "import_job_create",
    "import_job_delete",
    "import_job_run",
]

logger = logging.getLogger(__name__)

#: Attempts in all for a job that fails transiently, and the wait before each retry.
MAX_ATTEMPTS = 3
RETRY_DELAYS = (30, 120)

UNEXPECTED = (
    "Ett oväntat fel i servern; försök igen senare / an unexpected server error; "
    "try again later"
)


def background_read_budget(
    data: bytes, filename: str = "", content_type: str | None = None
) -> Budget:
    """The reading budget in the worker: IMPORT_TIME_LIMIT, plus for a PDF time for
    OCR of each of its pages (IMPORT_OCR_SECONDS_PER_PAGE, up to IMPORT_OCR_MAX_PAGES
    pages), so a long scan is read instead of refused."""
    base = services.extraction_budget()
    per_page = settings.IMPORT_OCR_SECONDS_PER_PAGE
    max_pages = settings.IMPORT_OCR_MAX_PAGES
    pages = min(pdf_pages_within(data, budget=replace(base, seconds=15.0)), max_pages)
    ocr_seconds = max(float(OCR_TIMEOUT_SECONDS), per_page * pages) if pages else 0.0
    return replace(
        base,
        seconds=base.seconds + ocr_seconds,
        ocr_seconds_per_page=per_page,
        ocr_max_pages=max_pages,
    )


def import_job_create(
    *,
    kommun: Organisation,
    actor: Any,
    data: bytes = b"",
    filename: str = "",
    content_type: str | None = None,
    url: str = "",
) -> ImportJob:
    """Queue one upload or URL for the worker; the job and its task are saved
    together (the task is a row in the same database) or not at all."""
    from .tasks import import_document

    with transaction.atomic():
        job = ImportJob.objects.create(
            kommun=kommun,
            actor=actor if getattr(actor, "pk", None) else None,
            data=data if not url else b"",
            filename=filename[:300],
            content_type=(content_type or "")[:200],
            url=url,
        )
        import_document.enqueue(job_id=job.pk)
    job.refresh_from_db()
    return job


def import_job_delete(*, job: ImportJob) -> None:
    """Remove a failed import from the list; one still queued or running, or one
    that succeeded (its document is kept), is not removed."""
    if job.status != ImportJobStatus.FAILED:
        raise ValidationError(_("Bara en misslyckad import kan tas bort."))
    ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.FAILED).delete()


def _set(job: ImportJob, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **fields)


def import_job_run(*, job_id: int) -> str:
    """Run one queued job: read, extract and keep the document for review, or say
    why not; a transient failure is queued again until MAX_ATTEMPTS. Returns the
    job's status after this attempt."""
    job = ImportJob.objects.select_related("kommun", "actor").filter(pk=job_id).first()
    if job is None or job.finished:
        return job.status if job else "missing"
    _set(
        job,
        status=ImportJobStatus.RUNNING,
        stage=ImportJobStage.READING,
        attempts=F("attempts") + 1,
    )
    job.refresh_from_db(fields=["attempts"])
    try:
        outcome = services.document_upload(
            kommun=job.kommun,
            data=bytes(job.data or b""),
            filename=job.filename,
            content_type=job.content_type or None,
            url=job.url,
            actor=job.actor,
            read_budget=background_read_budget,
            on_stage=lambda stage: _set(job, stage=stage),
        )
        error, transient = outcome.error, outcome.transient
        not_stored = outcome.not_stored
    except DatabaseError:
        logger.exception("import job %s: database error", job.pk)
        outcome, error, transient, not_stored = None, UNEXPECTED, True, False
    if outcome is not None and outcome.ok and outcome.run is not None:
        _set(
            job,
            status=ImportJobStatus.DONE,
            stage=ImportJobStage.FINISHED,
            run=outcome.run,
            reused_document=outcome.reused_document,
            error="",
            data=b"",
        )
        return ImportJobStatus.DONE
    if transient and job.attempts < MAX_ATTEMPTS:
        _set(
            job,
            status=ImportJobStatus.QUEUED,
            stage=ImportJobStage.RETRYING,
            error=error,
        )
        _enqueue_retry(job)
        return ImportJobStatus.QUEUED
    _set(
        job,
        status=ImportJobStatus.FAILED,
        stage=ImportJobStage.FINISHED,
        error=error or UNEXPECTED,
        not_stored=not_stored,
        data=b"",
    )
    return ImportJobStatus.FAILED


def _enqueue_retry(job: ImportJob) -> None:
    from medborgarloften.lib.tasks import default_task_backend

    from .tasks import import_document

    delay = RETRY_DELAYS[min(job.attempts, len(RETRY_DELAYS)) - 1]
    task = import_document
    if default_task_backend.supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    task.enqueue(job_id=job.pk)
