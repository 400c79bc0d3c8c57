"""Reads: how each measure of an åtgärdsplan is going, rolled up from the
follow-up of the commitments that implement it (``followup.evidence``): the status
their owners report, the status the evidence supports and the schedule. The least
hopeful commitment decides (a measure is as far along as its slowest part); a
measure ended before today that is not done is overdue even without commitments; a
measure that starts after today is planned (with its start), not running, unless a
commitment is already overdue. A status reported for the measure itself (by its
responsible organisation or the kommun's editors, ``MeasureStatus``) is its reported
status; without one, the least hopeful of its commitments' is. The plan page, its PDF
and Word files and the API all read this one rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from medborgarloften.followup.evidence import (
    EVIDENCE_LABELS,
    SCHEDULE_LABELS,
    EvidenceRow,
    evidence_rows,
    reported_label,
)
from medborgarloften.followup.models import ManualStatus

from .models import ActionPlan, Measure, MeasureStatus

#: Least hopeful first: the first one any commitment has is the measure's.
_REPORTED_ORDER = [
    ManualStatus.NOT_STARTED.value,
    ManualStatus.BEHIND.value,
    ManualStatus.ON_TRACK.value,
    ManualStatus.DONE.value,
]
_EVIDENCE_ORDER = [
    "no_activity",
    "not_started",
    "behind",
    "activity_only",
    "on_track",
    "done",
]
_SCHEDULE_ORDER = ["overdue", "due", "awaiting_evaluation", "running", "undated"]
#: The schedule of a measure that has not started yet.
PLANNED = "planned"


def _least(values: list[str], order: list[str]) -> str:
    present = [v for v in values if v in order]
    return min(present, key=order.index) if present else ""


@dataclass
class MeasureFollowup:
    """One measure's rolled-up status; empty strings when nothing is known."""

    reported: str = ""
    evidenced: str = ""
    schedule: str = ""
    rows: list[EvidenceRow] = field(default_factory=list)
    starts_on: dt.date | None = None
    #: The newest status reported for the measure itself, if any.
    own: MeasureStatus | None = None

    @property
    def commitments(self) -> int:
        return len(self.rows)

    @property
    def disagrees(self) -> bool:
        """An owner reports more than the evidence supports."""
        return any(r.disagrees for r in self.rows)

    @property
    def reported_label(self) -> str:
        if self.own is not None:
            return gettext("%(status)s (rapporterat %(when)s av %(who)s)") % {
                "status": reported_label(self.own.status),
                "when": timezone.localtime(self.own.reported_at).date().isoformat(),
                "who": self.own.organisation or self.own.reported_by or "–",
            }
        return reported_label(self.reported)

    @property
    def evidenced_label(self) -> str:
        if not self.evidenced:
            return gettext("Inget åtagande kopplat")
        return gettext(EVIDENCE_LABELS[self.evidenced])

    @property
    def schedule_label(self) -> str:
        if not self.schedule:
            return gettext("Inget datum")
        if self.schedule == PLANNED and self.starts_on is not None:
            return gettext("Planerad, startar %(start)s") % {
                "start": self.starts_on.isoformat()
            }
        return gettext(SCHEDULE_LABELS[self.schedule])

    def record(self) -> dict[str, Any]:
        """The API's ``followup`` object of a measure."""
        return {
            "reported": self.reported or None,
            "evidenced": self.evidenced or None,
            "schedule": self.schedule or None,
            "commitments": self.commitments,
            "disagrees": self.disagrees,
        }


def followup_of(measure: Measure) -> MeasureFollowup:
    """The follow-up ``annotate_followup`` set on a measure."""
    followup: MeasureFollowup = getattr(measure, "followup")  # noqa: B009
    return followup


def measure_followup(
    measure: Measure,
    rows: list[EvidenceRow],
    *,
    today: dt.date,
    own: MeasureStatus | None = None,
) -> MeasureFollowup:
    """Roll the evidence rows of a measure's commitments up into one status."""
    schedules = [r.schedule for r in rows]
    if measure.ends_on is not None and measure.ends_on < today:
        if not rows or any(r.evidenced != "done" for r in rows):
            schedules.append("overdue")
    elif measure.ends_on is not None and not rows:
        schedules.append("running")
    schedule = _least(schedules, _SCHEDULE_ORDER)
    started = measure.starts_on is None or measure.starts_on <= today
    if not started and schedule != "overdue":
        schedule = PLANNED
    return MeasureFollowup(
        reported=own.status
        if own is not None
        else _least([r.reported for r in rows], _REPORTED_ORDER),
        own=own,
        evidenced=_least([r.evidenced for r in rows], _EVIDENCE_ORDER),
        schedule=schedule,
        rows=rows,
        starts_on=measure.starts_on,
    )


def annotate_followup(
    plan: ActionPlan, *, today: dt.date | None = None, public_only: bool = False
) -> None:
    """Set ``measure.followup`` on every measure of a plan fetched with
    ``selectors.plan_queryset``; ``public_only`` counts commitments of public
    promises only (what the API may show)."""
    today = today or timezone.localdate()
    measures = list(plan.measures.all())
    linked: dict[int, list[int]] = defaultdict(list)
    promises: dict[int, Any] = {}
    for measure in measures:
        for link in measure.links.all():
            commitment = link.commitment
            if commitment is None:
                continue
            if public_only and not commitment.promise.is_public:
                continue
            linked[measure.pk].append(commitment.pk)
            promises[commitment.promise_id] = commitment.promise
    by_commitment: dict[int, EvidenceRow] = {}
    for promise in promises.values():
        for row in evidence_rows(promise=promise, today=today, indicators=False):
            by_commitment[row.row.commitment.pk] = row
    own: dict[int, MeasureStatus] = {}
    if all(hasattr(m, "own_status_id") for m in measures):
        # plan_queryset named each measure's newest status: when none, no query
        ids = [i for m in measures if (i := getattr(m, "own_status_id", None))]
        wanted = MeasureStatus.objects.filter(pk__in=ids) if ids else None
    else:
        wanted = MeasureStatus.objects.filter(measure__in=[m.pk for m in measures])
    for status in (
        wanted.select_related("organisation", "reported_by")
        if wanted is not None
        else ()
    ):
        own.setdefault(status.measure_id, status)  # the newest first (Meta)
    for measure in measures:
        rows = [by_commitment[pk] for pk in linked[measure.pk] if pk in by_commitment]
        measure.followup = measure_followup(  # type: ignore[attr-defined]
            measure, rows, today=today, own=own.get(measure.pk)
        )
