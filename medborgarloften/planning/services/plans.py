"""Writes of the åtgärdsplan, step by step as Brå's template runs: problems → causes
→ measures → goals; then adoption. A goal revision is a new version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict, TypeVar, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation
from medborgarloften.situation.models import CauseAnalysis

from ..models import (
    ActionPlan,
    Cause,
    DocumentStatus,
    Goal,
    Measure,
    MeasureKind,
    Problem,
    SituationReport,
    SituationSection,
)
from ..permissions import check_adopt, check_edit
from ..selectors import figures_of, overlapping_plans
from .decisions import check_decision_date


def _check_draft(plan: ActionPlan) -> None:
    if plan.is_adopted:
        raise ValidationError(
            _("En antagen åtgärdsplan ändras inte; målen kan revideras.")
        )


def _required(**values: str) -> None:
    missing = {
        name: _("Måste fyllas i.")
        for name, value in values.items()
        if not value.strip()
    }
    if missing:
        raise ValidationError(missing)


class PlanFields(TypedDict):
    """What creating and changing a plan take (``plan_create``, ``items.plan_update``)."""

    title: str
    situation_report: SituationReport
    period_start: dt.date
    period_end: dt.date
    parties: NotRequired[Iterable[Organisation]]
    follow_up: NotRequired[str]


def plan_create(
    *, actor: Any, kommun: Organisation, **fields: Unpack[PlanFields]
) -> ActionPlan:
    """A draft åtgärdsplan of the kommun, resting on one of its lägesbilder."""
    check_edit(actor, kommun)
    values, parties = checked_plan(kommun, fields)
    with transaction.atomic():
        plan = ActionPlan.objects.create(kommun=kommun, created_by=actor, **values)
        plan.parties.set(parties)
    return plan


def checked_plan(
    kommun: Organisation, fields: PlanFields
) -> tuple[dict[str, Any], list[Organisation]]:
    """A plan's fields as creating and changing save them (the follow-up empty when
    unset), and its parties, once its title, lägesbild (of the same kommun) and
    period hold; ValidationError when they do not."""
    values: dict[str, Any] = {"follow_up": "", **fields}
    parties = list(values.pop("parties", ()))
    _required(title=values["title"])
    if values["situation_report"].kommun_id != kommun.pk:
        raise ValidationError(
            {"situation_report": _("Lägesbilden hör till en annan kommun.")}
        )
    if values["period_end"] < values["period_start"]:
        raise ValidationError(
            {"period_end": _("Periodens slut kan inte ligga före dess början.")}
        )
    return values, parties


def check_writable(actor: Any, plan: ActionPlan) -> None:
    """The actor may write for the plan's kommun and the plan is a draft."""
    check_edit(actor, plan.kommun)
    _check_draft(plan)


def _next(model: Any, plan: ActionPlan) -> int:
    last = model.objects.filter(plan=plan).aggregate(last=Max("number"))["last"]
    return int(last or 0) + 1


_Numbered = TypeVar("_Numbered", Problem, Measure)


def _add_numbered(
    model: type[_Numbered],
    plan: ActionPlan,
    values: dict[str, Any],
    **related: Iterable[Any],
) -> _Numbered:
    """The plan's next numbered problem or measure with ``values`` and its
    many-to-many ``related`` (sections, causes), in one transaction."""
    with transaction.atomic():
        item = model.objects.create(plan=plan, number=_next(model, plan), **values)
        for name, items in related.items():
            getattr(item, name).set(items)
    return item


class ProblemFields(TypedDict):
    """What adding and changing a problem take (``problem_add``, ``items.problem_update``)."""

    title: str
    description: NotRequired[str]
    sections: NotRequired[Iterable[SituationSection]]
    figure_keys: NotRequired[Iterable[str]]


def problem_add(
    *, actor: Any, plan: ActionPlan, **fields: Unpack[ProblemFields]
) -> Problem:
    """The next numbered problem, with the sections and figures of the plan's
    lägesbild it rests on."""
    check_writable(actor, plan)
    values, sections = checked_problem(plan, fields)
    return _add_numbered(Problem, plan, values, sections=sections)


def checked_problem(
    plan: ActionPlan, fields: ProblemFields
) -> tuple[dict[str, Any], list[SituationSection]]:
    """A problem's fields as adding and changing save them, and its sections;
    ValidationError when they do not hold (``problem_add``)."""
    _required(title=fields["title"])
    sections = list(fields.get("sections", ()))
    keys = list(dict.fromkeys(fields.get("figure_keys", ())))
    check_problem_evidence(plan, sections, keys)
    values = {
        "title": fields["title"],
        "description": fields.get("description", ""),
        "figure_keys": keys,
    }
    return values, sections


def check_problem_evidence(
    plan: ActionPlan, sections: list[SituationSection], keys: list[str]
) -> None:
    """A problem rests on sections or figures of its plan's lägesbild."""
    if any(s.report_id != plan.situation_report_id for s in sections):
        raise ValidationError(
            {"sections": _("Avsnitten ska höra till planens lägesbild.")}
        )
    known = {f["key"] for f in figures_of(plan.situation_report)}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValidationError(
            {
                "figure_keys": _("Siffrorna finns inte i lägesbilden: %(keys)s")
                % {"keys": ", ".join(unknown)}
            }
        )
    if not sections and not keys:
        raise ValidationError(
            {
                "sections": _(
                    "Peka ut var i lägesbilden problemet syns: ett avsnitt eller "
                    "en siffra."
                )
            }
        )


def cause_add(
    *,
    actor: Any,
    problem: Problem,
    text: str,
    cause_analysis: CauseAnalysis | None = None,
) -> Cause:
    """A probable cause of a problem, maybe taken from a focus area's orsaksanalys
    of a promise the kommun is party to."""
    plan = problem.plan
    check_writable(actor, plan)
    text = check_cause(plan, text, cause_analysis)
    with transaction.atomic():
        last = problem.causes.aggregate(last=Max("position"))["last"]
        return Cause.objects.create(
            problem=problem,
            text=text,
            cause_analysis=cause_analysis,
            position=(last or 0) + 1,
        )


def check_cause(
    plan: ActionPlan, text: str, cause_analysis: CauseAnalysis | None
) -> str:
    """The cause's text (the orsaksanalys's causes when left empty), once the
    orsaksanalys is one of a promise the plan's kommun is party to."""
    if not text.strip() and cause_analysis is not None:
        text = cause_analysis.causes
    _required(text=text)
    if (
        cause_analysis is not None
        and not cause_analysis.focus_area.promise.parties.filter(
            pk=plan.kommun_id
        ).exists()
    ):
        raise ValidationError(
            {"cause_analysis": _("Orsaksanalysen hör till en annan kommuns löfte.")}
        )
    return text


class MeasureFields(TypedDict):
    """What adding and changing a measure take (``measure_add``, ``items.measure_update``)."""

    title: str
    kind: str
    causes: NotRequired[Iterable[Cause]]
    description: NotRequired[str]
    responsible: NotRequired[Organisation | None]
    responsible_role: NotRequired[str]
    starts_on: NotRequired[dt.date | None]
    ends_on: NotRequired[dt.date | None]
    follow_up: NotRequired[str]


def measure_add(
    *, actor: Any, plan: ActionPlan, **fields: Unpack[MeasureFields]
) -> Measure:
    """The next numbered measure and the causes it acts on."""
    check_writable(actor, plan)
    values, causes = checked_measure(plan, fields)
    return _add_numbered(Measure, plan, values, causes=causes)


def checked_measure(
    plan: ActionPlan, fields: MeasureFields
) -> tuple[dict[str, Any], list[Cause]]:
    """A measure's fields as adding and changing save them, the unset ones at their
    defaults, and the causes it acts on; ValidationError when they do not hold."""
    values: dict[str, Any] = {
        "description": "",
        "responsible": None,
        "responsible_role": "",
        "starts_on": None,
        "ends_on": None,
        "follow_up": "",
        **fields,
    }
    causes = list(values.pop("causes", ()))
    _required(title=values["title"])
    check_measure(plan, values["kind"], causes, values["starts_on"], values["ends_on"])
    return values, causes


def check_measure(
    plan: ActionPlan,
    kind: str,
    causes: list[Cause],
    starts_on: dt.date | None,
    ends_on: dt.date | None,
) -> None:
    """A measure's kind, causes (of the same plan) and dates."""
    errors: dict[str, str] = {}
    if kind not in MeasureKind.values:
        errors["kind"] = _("Välj situationell eller social åtgärd.")
    if any(c.problem.plan_id != plan.pk for c in causes):
        errors["causes"] = _("Orsakerna ska höra till samma åtgärdsplan.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("Slutet kan inte ligga före början.")
    if errors:
        raise ValidationError(errors)


def _check_goal(text: str, indicator: str, baseline: str, target: str) -> None:
    _required(text=text, indicator=indicator, baseline=baseline, target=target)


def goal_add(
    *,
    actor: Any,
    measure: Measure,
    text: str,
    indicator: str,
    baseline: str,
    target: str,
    due_on: dt.date,
) -> Goal:
    """A SMART goal: what, measured how, from what, to what, by when."""
    check_edit(actor, measure.plan.kommun)
    _check_draft(measure.plan)
    _check_goal(text, indicator, baseline, target)
    with transaction.atomic():
        return Goal.objects.create(
            measure=measure,
            text=text,
            indicator=indicator,
            baseline=baseline,
            target=target,
            due_on=due_on,
        )


def goal_revise(
    *,
    actor: Any,
    goal: Goal,
    text: str,
    indicator: str,
    baseline: str,
    target: str,
    due_on: dt.date,
    reason: str,
) -> Goal:
    """A new version of a goal, also of an adopted plan; the old version and its
    text stay as they were. A goal of an adopted plan changes what the kommun
    decided, so it is revised by those who adopt (``check_adopt``)."""
    plan = goal.measure.plan
    check_edit(actor, plan.kommun)
    if plan.is_adopted:
        check_adopt(actor, plan.kommun)
    _check_goal(text, indicator, baseline, target)
    _required(reason=reason)
    if Goal.objects.filter(replaces=goal).exists():
        raise ValidationError(_("Målet har redan en nyare version."))
    with transaction.atomic():
        return Goal.objects.create(
            measure=goal.measure,
            text=text,
            indicator=indicator,
            baseline=baseline,
            target=target,
            due_on=due_on,
            version=goal.version + 1,
            replaces=goal,
            reason=reason,
        )


def plan_adopt(
    *,
    actor: Any,
    plan: ActionPlan,
    adopted_on: dt.date,
    decision_body: str,
    diarienummer: str,
    overlap_confirmed: bool = False,
) -> ActionPlan:
    """Adopt a draft plan that rests on an adopted lägesbild and has problems and
    measures. An adopted plan of the same kommun for an overlapping period is
    flagged: adoption then needs ``overlap_confirmed``. Only the kommun's own
    editors and admins adopt (``check_adopt``)."""
    check_adopt(actor, plan.kommun)
    check_writable(actor, plan)
    _required(decision_body=decision_body, diarienummer=diarienummer)
    check_decision_date(plan, adopted_on)
    errors: list[str] = []
    if not plan.situation_report.is_adopted:
        errors.append(_("Lägesbilden som planen bygger på är inte antagen."))
    if not plan.problems.exists():
        errors.append(_("Planen har inga problem."))
    if not plan.measures.exists():
        errors.append(_("Planen har inga åtgärder."))
    overlaps = overlapping_plans(plan)
    if overlaps and not overlap_confirmed:
        errors.append(
            _(
                "Planen överlappar den antagna planen %(plans)s för samma kommun "
                "och period. Bekräfta att båda ska gälla."
            )
            % {"plans": ", ".join(str(p) for p in overlaps)}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan.status = DocumentStatus.ADOPTED
        plan.adopted_on = adopted_on
        plan.decision_body = decision_body
        plan.diarienummer = diarienummer
        plan.save()
    return plan
