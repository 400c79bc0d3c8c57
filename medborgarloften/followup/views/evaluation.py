"""The end-of-period evaluation in Brå's three layers and the history of each
commitment's reported, evidenced and scheduled status."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import form_saved

from .. import evidence
from ..forms import EvaluationForm
from ..permissions import can_edit_promise
from ..services import evaluation_record
from ._common import _promise, _require_editor


@staff_view
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    rows = evidence.evidence_rows(promise=promise)
    can_edit = can_edit_promise(request.user, promise)
    initial = {
        "period_start": promise.period_start,
        "period_end": promise.period_end,
    } | {k: v for k, v in evidence.evaluation_suggestion(rows).items() if v}
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _require_editor(request, promise)
        if form_saved(
            request,
            form,
            lambda data: evaluation_record(actor=request.user, promise=promise, **data),
            _("Utvärderingen är sparad."),
        ):
            return redirect("followup:evaluation", pk=promise.pk)
    return render(
        request,
        "followup/evaluation.html",
        {
            "promise": promise,
            "rows": rows,
            "form": form,
            "can_edit": can_edit,
            "evaluations": evidence.evaluations(promise=promise),
        },
    )


@staff_view
def status_history(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    return render(
        request,
        "followup/status_history.html",
        {"promise": promise, "changes": evidence.status_history(promise=promise)},
    )
