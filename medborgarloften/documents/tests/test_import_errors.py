"""Refusals a coordinator can act on: what the file is and what to do with it, no
promise of OCR where it is not installed, and failed imports that can be cleared."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medborgarloften.documents import views
from medborgarloften.documents.models import ImportJob, ImportJobStatus
from medborgarloften.extract import readers
from medborgarloften.extract.errors import ExtractError

IMPORT_URL = "/personal/import/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "x.xml": "<x/>"})
NOT_WORD = _zip({"x.txt": "hej"})


@pytest.fixture
def editor_client(client, kommun_editor, lpo_kalmar):
    client.force_login(kommun_editor)
    return client


def _upload(client, kalmar, data: bytes, name: str):
    return client.post(
        IMPORT_URL, {"kommun": kalmar.pk, "file": SimpleUploadedFile(name, data)}
    )


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (ODT, "löfte.odt", "spara det som Word (.docx) eller PDF"),
        (NOT_WORD, "trasig.docx", "Word-filen är skadad"),
        (NOT_WORD, "trasig.docx", "spara den igen som .docx eller PDF"),
        (PNG, "skanning.png", "Lägg den skannade sidan i en PDF"),
    ],
)
def test_it_says_what_the_file_is_and_what_to_do(
    editor_client, kalmar, monkeypatch, data, name, says
):
    monkeypatch.setattr(readers, "ocr_available", lambda: True)
    response = _upload(editor_client, kalmar, data, name)
    assert response.status_code == 400
    html = response.content.decode()
    assert says in html
    assert "word/document.xml saknas" not in html


def test_it_does_not_offer_ocr_for_an_image_where_ocr_is_missing(monkeypatch):
    monkeypatch.setattr(readers, "ocr_available", lambda: False)
    with pytest.raises(ExtractError) as caught:
        readers.read_bytes(PNG, filename="skanning.png")
    swedish = str(caught.value).split(" / ")[0]
    assert "textigenkänning (OCR) finns inte på den här servern" in swedish
    assert "Lägg den skannade sidan i en PDF" not in swedish


def test_the_job_page_promises_ocr_only_where_it_is_installed(
    editor_client, kalmar, monkeypatch
):
    job = ImportJob.objects.create(kommun=kalmar, filename="skanning.pdf")
    page = reverse("documents:job", args=[job.pk])
    monkeypatch.setattr(views, "ocr_available", lambda: False)
    assert "textigenkänning" not in editor_client.get(page).content.decode()
    monkeypatch.setattr(views, "ocr_available", lambda: True)
    assert "textigenkänning (OCR)" in editor_client.get(page).content.decode()


def test_a_failed_import_can_be_removed_from_the_list(editor_client, kalmar):
    _upload(editor_client, kalmar, PNG, "skanning.png")
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.FAILED
    delete = reverse("documents:job_delete", args=[job.pk])
    html = editor_client.get(IMPORT_URL).content.decode()
    assert "Importer i bakgrunden" in html and f'action="{delete}"' in html
    assert (
        f'action="{delete}"'
        in editor_client.get(reverse("documents:job", args=[job.pk])).content.decode()
    )
    response = editor_client.post(delete, follow=True)
    assert not ImportJob.objects.exists()
    html = response.content.decode()
    assert "Den misslyckade importen av ”skanning.png” är borttagen." in html
    assert "Importer i bakgrunden" not in html


def test_only_a_failed_import_is_removed_and_only_by_its_kommuns_editors(
    editor_client, client, kalmar, other_kommun_editor
):
    queued = ImportJob.objects.create(kommun=kalmar, filename="pågår.pdf")
    failed = ImportJob.objects.create(
        kommun=kalmar, filename="fel.pdf", status=ImportJobStatus.FAILED
    )
    response = editor_client.post(
        reverse("documents:job_delete", args=[queued.pk]), follow=True
    )
    assert "Bara en misslyckad import kan tas bort." in response.content.decode()
    assert (
        editor_client.get(reverse("documents:job_delete", args=[failed.pk])).status_code
        == 405
    )
    client.force_login(other_kommun_editor)
    response = client.post(reverse("documents:job_delete", args=[failed.pk]))
    assert response.status_code == 403
    assert ImportJob.objects.count() == 2
