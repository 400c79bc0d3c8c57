"""One promise, one draft: the same bytes or the same promise (kommun, title and
period) imported again is found whichever way each import was made (web review,
bulk, command line) and whichever kommun was picked at the upload."""

from __future__ import annotations

from django.urls import reverse

from medborgarloften.documents.bulk import BulkItem, bulk_import_create
from medborgarloften.documents.models import ImportJob, SourceDocument
from medborgarloften.documents.services import (
    document_import,
    document_upload,
    extraction_run_draft_create,
)
from medborgarloften.promises.models import Promise

from .test_import_structure import NYBRO_TEXT, _reviewed


def _web_draft(kommun, actor) -> Promise:
    outcome = document_upload(
        kommun=kommun, data=NYBRO_TEXT.encode(), filename="nybro.txt", actor=actor
    )
    assert outcome.ok, outcome.error
    return extraction_run_draft_create(
        run=outcome.run, record=_reviewed(outcome.run), actor=actor
    )


def test_the_command_line_sees_a_web_import_of_the_same_bytes(kalmar, nybro, superuser):
    promise = _web_draft(kalmar, superuser)
    documents = SourceDocument.objects.count()

    outcome = document_import(
        data=NYBRO_TEXT.encode(), filename="annat-namn.txt", kommun=nybro
    )

    assert outcome.ok and outcome.already_imported
    assert outcome.promise == promise
    assert Promise.objects.count() == 1
    assert SourceDocument.objects.count() == documents


def test_the_command_line_sees_the_same_promise_in_other_bytes(
    kalmar, nybro, superuser
):
    promise = _web_draft(kalmar, superuser)

    outcome = document_import(
        data=(NYBRO_TEXT + "\nSida 2 av 2\n").encode(), filename="n.txt", kommun=nybro
    )

    assert outcome.ok and outcome.already_imported, outcome.error
    assert outcome.promise == promise
    assert any("samma löfte" in note for note in outcome.notes)
    assert Promise.objects.count() == 1
    again = document_import(
        data=(NYBRO_TEXT + "\nSida 2 av 2\n").encode(),
        filename="n.txt",
        kommun=nybro,
        reimport=True,
    )
    assert again.ok and not again.already_imported and again.promise != promise


def test_the_review_links_the_draft_made_from_the_same_bytes_for_another_kommun(
    kalmar, nybro, superuser, client
):
    promise = _web_draft(kalmar, superuser)
    other = document_upload(
        kommun=nybro, data=NYBRO_TEXT.encode(), filename="igen.txt", actor=superuser
    )
    client.force_login(superuser)
    page = client.get(reverse("documents:review", args=[other.run.pk]))
    body = page.content.decode()
    assert "Löftet kan redan finnas" in body
    assert reverse("promises:detail", args=[promise.pk]) in body


def test_the_review_links_an_open_review_of_the_same_bytes(
    kalmar, nybro, superuser, client
):
    first = document_upload(
        kommun=kalmar, data=NYBRO_TEXT.encode(), filename="a.txt", actor=superuser
    )
    second = document_upload(
        kommun=nybro, data=NYBRO_TEXT.encode(), filename="b.txt", actor=superuser
    )
    client.force_login(superuser)
    body = client.get(reverse("documents:review", args=[second.run.pk])).content
    assert reverse("documents:review", args=[first.run.pk]) in body.decode()


def test_a_batch_reads_the_same_file_once(kalmar, superuser):
    job = bulk_import_create(
        kommun=kalmar,
        actor=superuser,
        items=[
            BulkItem(filename="a.txt", data=b"Samma text"),
            BulkItem(filename="kopia-av-a.txt", data=b"Samma text"),
            BulkItem(filename="b.txt", data=b"Annan text"),
        ],
    )
    assert ImportJob.objects.count() == 2
    assert job.params["duplicates"] == [["kopia-av-a.txt", "a.txt"]]
