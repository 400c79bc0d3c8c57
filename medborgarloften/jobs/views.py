"""A job's status page (refreshing itself while it runs), its file, and the list."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.downloads import file_response

from . import registry
from .models import Job, JobStatus
from .selectors import job_children, job_for_user, jobs_for_user

#: How often the status page of a running job reloads itself (a meta refresh: the
#: CSP allows no inline script).
REFRESH_SECONDS = 2


def _job(request: HttpRequest, pk: int) -> Job:
    job = job_for_user(user=request.user, pk=pk)
    if job is None:
        raise Http404("Jobbet finns inte.")
    return job


@staff_view
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = jobs_for_user(user=request.user).filter(parent__isnull=True)[:100]
    return render(request, "jobs/list.html", {"jobs": jobs})


@staff_view
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(
        request,
        "jobs/job.html",
        {
            "job": job,
            "children": job_children(job=job)[:200],
            "results": _results(job),
            "refresh": 0 if job.finished else REFRESH_SECONDS,
        },
    )


def _results(job: Job) -> list[registry.Result]:
    """What the finished job's kind lists of what it made (registry.JobKind)."""
    if not job.finished or job.kind not in registry.kinds():
        return []
    results = registry.kind(job.kind).results
    return results(job) if results is not None else []


@staff_view
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("Filen är inte klar.")
    with job.result.open("rb") as handle:
        data = handle.read()
    return file_response(
        data,
        job.result_name or f"jobb-{job.pk}",
        content_type=job.result_type or "application/octet-stream",
    )
