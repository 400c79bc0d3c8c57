"""Reads of background jobs: which a user may follow, and the list on their page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from medborgarloften.accounts.permissions import is_superuser

from .models import FINISHED, Job


def jobs_for_user(*, user: Any) -> QuerySet[Job]:
    """The jobs a signed-in user may follow: their own; a superuser sees all,
    including those the system starts (police polling, news mail)."""
    jobs = Job.objects.select_related("kommun", "actor")
    if is_superuser(user):
        return jobs
    return jobs.filter(actor=user)


def job_for_user(*, user: Any, pk: int) -> Job | None:
    return (
        jobs_for_user(user=user)
        .annotate(
            children_total=Count("children"),
            children_finished=Count(
                "children", filter=Q(children__status__in=FINISHED)
            ),
            children_failed=Count("children", filter=Q(children__status="failed")),
        )
        .filter(pk=pk)
        .first()
    )


def job_children(*, job: Job) -> QuerySet[Job]:
    return job.children.order_by("pk")
