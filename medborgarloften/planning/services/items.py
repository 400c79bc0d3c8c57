"""Changing and removing the problems, causes and measures of a draft åtgärdsplan.

An adopted plan is not changed (``plans._check_draft``): only its goals are revised.
Every function checks the actor may write for the plan's kommun, that the plan is a
draft, validates as adding does, then saves in one transaction. Removing a problem
or a measure numbers the ones after it down, so a draft's numbers stay 1, 2, 3 …
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.situation.models import CauseAnalysis

from ..models import (
    ActionPlan,
    Cause,
    Measure,
    Problem,
)
from .plans import (
    MeasureFields,
    PlanFields,
    ProblemFields,
    check_cause,
    check_writable,
    checked_measure,
    checked_plan,
    checked_problem,
)


def _save(item: Any, fields: dict[str, Any], **related: Iterable[Any]) -> None:
    """``item`` with ``fields`` and its many-to-many ``related`` (a problem's
    sections, a measure's causes, a plan's parties), in one transaction."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        for name, items in related.items():
            getattr(item, name).set(items)


def _renumber(model: Any, plan: ActionPlan, removed: int) -> None:
    """Number the items after ``removed`` one down (in order: the numbers stay
    unique at every step)."""
    for item in model.objects.filter(plan=plan, number__gt=removed).order_by("number"):
        model.objects.filter(pk=item.pk).update(number=item.number - 1)


def problem_update(
    *, actor: Any, problem: Problem, **fields: Unpack[ProblemFields]
) -> Problem:
    """A problem's text and the evidence in the lägesbild it rests on."""
    plan = problem.plan
    check_writable(actor, plan)
    values, sections = checked_problem(plan, fields)
    _save(problem, values, sections=sections)
    return problem


def problem_delete(*, actor: Any, problem: Problem) -> None:
    """Remove a problem with its causes (measures stop acting on them)."""
    plan = problem.plan
    check_writable(actor, plan)
    with transaction.atomic():
        number = problem.number
        problem.delete()
        _renumber(Problem, plan, number)


def cause_update(
    *,
    actor: Any,
    cause: Cause,
    problem: Problem,
    text: str,
    cause_analysis: CauseAnalysis | None = None,
) -> Cause:
    """A cause's text, its orsaksanalys, or the problem (of the same plan) it
    belongs to."""
    plan = cause.problem.plan
    check_writable(actor, plan)
    if problem.plan_id != plan.pk:
        raise ValidationError(
            {"problem": _("Problemet hör till en annan åtgärdsplan.")}
        )
    text = check_cause(plan, text, cause_analysis)
    with transaction.atomic():
        cause.problem = problem
        cause.text = text
        cause.cause_analysis = cause_analysis
        cause.save()
    return cause


def cause_delete(*, actor: Any, cause: Cause) -> None:
    """Remove a cause; the measures that acted on it stop doing so."""
    check_writable(actor, cause.problem.plan)
    with transaction.atomic():
        cause.delete()


def measure_update(
    *, actor: Any, measure: Measure, **fields: Unpack[MeasureFields]
) -> Measure:
    """Everything a measure was added with, the causes it acts on included."""
    plan = measure.plan
    check_writable(actor, plan)
    values, causes = checked_measure(plan, fields)
    _save(measure, values, causes=causes)
    return measure


def measure_delete(*, actor: Any, measure: Measure) -> None:
    """Remove a measure with its goals and its links to commitments and
    agreements (the commitments themselves stay)."""
    plan = measure.plan
    check_writable(actor, plan)
    with transaction.atomic():
        number = measure.number
        # A revised goal protects the version it replaces: newest first.
        for goal in measure.goals.order_by("-id"):
            goal.delete()
        measure.delete()
        _renumber(Measure, plan, number)


def plan_update(
    *, actor: Any, plan: ActionPlan, **fields: Unpack[PlanFields]
) -> ActionPlan:
    """Change a draft plan's title, period, lägesbild, parties and follow-up, as
    creating checks them. Its problems point into its lägesbild: the lägesbild is
    changed only while the plan has no problems."""
    check_writable(actor, plan)
    values, parties = checked_plan(plan.kommun, fields)
    report = values["situation_report"]
    if report.pk != plan.situation_report_id and plan.problems.exists():
        raise ValidationError(
            {
                "situation_report": _(
                    "Planens problem pekar på avsnitt och siffror i lägesbilden "
                    "%(report)s. Ta bort problemen först för att byta lägesbild."
                )
                % {"report": plan.situation_report}
            }
        )
    _save(plan, values, parties=parties)
    return plan


def plan_delete(*, actor: Any, plan: ActionPlan) -> None:
    """Remove a draft plan with its problems, causes, measures, goals and links
    (the commitments linked stay)."""
    check_writable(actor, plan)
    with transaction.atomic():
        plan.delete()
