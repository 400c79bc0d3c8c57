"""The follow-up report as a PDF made by the worker: request → job → download.

A long report (many commitments, charts, an evaluation with its tables) takes
WeasyPrint seconds; the staff page asks for it, the job's status page follows it
and offers the file when it is done (jobs/views.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from medborgarloften.jobs import registry
from medborgarloften.jobs.models import Job
from medborgarloften.jobs.services import job_create

from . import reports as report_render
from .models import Report

KIND = "report_pdf"


def report_pdf(job: Job, progress: registry.Progress) -> registry.Output:
    """The report's PDF, as of when the worker runs it."""
    report = (
        Report.objects.select_related("promise")
        .filter(pk=job.params.get("report_id"))
        .first()
    )
    if report is None:
        raise registry.Fail(_("Rapporten finns inte längre; ingen PDF skapades."))
    progress(step=_("Sätter rapporten som PDF"), total=1)
    data = report_render.report_pdf_bytes(
        report=report, base_url=job.params.get("base_url", "")
    )
    return registry.Output(
        message=_("PDF:en är skapad."),
        data=data,
        filename=report_render.pdf_filename(report),
        content_type="application/pdf",
    )


def report_pdf_start(*, report: Report, actor: Any, base_url: str) -> Job:
    """Queue the report's PDF for the worker (its title in the site's language, as
    the worker writes its messages, whatever the asker's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        title = _("PDF av rapporten ”%(title)s”") % {"title": report.title}
    return job_create(
        kind=KIND,
        title=title,
        params={"report_id": report.pk, "base_url": base_url},
        actor=actor,
    )


def register() -> None:
    registry.register(
        registry.JobKind(
            KIND, report_pdf, max_attempts=3, timeout=timedelta(minutes=10)
        )
    )
