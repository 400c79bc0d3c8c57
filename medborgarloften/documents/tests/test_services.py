"""document_store, extraction_run_create and document_import.

The real reader and loader run; the rule extractor is a fake (tests/conftest.py) so
these tests check the import, not the extractor.
"""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.documents.models import (
    ExtractionRun,
    ExtractionRunStatus,
    SourceDocument,
)
from medborgarloften.documents.services import (
    document_import,
    document_store,
    extraction_run_create,
    language_guess,
)
from medborgarloften.promises.models import Commitment, Promise, PromiseStatus

PROMISE = (
    "Medborgarlöfte för Kalmar kommun 2031\n"
    "Polisen och kommunen lovar att:\n"
    "- genomföra tre trygghetsvandringar i Norrliden under året\n"
    "- hålla två dialogmöten med boende i centrum\n"
).encode()


def _import(**kwargs):
    options = {"data": PROMISE, "filename": "kalmar-2031.txt"}
    options.update(kwargs)
    return document_import(**options)


def test_it_stores_the_bytes_the_run_and_a_draft(fake_extractor, kalmar, media_root):
    outcome = _import()

    assert outcome.ok, outcome.error
    document = SourceDocument.objects.get()
    assert document.sha256 == hashlib.sha256(PROMISE).hexdigest()
    assert document.size == len(PROMISE)
    assert document.kind == "text"
    assert document.original_name == "kalmar-2031.txt"
    assert document.language == "sv"
    assert document.meta["sha256"] == document.sha256
    assert document.meta["encoding"] == "utf-8"
    assert document.raw.name.startswith(f"documents/{document.sha256[:2]}/")
    assert (media_root / document.raw.name).read_bytes() == PROMISE
    run = ExtractionRun.objects.get()
    assert run.document == document
    assert run.status == ExtractionRunStatus.OK
    assert run.extractor_version == "fake-1"
    assert run.record["commitments"][0]["text"].startswith("genomföra tre")
    promise = Promise.objects.get()
    assert run.promise == promise == outcome.promise
    assert promise.status == PromiseStatus.DRAFT
    assert promise.commitments.count() == 2
    assert list(promise.parties.all()) == [kalmar]


def test_it_reuses_the_document_for_the_same_bytes_and_says_so(fake_extractor, kalmar):
    first = _import()
    again = _import(filename="annat-namn.txt")

    assert again.ok
    assert again.reused_document and again.already_imported
    assert "återanvänds" in " ".join(again.notes)
    assert again.promise == first.promise
    assert SourceDocument.objects.count() == 1
    assert Promise.objects.count() == 1


def test_it_makes_a_new_draft_on_reimport_of_the_same_bytes(fake_extractor, kalmar):
    _import()
    again = _import(reimport=True)

    assert again.ok and again.reused_document and not again.already_imported
    assert SourceDocument.objects.count() == 1
    assert ExtractionRun.objects.count() == 2
    assert Promise.objects.count() == 2


def test_it_stores_nothing_when_the_reader_fails(fake_extractor, media_root):
    outcome = _import(data=b"\x89PNG\r\n\x1a\n....", filename="bild.png")

    assert not outcome.ok
    assert outcome.error.startswith("Filen är en bild (PNG), inte ett dokument.")
    assert SourceDocument.objects.count() == 0
    assert ExtractionRun.objects.count() == 0
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_it_refuses_an_empty_file(fake_extractor):
    outcome = _import(data=b"")

    assert outcome.error == "Filen är tom / the file is empty"
    assert SourceDocument.objects.count() == 0


def test_it_refuses_a_document_with_no_text(fake_extractor):
    outcome = _import(data=b"  \n\n ", filename="tom.txt")

    assert outcome.error == "Filen är tom / the file is empty"
    assert SourceDocument.objects.count() == 0


def test_it_leaves_no_half_made_promise_when_loading_fails(fake_pipeline):
    # No kommun 'Kalmar' in the database: the fake loader raises after creating the
    # promise and its commitments.
    outcome = _import()

    assert not outcome.ok
    assert "municipalities: Okänd kommun: Kalmar" in outcome.error
    assert "\n" not in outcome.error
    assert Promise.objects.count() == 0
    assert Commitment.objects.count() == 0
    # Nothing is half-saved: no document, no run, no file; trying again (with the
    # cause fixed) imports the document afresh, not "already imported, reused".
    assert not SourceDocument.objects.exists()
    assert not ExtractionRun.objects.exists()


def test_it_keeps_nothing_when_the_extractor_breaks(fake_extractor, media_root):
    outcome = _import(data=b"Medborgarlofte\nKRASCH\n")

    assert "extraction failed: rule exploded" in outcome.error
    assert not ExtractionRun.objects.exists()
    assert not SourceDocument.objects.exists()
    assert Promise.objects.count() == 0
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_it_stores_nothing_on_a_dry_run(fake_extractor, kalmar, media_root):
    outcome = _import(dry_run=True)

    assert outcome.ok
    assert outcome.promise.title.startswith("Medborgarlöfte för Kalmar")
    assert SourceDocument.objects.count() == 0
    assert ExtractionRun.objects.count() == 0
    assert Promise.objects.count() == 0
    assert not media_root.exists()


def test_it_adds_the_given_kommun_to_the_draft(fake_extractor, kalmar, nybro):
    outcome = _import(data=b"Trygghetsarbete 2031\n- vi lovar att ses\n", kommun=nybro)

    assert outcome.ok, outcome.error
    assert list(outcome.promise.parties.all()) == [nybro]
    assert outcome.document.kommun == nybro


def test_it_refuses_a_kommun_that_is_not_a_kommun(fake_extractor, lpo_kalmar):
    outcome = _import(kommun=lpo_kalmar)

    assert "kommun" in outcome.error
    assert SourceDocument.objects.count() == 0


def test_it_fills_in_a_missing_source_url_on_reuse(db):
    document, created = document_store(data=b"abc", text="abc", original_name="a.txt")
    again, created_again = document_store(
        data=b"abc", text="abc", source_url="https://example.org/a"
    )

    assert created and not created_again
    assert again.pk == document.pk
    assert again.source_url == "https://example.org/a"


def test_it_refuses_a_failed_run_without_a_reason(db):
    document, _ = document_store(data=b"abc", text="abc")

    with pytest.raises(ValidationError) as info:
        extraction_run_create(document=document, record=None, status="failed")

    assert "error" in info.value.message_dict


def test_it_guesses_the_language():
    assert (
        language_guess("Polisen och kommunen ska göra det som är sagt i löftet") == "sv"
    )
    assert (
        language_guess("The police and the council will do this for the town") == "en"
    )
    assert language_guess("Kalmar") == ""


def test_it_reports_the_loaders_reason_for_an_unknown_kommun(fake_extractor):
    outcome = _import()

    assert outcome.error == (
        "Kunde inte skapa utkast / could not create draft: municipalities[0]: "
        "okänd kommun 'Kalmar' / unknown kommun 'Kalmar'"
    )
    assert Promise.objects.count() == 0


def test_it_leaves_out_unknown_kommuner_when_the_kommun_is_given(fake_extractor, nybro):
    outcome = _import(kommun=nybro)

    assert outcome.ok, outcome.error
    assert list(outcome.promise.parties.all()) == [nybro]
    assert "okänd kommun 'Kalmar' utelämnad" in " ".join(outcome.notes)


def test_it_keeps_the_source_url_the_extractor_found(
    fake_extractor, kalmar, monkeypatch
):
    from medborgarloften.documents import services

    def with_url(text, *, record_id, source_url):
        record = services_fake(text, record_id=record_id, source_url=source_url)
        return {**record, "source_url": "https://example.org/lofte/"}

    services_fake = services.reading._extract_record
    monkeypatch.setattr(services.reading, "_extract_record", with_url)

    outcome = _import()

    assert outcome.ok, outcome.error
    assert outcome.document.source_url == "https://example.org/lofte/"
    assert outcome.promise.source_url == "https://example.org/lofte/"


@pytest.mark.parametrize(
    "filename", ["000_1ce16330b22eff07.txt", "1ce16330-b22e-ff07-870c-8cb171d51234.txt"]
)
def test_it_never_gives_the_loader_an_id_that_parses_as_a_uuid(
    fake_extractor, kalmar, filename
):
    import uuid

    other = Promise.objects.create(title="Ett annat löfte")

    outcome = _import(filename=filename)

    assert outcome.ok, outcome.error
    record_id = outcome.run.record["id"]
    assert record_id.startswith("dokument-")
    with pytest.raises(ValueError):
        uuid.UUID(record_id)
    other.refresh_from_db()
    assert other.title == "Ett annat löfte"
    assert outcome.promise.pk != other.pk


# --- A full disk and torn files (issue #8) -----------------------------------------


def _fill_disk(monkeypatch):
    import errno
    import os

    from medborgarloften.operations import storage

    def no_space(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_write_all", no_space)
    return os


def test_a_full_disk_stores_nothing_and_says_so(
    fake_extractor, kalmar, media_root, monkeypatch
):
    _fill_disk(monkeypatch)

    outcome = _import()

    assert not outcome.ok
    assert outcome.not_stored
    assert "slut på diskutrymme" in outcome.error
    assert SourceDocument.objects.count() == 0
    assert ExtractionRun.objects.count() == 0
    assert Promise.objects.count() == 0
    files = (
        [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    )
    assert files == []


def test_the_same_import_works_once_there_is_room_again(
    fake_extractor, kalmar, media_root, monkeypatch
):
    with monkeypatch.context() as patch:
        _fill_disk(patch)
        assert not _import().ok

    outcome = _import()

    assert outcome.ok, outcome.error
    document = SourceDocument.objects.get()
    assert (media_root / document.raw.name).read_bytes() == PROMISE
    assert Promise.objects.count() == 1


def test_a_torn_file_under_the_name_is_replaced_not_reused(
    fake_extractor, kalmar, media_root
):
    sha = hashlib.sha256(PROMISE).hexdigest()
    torn = media_root / "documents" / sha[:2] / f"{sha}.txt"
    torn.parent.mkdir(parents=True)
    torn.write_bytes(PROMISE[:10])  # what a crash mid-write used to leave

    outcome = _import()

    assert outcome.ok, outcome.error
    document = SourceDocument.objects.get()
    assert document.raw.name == f"documents/{sha[:2]}/{sha}.txt"
    assert (media_root / document.raw.name).read_bytes() == PROMISE


def test_it_keeps_a_kommun_the_document_names_in_the_genitive(
    fake_extractor, kalmar, nybro
):
    # The review dropped 'Kalmars' as unknown while the loader would have read it;
    # both read names through places.lookup now.
    text = PROMISE.replace(b"Kalmar kommun", b"Kalmars kommun och Nybro kommun")
    outcome = _import(data=text, kommun=nybro)

    assert outcome.ok, outcome.error
    assert set(outcome.promise.parties.all()) == {kalmar, nybro}
    assert "utelämnad" not in " ".join(outcome.notes)


def test_a_retry_after_a_failure_imports_afresh(fake_pipeline, request):
    assert not _import().ok  # no kommun Kalmar yet
    request.getfixturevalue("kalmar")  # the cause fixed

    outcome = _import()

    assert outcome.ok, outcome.error
    assert not outcome.reused_document
    assert not any("återanvänds" in note for note in outcome.notes)
    assert outcome.promise is not None
