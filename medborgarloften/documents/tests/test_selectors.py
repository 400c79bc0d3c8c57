"""Reads for the review screen: runs with their document and draft."""

from __future__ import annotations

from types import SimpleNamespace

from medborgarloften.documents.models import ExtractionRun
from medborgarloften.documents.selectors import (
    extraction_run_get,
    extraction_run_list,
    source_document_by_sha256,
    source_document_get,
    source_document_list,
)
from medborgarloften.documents.services import (
    document_import,
    document_store,
    extraction_run_create,
)

GOOD = "Medborgarlöfte för Kalmar kommun 2031\n- vi lovar att ses varje vecka\n"
UNKNOWN = "Medborgarlöfte för Ankeborg kommun 2031\n- vi lovar att ses\n"


def _imports():
    """A draft made from the command line, and a failed run (a failed import keeps
    nothing, so the failed run is recorded directly)."""
    ok = document_import(data=GOOD.encode(), filename="kalmar.txt")
    document, _created = document_store(
        data=UNKNOWN.encode(), text=UNKNOWN, original_name="ankeborg.txt"
    )
    run = extraction_run_create(
        document=document, record=None, status="failed", error="okänd kommun"
    )
    return ok, SimpleNamespace(run=run, document=document)


def test_it_lists_runs_newest_first_by_status(fake_extractor, kalmar):
    ok, failed = _imports()

    assert list(extraction_run_list()) == [failed.run, ok.run]
    assert list(extraction_run_list(status="ok")) == [ok.run]
    assert list(extraction_run_list(status="failed")) == [failed.run]
    assert list(extraction_run_list(with_promise=True)) == [ok.run]
    assert list(extraction_run_list(with_promise=False)) == [failed.run]


def test_it_lists_runs_of_one_kommun(fake_extractor, kalmar, nybro):
    document_import(data=GOOD.encode(), filename="a.txt", kommun=nybro)
    document_import(data=b"Annat 2031\n- vi lovar\n", filename="b.txt", kommun=kalmar)

    assert [r.document.original_name for r in extraction_run_list(kommun=nybro)] == [
        "a.txt"
    ]


def test_it_lists_runs_in_one_query(fake_extractor, kalmar, django_assert_num_queries):
    _imports()

    with django_assert_num_queries(1):
        rows = [
            (r.document.original_name, r.promise.title if r.promise else "")
            for r in extraction_run_list()
        ]

    assert rows[1] == ("kalmar.txt", "Medborgarlöfte för Kalmar kommun 2031")


def test_it_gets_a_run_with_its_document_and_draft(
    fake_extractor, kalmar, django_assert_num_queries
):
    ok, _ = _imports()

    with django_assert_num_queries(1):
        run = extraction_run_get(pk=ok.run.pk)
        assert run.document.kommun is None
        assert run.promise == ok.promise


def test_it_gets_a_document_with_its_runs(fake_extractor, kalmar):
    ok, _ = _imports()
    again = document_import(data=GOOD.encode(), filename="kalmar.txt", reimport=True)

    document = source_document_get(pk=ok.document.pk)

    assert list(document.runs.all()) == [again.run, ok.run]
    assert source_document_by_sha256(sha256=document.sha256.upper()) == document
    assert source_document_by_sha256(sha256="0" * 64) is None
    assert list(source_document_list()) == [
        ExtractionRun.objects.get(document__original_name="ankeborg.txt").document,
        document,
    ]
