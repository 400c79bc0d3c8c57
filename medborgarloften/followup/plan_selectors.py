"""Reads for plans and communication: the yearly plan against what was done, and
the communication plan with what is late. The arithmetic is in ``plans.py``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from medborgarloften.promises.models import Commitment, Promise

from .models import CommunicationActivity, CommunicationStatus, PlannedActivity
from .plans import (
    DoneItem,
    GroupSummary,
    LineStatus,
    PlanLine,
    line_statuses,
    quarter_of,
    summarise,
)

__all__ = [
    "CommitmentPlan",
    "communication_late",
    "communication_plan",
    "plan_for_year",
]


@dataclass
class CommitmentPlan:
    commitment: Commitment
    number: int
    lines: list[tuple[PlannedActivity, LineStatus]] = field(default_factory=list)
    groups: list[GroupSummary] = field(default_factory=list)


def plan_for_year(
    *, promise: Promise, year: int, today: dt.date | None = None
) -> list[CommitmentPlan]:
    """Every commitment with its planned lines for ``year`` and, per kind and
    quarter, planned against done ("trygghetsvandring Q2 2025: planerat 4,
    genomfört 3")."""
    today = today or timezone.localdate()
    planned = (
        PlannedActivity.objects.filter(year=year)
        .select_related("area", "organisation")
        .prefetch_related("done_by")
        .order_by("starts_on", "pk")
    )
    commitments = promise.commitments.order_by("position", "pk").prefetch_related(
        Prefetch("planned_activities", queryset=planned, to_attr="plan_lines")
    )
    result = []
    for number, commitment in enumerate(commitments, start=1):
        rows = commitment.plan_lines
        lines = [
            PlanLine(
                p.pk,
                p.kind,
                p.when,
                p.starts_on,
                p.quantity,
                f"{p.kind} {quarter_of(p.starts_on)}",
            )
            for p in rows
        ]
        done = {
            a.pk: DoneItem(a.pk, a.quantity, frozenset({p.pk}))
            for p in rows
            for a in p.done_by.all()
        }
        covers: dict[int, set[int]] = {}
        for p in rows:
            for a in p.done_by.all():
                covers.setdefault(a.pk, set()).add(p.pk)
        items = [
            DoneItem(pk, item.quantity, frozenset(covers[pk]))
            for pk, item in done.items()
        ]
        statuses = line_statuses(lines, items, today=today)
        result.append(
            CommitmentPlan(
                commitment,
                number,
                list(zip(rows, statuses, strict=True)),
                summarise(statuses, items),
            )
        )
    return result


def communication_plan(*, promise: Promise) -> list[CommunicationActivity]:
    return list(
        CommunicationActivity.objects.filter(promise=promise)
        .select_related("organisation")
        .order_by("planned_on", "pk")
    )


def communication_late(
    *, promise: Promise, today: dt.date | None = None
) -> list[CommunicationActivity]:
    """Planned communication whose day has passed without being done."""
    today = today or timezone.localdate()
    return list(
        CommunicationActivity.objects.filter(
            promise=promise,
            status=CommunicationStatus.PLANNED,
            planned_on__lt=today,
        ).order_by("planned_on", "pk")
    )
