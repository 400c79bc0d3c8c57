"""Reads for the follow-up: progress per commitment, the staff dashboard, reports.

One function (``commitment_progress_rows``) computes progress from one query for the
activities; the dashboard, the reports, the public promise page (through
``commitment_rows``, a promise's commitments) and the open-data API (commitments of
many promises) all read through it, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Commitment, Promise
from medborgarloften.vocabulary import is_time_limit

from .models import (
    Activity,
    Assessment,
    ManualStatus,
    Report,
    ReportStatus,
)
from .partner_selectors import (
    PARTNER_ANNOTATIONS,
    PartnerLatest,
    partner_latest,
    partner_latest_annotations,
)
from .progress import (
    AREA_PERS,
    STATUS_LABELS,
    AreaRef,
    Entry,
    Progress,
    Status,
    commitment_progress,
    trend,
)
from .report_plan import ReportPlan, report_plan

DUE_SOON_DAYS = 30


@dataclass
class CommitmentRow:
    """One commitment with its number in the promise, progress and assessment."""

    number: int
    commitment: Commitment
    progress: Progress
    trend: int = 0
    activity_count: int = 0
    last_activity: dt.date | None = None
    #: The activity logged or changed last: (when, its date, its kind).
    last_logged: tuple[dt.datetime, dt.date, str] | None = None
    assessment: Assessment | None = None
    due: dt.date | None = None  # the next bucket end or deadline still to reach
    #: The newest status a partner (``annan``) reported itself, when the
    #: commitments were read with ``partner_latest_annotations``.
    partner: PartnerLatest | None = None
    #: No follow-up of this commitment is recorded in the system and none is
    #: expected to be (``_unrecorded``): no status is computed, none called late.
    unrecorded: bool = False

    @property
    def status(self) -> str:
        """The computed status; for a commitment without target, staff's status."""
        if self.unrecorded:
            return str(Status.UNRECORDED)
        if self.progress.measurable:
            return str(self.progress.status)
        if self.assessment is not None and self.assessment.manual_status:
            return f"manual_{self.assessment.manual_status}"
        return str(Status.NOT_MEASURABLE)

    @property
    def status_label(self) -> str:
        if self.unrecorded:
            return gettext(STATUS_LABELS[Status.UNRECORDED])
        if self.progress.measurable:
            return gettext(self.progress.label_status)
        if self.assessment is not None and self.assessment.manual_status:
            return gettext("%(status)s (bedömt)") % {
                "status": ManualStatus(self.assessment.manual_status).label
            }
        return gettext(self.progress.label_status)

    @property
    def trend_symbol(self) -> str:
        return "↑" if self.trend > 0 else "↓" if self.trend < 0 else "→"


def promise_for_followup(*, pk: int) -> Promise:
    """A promise with what permission checks and progress read."""
    return Promise.objects.prefetch_related(
        "parties", Prefetch("areas", queryset=Area.objects.order_by("name"))
    ).get(pk=pk)


def _area_refs(areas: Any) -> list[AreaRef]:
    return [AreaRef(a.pk, a.name) for a in sorted(areas, key=lambda a: a.name)]


def _due(progress: Progress, today: dt.date) -> dt.date | None:
    ends = [
        b.end
        for b in progress.buckets
        if b.end is not None and b.end >= today and b.status != Status.DONE
    ]
    return min(ends) if ends else None


def commitment_rows(
    *,
    promise: Promise,
    today: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    commitments: list[Commitment] | None = None,
) -> list[CommitmentRow]:
    """Every commitment of the promise with its progress as of ``today``.

    ``start``/``end`` limit the activities that count (a report's date range); the
    target keeps the promise period, so "expected by today" stays comparable.
    ``commitments``: the promise's commitments in order, already loaded with their
    areas (a page that has them saves reading them twice); their assessments are
    read here in one query.
    """
    if commitments is None:
        commitments = list(
            promise.commitments.order_by("position", "pk")
            .select_related("assessment")
            .annotate(**partner_latest_annotations())
            .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("name")))
        )
    elif not all(_has_assessment_and_partners(c) for c in commitments):
        _read_assessments_and_partners(commitments)
    return commitment_progress_rows(
        commitments,
        promise=promise,
        numbers={c.pk: n for n, c in enumerate(commitments, start=1)},
        today=today,
        start=start,
        end=end,
        complete=start is None and end is None,
    )


def _has_assessment_and_partners(commitment: Commitment) -> bool:
    """The commitment was read with its assessment and its partners' newest report
    (``promise_with_contents`` with both), so nothing is left to read."""
    return Commitment.assessment.related.is_cached(commitment) and all(
        hasattr(commitment, name) for name in PARTNER_ANNOTATIONS
    )


def _read_assessments_and_partners(commitments: list[Commitment]) -> None:
    """Give loaded commitments their assessments and newest partner reports, in
    the one query that read the assessments alone before partners reported."""
    found = {
        c.pk: c
        for c in Commitment.objects.filter(pk__in=[c.pk for c in commitments])
        .select_related("assessment")
        .annotate(**partner_latest_annotations())
    }
    cache = Commitment.assessment.related  # the reverse one-to-one's cache
    for commitment in commitments:
        loaded = found.get(commitment.pk)
        cache.set_cached_value(
            commitment, getattr(loaded, "assessment", None) if loaded else None
        )
        for name in PARTNER_ANNOTATIONS:
            setattr(commitment, name, getattr(loaded, name, None))


def commitment_progress_rows(
    commitments: list[Commitment],
    *,
    numbers: dict[int, int],
    promise: Promise | None = None,
    today: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    complete: bool = False,
) -> list[CommitmentRow]:
    """Progress of each commitment as of ``today``: the one computation behind the
    follow-up pages, reports, reminders, the public pages and the open-data API.

    The commitments come with their areas (and assessments) loaded, and their
    promise's period and areas reachable (``promise`` when they all share one);
    ``numbers`` gives each its number in its promise. The activities are read in one
    query, by commitment id: the (commitment, date) index answers it without a join.
    A partner's newest report comes from the commitments' annotations
    (``partner_latest_annotations``), read with them. ``complete``: the
    commitments are all of their promises' and every activity was read, so whether
    a promise has any follow-up at all is known without asking (``_unrecorded``).
    """
    today = today or timezone.localdate()
    activities = Activity.objects.filter(commitment_id__in=[c.pk for c in commitments])
    if start is not None:
        activities = activities.filter(date__gte=start)
    if end is not None:
        activities = activities.filter(date__lte=end)
    entries: dict[int, list[Entry]] = defaultdict(list)
    logged: dict[int, tuple[dt.datetime, dt.date, str]] = {}
    for commitment_id, date, quantity, area_id, changed, kind in (
        activities.values_list(
            "commitment_id", "date", "quantity", "area_id", "updated_at", "kind"
        )
        .order_by()
        .iterator(chunk_size=5000)
    ):
        entries[commitment_id].append(Entry(date, quantity, area_id))
        if commitment_id not in logged or changed > logged[commitment_id][0]:
            logged[commitment_id] = (changed, date, kind)
    silent = _unrecorded(
        commitments, entries, promise=promise, today=today, complete=complete
    )
    promise_areas: dict[int, list[AreaRef]] = {}
    rows = []
    for commitment in commitments:
        owner = promise if promise is not None else commitment.promise
        if owner.pk not in promise_areas:
            promise_areas[owner.pk] = _area_refs(owner.areas.all())
        own = entries.get(commitment.pk, [])
        progress = commitment_progress(
            quantity=commitment.target_quantity,
            unit=commitment.target_unit,
            per=commitment.target_per,
            deadline=commitment.target_deadline,
            period_start=owner.period_start,
            period_end=owner.period_end,
            entries=own,
            areas=_area_refs(commitment.areas.all()) or promise_areas[owner.pk],
            today=today,
        )
        rows.append(
            CommitmentRow(
                number=numbers.get(commitment.pk, 0),
                commitment=commitment,
                progress=progress,
                trend=trend(own, today),
                activity_count=len(own),
                last_activity=max((e.date for e in own), default=None),
                last_logged=logged.get(commitment.pk),
                assessment=getattr(commitment, "assessment", None),
                due=_due(progress, today),
                partner=partner_latest(commitment),
                unrecorded=(
                    (owner.pk in silent or (owner.historical and not own))
                    and not _assessed(commitment)
                ),
            )
        )
    return rows


PROMISE_FOLLOWED_UP = "promise_followed_up"


def promise_followed_up_annotation() -> dict[str, Exists]:
    """For a queryset of commitments: whether any activity is recorded for any
    commitment of their promise, read in the same query (``_unrecorded`` needs it
    when it sees only some of a promise's commitments, as the API's pages do)."""
    return {
        PROMISE_FOLLOWED_UP: Exists(
            Activity.objects.filter(commitment__promise_id=OuterRef("promise_id"))
        )
    }


def _assessed(commitment: Commitment) -> bool:
    assessment = getattr(commitment, "assessment", None)
    return assessment is not None and bool(assessment.manual_status)


def _unrecorded(
    commitments: list[Commitment],
    entries: dict[int, list[Entry]],
    *,
    promise: Promise | None,
    today: dt.date,
    complete: bool,
) -> set[int]:
    """The promises whose period ended before ``today`` without one activity
    recorded for any of their commitments: their follow-up, if any, is not in the
    system, so they show "no follow-up recorded" rather than every commitment late.
    A current promise without activities stays late: that is the accountability.
    (A promise marked ``historical`` is judged commitment by commitment.)"""
    owners = {
        c.promise_id: promise if promise is not None else c.promise for c in commitments
    }
    ended = {
        pk
        for pk, owner in owners.items()
        if owner.period_end is not None and owner.period_end < today
    }
    ended -= {c.promise_id for c in commitments if entries.get(c.pk)}
    # Read with the commitments (``promise_followed_up_annotation``): no query.
    ended -= {
        c.promise_id
        for c in commitments
        if getattr(c, PROMISE_FOLLOWED_UP, False) and c.promise_id in ended
    }
    known = {c.promise_id for c in commitments if hasattr(c, PROMISE_FOLLOWED_UP)}
    if ended - known and not complete:
        # Some commitments or activities were left out: ask about the rest.
        ended -= set(
            Activity.objects.filter(commitment__promise_id__in=ended - known)
            .values_list("commitment__promise_id", flat=True)
            .distinct()
        )
    return ended


@dataclass
class Dashboard:
    promise: Promise
    today: dt.date
    rows: list[CommitmentRow]
    reports: list[Report]
    plan: ReportPlan

    @property
    def due_soon(self) -> list[CommitmentRow]:
        limit = self.today + dt.timedelta(days=DUE_SOON_DAYS)
        return sorted(
            (r for r in self.rows if r.due is not None and r.due <= limit),
            key=lambda r: r.due or self.today,
        )

    @property
    def without_activity(self) -> list[CommitmentRow]:
        return [r for r in self.rows if r.activity_count == 0]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        found: dict[str, tuple[str, int]] = {}
        for row in self.rows:
            label, count = found.get(row.status, (row.status_label, 0))
            found[row.status] = (label, count + 1)
        return [(status, label, n) for status, (label, n) in found.items()]


def promise_dashboard(*, promise: Promise, today: dt.date | None = None) -> Dashboard:
    """Everything the staff dashboard shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    reports = list(promise.followup_reports.order_by("-period_end", "-pk"))
    published = sum(1 for r in reports if r.status == ReportStatus.PUBLISHED)
    return Dashboard(
        promise=promise,
        today=today,
        rows=commitment_rows(promise=promise, today=today),
        reports=reports,
        plan=report_plan(promise=promise, today=today, published=published),
    )


def activities_for_promise(
    *, promise: Promise, commitment_id: int | None = None, limit: int = 200
) -> QuerySet[Activity]:
    """The newest activities of a promise (or one commitment), for the staff list."""
    queryset = Activity.objects.filter(commitment__promise=promise).select_related(
        "commitment", "area", "organisation", "created_by"
    )
    if commitment_id is not None:
        queryset = queryset.filter(commitment_id=commitment_id)
    return queryset.order_by("-date", "-pk")[:limit]


def activity_for_staff(*, pk: int) -> Activity:
    return Activity.objects.select_related(
        "commitment__promise", "area", "organisation"
    ).get(pk=pk)


def commitment_for_staff(*, pk: int) -> Commitment:
    return (
        Commitment.objects.select_related("promise")
        .prefetch_related(
            "promise__parties", "other_parties", "areas", "promise__areas"
        )
        .get(pk=pk)
    )


def activity_choices(
    *, commitment: Commitment
) -> tuple[list[Area], list[Organisation]]:
    """Areas (the commitment's first, then the rest of the promise's kommuner) and the
    organisations an activity may name."""
    promise = commitment.promise
    parties = list(promise.parties.all())
    kommun_ids = [p.pk for p in parties if p.is_kommun]
    own = list(commitment.areas.all()) or list(promise.areas.all())
    own_ids = {a.pk for a in own}
    rest = [
        a
        for a in Area.objects.filter(kommun_id__in=kommun_ids).order_by("name")
        if a.pk not in own_ids
    ]
    others = list(commitment.other_parties.all())
    organisations = parties + [o for o in others if o not in parties]
    return sorted(own, key=lambda a: a.name) + rest, organisations


def published_reports(*, promise: Promise) -> list[Report]:
    """Published reports of a public promise, newest first: for the public page."""
    return list(
        Report.objects.published().filter(promise=promise).order_by("-period_end")
    )


def activity_not_counted(activity: Activity) -> str:
    """Why a logged activity does not count toward its commitment's target, in a
    sentence for the confirmation; "" when it counts (or there is no count). The
    same rules as ``commitment_progress``: a per-area target counts activities in
    the commitment's areas (else the promise's), and a deadline closes the count."""
    commitment = activity.commitment
    if not commitment.measurable or is_time_limit(
        commitment.target_quantity, commitment.target_unit, commitment.target_per
    ):
        return ""
    prefix = gettext("Aktiviteten är sparad men räknas inte mot målet:")
    deadline = commitment.target_deadline
    if deadline is not None and activity.date > deadline:
        return f"{prefix} " + gettext(
            "den är daterad efter åtagandets sista dag, %(deadline)s."
        ) % {"deadline": deadline.isoformat()}
    if commitment.target_per in AREA_PERS:
        areas = list(commitment.areas.all()) or list(commitment.promise.areas.all())
        names = ", ".join(a.name for a in sorted(areas, key=lambda a: a.name))
        if activity.area_id is None and areas:
            return f"{prefix} " + gettext(
                "målet räknas per område (%(areas)s) och aktiviteten har inget område."
            ) % {"areas": names}
        if areas and activity.area_id not in {a.pk for a in areas}:
            return f"{prefix} " + gettext(
                "%(area)s är inte ett av åtagandets områden (%(areas)s)."
            ) % {"area": activity.area.name if activity.area else "", "areas": names}
    return ""
