"""Reports on a promise: staff pages (new, edit, status, PDF, DOCX). The public page
of a published report is publishing's (``publishing.views_reports``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import (
    announce_saved,
    form_saved,
    form_submit,
)
from medborgarloften.lib.i18n import in_swedish

from .. import background
from .. import reports as report_render
from ..forms import ReportForm
from ..models import Report, ReportKind, ReportStatus
from ..permissions import (
    can_edit_promise,
)
from ..services import (
    report_create,
    report_delete,
    report_entries_save,
    report_set_status,
    report_update,
)
from ._common import (
    _promise,
    _report,
    _require_editor,
    delete_page,
)

# --- Reports -----------------------------------------------------------------------


def _default_title(kind: str, promise: Any) -> str:
    """The title a new report of ``kind`` gets: a final evaluation is called so."""
    if kind == ReportKind.EVALUATION:
        return _("Slututvärdering av %(title)s") % {"title": promise.title}
    return _("Uppföljning av %(title)s") % {"title": promise.title}


def _titled(data: dict[str, Any], promise: Any) -> dict[str, Any]:
    """A title left as another kind's default takes the chosen kind's ("Uppföljning
    av …" sent as a Slututvärdering becomes "Slututvärdering av …")."""
    defaults = {_default_title(kind, promise) for kind in ReportKind.values}
    if data.get("title") in defaults:
        data["title"] = _default_title(data.get("kind") or "", promise)
    return data


@staff_view
def report_new(request: HttpRequest, pk: int) -> HttpResponse:
    promise = _promise(request, pk)
    _require_editor(request, promise)
    today = timezone.localdate()
    start = promise.period_start or today.replace(month=1, day=1)
    initial = {
        "title": _default_title(ReportKind.FOLLOW_UP, promise),
        "period_start": start,
        "period_end": min(today, promise.period_end) if promise.period_end else today,
        "kind": "followup",
        "submission": uuid.uuid4(),
    }
    form = ReportForm(request.POST or None, initial=initial)
    done = form_submit(
        request,
        form,
        lambda data: report_create(
            promise=promise,
            actor=request.user,
            **_titled({k: v for k, v in data.items() if k != "version"}, promise),
        ),
    )
    if done is not None:
        announce_saved(
            request,
            done.value,
            saved=_("Rapportutkastet är skapat."),
            twice=_("Rapportutkastet var redan skapat; det skapades inte igen."),
        )
        return redirect("followup:report", pk=done.value.pk)
    return render(
        request,
        "followup/report_form.html",
        {"promise": promise, "form": form, "report": None},
    )


@staff_view
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff view of a report: the rendered report, its workflow and the
    assessment per commitment to complete."""
    report = _report(request, pk)
    can_edit = can_edit_promise(request.user, report.promise)
    error = ""
    if request.method == "POST":
        _require_editor(request, report.promise)
        texts = {
            c.pk: (
                request.POST.get(f"assessment-{c.pk}", ""),
                request.POST.get(f"not_done-{c.pk}", ""),
            )
            for c in report.promise.commitments.all()
            if f"assessment-{c.pk}" in request.POST
        }
        raw = request.POST.get("version", "")
        try:
            report_entries_save(
                report=report,
                version=int(raw) if raw.isdecimal() else 0,
                texts=texts,
                actor=request.user,
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Bedömningarna är sparade."))
            return redirect("followup:report", pk=report.pk)
    context = report_render.report_context(report=report)
    context |= {
        "can_edit": can_edit,
        "error": error,
        "transitions": [
            (status, ReportStatus(status).label)
            for status in report.allowed_transitions()
        ],
    }
    return render(request, "followup/report_staff.html", context)


@staff_view
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _require_editor(request, report.promise)
    if report.status == ReportStatus.PUBLISHED:
        # A published report is what citizens read: it is not edited in place.
        messages.info(
            request,
            _("En publicerad rapport kan inte ändras. Gör den till utkast först."),
        )
        return redirect("followup:report", pk=report.pk)
    initial = {
        "title": report.title,
        "kind": report.kind,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "summary": report.summary,
        "process": report.process,
        "effect": report.effect,
        "version": report.version,
    }
    form = ReportForm(request.POST or None, initial=initial)
    if form_saved(
        request,
        form,
        lambda data: _report_update(request, report, dict(data)),
        _("Rapporten är sparad."),
    ):
        return redirect("followup:report", pk=report.pk)
    return render(
        request,
        "followup/report_form.html",
        {"promise": report.promise, "form": form, "report": report},
    )


def _report_update(
    request: HttpRequest, report: Report, data: dict[str, Any]
) -> Report:
    """The edit form's fields to ``report_update``: the version it was read at
    apart, the submission key left out (an edit saves over the report)."""
    version = data.pop("version", None) or 0
    data.pop("submission", None)
    data = _titled(data, report.promise)
    return report_update(report=report, version=version, actor=request.user, **data)


@staff_view
@require_POST
def report_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    report = _report(request, pk)
    _require_editor(request, report.promise)
    raw = request.POST.get("version", "")
    try:
        report_set_status(
            report=report,
            status=status,
            actor=request.user,
            version=int(raw) if raw.isdecimal() else None,
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("Rapporten är nu %(status)s.")
            % {"status": report.get_status_display().lower()},
        )
    return redirect("followup:report", pk=report.pk)


@staff_view
def report_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a draft report (POST only deletes)."""
    report = _report(request, pk)
    _require_editor(request, report.promise)
    return delete_page(
        request,
        lambda version: report_delete(
            report=report, version=version, actor=request.user
        ),
        removed=_("Rapportutkastet är borttaget."),
        done=reverse("followup:dashboard", kwargs={"pk": report.promise_id}),
        template="followup/report_delete.html",
        context={"report": report},
    )


@staff_view
@in_swedish
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return report_render.pdf_response(report=report, request=request)


@staff_view
@require_POST
def report_pdf_job(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the worker for the report's PDF and follow it on the job's page."""
    report = _report(request, pk)
    job = background.report_pdf_start(
        report=report, actor=request.user, base_url=request.build_absolute_uri("/")
    )
    return redirect("jobs:job", pk=job.pk)


@staff_view
@in_swedish
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return report_render.docx_response(report=report)
