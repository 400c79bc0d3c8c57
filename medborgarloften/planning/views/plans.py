"""The åtgärdsplan, built step by step on one page: problems → causes → measures →
goals → commitments linked; then adoption. A goal is revised on its own page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import calling, form_saved, form_submit

from .. import selectors, services
from ..forms import (
    CauseForm,
    GoalAddForm,
    GoalReviseForm,
    LinkForm,
    MeasureForm,
    PlanAdoptForm,
    PlanForm,
    ProblemForm,
)
from ..models import ActionPlan, Goal
from ..permissions import can_adopt, can_correct_decision, check_adopt
from ..progress import annotate_followup
from ..services.statuses import reportable_measures
from ._common import can_edit, form_page, kommun_for_editor, plan_for


@staff_view
def plan_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = kommun_for_editor(request, code)
    form = PlanForm(request.POST or None, kommun=kommun)
    create = calling(services.plan_create, actor=request.user, kommun=kommun)
    if saved := form_submit(request, form, create, _("Åtgärdsplanen är skapad.")):
        return redirect("planning:plan", pk=saved.value.pk)
    return render(request, "planning/plan_form.html", {"kommun": kommun, "form": form})


def _forms(
    plan: ActionPlan, figures: list[dict[str, Any]], data: Any, step: str
) -> dict[str, forms.Form]:
    """The form of each step (prefixed by it: the ids on the page stay unique);
    only the step that was sent is bound."""

    def bound(name: str) -> Any:
        return data if step == name else None

    return {
        "problem": ProblemForm(
            bound("problem"), plan=plan, figures=figures, prefix="problem"
        ),
        "cause": CauseForm(bound("cause"), plan=plan, prefix="cause"),
        "measure": MeasureForm(bound("measure"), plan=plan, prefix="measure"),
        "goal": GoalAddForm(bound("goal"), plan=plan, prefix="goal"),
        "link": LinkForm(
            bound("link"),
            plan=plan,
            commitments=selectors.plan_commitments(plan),
            prefix="link",
        ),
    }


def _save(
    request: HttpRequest, plan: ActionPlan, step: str, data: dict[str, Any]
) -> None:
    actor = request.user
    if step == "problem":
        services.problem_add(actor=actor, plan=plan, **data)
    elif step == "cause":
        services.cause_add(actor=actor, **data)
    elif step == "measure":
        services.measure_add(actor=actor, plan=plan, **data)
    elif step == "goal":
        services.goal_add(actor=actor, **data)
    elif step == "link":
        services.commitment_link(actor=actor, **data)


_SAVED = {
    "problem": _("Problemet är sparat."),
    "cause": _("Orsaken är sparad."),
    "measure": _("Åtgärden är sparad."),
    "goal": _("Målet är sparat."),
    "link": _("Åtagandet är kopplat till åtgärden."),
}


@staff_view
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    figures = selectors.figures_of(plan.situation_report)
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST":
        plan_for(request, pk, edit=True)
        if "unlink" in request.POST:
            link = get_object_or_404(
                services.links.MeasureLink,
                pk=request.POST["unlink"],
                measure__plan=plan,
            )
            services.link_remove(actor=request.user, link=link)
            messages.success(request, _("Kopplingen är borttagen."))
            return redirect("planning:plan", pk=plan.pk)
    step_forms = _forms(plan, figures, request.POST, step)
    form = step_forms.get(step)
    if form is not None and form_saved(
        request, form, lambda data: _save(request, plan, step, data), _SAVED[step]
    ):
        return redirect(f"{request.path}#steg-{step}")
    selectors.annotate_plan(plan, figures)
    annotate_followup(plan)
    may_edit = can_edit(request.user, plan.kommun)
    return render(
        request,
        "planning/plan_detail.html",
        {
            "kommun": plan.kommun,
            "plan": plan,
            "flags": selectors.plan_flags(plan),
            "commitments": selectors.plan_commitments(plan),
            "forms": step_forms,
            "step": step,
            "may_edit": may_edit,
            "may_change": may_edit and not plan.is_adopted,
            "reportable": reportable_measures(request.user, plan),
            "may_adopt": can_adopt(request.user, plan.kommun) and not plan.is_adopted,
            "may_correct": plan.is_adopted
            and can_correct_decision(request.user, plan.kommun),
            "correct_url": resolve_url("planning:plan_decision_correct", pk=plan.pk),
        },
    )


@staff_view
def plan_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk, edit=True)
    check_adopt(request.user, plan.kommun)
    form = PlanAdoptForm(request.POST or None)
    if not selectors.overlapping_plans(plan):
        del form.fields["overlap_confirmed"]  # nothing to confirm: not offered
    return form_page(
        request,
        form,
        calling(services.plan_adopt, actor=request.user, plan=plan),
        _("Åtgärdsplanen är antagen."),
        done=resolve_url("planning:plan", pk=plan.pk),
        template="planning/adopt.html",
        context={
            "kommun": plan.kommun,
            "document": plan,
            "plan": plan,
            "flags": selectors.plan_flags(plan),
        },
    )


@staff_view
def goal_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("measure__plan"), pk=pk)
    plan = plan_for(request, goal.measure.plan_id, edit=True)
    initial = {
        name: getattr(goal, name)
        for name in ("text", "indicator", "baseline", "target", "due_on")
    }
    return form_page(
        request,
        GoalReviseForm(request.POST or None, initial=initial),
        calling(services.goal_revise, actor=request.user, goal=goal),
        _("Målet har en ny version."),
        done=resolve_url("planning:plan", pk=plan.pk),
        template="planning/goal_form.html",
        context={"kommun": plan.kommun, "plan": plan, "goal": goal},
    )
