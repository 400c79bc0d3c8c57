"""Reporting a measure's status: a small page of its own, linked from the measure
on the plan page for its responsible organisation and the kommun's editors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import calling

from ..forms import MeasureStatusForm
from ..models import Measure
from ..progress import annotate_followup, followup_of
from ..services.statuses import can_report_measure, measure_status_report
from ._common import form_page, plan_for


@staff_view
def measure_status(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure, pk=pk)
    plan = plan_for(request, measure.plan_id)
    if not can_report_measure(request.user, measure):
        raise PermissionDenied(
            _(
                "Bara åtgärdens ansvariga organisation och kommunens redaktörer kan "
                "rapportera dess status."
            )
        )
    annotate_followup(plan)
    current = next(m for m in plan.measures.all() if m.pk == measure.pk)
    back = reverse("planning:plan", args=[plan.pk]) + f"#measure-{measure.number}"
    return form_page(
        request,
        MeasureStatusForm(request.POST or None),
        calling(measure_status_report, actor=request.user, measure=measure),
        _("Åtgärdens status är rapporterad."),
        done=back,
        template="planning/measure_status.html",
        context={
            "kommun": plan.kommun,
            "plan": plan,
            "measure": measure,
            "followup": followup_of(current),
            "cancel": back,
        },
    )
