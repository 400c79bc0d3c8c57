"""Importing surveys and crime statistics, and a promise's frozen baseline."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import signed_in_user, staff_view
from medborgarloften.lib.access import found
from medborgarloften.promises.models import Promise
from medborgarloften.promises.permissions import (
    can_edit_promise,
    can_view_promise,
)

from .. import selectors
from ..forms import (
    CauseAnalysisForm,
    ImportForm,
)
from ..models import ImportBatch
from ..services import (
    ImportRefused,
    baseline_freeze,
    batch_undo,
    cause_analysis_save,
    crime_import,
    latest_batch,
    survey_import,
)
from ._common import (
    _context,
    _kommun_for_editor,
)


@staff_view
def data_import(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_editor(request, code)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            if form.cleaned_data["kind"] == "survey":
                summary = survey_import(
                    kommun=kommun,
                    data=data,
                    filename=upload.name,
                    actor=request.user,
                    source=form.cleaned_data["source"],
                )
            else:
                summary = crime_import(
                    kommun=kommun,
                    data=data,
                    filename=upload.name,
                    year=form.cleaned_data["year"],
                    category=form.cleaned_data["category"],
                    actor=request.user,
                    source=form.cleaned_data["source"],
                )
        except ImportRefused as exc:
            problems = exc.messages
        else:
            for warning in summary.warnings:
                messages.warning(request, warning)
            messages.success(
                request,
                _("%(file)s är importerad: %(summary)s")
                % {"file": upload.name, "summary": summary},
            )
            return redirect("situation:import", code=kommun.code)
    latest = latest_batch(kommun)
    batches = ImportBatch.objects.filter(
        kind__in=[ImportBatch.Kind.SURVEY, ImportBatch.Kind.CRIME],
        imported_by=signed_in_user(request),
    ).order_by("-imported_at")[:20]
    return render(
        request,
        "situation/import.html",
        _context(
            request,
            kommun,
            form=form,
            problems=problems,
            batches=batches,
            latest=latest,
        ),
    )


@staff_view
@require_POST
def import_undo(request: HttpRequest, code: str) -> HttpResponse:
    """Undo the kommun's latest import or survey transfer (the one the page showed:
    a later one in between is refused)."""
    kommun = _kommun_for_editor(request, code)
    batch = latest_batch(kommun)
    if request.POST.get("confirm") != "1":
        # the page names the import; undoing the wrong one costs a whole file
        messages.error(request, _("Bekräfta vilken import som ska ångras."))
        return redirect("situation:import", code=kommun.code)
    if batch is None or str(batch.pk) != request.POST.get("batch", ""):
        messages.error(
            request,
            _("Bara den senaste importen kan ångras; en senare har ändrat värdena."),
        )
        return redirect("situation:import", code=kommun.code)
    try:
        restored = batch_undo(kommun=kommun, batch=batch, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(batch)s är ångrad; %(n)d tidigare värden är återställda.")
            % {"batch": batch, "n": restored},
        )
    return redirect("situation:import", code=kommun.code)


def _baseline_figure(value: Any) -> Any:
    if value.unit == "%":
        return selectors.share_figure(value.value, value.base)
    return selectors.count_figure(int(value.value or 0))


@staff_view
def promise_baseline(request: HttpRequest, pk: int) -> HttpResponse:
    """A promise's frozen baseline and the cause analysis of each focus area."""

    promise = found(
        lambda: Promise.objects.prefetch_related("parties").get(pk=pk),
        Promise.DoesNotExist,
        _("Löftet finns inte."),
    )
    if not can_view_promise(request.user, promise):
        raise PermissionDenied(
            _("Du kan bara läsa löften där din organisation är part.")
        )
    may_edit = can_edit_promise(request.user, promise)
    focus_areas = list(
        promise.focus_areas.select_related("cause_analysis").prefetch_related("areas")
    )
    forms_by_focus = {}
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(_("Bara löftets redaktörer kan ändra här."))
        if request.POST.get("action") == "freeze":
            try:
                baseline_freeze(promise=promise, refreeze=True)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Utgångsläget är fryst."))
            return redirect("situation:promise_baseline", pk=promise.pk)
        focus_id = request.POST.get("focus_area")
        target = next((f for f in focus_areas if str(f.pk) == focus_id), None)
        if target is None:
            raise Http404(_("Fokusområdet finns inte."))
        form = CauseAnalysisForm(request.POST, prefix=f"f{target.pk}")
        if form.is_valid():
            cause_analysis_save(focus_area=target, **form.cleaned_data)
            messages.success(
                request,
                _("Orsaksanalysen för %(title)s är sparad.") % {"title": target.title},
            )
            return redirect("situation:promise_baseline", pk=promise.pk)
        forms_by_focus[target.pk] = form
    values = list(promise.baseline_values.select_related("area", "focus_area"))
    sections = []
    for focus in focus_areas:
        existing = getattr(focus, "cause_analysis", None)
        form = forms_by_focus.get(focus.pk) or CauseAnalysisForm(
            prefix=f"f{focus.pk}",
            initial={
                "problem": existing.problem if existing else "",
                "causes": existing.causes if existing else "",
                "measures": existing.measures if existing else "",
            },
        )
        sections.append(
            {
                "focus": focus,
                "analysis": existing,
                "form": form,
                "values": [
                    {"row": v, "figure": _baseline_figure(v)}
                    for v in values
                    if v.focus_area_id == focus.pk
                ],
            }
        )
    return render(
        request,
        "situation/baseline.html",
        {
            "promise": promise,
            "sections": sections,
            "may_edit": may_edit,
            "frozen_at": values[0].frozen_at if values else None,
        },
    )
