"""A progress view in the spirit of Brå's step checklists: for one kommun, what is
done and what is missing before each step of the legal cycle is done — read from the
lägesbild, the latest åtgärdsplan and the promises that implement it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from .models import ActionPlan, Goal, SectionKind, SituationReport
from .selectors import plan_flags, plan_queryset, revision_due_on

__all__ = ["Checked", "Step", "checked_documents", "is_measurable", "steps"]


def is_measurable(goal: Goal) -> bool:
    """A goal is measurable when its target is a figure to reach ("30", "under
    20 %", "minst 4 av 5"), not only a direction ("mindre", "färre", "bättre"):
    its target holds a number, and it names an indicator."""
    return bool(goal.indicator.strip()) and any(ch.isdigit() for ch in goal.target)


#: One check: what is checked, whether it holds, where to fix it (a URL).
Item = tuple[str, bool, str]


@dataclass
class Step:
    number: int
    title: str
    items: list[Item] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.items) and all(ok for _text, ok, _link in self.items)

    @property
    def missing(self) -> list[str]:
        return [text for text, ok, _link in self.items if not ok]


@dataclass(frozen=True)
class Checked:
    """The documents the steps were checked against: the newest lägesbild version
    and the newest åtgärdsplan (a draft in work, not an older adopted one), and the
    adopted lägesbild whose revision is due."""

    report: SituationReport | None
    plan: ActionPlan | None
    adopted_report: SituationReport | None


def checked_documents(kommun: Organisation) -> Checked:
    reports = SituationReport.objects.filter(kommun=kommun)
    return Checked(
        report=reports.order_by("-created_at", "-pk").first(),
        plan=plan_queryset()
        .filter(kommun=kommun)
        .order_by("-created_at", "-pk")
        .first(),
        adopted_report=reports.adopted().order_by("-adopted_on", "-version").first(),
    )


def _url(name: str, *args: object, anchor: str = "") -> str:
    return reverse(f"planning:{name}", args=args) + (f"#{anchor}" if anchor else "")


def steps(*, kommun: Organisation, today: dt.date | None = None) -> list[Step]:
    """The six steps, each with its checks (text, done, where to fix it)."""
    today = today or timezone.localdate()
    checked = checked_documents(kommun)
    report, plan = checked.report, checked.plan
    kinds = set(report.sections.values_list("kind", flat=True)) if report else set()
    adopted = checked.adopted_report
    due = revision_due_on(adopted) if adopted else None
    first = Step(1, _("Lägesbilden"))
    if report is None:
        first.items = [
            (_("Det finns en lägesbild."), False, _url("report_new", kommun.code))
        ]
    else:
        page = _url("report", report.pk)
        edit = page if report.is_adopted else _url("report_edit", report.pk)
        first.items = [
            (_("Det finns en lägesbild."), True, page),
            (
                _("Brottsligheten är beskriven."),
                bool(report.crime_text or SectionKind.CRIME in kinds),
                edit,
            ),
            (
                _("Annan relevant information finns med, med källor."),
                SectionKind.OTHER in kinds,
                page,
            ),
            (_("Analysen är skriven."), bool(report.analysis.strip()), edit),
            (
                _("Lägesbilden är antagen med datum, organ och diarienummer."),
                report.is_adopted,
                page if report.is_adopted else _url("report_adopt", report.pk),
            ),
            (
                _("Revideringen är inte försenad."),
                due is None or due >= today,
                _url("report", adopted.pk) if adopted else page,
            ),
        ]
    second = Step(2, _("Problem och troliga orsaker"))
    third = Step(3, _("Åtgärder och mätbara mål"))
    fourth = Step(4, _("Beslutad åtgärdsplan"))
    fifth = Step(5, _("Genomförande genom medborgarlöftet"))
    sixth = Step(6, _("Uppföljning"))
    if plan is None:
        new = _url("plan_new", kommun.code)
        for step in (second, third, fourth, fifth, sixth):
            step.items = [(_("Det finns ingen åtgärdsplan ännu."), False, new)]
        return [first, second, third, fourth, fifth, sixth]
    at = partial(_url, "plan", plan.pk)
    flags = plan_flags(plan)
    problems = list(plan.problems.all())
    measures = list(plan.measures.all())
    second.items = [
        (_("Planen har numrerade problem."), bool(problems), at(anchor="steg-problem")),
        (
            _("Varje problem pekar på underlag i lägesbilden."),
            all(p.sections.all() or p.figure_keys for p in problems),
            at(anchor="problems-heading"),
        ),
        (
            _("Varje problem har minst en trolig orsak."),
            all(p.causes.all() for p in problems),
            at(anchor="steg-cause"),
        ),
    ]
    third.items = [
        (
            _("Varje problem har en åtgärd."),
            not flags.problems_without_measure,
            at(anchor="steg-measure"),
        ),
        (
            _("Varje åtgärd verkar på en orsak."),
            not flags.measures_without_problem,
            at(anchor="measures-heading"),
        ),
        (
            _("Varje åtgärd har en ansvarig."),
            all(m.responsible_id for m in measures),
            at(anchor="measures-heading"),
        ),
        (
            _(
                "Varje åtgärd har ett mätbart mål (ett målvärde med en siffra, inte "
                'bara "mindre" eller "fler").'
            ),
            all(any(is_measurable(g) for g in m.goals.current()) for m in measures),
            at(anchor="steg-goal"),
        ),
    ]
    fourth.items = [
        (
            _("Åtgärdsplanen är antagen med datum, organ och diarienummer."),
            plan.is_adopted,
            at() if plan.is_adopted else _url("plan_adopt", plan.pk),
        ),
        (
            _("Den överlappar ingen annan antagen plan."),
            not flags.overlapping,
            at(),
        ),
    ]
    fifth.items = [
        (
            _("Varje åtagande i medborgarlöftet genomför en åtgärd."),
            not flags.commitments_without_measure,
            at(anchor="steg-link"),
        ),
        (
            _("Minst en åtgärd genomförs av medborgarlöftet."),
            any(m.links.all() for m in measures),
            at(anchor="steg-link"),
        ),
    ]
    sixth.items = [
        (
            _("Planen säger hur den följs upp."),
            bool(plan.follow_up.strip()),
            at(),
        ),
        (
            _("Varje åtgärd säger hur den följs upp."),
            all(m.follow_up for m in measures),
            at(anchor="measures-heading"),
        ),
    ]
    return [first, second, third, fourth, fifth, sixth]
