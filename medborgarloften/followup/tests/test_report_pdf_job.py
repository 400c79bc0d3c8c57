"""The report PDF as a background job: the staff page asks, the job page follows and
offers the file; a failing renderer is retried, a vanished report says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medborgarloften.followup import background
from medborgarloften.jobs.models import Job, JobStatus

from .test_reports import report  # noqa: F401 - the fixture


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_it_makes_the_pdf_in_a_job_and_offers_it(client, report, kommun_editor):  # noqa: F811
    client.force_login(kommun_editor)
    page = client.get(reverse("followup:report", args=[report.pk])).content.decode()
    assert reverse("followup:report_pdf_job", args=[report.pk]) in page
    response = client.post(reverse("followup:report_pdf_job", args=[report.pk]))
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:job", args=[job.pk])
    assert job.status == JobStatus.DONE and job.actor == kommun_editor
    status = client.get(response.url).content.decode()
    assert "PDF:en är skapad." in status
    assert reverse("jobs:download", args=[job.pk]) in status
    pdf = client.get(reverse("jobs:download", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert job.result_name.endswith(".pdf")


@pytest.mark.django_db
def test_a_get_does_not_start_a_job(client, report, kommun_editor):  # noqa: F811
    client.force_login(kommun_editor)
    response = client.get(reverse("followup:report_pdf_job", args=[report.pk]))
    assert response.status_code == 405 and not Job.objects.exists()


@pytest.mark.django_db
def test_it_retries_when_the_renderer_fails_once(
    client,
    report,  # noqa: F811
    kommun_editor,
    monkeypatch,
):
    real = background.report_render.report_pdf_bytes
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(background.report_render, "report_pdf_bytes", flaky)
    job = background.report_pdf_start(report=report, actor=kommun_editor, base_url="")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and len(calls) == 2


@pytest.mark.django_db
def test_it_says_so_when_the_report_is_gone(client, report, kommun_editor):  # noqa: F811
    job = Job.objects.create(
        kind=background.KIND,
        title="PDF",
        params={"report_id": report.pk + 1000},
        actor=kommun_editor,
    )
    from medborgarloften.jobs.services import job_run

    assert job_run(job_id=job.pk) == JobStatus.FAILED
    client.force_login(kommun_editor)
    page = client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Rapporten finns inte längre; ingen PDF skapades." in page
    assert reverse("jobs:download", args=[job.pk]) not in page


@pytest.mark.django_db
def test_the_job_is_named_in_swedish_as_the_worker_writes(
    client,
    report,  # noqa: F811
    kommun_editor,
):
    client.force_login(kommun_editor)
    client.post(
        reverse("followup:report_pdf_job", args=[report.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert Job.objects.get().title == f"PDF av rapporten ”{report.title}”"
