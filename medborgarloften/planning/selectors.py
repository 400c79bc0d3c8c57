"""Reads of the lägesbild and the åtgärdsplan: one plan whole in a fixed number of
queries, its flags (Brå: measures not linked to problems), overlaps, revision
reminders, and the public (adopted) records that every public format is built from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import (
    Agreement,
    Commitment,
    Promise,
    PromiseStatus,
)
from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors import area_map

from .figures import current_figures, figure_citation
from .models import (
    ActionPlan,
    Cause,
    Goal,
    Measure,
    MeasureLink,
    MeasureStatus,
    Problem,
    SituationReport,
)

#: A lägesbild due for revision within this many days is listed as due soon.
DUE_SOON_DAYS = 30


def figures_of(report: SituationReport) -> list[dict[str, Any]]:
    """The figures of a version: stored at adoption, today's while a draft."""
    if report.is_adopted:
        return list(report.figures)
    return current_figures(kommun=report.kommun, year=report.year)


def report_map(report: SituationReport) -> Any:
    """The lägesbild's area map (EST reports per area in its statistics year), the
    situation app's own server-drawn map; it shows the data as it is today."""
    return area_map(
        kommun=report.kommun,
        period=parse_period(str(report.year)),
        indicator="rapporter",
    )


def reports_of(kommun: Organisation) -> QuerySet[SituationReport]:
    return (
        SituationReport.objects.filter(kommun=kommun)
        .select_related("revision")  # ``replaced_by`` without a query a row
        .order_by("title", "-version")
    )


def plans_of(kommun: Organisation) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(kommun=kommun).select_related("situation_report")


def plan_queryset() -> QuerySet[ActionPlan]:
    """Plans with everything a whole plan shows, prefetched."""
    return ActionPlan.objects.select_related(
        "kommun", "situation_report"
    ).prefetch_related(
        "parties",
        Prefetch(
            "problems",
            queryset=Problem.objects.prefetch_related(
                "sections",
                Prefetch(
                    "causes",
                    queryset=Cause.objects.select_related(
                        "cause_analysis__focus_area"
                    ).prefetch_related("measures"),
                ),
            ),
        ),
        Prefetch(
            "measures",
            queryset=Measure.objects.select_related("responsible")
            .annotate(
                # the newest status reported for the measure itself (progress.py)
                own_status_id=Subquery(
                    MeasureStatus.objects.filter(measure=OuterRef("pk"))
                    .order_by("-reported_at", "-id")
                    .values("pk")[:1]
                )
            )
            .prefetch_related(
                Prefetch("causes", queryset=Cause.objects.select_related("problem")),
                Prefetch("goals", queryset=Goal.objects.order_by("id")),
                Prefetch(
                    "links",
                    queryset=MeasureLink.objects.select_related(
                        "commitment__promise", "agreement"
                    ),
                ),
            ),
        ),
    )


def annotate_plan(plan: ActionPlan, figures: list[dict[str, Any]]) -> None:
    """Set what the plan page and its files show on a plan fetched with
    ``plan_queryset``: each problem's ``figure_labels`` (its figures as the
    lägesbild names them) and ``evidence`` (its sections' headings, then those
    labels: "Underlag i lägesbilden"), and each goal's ``is_replaced`` (a newer
    version exists)."""
    labels = {f["key"]: figure_citation(f) for f in figures}
    for problem in plan.problems.all():
        figure_labels = [labels.get(k, k) for k in problem.figure_keys]
        problem.figure_labels = figure_labels  # type: ignore[attr-defined]
        headings = [s.heading for s in problem.sections.all()]
        problem.evidence = headings + figure_labels  # type: ignore[attr-defined]
    for measure in plan.measures.all():
        goals = list(measure.goals.all())
        replaced = {g.replaces_id for g in goals}
        for goal in goals:
            goal.is_replaced = goal.pk in replaced  # type: ignore[attr-defined]


def overlapping_plans(plan: ActionPlan) -> list[ActionPlan]:
    """Adopted plans of the same kommun whose period overlaps this one's."""
    return list(
        ActionPlan.objects.adopted()
        .filter(kommun_id=plan.kommun_id)
        .exclude(pk=plan.pk)
        .overlapping(plan.period_start, plan.period_end)
    )


def overlapping_promises(promise: Promise) -> list[Promise]:
    """Adopted or published promises with a party in common and an overlapping
    period: flagged before a promise is adopted. A promise without a period (no
    start and no end) overlaps nothing: it has no "same period" to share."""
    if promise.period_start is None and promise.period_end is None:
        return []
    start = promise.period_start or dt.date.min
    end = promise.period_end or dt.date.max
    return list(
        Promise.objects.filter(
            status__in=(PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED),
            reference_for__isnull=True,
            parties__in=promise.parties.all(),
        )
        .exclude(pk=promise.pk)
        .exclude(period_start__isnull=True, period_end__isnull=True)
        .filter(
            Q(period_end__isnull=True) | Q(period_end__gte=start),
            Q(period_start__isnull=True) | Q(period_start__lte=end),
        )
        .distinct()
    )


def promise_overlaps(kommun: Organisation) -> list[tuple[Promise, list[Promise]]]:
    """The kommun's draft promises (not copies kept for comparison), each with the
    adopted or published promises it overlaps: flagged before it is adopted."""
    drafts = Promise.objects.filter(
        parties=kommun, status=PromiseStatus.DRAFT, reference_for__isnull=True
    ).prefetch_related("parties")
    result = []
    for draft in drafts:
        others = overlapping_promises(draft)
        if others:
            result.append((draft, others))
    return result


def plan_commitments(plan: ActionPlan) -> QuerySet[Commitment]:
    """Commitments of the kommun's promises (not copies kept for comparison) whose
    period overlaps the plan's: the ones that should implement a measure."""
    return (
        Commitment.objects.filter(
            promise__parties=plan.kommun_id, promise__reference_for__isnull=True
        )
        .filter(
            Q(promise__period_end__isnull=True)
            | Q(promise__period_end__gte=plan.period_start),
            Q(promise__period_start__isnull=True)
            | Q(promise__period_start__lte=plan.period_end),
        )
        .select_related("promise", "measure_link__measure")
        .distinct()
        .order_by("promise_id", "position", "id")
    )


@dataclass
class Flags:
    """What Brå's diagnosis warns of, for one plan."""

    measures_without_problem: list[Measure] = field(default_factory=list)
    problems_without_measure: list[Problem] = field(default_factory=list)
    commitments_without_measure: list[Commitment] = field(default_factory=list)
    overlapping: list[ActionPlan] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.measures_without_problem
            or self.problems_without_measure
            or self.commitments_without_measure
            or self.overlapping
        )


def plan_flags(plan: ActionPlan) -> Flags:
    """Flags of a plan fetched with ``plan_queryset``."""
    problems = list(plan.problems.all())
    measures = list(plan.measures.all())
    addressed = {c.problem_id for m in measures for c in m.causes.all()}
    return Flags(
        measures_without_problem=[m for m in measures if not m.causes.all()],
        problems_without_measure=[p for p in problems if p.pk not in addressed],
        commitments_without_measure=[
            c for c in plan_commitments(plan) if not hasattr(c, "measure_link")
        ],
        overlapping=[] if plan.is_adopted else overlapping_plans(plan),
    )


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


def revision_due_on(report: SituationReport) -> dt.date | None:
    if not report.is_adopted or report.adopted_on is None:
        return None
    return _add_months(report.adopted_on, report.revision_months)


@dataclass
class RevisionReminder:
    report: SituationReport
    due_on: dt.date
    overdue: bool


def revision_reminders(
    *, kommuner: Any, today: dt.date | None = None
) -> list[RevisionReminder]:
    """Adopted lägesbilder of ``kommuner`` whose revision is due within
    ``DUE_SOON_DAYS`` or overdue, unless a newer version has been adopted."""
    today = today or timezone.localdate()
    reports = (
        SituationReport.objects.adopted()
        .filter(kommun__in=kommuner)
        .exclude(revision__status="adopted")
        .select_related("kommun")
    )
    result = []
    for report in reports:
        due = revision_due_on(report)
        if due is not None and due <= today + dt.timedelta(days=DUE_SOON_DAYS):
            result.append(RevisionReminder(report, due, due < today))
    return sorted(result, key=lambda r: r.due_on)


def reminder_text(reminder: RevisionReminder) -> str:
    if reminder.overdue:
        return _("Lägesbilden %(title)s skulle ha reviderats %(due)s.") % {
            "title": reminder.report,
            "due": reminder.due_on.isoformat(),
        }
    return _("Lägesbilden %(title)s ska revideras senast %(due)s.") % {
        "title": reminder.report,
        "due": reminder.due_on.isoformat(),
    }


def agreements_of(kommun: Organisation) -> QuerySet[Agreement]:
    """The samverkansöverenskommelser the kommun is a party to."""
    return Agreement.objects.filter(parties=kommun).order_by("-period_start", "title")
