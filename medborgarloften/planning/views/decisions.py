"""Correcting the recorded decision of an adopted lägesbild or åtgärdsplan (date,
decision body, diarienummer): the kommun's admins, with a reason that is kept."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import calling

from .. import services
from ..forms import DecisionCorrectForm
from ..models import ActionPlan, SituationReport
from ..permissions import check_correct_decision
from ._common import form_page, plan_for, report_for


def _correct(
    request: HttpRequest, document: SituationReport | ActionPlan, done: str
) -> HttpResponse:
    check_correct_decision(request.user, document.kommun)
    initial = {
        name: getattr(document, name)
        for name in ("adopted_on", "decision_body", "diarienummer")
    }
    return form_page(
        request,
        DecisionCorrectForm(request.POST or None, initial=initial),
        calling(services.decision_correct, actor=request.user, document=document),
        _("Beslutet är rättat. Rättelsen syns vid dokumentet."),
        done=done,
        template="planning/decision_correct.html",
        context={"kommun": document.kommun, "document": document, "cancel": done},
    )


@staff_view
def report_decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk)
    return _correct(request, report, resolve_url("planning:report", pk=report.pk))


@staff_view
def plan_decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    return _correct(request, plan, resolve_url("planning:plan", pk=plan.pk))
