"""Reads: what the owner reports, what the evidence supports and what is due, per
commitment — side by side — and the process-quality checks of a promise.

- **Reported**: the status the owner gives (``Assessment.manual_status``).
- **Evidenced**: what the data supports — progress computed from the logged
  activities against the target (``progress``), and the focus area's indicators now
  against the baseline frozen at adoption (``situation.BaselineValue``). Every
  indicator in the lägesbild counts a problem (reports, events, crimes, the share
  worried), so lower is better.
- **Schedule**: overdue, due within 30 days, awaiting the end-of-period evaluation,
  running, or undated.

A reported status more hopeful than the evidence is flagged (``disagrees``). Nothing
here writes; ``services.statuses`` records the changes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from medborgarloften.promises.models import CommitmentVersion, Promise
from medborgarloften.situation.models import BaselineValue
from medborgarloften.situation.selectors.baselines import indicators_by_focus_area

from .models import CommunicationStatus, ManualStatus, PlannedActivity
from .partner_selectors import PartnerLatest
from .progress import Status, gettext_noop
from .selectors import (
    DUE_SOON_DAYS,
    CommitmentRow,
    ReportPlan,
    commitment_rows,
    report_plan,
)
from .status_models import Evaluation, StatusChange

#: What the evidence supports (msgids; pages translate them).
EVIDENCE_LABELS: dict[str, str] = {
    "done": gettext_noop("Genomfört enligt underlaget"),
    "on_track": gettext_noop("I fas enligt underlaget"),
    "behind": gettext_noop("Efter plan enligt underlaget"),
    "not_started": gettext_noop("Inte påbörjat enligt underlaget"),
    "no_activity": gettext_noop("Inga aktiviteter loggade"),
    "activity_only": gettext_noop("Aktiviteter loggade, inget mätbart mål"),
}

SCHEDULE_LABELS: dict[str, str] = {
    "overdue": gettext_noop("Försenat"),
    "due": gettext_noop("Förfaller inom 30 dagar"),
    "awaiting_evaluation": gettext_noop("Väntar på utvärdering"),
    "running": gettext_noop("Pågår"),
    "undated": gettext_noop("Inget datum"),
}

EFFECT_LABELS: dict[str, str] = {
    "improved": gettext_noop("Indikatorerna har förbättrats"),
    "worsened": gettext_noop("Indikatorerna har försämrats"),
    "mixed": gettext_noop("Indikatorerna går åt olika håll"),
    "unchanged": gettext_noop("Indikatorerna är oförändrade"),
    "no_data": gettext_noop("Inga indikatorer att jämföra"),
}

#: How hopeful a status is: a reported status above its evidence is flagged.
_REPORTED_RANK: dict[str, int] = {
    ManualStatus.DONE.value: 3,
    ManualStatus.ON_TRACK.value: 2,
    ManualStatus.BEHIND.value: 1,
    ManualStatus.NOT_STARTED.value: 0,
}
#: The partner scale on the same ladder ("Inte aktuellt" is not judged).
_PARTNER_RANK: dict[str, int] = {
    "done": 3,
    "half_or_more": 2,
    "started": 1,
    "not_started": 0,
}
_EVIDENCE_RANK = {
    "done": 3,
    "on_track": 2,
    "behind": 1,
    "not_started": 0,
    "no_activity": 0,
}


@dataclass
class IndicatorChange:
    label: str
    baseline: float | None
    current: float | None

    @property
    def direction(self) -> str:
        """improved, worsened, unchanged, or no_data (lower is better)."""
        if self.baseline is None or self.current is None:
            return "no_data"
        if self.current < self.baseline:
            return "improved"
        if self.current > self.baseline:
            return "worsened"
        return "unchanged"


def effect_of(changes: list[IndicatorChange]) -> str:
    """One word for a focus area's indicators: improved, worsened, mixed, …"""
    directions = {c.direction for c in changes} - {"no_data"}
    if not directions:
        return "no_data"
    if directions == {"unchanged"}:
        return "unchanged"
    directions.discard("unchanged")
    return directions.pop() if len(directions) == 1 else "mixed"


def reported_label(reported: str) -> str:
    """The status an owner reports (a ``ManualStatus`` value, or none) in words."""
    if not reported:
        return gettext("Ingen rapporterad status")
    return str(ManualStatus(reported).label)


@dataclass
class EvidenceRow:
    row: CommitmentRow
    reported: str
    evidenced: str
    schedule: str
    indicators: list[IndicatorChange] = field(default_factory=list)
    last_change: StatusChange | None = None
    #: Every wording of the commitment, the original first (promises' versions).
    versions: list[CommitmentVersion] = field(default_factory=list)
    #: A partner's newest report, when it is the reported status: no status of
    #: the promise's parties is newer (``partner_is_reported``).
    partner: PartnerLatest | None = None

    @property
    def activity_is_latest(self) -> bool:
        """The last logged activity is newer than the last status change ("Senaste
        ändring" shows it then: most activities move no status)."""
        logged = self.row.last_logged
        if logged is None:
            return False
        return self.last_change is None or logged[0] > self.last_change.changed_at

    @property
    def reworded(self) -> bool:
        """The text or target has changed since the first version."""
        return len(self.versions) > 1

    @property
    def reported_label(self) -> str:
        if self.partner is not None:
            return gettext("%(status)s (rapporterat av %(who)s, %(when)s)") % {
                "status": self.partner.label,
                "who": self.partner.organisation,
                "when": self.partner.reported_on.isoformat(),
            }
        return reported_label(self.reported)

    @property
    def evidenced_label(self) -> str:
        return gettext(EVIDENCE_LABELS[self.evidenced])

    @property
    def schedule_label(self) -> str:
        return gettext(SCHEDULE_LABELS[self.schedule])

    @property
    def schedule_date(self) -> dt.date | None:
        """The date the schedule is about: for an overdue commitment the day the
        latest missed part fell due (never a day still to come), else the next
        part or deadline still to reach."""
        if self.schedule != "overdue":
            return self.row.due
        progress = self.row.progress
        missed = [
            b.end
            for b in progress.buckets
            if b.status == Status.OVERDUE and b.end is not None
        ]
        if not missed and progress.deadline is not None:
            missed.append(progress.deadline)  # no buckets: judged by the deadline
        return max(missed) if missed else None

    @property
    def effect(self) -> str:
        return effect_of(self.indicators)

    @property
    def effect_label(self) -> str:
        return gettext(EFFECT_LABELS[self.effect])

    @property
    def disagrees(self) -> bool:
        """The owner reports more than the evidence supports."""
        reported = (
            _PARTNER_RANK.get(self.partner.status)
            if self.partner is not None
            else _REPORTED_RANK.get(self.reported)
        )
        evidenced = _EVIDENCE_RANK.get(self.evidenced)
        return reported is not None and evidenced is not None and reported > evidenced


def partner_is_reported(row: CommitmentRow) -> PartnerLatest | None:
    """The partner's newest report when it is the commitment's reported status:
    the parties have reported none, or reported theirs before the partner's day."""
    partner = row.partner
    if partner is None:
        return None
    assessment = row.assessment
    if assessment is None or not assessment.manual_status:
        return partner
    party_day = timezone.localdate(assessment.updated_at)
    return partner if partner.reported_on >= party_day else None


def evidenced_status(row: CommitmentRow) -> str:
    """What the logged activities support for one commitment."""
    status = row.progress.status
    if status == Status.NOT_MEASURABLE:
        return "activity_only" if row.activity_count else "no_activity"
    if status == Status.DONE:
        return "done"
    if status in (Status.BEHIND, Status.OVERDUE):
        return "behind"
    if status == Status.ON_TRACK:
        return "on_track"
    return "not_started" if row.activity_count else "no_activity"


def schedule_status(
    row: CommitmentRow, *, promise: Promise, today: dt.date, evaluated: bool
) -> str:
    """Where the commitment stands in time."""
    progress = row.progress
    if progress.status == Status.OVERDUE:
        return "overdue"
    ended = promise.period_end is not None and promise.period_end < today
    deadline = progress.deadline
    if deadline is not None and deadline < today and progress.status != Status.DONE:
        return "overdue"
    if ended:
        return "running" if evaluated else "awaiting_evaluation"
    if row.due is not None and row.due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return "due"
    if promise.period_end is None and deadline is None:
        return "undated"
    return "running"


def focus_area_indicators(
    *, promise: Promise, on: dt.date
) -> dict[int, list[IndicatorChange]]:
    """Per focus area: each indicator frozen at adoption against the same indicator
    computed for the year before ``on`` (the definitions the freeze used)."""
    frozen = list(
        BaselineValue.objects.filter(promise=promise, focus_area__isnull=False)
        .select_related("focus_area", "area")
        .order_by("focus_area_id", "key", "area_id")
    )
    if not frozen:
        return {}
    kommuner = [p for p in promise.parties.all() if p.is_kommun]
    current: dict[tuple[int, str, int | None], float | None] = {}
    for focus_area, item in indicators_by_focus_area(
        focus_areas={b.focus_area for b in frozen if b.focus_area is not None},
        kommuner=kommuner,
        on=on,
    ):
        area = item["area"]
        current[(focus_area.pk, item["key"], area.pk if area else None)] = item["value"]
    result: dict[int, list[IndicatorChange]] = defaultdict(list)
    for value in frozen:
        assert value.focus_area_id is not None
        now = current.get((value.focus_area_id, value.key, value.area_id))
        label = value.label + (f", {value.area.name}" if value.area else "")
        result[value.focus_area_id].append(IndicatorChange(label, value.value, now))
    return dict(result)


def _latest_changes(rows: list[CommitmentRow]) -> dict[int, StatusChange]:
    latest: dict[int, StatusChange] = {}
    for change in StatusChange.objects.filter(
        commitment_id__in=[r.commitment.pk for r in rows]
    ).select_related("actor"):
        latest.setdefault(change.commitment_id, change)  # newest first
    return latest


def evidence_rows(
    *,
    promise: Promise,
    today: dt.date | None = None,
    rows: list[CommitmentRow] | None = None,
    indicators_on: dt.date | None = None,
    indicators: bool = True,
) -> list[EvidenceRow]:
    """Reported, evidenced and scheduled status of every commitment of a promise.
    ``rows``: progress already computed (a report has it)."""
    today = today or timezone.localdate()
    if rows is None:
        rows = commitment_rows(promise=promise, today=today)
    evaluated = Evaluation.objects.filter(promise=promise).exists()
    by_focus_area = (
        focus_area_indicators(
            promise=promise, on=(indicators_on or today) + dt.timedelta(days=1)
        )
        if indicators
        else {}
    )
    latest = _latest_changes(rows)
    versions: dict[int, list[CommitmentVersion]] = defaultdict(list)
    for version in CommitmentVersion.objects.filter(
        commitment_id__in=[r.commitment.pk for r in rows]
    ).order_by("commitment_id", "number"):
        versions[version.commitment_id].append(version)
    return [
        EvidenceRow(
            row=row,
            reported=row.assessment.manual_status if row.assessment else "",
            evidenced=evidenced_status(row),
            schedule=schedule_status(
                row, promise=promise, today=today, evaluated=evaluated
            ),
            indicators=by_focus_area.get(row.commitment.focus_area_id or 0, []),
            last_change=latest.get(row.commitment.pk),
            versions=versions.get(row.commitment.pk, []),
            partner=partner_is_reported(row),
        )
        for row in rows
    ]


@dataclass
class QualityCheck:
    """One process-quality question and its answer: ``ok`` None when it cannot be
    answered yet."""

    key: str
    label: str
    ok: bool | None
    detail: str


def process_quality(
    *,
    promise: Promise,
    today: dt.date | None = None,
    plan: ReportPlan | None = None,
) -> list[QualityCheck]:
    """Was the promise followed up at the promised cadence, was the activity plan
    kept, were citizens told, and was the period evaluated?"""
    today = today or timezone.localdate()
    checks: list[QualityCheck] = []
    if plan is None:
        plan = report_plan(promise=promise, today=today)
    if plan.promised:
        detail = gettext(
            "%(published)s av %(promised)s redovisningar publicerade; "
            "%(due)s skulle vara publicerade i dag."
        ) % {
            "published": plan.published,
            "promised": plan.promised,
            "due": plan.due_now,
        }
        ok: bool | None = not plan.behind
    else:
        detail = gettext("Löftet anger inte hur ofta det ska redovisas.")
        ok = None
    checks.append(
        QualityCheck("cadence", gettext("Uppföljt i den takt löftet lovar"), ok, detail)
    )
    planned = list(
        PlannedActivity.objects.filter(
            commitment__promise=promise, starts_on__lt=today
        ).prefetch_related("done_by")
    )
    if planned:
        kept = sum(1 for p in planned if p.done_by.all())
        checks.append(
            QualityCheck(
                "plan",
                gettext("Aktivitetsplanen följd"),
                kept == len(planned),
                gettext("%(kept)s av %(total)s planerade aktiviteter är genomförda.")
                % {"kept": kept, "total": len(planned)},
            )
        )
    else:
        checks.append(
            QualityCheck(
                "plan",
                gettext("Aktivitetsplanen följd"),
                None,
                gettext("Ingen planerad aktivitet har passerat än."),
            )
        )
    published = plan.published
    told = promise.communication_activities.filter(
        status=CommunicationStatus.DONE, reports_followup=True
    ).count()
    detail = " ".join(
        (
            ngettext(
                "%(n)s publicerad rapport,",
                "%(n)s publicerade rapporter,",
                published,
            )
            % {"n": published},
            ngettext(
                "%(n)s genomförd kommunikationsinsats om uppföljningen.",
                "%(n)s genomförda kommunikationsinsatser om uppföljningen.",
                told,
            )
            % {"n": told},
        )
    )
    if plan.behind:
        detail += " " + ngettext(
            "%(n)s redovisning är försenad.",
            "%(n)s redovisningar är försenade.",
            len(plan.overdue),
        ) % {"n": len(plan.overdue)}
    checks.append(
        QualityCheck(
            "told",
            gettext("Medborgarna har fått veta hur det går"),
            # Not while promised reports are overdue: a leaflet is no report.
            bool(published or told) and not plan.behind,
            detail,
        )
    )
    ended = promise.period_end is not None and promise.period_end < today
    evaluation = Evaluation.objects.filter(promise=promise).first()
    if evaluation is not None:
        detail = gettext("Utvärderad %(when)s.") % {
            "when": timezone.localtime(evaluation.created_at).strftime("%Y-%m-%d")
        }
    elif ended:
        detail = gettext("Perioden är slut men ingen utvärdering är sparad.")
    else:
        detail = gettext("Görs när perioden är slut.")
    checks.append(
        QualityCheck(
            "evaluated",
            gettext("Slututvärdering i tre nivåer"),
            True if evaluation else (False if ended else None),
            detail,
        )
    )
    return checks


def status_history(*, promise: Promise, limit: int = 200) -> list[StatusChange]:
    """The newest status changes of a promise's commitments, for the staff page."""
    return list(
        StatusChange.objects.filter(commitment__promise=promise)
        .select_related("commitment", "actor")
        .order_by("-changed_at", "-pk")[:limit]
    )


def evaluations(*, promise: Promise) -> list[Evaluation]:
    return list(Evaluation.objects.filter(promise=promise).select_related("created_by"))


def evaluation_suggestion(rows: list[EvidenceRow]) -> dict[str, Any]:
    """Ratings the evidence suggests, to prefill the evaluation form."""
    judged = [r for r in rows if r.evidenced in _EVIDENCE_RANK]
    done = sum(1 for r in judged if r.evidenced == "done")
    if not judged:
        implementation = ""
    elif done == len(judged):
        implementation = "as_planned"
    elif done or any(r.evidenced in ("on_track", "behind") for r in judged):
        implementation = "partly"
    else:
        implementation = "not_done"
    effects = {r.effect for r in rows} - {"no_data"}
    single = {"improved", "worsened", "unchanged"}
    outcome = effects.pop() if len(effects) == 1 and effects <= single else "unknown"
    return {
        "implementation": implementation,
        "output": {"as_planned": "reached", "partly": "partly"}.get(
            implementation, "not_reached" if implementation else ""
        ),
        "outcome": outcome,
    }
