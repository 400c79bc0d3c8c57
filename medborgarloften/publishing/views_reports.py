"""The public page of a published follow-up report, with its PDF and DOCX, for anyone
without login, at /rapport/<uid>/ (the address it was first published under,
/personal/uppfoljning/rapport/<uid>/, redirects there); the staff report pages are
followup's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from medborgarloften.followup import reports as report_render
from medborgarloften.followup.models import Report
from medborgarloften.lib.i18n import in_swedish


def _published_report(uid: str) -> Report:
    try:
        return Report.objects.published().select_related("promise").get(uid=uid)
    except (Report.DoesNotExist, ValidationError):
        raise Http404(_("Rapporten finns inte eller är inte publicerad."))


def report(request: HttpRequest, uid: str) -> HttpResponse:
    """A published report, for anyone, without login."""
    published = _published_report(uid)
    context = report_render.report_context(report=published)
    return render(request, "publishing/report.html", context)


@require_safe
def first_address(request: HttpRequest, uid: str, name: str) -> HttpResponse:
    """The address a report was first published under: for good to its public one;
    404 where no published report has it, as there."""
    _published_report(uid)
    return HttpResponsePermanentRedirect(reverse(name, args=[uid]))


@in_swedish
def report_pdf(request: HttpRequest, uid: str) -> HttpResponse:
    return report_render.pdf_response(report=_published_report(uid), request=request)


@in_swedish
def report_docx(request: HttpRequest, uid: str) -> HttpResponse:
    return report_render.docx_response(report=_published_report(uid))
