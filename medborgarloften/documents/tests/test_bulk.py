"""Bulk imports from the web: many files and addresses queued as one job the worker
reads in turn, with progress, each document's own retries, and the reasons of those
that failed; and the sweep of imports a dead worker left RUNNING."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medborgarloften.documents import bulk
from medborgarloften.documents.models import ExtractionRun, ImportJob, ImportJobStatus
from medborgarloften.jobs.models import Job, JobStatus

from .test_jobs import (  # noqa: F401 - fixtures
    URL,
    _due_now,
    _flaky_fetch,
    _work,
    database_tasks,
    editor_client,
)
from .test_review_views import PROMISE_TEXT

BULK_URL = reverse("documents:bulk")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _post(client, kalmar, files, urls=""):
    return client.post(
        BULK_URL,
        {
            "kommun": kalmar.pk,
            "uploads": [SimpleUploadedFile(name, data) for name, data in files],
            "urls": urls,
        },
    )


def test_it_reads_many_documents_in_one_job(
    database_tasks,  # noqa: F811
    editor_client,  # noqa: F811
    kalmar,
    monkeypatch,
):
    calls = _flaky_fetch(monkeypatch, failures=0)
    assert (
        "Importera flera"
        in editor_client.get(reverse("documents:import")).content.decode()
    )
    response = _post(
        editor_client,
        kalmar,
        [("a.txt", PROMISE_TEXT.encode()), ("b.txt", PROMISE_TEXT.encode() + b" ")],
        urls=f"{URL}\n\n",
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("jobs:job", args=[job.pk])
    assert ImportJob.objects.count() == 3 and calls == []  # nothing read yet
    queued = editor_client.get(response.url).content.decode()
    assert "Import av 3 dokument till Kalmar" in queued and "I kö" in queued

    _work()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and (job.done, job.total) == (3, 3)
    # The address serves the bytes of a.txt: the same open review, not a second.
    assert ExtractionRun.objects.count() == 2 and calls == [URL]
    by_item = dict(ImportJob.objects.values_list("filename", "run_id"))
    assert by_item["a.txt"] == ImportJob.objects.get(url=URL).run_id
    assert "3 inlästa" in job.message and "0 misslyckades" in job.message
    done = editor_client.get(response.url).content.decode()
    assert "3 inlästa och klara att granska på importsidan" in done


def test_a_transient_failure_is_retried_by_the_document_itself(
    database_tasks,  # noqa: F811
    editor_client,  # noqa: F811
    kalmar,
    monkeypatch,
):
    _flaky_fetch(monkeypatch, failures=1)
    _post(editor_client, kalmar, [("a.txt", PROMISE_TEXT.encode())], urls=URL)
    _work()
    job = Job.objects.get()
    assert "1 inlästa" in job.message and "1 försöks igen" in job.message
    _due_now()
    _work()
    assert ImportJob.objects.filter(status=ImportJobStatus.DONE).count() == 2


def test_when_all_fail_the_job_fails_with_each_reason(
    database_tasks,  # noqa: F811
    editor_client,  # noqa: F811
    kalmar,
):
    # two different images (the same bytes twice are read once: test_import_once)
    _post(editor_client, kalmar, [("bild.png", PNG), ("bild2.png", PNG + b"2")])
    _work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert "2 misslyckades" in job.error and "bild.png:" in job.error
    assert "bild2.png:" in job.error
    page = editor_client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    assert "Jobbet misslyckades" in page and "bild2.png" in page
    assert not ExtractionRun.objects.exists()


def test_the_form_says_what_is_wrong_and_saves_nothing(
    editor_client,  # noqa: F811
    kalmar,
    monkeypatch,
):
    empty = _post(editor_client, kalmar, [])
    assert empty.status_code == 400
    assert "välj minst en fil eller skriv en webbadress." in empty.content.decode()
    bad = _post(editor_client, kalmar, [], urls="https://ok.example/a\ninte en adress")
    assert bad.status_code == 400
    assert "rad 2 är ingen webbadress: inte en adress" in bad.content.decode()
    monkeypatch.setattr(bulk, "BULK_MAX_ITEMS", 1)
    many = _post(editor_client, kalmar, [("a.txt", b"x"), ("b.txt", b"y")])
    assert many.status_code == 400
    assert "Högst 1 dokument åt gången." in many.content.decode()
    assert not ImportJob.objects.exists() and not Job.objects.exists()


def test_the_sweep_restarts_a_stuck_import_then_fails_it(
    database_tasks,  # noqa: F811
    settings,
    kalmar,
):
    settings.IMPORT_JOB_TIMEOUT_MINUTES = 30
    job = ImportJob.objects.create(
        kommun=kalmar, data=PROMISE_TEXT.encode(), filename="a.txt"
    )
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.RUNNING, attempts=1
    )
    ImportJob.objects.filter(pk=job.pk).update(updated_at=now - timedelta(minutes=31))
    summary = bulk.import_jobs_sweep(now=now)
    assert (summary.retried, summary.failed) == (1, 0)
    job.refresh_from_db()
    assert job.status == ImportJobStatus.QUEUED and "30 minuter" in job.error
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    _work()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.DONE

    stuck = ImportJob.objects.create(kommun=kalmar, data=b"x", filename="b.txt")
    ImportJob.objects.filter(pk=stuck.pk).update(
        status=ImportJobStatus.RUNNING, attempts=3
    )
    ImportJob.objects.filter(pk=stuck.pk).update(updated_at=now - timedelta(hours=2))
    assert bulk.import_jobs_sweep(now=now).failed == 1
    stuck.refresh_from_db()
    assert stuck.status == ImportJobStatus.FAILED and bytes(stuck.data) == b""
    assert "avbrutits efter 3 försök" in stuck.error


def test_the_result_links_each_document_and_speaks_one_language(
    database_tasks,  # noqa: F811
    editor_client,  # noqa: F811
    kalmar,
):
    _post(editor_client, kalmar, [("a.txt", PROMISE_TEXT.encode()), ("bild.png", PNG)])
    _work()
    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    assert " / " not in job.message and "the file is" not in job.message
    run = ExtractionRun.objects.get()
    failed = ImportJob.objects.get(status=ImportJobStatus.FAILED)
    page = editor_client.get(reverse("jobs:job", args=[job.pk])).content.decode()
    review = reverse("documents:review", args=[run.pk])
    assert f'<a href="{review}">a.txt</a> – klar att granska' in page
    assert (
        f'<a href="{reverse("documents:job", args=[failed.pk])}">bild.png</a>' in page
    )
    assert "the file is an image" not in page
    english = editor_client.get(
        reverse("jobs:job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "the file is an image (PNG)" in english


def test_an_empty_file_is_named_and_left_out_the_others_are_read(
    editor_client,  # noqa: F811
    kalmar,
):
    response = _post(
        editor_client,
        kalmar,
        [("tom.txt", b""), ("a.txt", PROMISE_TEXT.encode()), ("b.txt", b"Annat")],
    )
    assert response.status_code == 302
    job = Job.objects.get()
    assert len(job.params["imports"]) == 2
    page = editor_client.get(response.url).content.decode()
    assert "Tomma filer hoppades över: tom.txt." in page


def test_only_empty_files_are_refused_by_name(
    editor_client,  # noqa: F811
    kalmar,
):
    response = _post(editor_client, kalmar, [("tom.txt", b""), ("noll.txt", b"")])
    assert response.status_code == 400
    assert "tom.txt, noll.txt är tomma" in response.content.decode()
    assert not Job.objects.exists()
