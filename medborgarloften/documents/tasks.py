"""Background tasks of the documents app, run by ``medborgarloften worker``.

Each task is a thin shell over a service in ``jobs`` (which keeps the job's status,
retries and failure message), so the work is tested without a worker too.
"""

from __future__ import annotations

from medborgarloften.lib.tasks import task

from .jobs import import_job_run


@task()
def import_document(job_id: int) -> str:
    """Read, extract and keep one queued web upload or URL for review."""
    return import_job_run(job_id=job_id)
