"""The lägesbild as a PDF made by the worker: request → job → download.

The lägesbild document of a kommun (maps, tables, every area) takes WeasyPrint many
seconds. The analysis page's PDF button posts here; the job renders the same view
(``views.document`` with ``?format=pdf``) as the person who asked, so their right
to read the kommun's lägesbild is checked again in the worker, and the job page
offers the file when it is done.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Job
from medborgarloften.jobs.services import job_create

from . import views
from .views._common import _kommun_for_viewer

KIND = "lagesbild_pdf"


def _request(job: Job) -> HttpRequest:
    """A GET of the document as the asker made it (host, query, user)."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = (
        f"/personal/lagesbild/{job.params['code']}/dokument/"
    )
    request.GET = QueryDict(urlencode({**job.params.get("query", {}), "format": "pdf"}))
    base = urlsplit(job.params.get("base_url") or "http://127.0.0.1/")
    request.META = {
        "HTTP_HOST": base.netloc,
        "SERVER_NAME": base.hostname or "127.0.0.1",
        "SERVER_PORT": str(base.port or (443 if base.scheme == "https" else 80)),
    }
    request.user = job.actor or AnonymousUser()
    return request


def lagesbild_pdf(job: Job, progress: registry.Progress) -> registry.Output:
    """The kommun's lägesbild for the period, as a PDF."""
    if job.actor is None or not job.actor.is_active:
        raise registry.Fail(_("Den som bad om PDF:en har inte längre något konto."))
    progress(step=_("Sätter lägesbilden som PDF"), total=1)
    response = views.document(_request(job), job.params["code"])
    if response.status_code != 200 or response["Content-Type"] != "application/pdf":
        raise registry.Fail(
            _("Lägesbilden kunde inte göras som PDF (svar %(status)d).")
            % {"status": response.status_code}
        )
    code, period = job.params["code"], job.params.get("query", {}).get("period", "")
    return registry.Output(
        message=_("PDF:en är skapad."),
        data=response.content,
        filename=f"lagesbild-{code}-{period or 'aktuell'}.pdf",
        content_type="application/pdf",
    )


@staff_view
@require_POST
def document_pdf_job(request: HttpRequest, code: str) -> HttpResponse:
    """Ask the worker for the lägesbild as a PDF and follow it on the job's page."""
    kommun = _kommun_for_viewer(request, code)
    query = {
        key: request.GET[key][:40]
        for key in ("period", "indikator")
        if key in request.GET
    }
    with translation.override(settings.LANGUAGE_CODE):  # as the worker writes
        title = _("Lägesbild för %(kommun)s som PDF") % {"kommun": kommun}
    job = job_create(
        kind=KIND,
        title=title,
        params={
            "code": kommun.code,
            "query": query,
            "base_url": request.build_absolute_uri("/"),
        },
        actor=request.user,
        kommun=kommun,
    )
    return redirect("jobs:job", pk=job.pk)


def register() -> None:
    registry.register(
        registry.JobKind(
            KIND, lagesbild_pdf, max_attempts=3, timeout=timedelta(minutes=15)
        )
    )
