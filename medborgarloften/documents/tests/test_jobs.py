"""Background imports: the web form queues, the worker reads, the status page follows.

The database backend runs here as in production, with the real worker command run
in-process (``call_command("worker", batch=True)``); one test starts the console
script in a process of its own on a database file. Reading and extraction are real.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import timedelta

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medborgarloften.documents import jobs, services
from medborgarloften.documents.models import (
    ExtractionRun,
    ImportJob,
    ImportJobStatus,
    SourceDocument,
)
from medborgarloften.extract.errors import TransientError
from medborgarloften.extract.readers import ocr
from medborgarloften.extract.readers.url import Download

from .test_review_views import PROMISE_TEXT

IMPORT_URL = "/personal/import/"
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
URL = "https://kalmar.example/medborgarloften-2031.txt"


@pytest.fixture
def database_tasks(settings, transactional_db):
    """Tasks kept in the database and run by the worker (transactional: the worker
    commits, as it does in production)."""
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture
def editor_client(client, kommun_editor, lpo_kalmar):
    client.force_login(kommun_editor)
    return client


def _work() -> None:
    """Run the real worker command until the queue is empty."""
    call_command("worker", batch=True, startup_delay=False, verbosity=0)


def _upload(client, kalmar, data: bytes = PROMISE_TEXT.encode(), name="kalmar.txt"):
    return client.post(
        IMPORT_URL, {"kommun": kalmar.pk, "file": SimpleUploadedFile(name, data)}
    )


def _flaky_fetch(monkeypatch, failures: int, error: Exception | None = None):
    """``_fetch_url`` that fails transiently ``failures`` times, then downloads."""
    calls = []

    def fetch(url, *, timeout, max_bytes):
        calls.append(url)
        if len(calls) <= failures:
            raise error or TransientError(
                "Servern svarade inte inom 20 s / the server did not answer within 20 s"
            )
        return Download(PROMISE_TEXT.encode(), url, "text/plain", "kalmar.txt")

    monkeypatch.setattr(services.upload, "_fetch_url", fetch)
    return calls


def _due_now() -> None:
    """Make a deferred retry due (instead of waiting its delay)."""
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))


# --- Success -------------------------------------------------------------------------


def test_it_queues_an_upload_and_the_worker_reads_it(
    database_tasks, editor_client, kalmar
):
    response = _upload(editor_client, kalmar)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("documents:job", args=[job.pk])
    # Queued, nothing read or kept yet; the status page refreshes itself.
    assert job.status == ImportJobStatus.QUEUED
    assert not SourceDocument.objects.exists()
    page = editor_client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "I kö" in html
    # The import page lists it, so a coordinator who left can come back to it.
    listed = editor_client.get(IMPORT_URL).content.decode()
    assert reverse("documents:job", args=[job.pk]) in listed

    _work()

    job.refresh_from_db()
    run = ExtractionRun.objects.get()
    assert job.status == ImportJobStatus.DONE
    assert job.run == run and job.attempts == 1
    assert bytes(job.data) == b""  # the waiting copy is cleared
    assert "Norrliden" in run.document.text
    done = editor_client.get(reverse("documents:job", args=[job.pk]))
    assert done.status_code == 302
    assert done.url == reverse("documents:review", args=[run.pk])
    listed = editor_client.get(IMPORT_URL).content.decode()
    assert reverse("documents:job", args=[job.pk]) not in listed


def test_it_imports_a_url_in_the_worker(
    database_tasks, editor_client, kalmar, monkeypatch
):
    calls = _flaky_fetch(monkeypatch, failures=0)
    response = editor_client.post(IMPORT_URL, {"kommun": kalmar.pk, "url": URL})
    assert response.status_code == 302
    assert calls == []  # nothing fetched inside the request
    _work()
    job = ImportJob.objects.get()
    assert calls == [URL]
    assert job.status == ImportJobStatus.DONE
    assert job.run.document.source_url == URL


def test_it_keeps_the_old_flow_with_the_immediate_backend(editor_client, kalmar):
    # TASKS_BACKEND=immediate (and the test default): the task runs in the request.
    response = _upload(editor_client, kalmar)
    run = ExtractionRun.objects.get()
    assert response.url == reverse("documents:review", args=[run.pk])
    assert ImportJob.objects.get().status == ImportJobStatus.DONE


# --- Retries -------------------------------------------------------------------------


def test_it_retries_a_transient_failure_later_and_then_succeeds(
    database_tasks, editor_client, kalmar, monkeypatch
):
    calls = _flaky_fetch(monkeypatch, failures=1)
    editor_client.post(IMPORT_URL, {"kommun": kalmar.pk, "url": URL})
    _work()
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.QUEUED and job.stage == "retrying"
    assert job.attempts == 1
    assert not SourceDocument.objects.exists()
    # The retry waits its delay: the worker does not take it at once.
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now() + timedelta(seconds=20)
    html = editor_client.get(reverse("documents:job", args=[job.pk])).content.decode()
    assert "försöker igen" in html
    assert "Servern svarade inte inom 20 s" in html
    _work()
    assert len(calls) == 1

    _due_now()
    _work()
    job.refresh_from_db()
    assert len(calls) == 2
    assert job.status == ImportJobStatus.DONE and job.attempts == 2
    assert job.error == ""


def test_it_gives_up_after_the_last_attempt_with_the_reason(
    database_tasks, editor_client, kalmar, monkeypatch
):
    calls = _flaky_fetch(monkeypatch, failures=99)
    editor_client.post(IMPORT_URL, {"kommun": kalmar.pk, "url": URL})
    for _ in range(jobs.MAX_ATTEMPTS):
        _due_now()
        _work()
    job = ImportJob.objects.get()
    assert len(calls) == jobs.MAX_ATTEMPTS == job.attempts
    assert job.status == ImportJobStatus.FAILED
    assert not SourceDocument.objects.exists()
    assert not ExtractionRun.objects.exists()
    page = editor_client.get(reverse("documents:job", args=[job.pk]))
    html = page.content.decode()
    assert "Importen misslyckades" in html
    assert "Servern svarade inte inom 20 s" in html
    assert "Inget har sparats." in html
    assert "Försökt 3 gånger." in html
    assert 'http-equiv="refresh"' not in html  # a finished job stops refreshing


# --- Failure message -----------------------------------------------------------------


def test_it_fails_a_bad_document_at_once_in_swedish_and_english(
    database_tasks, editor_client, kalmar
):
    _upload(editor_client, kalmar, data=b"\x89PNG\r\n\x1a\n" + b"\0" * 64, name="a.png")
    _work()
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED and job.attempts == 1
    assert " / " in job.error  # Swedish / English
    assert bytes(job.data) == b""
    assert not SourceDocument.objects.exists()
    assert not DBTaskResult.objects.filter(status="READY").exists()
    swedish = editor_client.get(reverse("documents:job", args=[job.pk]))
    sv_reason, en_reason = (part.strip() for part in job.error.split(" / ", 1))
    assert sv_reason in swedish.content.decode()
    english = editor_client.get(
        reverse("documents:job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert en_reason in english.content.decode()


def test_it_shows_the_failure_on_the_form_with_the_immediate_backend(
    editor_client, kalmar
):
    response = _upload(editor_client, kalmar, data=b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert response.status_code == 400
    assert "Dokumentet kunde inte importeras" in response.content.decode()
    assert not SourceDocument.objects.exists()


def test_it_says_when_no_worker_seems_to_run(database_tasks, editor_client, kalmar):
    _upload(editor_client, kalmar)
    job = ImportJob.objects.get()
    page = reverse("documents:job", args=[job.pk])
    assert "verkar inte köra" not in editor_client.get(page).content.decode()
    ImportJob.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    assert "verkar inte köra" in editor_client.get(page).content.decode()


def test_it_shows_a_job_only_to_editors_of_its_kommun(
    database_tasks, editor_client, kalmar, client, other_kommun_editor
):
    _upload(editor_client, kalmar)
    job = ImportJob.objects.get()
    client.force_login(other_kommun_editor)
    assert client.get(reverse("documents:job", args=[job.pk])).status_code == 403
    assert client.get(reverse("documents:job", args=[job.pk + 99])).status_code == 404


# --- The OCR budget ------------------------------------------------------------------


def _blank_pdf(pages: int) -> bytes:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def test_it_gives_a_scan_ocr_time_for_each_page(settings):
    settings.IMPORT_TIME_LIMIT = 30
    settings.IMPORT_OCR_SECONDS_PER_PAGE = 20
    settings.IMPORT_OCR_MAX_PAGES = 60
    twelve = jobs.background_read_budget(_blank_pdf(12), "scan.pdf", None)
    assert twelve.seconds == 30 + 12 * 20
    assert (twelve.ocr_seconds_per_page, twelve.ocr_max_pages) == (20, 60)
    # Capped at the most pages read; a text file gets no OCR time.
    assert jobs.background_read_budget(_blank_pdf(80), "", None).seconds == 30 + 1200
    assert jobs.background_read_budget(b"hej", "a.txt", None).seconds == 30
    # Inside the reading, OCR's own deadline follows the pages.
    with ocr.ocr_limits(seconds_per_page=20, max_pages=60):
        assert ocr._time_limit(12) == 240
        assert ocr._max_pages() == 60
    assert ocr._time_limit(12) == ocr.OCR_TIMEOUT_SECONDS
    assert ocr._max_pages() == ocr.MAX_OCR_PAGES


# --- The worker command --------------------------------------------------------------


def test_the_worker_command_refuses_without_a_database_backend(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "medborgarloften", "worker", "--batch"],
        env={**os.environ, "TASKS_BACKEND": "immediate", "DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "ingen arbetsprocess behövs" in done.stderr
    assert "no worker is needed" in done.stderr


def test_the_worker_command_runs_a_queued_import_in_its_own_process(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DATA_DIR": str(tmp_path),
        "TASKS_BACKEND": "database",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def cli(*args: str, stdin: str | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "medborgarloften", *args],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    cli("migrate", "--noinput", "-v0")
    queue = (
        "from medborgarloften.places.models import Organisation, OrganisationKind\n"
        "from medborgarloften.documents import jobs\n"
        "k = Organisation.objects.create(name='Kalmar kommun', "
        "kind=OrganisationKind.KOMMUN, code='0880')\n"
        f"jobs.import_job_create(kommun=k, actor=None, data={PROMISE_TEXT.encode()!r},"
        " filename='kalmar.txt')\n"
    )
    cli("manage", "shell", stdin=queue)
    cli("worker", "--batch", "--no-startup-delay")
    status = cli(
        "manage",
        "shell",
        stdin=(
            "from medborgarloften.documents.models import ImportJob\n"
            "j = ImportJob.objects.get()\n"
            "print('STATUS', j.status, j.run.document.original_name)\n"
        ),
    )
    assert "STATUS done kalmar.txt" in status
