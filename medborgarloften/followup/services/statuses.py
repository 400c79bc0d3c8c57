"""Writes: the history of each commitment's three statuses, and evaluations.

A status change is recorded only when the status differs from the last one recorded
of its kind, with its source — the form, the activity or the calendar that changed
it — so the history says why a status moved. Evaluations are new rows, never edits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.promises.models import Commitment, Promise, PromiseStatus
from medborgarloften.promises.permissions import can_edit_promise

from ..evidence import evidence_rows
from ..models import ManualStatus
from ..status_models import (
    Evaluation,
    ImplementationRating,
    OutcomeRating,
    OutputRating,
    StatusChange,
    StatusKind,
)

__all__ = [
    "activity_statuses_refresh",
    "current_statuses_refresh",
    "commitment_reported_record",
    "evaluation_record",
    "promise_statuses_refresh",
]


def _record(
    *,
    commitment_id: int,
    kind: str,
    status: str,
    label: str,
    source: str,
    actor: Any,
    last: dict[tuple[int, str], str],
) -> StatusChange | None:
    if last.get((commitment_id, kind)) == status:
        return None
    last[(commitment_id, kind)] = status
    return StatusChange.objects.create(
        commitment_id=commitment_id,
        kind=kind,
        status=status,
        label=label[:200],
        source=source[:300],
        actor=recorded_actor(actor),
    )


def _last_statuses(commitment_ids: list[int]) -> dict[tuple[int, str], str]:
    last: dict[tuple[int, str], str] = {}
    for commitment_id, kind, status in StatusChange.objects.filter(
        commitment_id__in=commitment_ids
    ).values_list("commitment_id", "kind", "status"):
        last.setdefault((commitment_id, kind), status)  # newest first
    return last


def commitment_reported_record(
    *, commitment: Commitment, status: str, source: str, actor: Any = None
) -> StatusChange | None:
    """Record the status the owner reports, if it changed (an empty status before
    any was reported is no change)."""
    last = _last_statuses([commitment.pk])
    if not status and (commitment.pk, StatusKind.REPORTED.value) not in last:
        return None
    label = str(ManualStatus(status).label) if status else _("Ingen rapporterad status")
    return _record(
        commitment_id=commitment.pk,
        kind=StatusKind.REPORTED,
        status=status or "none",
        label=label,
        source=source,
        actor=actor,
        last=last,
    )


@transaction.atomic
def promise_statuses_refresh(
    *, promise: Any, source: str, actor: Any = None, today: dt.date | None = None
) -> list[StatusChange]:
    """Compute every commitment's evidenced and scheduled status and record those
    that changed since last recorded, with ``source`` (what caused the look)."""
    rows = evidence_rows(promise=promise, today=today, indicators=False)
    last = _last_statuses([r.row.commitment.pk for r in rows])
    changes: list[StatusChange] = []
    for row in rows:
        for kind, status, label in (
            (StatusKind.EVIDENCED, row.evidenced, row.evidenced_label),
            (StatusKind.SCHEDULE, row.schedule, row.schedule_label),
        ):
            change = _record(
                commitment_id=row.row.commitment.pk,
                kind=kind,
                status=status,
                label=label,
                source=source,
                actor=actor,
                last=last,
            )
            if change is not None:
                changes.append(change)
    return changes


@transaction.atomic
def evaluation_record(
    *,
    actor: Any,
    promise: Promise,
    period_start: dt.date,
    period_end: dt.date,
    implementation: str,
    output: str,
    outcome: str,
    implementation_text: str = "",
    output_text: str = "",
    outcome_text: str = "",
) -> Evaluation:
    """Save an end-of-period evaluation in Brå's three layers as a new record;
    editors of the promise only; every problem reported at once."""
    if actor is not None and not can_edit_promise(actor, promise):
        raise PermissionDenied(_("Du får inte utvärdera det här medborgarlöftet."))
    errors: dict[str, list[str]] = {}
    if period_end < period_start:
        errors["period_end"] = [_("Slutdatum får inte vara före startdatum.")]
    for name, value, choices in (
        ("implementation", implementation, ImplementationRating),
        ("output", output, OutputRating),
        ("outcome", outcome, OutcomeRating),
    ):
        if value not in choices.values:
            errors[name] = [_("Välj ett av alternativen.")]
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation.objects.create(
        promise=promise,
        period_start=period_start,
        period_end=period_end,
        implementation=implementation,
        implementation_text=implementation_text.strip(),
        output=output,
        output_text=output_text.strip(),
        outcome=outcome,
        outcome_text=outcome_text.strip(),
        created_by=recorded_actor(actor),
    )
    promise_statuses_refresh(promise=promise, source=_("slututvärdering"), actor=actor)
    return evaluation


def activity_statuses_refresh(
    *, activity: Any, verb: str, actor: Any = None, today: dt.date | None = None
) -> list[StatusChange]:
    """After an activity was logged, changed or deleted: record the statuses that
    moved, naming the activity as the source."""
    source = _("aktivitet %(verb)s: %(date)s %(kind)s") % {
        "verb": verb,
        "date": activity.date.isoformat(),
        "kind": activity.kind,
    }
    return promise_statuses_refresh(
        promise=activity.commitment.promise, source=source, actor=actor, today=today
    )


def current_statuses_refresh(*, today: dt.date) -> list[StatusChange]:
    """The daily look: as time passes a commitment falls due, overdue or awaits its
    evaluation with nothing logged; record those changes for every adopted or
    published promise, with the calendar as their source."""
    changes: list[StatusChange] = []
    promises = Promise.objects.filter(
        status__in=[PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED],
        reference_for__isnull=True,
    ).prefetch_related("areas", "parties")
    for promise in promises:
        changes += promise_statuses_refresh(
            promise=promise, source=_("daglig kontroll"), today=today
        )
    return changes
