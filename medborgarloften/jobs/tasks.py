"""The one task of the jobs app: run a queued :class:`~.models.Job`."""

from __future__ import annotations

from medborgarloften.lib.tasks import task


@task()
def job_task(job_id: int) -> str:
    """Run one queued job (services.job_run keeps its status, retries and error)."""
    from .services import job_run

    return job_run(job_id=job_id)
