"""The lägesbild PDF as a background job: the analysis page asks, the worker renders
the document as the asker (their right to the kommun checked again), the job page
offers the file; a failing renderer is retried; a lost right fails with the reason."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from medborgarloften.jobs.models import Job, JobStatus

from .test_analysis import _reports

# The module, not the view of the same name the package exports.
views = importlib.import_module("medborgarloften.situation.views.analysis")
URL = "/personal/lagesbild/0880/dokument/pdf/?period=2025&indikator=rapporter"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db
def test_it_makes_the_lagesbild_pdf_in_a_job(client, kommun_viewer, kalmar, areas):
    _reports(kalmar, areas["Oxhagen"], 8)
    client.force_login(kommun_viewer)
    page = client.get("/personal/lagesbild/0880/analys/?period=2025").content.decode()
    assert 'action="/personal/lagesbild/0880/dokument/pdf/?period=2025' in page
    response = client.post(URL)
    job = Job.objects.get()
    assert response.url == reverse("jobs:job", args=[job.pk])
    assert job.status == JobStatus.DONE, job.error
    assert job.title == "Lägesbild för Kalmar kommun som PDF"
    assert job.result_name == "lagesbild-0880-2025.pdf"
    pdf = client.get(reverse("jobs:download", args=[job.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_it_retries_when_the_renderer_fails_once(
    client, kommun_viewer, kalmar, areas, monkeypatch
):
    real, calls = views.html_to_pdf, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("no memory")
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "html_to_pdf", flaky)
    client.force_login(kommun_viewer)
    client.post(URL)
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and job.attempts == 2


@pytest.mark.django_db
def test_it_refuses_a_kommun_the_asker_may_not_read(
    client, other_kommun_editor, kalmar
):
    client.force_login(other_kommun_editor)
    assert client.post(URL).status_code == 403
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_right_lost_before_the_worker_ran_fails_with_the_reason(
    client, kommun_viewer, kalmar, areas
):
    from medborgarloften.jobs.services import job_run

    job = Job.objects.create(
        kind="lagesbild_pdf",
        title="Lägesbild",
        params={"code": "0880", "query": {"period": "2025"}},
        actor=kommun_viewer,
    )
    kommun_viewer.memberships.all().delete()
    assert job_run(job_id=job.pk) == JobStatus.FAILED
    job.refresh_from_db()
    assert "kunde inte göras som PDF (svar 403)" in job.error
