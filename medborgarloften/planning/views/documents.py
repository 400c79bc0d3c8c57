"""The lägesbild and the åtgärdsplan as PDF and Word files for a KS/KF-ärende."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.downloads import file_response

from .. import agreement_export, export, grant, selectors
from ._common import kommun_for_viewer, plan_for, report_for

_FORMATS = ("pdf", "docx")


def _known_format(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A file view for the formats of ``_FORMATS`` only (404 for another ``fmt``),
    checked before anything else the view does."""

    @wraps(view)
    def checked(
        request: HttpRequest, *args: Any, fmt: str, **kwargs: Any
    ) -> HttpResponse:
        if fmt not in _FORMATS:
            raise Http404
        return view(request, *args, fmt=fmt, **kwargs)

    return checked


def _document(
    request: HttpRequest,
    fmt: str,
    name: str,
    pdf: Callable[..., bytes],
    docx: Callable[..., bytes],
    *args: Any,
) -> HttpResponse:
    """The file in ``fmt``: ``pdf(*args, base_url=…)`` or ``docx(*args)``."""
    if fmt == "pdf":
        data = pdf(*args, base_url=request.build_absolute_uri("/"))
        return file_response(data, f"{name}.{fmt}")
    return file_response(docx(*args), f"{name}.{fmt}")


@staff_view
@_known_format
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = report_for(request, pk)
    name = f"lagesbild-{report.kommun.code}-v{report.version}"
    return _document(request, fmt, name, export.report_pdf, export.report_docx, report)


@staff_view
@_known_format
def plan_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = plan_for(request, pk)
    name = f"atgardsplan-{plan.kommun.code}-{plan.pk}"
    return _document(request, fmt, name, export.plan_pdf, export.plan_docx, plan)


@staff_view
@_known_format
def agreement_file(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    """A samverkansöverenskommelse of the kommun as a KS/KF-ärende; members of the
    kommun only, and only agreements the kommun is a party to."""
    kommun = kommun_for_viewer(request, code)
    agreement = get_object_or_404(selectors.agreements_of(kommun), pk=pk)
    name = f"samverkansoverenskommelse-{kommun.code}-{agreement.pk}"
    return _document(
        request,
        fmt,
        name,
        agreement_export.agreement_pdf,
        agreement_export.agreement_docx,
        agreement,
        kommun,
    )


@staff_view
def grant_file(request: HttpRequest, code: str) -> HttpResponse:
    """The grant application's attachments as one zip, or back to the steps with
    what is missing."""
    kommun = kommun_for_viewer(request, code)
    attachments = grant.grant_set(kommun=kommun)
    if not attachments.complete:
        for text in attachments.missing:
            messages.error(request, text)
        return redirect("planning:steps", code=kommun.code)
    data = grant.grant_zip(attachments, base_url=request.build_absolute_uri("/"))
    return file_response(data, f"bilagor-statsbidrag-{kommun.code}.zip")
