"""document_upload and extraction_run_draft_create: the review screen's two writes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from medborgarloften.documents import services
from medborgarloften.documents.models import (
    ExtractionRun,
    ExtractionRunStatus,
    SourceDocument,
)
from medborgarloften.documents.services import (
    document_upload,
    extraction_run_create,
    extraction_run_draft_create,
)
from medborgarloften.places.models import Area
from medborgarloften.promises.models import Promise

TEXT = (
    "Medborgarlöfte för Kalmar kommun 2031\n\n"
    "Polisen lovar att:\n"
    "- genomföra fyra trygghetsvandringar i Berga per år\n"
)


def _record(**extra):
    record = {
        "id": "dokument-test",
        "municipalities": ["Kalmar"],
        "commitments": [
            {
                "text": "genomföra fyra trygghetsvandringar i Berga per år",
                "responsible": ["polis"],
                "measurable": True,
                "target": {"quantity": 4, "unit": None, "per": "år", "deadline": None},
                "places": ["Berga"],
            }
        ],
    }
    record.update(extra)
    return record


@pytest.fixture
def run(kalmar, kommun_editor):
    outcome = document_upload(
        kommun=kalmar, data=TEXT.encode(), filename="kalmar.txt", actor=kommun_editor
    )
    assert outcome.ok, outcome.error
    return outcome.run


def test_it_keeps_the_document_and_a_run_without_a_promise(run, kalmar, media_root):
    assert run.status == ExtractionRunStatus.OK
    assert run.promise is None
    assert run.record["municipalities"] == ["Kalmar"]
    assert run.document.kommun == kalmar
    assert run.source == "granskning"
    assert (media_root / run.document.raw.name).read_bytes() == TEXT.encode()
    assert not Promise.objects.exists()


def test_it_extracts_from_the_stored_text_when_the_bytes_come_again(
    run, kalmar, monkeypatch
):
    SourceDocument.objects.filter(pk=run.document.pk).update(text="Sparad text")
    # Read by an older extractor: reviewed again with the current rules (an open
    # review by the current ones is reused, test_duplicates).
    ExtractionRun.objects.filter(pk=run.pk).update(extractor_version="0.0.1+gammal")
    seen = []

    def fake_extract(text, *, record_id, source_url):
        seen.append(text)
        return {"id": record_id}

    monkeypatch.setattr(services.reading, "_extract_record", fake_extract)
    outcome = document_upload(kommun=kalmar, data=TEXT.encode(), filename="igen.txt")
    assert outcome.ok and outcome.reused_document
    assert seen == ["Sparad text"]
    assert ExtractionRun.objects.count() == 2


def test_it_stores_nothing_when_the_extractor_fails(kalmar, monkeypatch, media_root):
    def broken(text, *, record_id, source_url):
        raise RuntimeError("regeln gick sönder")

    monkeypatch.setattr(services.reading, "_extract_record", broken)
    outcome = document_upload(kommun=kalmar, data=TEXT.encode(), filename="a.txt")
    assert "Extraktionen misslyckades" in outcome.error
    assert not SourceDocument.objects.exists()
    assert not any(p.is_file() for p in media_root.rglob("*"))


def test_it_stores_nothing_for_a_document_it_cannot_read(kalmar, media_root):
    outcome = document_upload(kommun=kalmar, data=b"\x00\x01\x02" * 50, filename="x")
    assert not outcome.ok
    assert outcome.run is None
    assert not SourceDocument.objects.exists()
    assert not ExtractionRun.objects.exists()


def test_it_creates_the_draft_new_areas_first_and_links_the_run(
    run, kalmar, kommun_editor
):
    promise = extraction_run_draft_create(
        run=run, record=_record(), actor=kommun_editor, new_areas=["Berga"]
    )
    run.refresh_from_db()
    assert run.promise == promise
    assert promise.status == "draft"
    area = Area.objects.get(kommun=kalmar)
    assert area.name == "Berga"
    assert list(promise.commitments.get().areas.all()) == [area]
    revision = promise.revisions.get()
    assert revision.source.startswith("granskning: kalmar.txt")


def test_it_gives_one_draft_per_run(run, kommun_editor):
    extraction_run_draft_create(run=run, record=_record(), actor=kommun_editor)
    with pytest.raises(ValidationError, match="redan skapats"):
        extraction_run_draft_create(run=run, record=_record(), actor=kommun_editor)
    assert Promise.objects.count() == 1


def test_it_refuses_a_failed_run(run, kommun_editor):
    failed = extraction_run_create(
        document=run.document, record=None, status="failed", error="trasig"
    )
    with pytest.raises(ValidationError, match="misslyckades"):
        extraction_run_draft_create(run=failed, record=_record(), actor=kommun_editor)


def test_it_refuses_a_draft_without_the_actors_organisation_and_keeps_nothing(
    run, other_kommun_editor
):
    with pytest.raises(ValidationError, match="egen organisation"):
        extraction_run_draft_create(
            run=run, record=_record(), actor=other_kommun_editor, new_areas=["Berga"]
        )
    run.refresh_from_db()
    assert run.promise is None
    assert not Promise.objects.exists()
    assert not Area.objects.exists()
