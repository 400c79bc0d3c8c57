"""Hostile documents through the web import and the import command (issue #13).

Each one is refused with a Swedish/English reason and leaves nothing stored: no
document row, no run, no file. The readers and the rules run within a time and
memory budget in a child process (extract/budget.py); these tests build their
hostile files themselves, small generators, and never time anything.
"""

from __future__ import annotations

import io

import pytest

from medborgarloften.documents import services
from medborgarloften.documents.models import ExtractionRun, SourceDocument
from medborgarloften.documents.services import document_import, document_upload
from medborgarloften.extract import budget
from medborgarloften.extract.tests.hostile_files import bullets, docx_with_many_headers


def _nothing_stored(media_root) -> bool:
    files = (
        [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    )
    return (
        not files
        and not SourceDocument.objects.exists()
        and not ExtractionRun.objects.exists()
    )


def test_it_reads_and_extracts_within_the_budget_the_settings_give(
    kalmar, kommun_editor, settings, monkeypatch
):
    settings.IMPORT_TIME_LIMIT = 7.5
    settings.IMPORT_MEMORY_LIMIT_MB = 300
    budgets = []
    real_run = budget._run

    def spy(job, args, given):
        budgets.append((job.__name__, given))
        return real_run(job, args, given)

    monkeypatch.setattr(budget, "_run", spy)

    outcome = document_upload(
        kommun=kalmar, data=bullets(3), filename="lofte.txt", actor=kommun_editor
    )

    assert outcome.ok, outcome.error
    assert [name for name, _ in budgets] == ["_read_job", "_extract_job"]
    for _, given in budgets:
        assert (given.seconds, given.memory_mb, given.isolated) == (7.5, 300, True)
        assert given.max_chars == services.MAX_TEXT_CHARS


def test_it_refuses_a_text_longer_than_the_extraction_budget(
    kalmar, kommun_editor, media_root
):
    data = bullets(80_000)  # 1.1 million characters, 263 s of extraction before

    outcome = document_upload(
        kommun=kalmar, data=data, filename="lofte.txt", actor=kommun_editor
    )

    assert not outcome.ok
    assert "längre än 1 000 000 tecken" in outcome.error
    assert "longer than 1 000 000 characters" in outcome.error
    assert _nothing_stored(media_root)


def test_it_refuses_a_document_that_outlasts_the_time_budget(
    kalmar, kommun_editor, settings, media_root
):
    settings.IMPORT_TIME_LIMIT = 0.001  # no reading finishes in a millisecond

    outcome = document_upload(
        kommun=kalmar, data=bullets(20_000), filename="lofte.txt", actor=kommun_editor
    )

    assert not outcome.ok
    assert "mer än 0.001 s" in outcome.error
    assert _nothing_stored(media_root)


def test_the_import_command_refuses_the_same_way_and_goes_on(
    kalmar, kommun_editor, media_root
):
    outcome = document_import(
        data=bullets(80_000), filename="lofte.txt", kommun=kalmar, actor=kommun_editor
    )

    assert outcome.error.startswith("Dokumentets text är längre än 1 000 000 tecken")
    assert _nothing_stored(media_root)


def test_the_web_form_shows_the_refusal_and_stores_nothing(
    client, kalmar, kommun_editor, media_root
):
    client.force_login(kommun_editor)
    upload = io.BytesIO(bullets(80_000))
    upload.name = "lofte.txt"

    response = client.post(
        "/personal/import/", {"kommun": kalmar.pk, "file": upload, "url": ""}
    )

    assert response.status_code == 400
    assert "längre än 1 000 000 tecken" in response.content.decode()
    assert _nothing_stored(media_root)


@pytest.mark.parametrize(
    ("headers", "header_bytes"),
    [(400, 400_000), (2_000, 60_000)],
    ids=["a-few-large-parts", "many-parts"],
)
def test_it_refuses_a_word_file_that_unpacks_to_too_much_xml(
    kalmar, kommun_editor, media_root, headers, header_bytes
):
    data = docx_with_many_headers(headers, header_bytes)
    assert len(data) < 2 * 1024 * 1024  # small on the wire

    outcome = document_upload(
        kommun=kalmar, data=data, filename="lofte.docx", actor=kommun_editor
    )

    assert not outcome.ok
    assert "Word-filen" in outcome.error
    assert "the Word file" in outcome.error
    assert _nothing_stored(media_root)


def test_it_refuses_a_pdf_whose_stream_unpacks_to_gigabytes_worth(
    kalmar, kommun_editor, media_root
):
    import zlib

    from medborgarloften.extract.readers.pdfguard import MAX_STREAM_BYTES
    from medborgarloften.extract.tests.hostile_files import pdf_with_stream

    bomb = zlib.compress(b" " * (MAX_STREAM_BYTES + 1), 9)
    data = pdf_with_stream(bomb, "/FlateDecode")

    outcome = document_upload(
        kommun=kalmar, data=data, filename="lofte.pdf", actor=kommun_editor
    )

    assert not outcome.ok
    assert "komprimeringsbomb" in outcome.error
    assert "compression bomb" in outcome.error
    assert _nothing_stored(media_root)
