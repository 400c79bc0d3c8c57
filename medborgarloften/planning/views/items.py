"""Changing and removing a draft åtgärdsplan's problems, causes and measures: each
on its own page (a form to change it; a page that says what goes with it and asks
before it is removed). Editors of the kommun only; an adopted plan is frozen, so its
items send the user back to the plan (the services refuse too)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import calling, service_done

from .. import selectors, services
from ..forms import CauseForm, MeasureForm, PlanForm, ProblemForm
from ..models import ActionPlan, Cause, Measure, Problem
from ._common import form_page, plan_for


def _draft(request: HttpRequest, plan_id: int) -> ActionPlan | HttpResponse:
    """The plan when the user may change it and it is a draft; else the way back
    to the plan (adopted) — or a 403 (``plan_for``)."""
    plan = plan_for(request, plan_id, edit=True)
    if plan.is_adopted:
        messages.error(
            request, _("En antagen åtgärdsplan ändras inte; målen kan revideras.")
        )
        return redirect("planning:plan", pk=plan.pk)
    return plan


ItemView = Callable[[HttpRequest, Any, ActionPlan], HttpResponse]

_CAUSES = Cause.objects.select_related("problem")


def _draft_item(
    items: Any, plan_id: Callable[[Any], int]
) -> Callable[[ItemView], Callable[..., HttpResponse]]:
    """A staff view of one problem, cause or measure (``pk``, found in ``items``
    or a 404): ``view(request, item, plan)`` once the user may change its plan
    and the plan is a draft (``_draft``), else what ``_draft`` answers."""

    def decorate(view: ItemView) -> Callable[..., HttpResponse]:
        @staff_view
        @wraps(view)
        def item_view(request: HttpRequest, pk: int) -> HttpResponse:
            item = get_object_or_404(items, pk=pk)
            plan = _draft(request, plan_id(item))
            if isinstance(plan, HttpResponse):
                return plan
            return view(request, item, plan)

        return item_view

    return decorate


def _back(plan: ActionPlan, anchor: str) -> str:
    return reverse("planning:plan", kwargs={"pk": plan.pk}) + anchor


def _delete_page(
    request: HttpRequest,
    plan: ActionPlan,
    *,
    remove: Callable[[], object],
    done: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: what is removed and what goes with it, and a button to confirm.
    POST: ``remove()`` and back to the plan."""
    if request.method == "POST":
        service_done(request, remove, context["removed"])
        return redirect(done)
    return render(
        request,
        "planning/item_delete.html",
        {"kommun": plan.kommun, "plan": plan, "cancel": done, **context},
    )


def _edit_page(
    request: HttpRequest,
    plan: ActionPlan,
    form: Any,
    save: Callable[..., object],
    *,
    saved: str,
    back: str,
    heading: str,
) -> HttpResponse:
    """The item's form; saved through ``save``, then back to its place on the plan."""
    return form_page(
        request,
        form,
        save,
        saved,
        done=back,
        template="planning/item_form.html",
        context={
            "kommun": plan.kommun,
            "plan": plan,
            "heading": heading,
            "cancel": back,
        },
    )


@_draft_item(Problem, lambda problem: problem.plan_id)
def problem_edit(
    request: HttpRequest, problem: Problem, plan: ActionPlan
) -> HttpResponse:
    figures = selectors.figures_of(plan.situation_report)
    initial = {
        "title": problem.title,
        "description": problem.description,
        "sections": list(problem.sections.values_list("pk", flat=True)),
        "figure_keys": problem.figure_keys,
    }
    return _edit_page(
        request,
        plan,
        ProblemForm(request.POST or None, initial=initial, plan=plan, figures=figures),
        calling(services.problem_update, actor=request.user, problem=problem),
        saved=_("Problemet är ändrat."),
        back=_back(plan, f"#problem-{problem.number}"),
        heading=_("Ändra problem %(n)s") % {"n": problem.number},
    )


@_draft_item(Problem, lambda problem: problem.plan_id)
def problem_delete(
    request: HttpRequest, problem: Problem, plan: ActionPlan
) -> HttpResponse:
    causes = list(problem.causes.all())
    return _delete_page(
        request,
        plan,
        remove=lambda: services.problem_delete(actor=request.user, problem=problem),
        done=_back(plan, "#problems-heading"),
        context={
            "heading": _("Ta bort problem %(n)s?") % {"n": problem.number},
            "item": problem.title,
            "goes_with": [c.text for c in causes],
            "goes_with_label": _("Problemets orsaker tas också bort:"),
            "note": _(
                "Problemen efter det numreras om. Åtgärder som verkar på orsakerna "
                "finns kvar."
            ),
            "removed": _("Problemet är borttaget."),
        },
    )


@_draft_item(_CAUSES, lambda cause: cause.problem.plan_id)
def cause_edit(request: HttpRequest, cause: Cause, plan: ActionPlan) -> HttpResponse:
    initial = {
        "problem": cause.problem_id,
        "text": cause.text,
        "cause_analysis": cause.cause_analysis_id,
    }
    return _edit_page(
        request,
        plan,
        CauseForm(request.POST or None, initial=initial, plan=plan),
        calling(services.cause_update, actor=request.user, cause=cause),
        saved=_("Orsaken är ändrad."),
        back=_back(plan, f"#problem-{cause.problem.number}"),
        heading=_("Ändra orsak till problem %(n)s") % {"n": cause.problem.number},
    )


@_draft_item(_CAUSES, lambda cause: cause.problem.plan_id)
def cause_delete(request: HttpRequest, cause: Cause, plan: ActionPlan) -> HttpResponse:
    measures = list(cause.measures.all())
    return _delete_page(
        request,
        plan,
        remove=lambda: services.cause_delete(actor=request.user, cause=cause),
        done=_back(plan, f"#problem-{cause.problem.number}"),
        context={
            "heading": _("Ta bort orsaken till problem %(n)s?")
            % {"n": cause.problem.number},
            "item": cause.text,
            "goes_with": [str(m) for m in measures],
            "goes_with_label": _("De här åtgärderna verkar inte längre på den:"),
            "note": "",
            "removed": _("Orsaken är borttagen."),
        },
    )


@_draft_item(Measure, lambda measure: measure.plan_id)
def measure_edit(
    request: HttpRequest, measure: Measure, plan: ActionPlan
) -> HttpResponse:
    initial = {
        name: getattr(measure, name)
        for name in (
            "title",
            "kind",
            "description",
            "responsible_role",
            "starts_on",
            "ends_on",
            "follow_up",
        )
    }
    initial["responsible"] = measure.responsible_id
    initial["causes"] = list(measure.causes.values_list("pk", flat=True))
    return _edit_page(
        request,
        plan,
        MeasureForm(request.POST or None, initial=initial, plan=plan),
        calling(services.measure_update, actor=request.user, measure=measure),
        saved=_("Åtgärden är ändrad."),
        back=_back(plan, f"#measure-{measure.number}"),
        heading=_("Ändra åtgärd %(n)s") % {"n": measure.number},
    )


@_draft_item(Measure, lambda measure: measure.plan_id)
def measure_delete(
    request: HttpRequest, measure: Measure, plan: ActionPlan
) -> HttpResponse:
    goals = [_("Mål: %(text)s") % {"text": g.text} for g in measure.goals.all()]
    links = [
        _("Koppling till: %(what)s")
        % {"what": link.commitment.text if link.commitment else link.agreement}
        for link in measure.links.select_related("commitment", "agreement")
    ]
    return _delete_page(
        request,
        plan,
        remove=lambda: services.measure_delete(actor=request.user, measure=measure),
        done=_back(plan, "#measures-heading"),
        context={
            "heading": _("Ta bort åtgärd %(n)s?") % {"n": measure.number},
            "item": measure.title,
            "goes_with": goals + links,
            "goes_with_label": _("Det här tas också bort:"),
            "note": _(
                "Åtgärderna efter den numreras om. Åtagandena i medborgarlöftet "
                "finns kvar."
            ),
            "removed": _("Åtgärden är borttagen."),
        },
    )


@staff_view
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _draft(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    initial = {
        name: getattr(plan, name)
        for name in ("title", "period_start", "period_end", "follow_up")
    }
    initial["situation_report"] = plan.situation_report_id
    initial["parties"] = list(plan.parties.values_list("pk", flat=True))
    return form_page(
        request,
        PlanForm(request.POST or None, initial=initial, kommun=plan.kommun),
        calling(services.plan_update, actor=request.user, plan=plan),
        _("Åtgärdsplanen är ändrad."),
        done=_back(plan, ""),
        template="planning/plan_form.html",
        context={"kommun": plan.kommun, "plan": plan},
    )


@staff_view
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _draft(request, pk)
    if isinstance(plan, HttpResponse):
        return plan
    counts = [
        _("%(n)s problem med orsaker") % {"n": plan.problems.count()},
        _("%(n)s åtgärder med mål och kopplingar") % {"n": plan.measures.count()},
    ]
    if request.method == "POST":
        service_done(
            request,
            lambda: services.plan_delete(actor=request.user, plan=plan),
            _("Utkastet till åtgärdsplan är borttaget."),
        )
        return redirect("planning:kommun", code=plan.kommun.code)
    return render(
        request,
        "planning/item_delete.html",
        {
            "kommun": plan.kommun,
            "plan": plan,
            "cancel": _back(plan, ""),
            "heading": _("Ta bort utkastet till åtgärdsplan?"),
            "item": plan.title,
            "goes_with": counts,
            "goes_with_label": _("Det här tas också bort:"),
            "note": _(
                "Lägesbilden och medborgarlöftets åtaganden finns kvar. En antagen "
                "plan kan inte tas bort."
            ),
        },
    )
