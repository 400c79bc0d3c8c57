"""A progress view in the spirit of Brå's step checklists: for one kommun, what is
done and what is missing before each step of the legal cycle is done — read from the
lägesbild, the latest åtgärdsplan and the promises that implement it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from .models import ActionPlan, SectionKind, SituationReport
from .selectors import plan_flags, plan_queryset, revision_due_on


@dataclass
class Step:
    number: int
    title: str
    items: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.items) and all(ok for _text, ok in self.items)

    @property
    def missing(self) -> list[str]:
        return [text for text, ok in self.items if not ok]


def _latest_report(kommun: Organisation) -> SituationReport | None:
    adopted = SituationReport.objects.adopted().filter(kommun=kommun)
    return (
        adopted.order_by("-adopted_on", "-version").first()
        or SituationReport.objects.filter(kommun=kommun).order_by("-pk").first()
    )


def _latest_plan(kommun: Organisation) -> ActionPlan | None:
    plans = plan_queryset().filter(kommun=kommun)
    return (
        plans.filter(status="adopted").order_by("-period_start").first()
        or plans.order_by("-pk").first()
    )


def steps(*, kommun: Organisation, today: dt.date | None = None) -> list[Step]:
    """The six steps, each with its checks (text, done)."""
    today = today or timezone.localdate()
    report = _latest_report(kommun)
    plan = _latest_plan(kommun)
    kinds = set(report.sections.values_list("kind", flat=True)) if report else set()
    due = revision_due_on(report) if report else None
    first = Step(1, _("Lägesbilden"))
    first.items = [
        (_("Det finns en lägesbild."), report is not None),
        (
            _("Brottsligheten är beskriven."),
            bool(report and (report.crime_text or SectionKind.CRIME in kinds)),
        ),
        (
            _("Annan relevant information finns med, med källor."),
            SectionKind.OTHER in kinds,
        ),
        (_("Analysen är skriven."), bool(report and report.analysis.strip())),
        (
            _("Lägesbilden är antagen med datum, organ och diarienummer."),
            bool(report and report.is_adopted),
        ),
        (_("Revideringen är inte försenad."), due is None or due >= today),
    ]
    second = Step(2, _("Problem och troliga orsaker"))
    third = Step(3, _("Åtgärder och mätbara mål"))
    fourth = Step(4, _("Beslutad åtgärdsplan"))
    fifth = Step(5, _("Genomförande genom medborgarlöftet"))
    sixth = Step(6, _("Uppföljning"))
    if plan is None:
        for step in (second, third, fourth, fifth, sixth):
            step.items = [(_("Det finns ingen åtgärdsplan ännu."), False)]
        return [first, second, third, fourth, fifth, sixth]
    flags = plan_flags(plan)
    problems = list(plan.problems.all())
    measures = list(plan.measures.all())
    second.items = [
        (_("Planen har numrerade problem."), bool(problems)),
        (
            _("Varje problem pekar på underlag i lägesbilden."),
            all(p.sections.all() or p.figure_keys for p in problems),
        ),
        (
            _("Varje problem har minst en trolig orsak."),
            all(p.causes.all() for p in problems),
        ),
    ]
    third.items = [
        (_("Varje problem har en åtgärd."), not flags.problems_without_measure),
        (_("Varje åtgärd verkar på en orsak."), not flags.measures_without_problem),
        (_("Varje åtgärd har en ansvarig."), all(m.responsible_id for m in measures)),
        (_("Varje åtgärd har ett mätbart mål."), all(m.goals.all() for m in measures)),
    ]
    fourth.items = [
        (
            _("Åtgärdsplanen är antagen med datum, organ och diarienummer."),
            plan.is_adopted,
        ),
        (_("Den överlappar ingen annan antagen plan."), not flags.overlapping),
    ]
    fifth.items = [
        (
            _("Varje åtagande i medborgarlöftet genomför en åtgärd."),
            not flags.commitments_without_measure,
        ),
        (
            _("Minst en åtgärd genomförs av medborgarlöftet."),
            any(m.links.all() for m in measures),
        ),
    ]
    sixth.items = [
        (_("Planen säger hur den följs upp."), bool(plan.follow_up.strip())),
        (
            _("Varje åtgärd säger hur den följs upp."),
            all(m.follow_up for m in measures),
        ),
    ]
    return [first, second, third, fourth, fifth, sixth]
