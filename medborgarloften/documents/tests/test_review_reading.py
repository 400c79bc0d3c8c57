"""The review screen asks the reviewer to check a text that may have lost structure."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from medborgarloften.documents.models import ExtractionRun

IMPORT_URL = "/personal/import/"

# A list typed as paragraphs: the markers never reached the text.
FLAT = """Medborgarlöfte för Kalmar kommun 2031–2032

Polisen lovar att:

genomföra minst tre trygghetsvandringar i Norrliden per år.

hålla en öppen polisträff i månaden på biblioteket.

Anna Andersson
Kommunstyrelsens ordförande
"""
LISTED = FLAT.replace("\n\ngenomföra", "\n• genomföra").replace(
    "\n\nhålla", "\n• hålla"
)


@pytest.fixture
def editor_client(client, kommun_editor, lpo_kalmar, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(kommun_editor)
    return client


def _review(client, kalmar, text: str):
    response = client.post(
        IMPORT_URL,
        {"kommun": kalmar.pk, "file": SimpleUploadedFile("lofte.txt", text.encode())},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    return client.get(response["Location"])


def test_it_warns_when_list_like_lines_have_no_list(editor_client, kalmar) -> None:
    page = _review(editor_client, kalmar, FLAT).content.decode()
    assert "Kontrollera texten" in page
    assert "Texten har rader som ser ut som en lista" in page
    assert " / the text has lines" not in page  # the Swedish half only


def test_it_shows_no_warning_for_a_text_with_its_list(editor_client, kalmar) -> None:
    page = _review(editor_client, kalmar, LISTED).content.decode()
    assert "Kontrollera texten" not in page
    assert ExtractionRun.objects.count() == 1


def test_it_says_the_text_of_a_scan_was_read_by_ocr(editor_client, kalmar) -> None:
    _review(editor_client, kalmar, LISTED)
    run = ExtractionRun.objects.get()
    run.document.meta = {**run.document.meta, "ocr": True, "pages_without_text": [2]}
    run.document.save(update_fields=["meta"])
    page = editor_client.get(f"/personal/import/{run.pk}/").content.decode()
    assert "textigenkänning (OCR)" in page
    assert "Sida 2 saknar text" in page


# A table of activities whose rows name no activity the rules know (issue #14:
# a scanned table that gave 0 commitments and no warning).
UNREAD_TABLE = """Medborgarlöfte för Kalmar kommun 2031–2032

Vecka    Plats    Kontakt
Måndag    Biblioteket    Anna
Tisdag    Torget    Per
"""


def test_it_warns_when_a_table_gave_no_commitments(editor_client, kalmar) -> None:
    page = _review(editor_client, kalmar, UNREAD_TABLE).content.decode()
    run = ExtractionRun.objects.get()
    assert run.record["commitments"] == []
    assert "Inga åtaganden hittades, fast texten har rader som ser ut" in page


def test_it_does_not_say_no_commitments_when_some_were_found(
    editor_client, kalmar
) -> None:
    page = _review(editor_client, kalmar, LISTED).content.decode()
    assert ExtractionRun.objects.get().record["commitments"]
    assert "Inga åtaganden hittades" not in page
