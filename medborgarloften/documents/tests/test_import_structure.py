"""Issue #14, items 3 and 4: the document's structure and kommuner in the draft.

The real reader, extractor and loader run on our own texts. The draft takes its
title from the document (not from a "TJÄNSTESKRIVELSE" label or the file's
metadata), the same from the command line and the review screen; the lägesbild goes
into the promise's lägesbild; each commitment keeps the focus area it sits under.
A promise of other kommuner stays theirs: it is not made the uploader's, and can
be kept as a reference for comparison instead.
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document

from medborgarloften.documents.forms import ReviewEditor, review_initial
from medborgarloften.documents.models import ExtractionRun
from medborgarloften.documents.services import (
    document_import,
    document_upload,
    extraction_run_draft_create,
)
from medborgarloften.places.models import Area
from medborgarloften.promises.models import Promise, PromiseStatus
from medborgarloften.promises.permissions import (
    can_edit_promise,
    can_view_promise,
    promises_visible_to,
)
from medborgarloften.promises.services import promise_set_status

NYBRO_LINES = [
    "TJÄNSTESKRIVELSE",
    "Datum 2030-11-20",
    "Diarienummer KS 2030/412",
    "Kommunstyrelsen",
    "Medborgarlöfte 2031 för Nybro kommun",
    "Lägesbild",
    "Boende i Pukeberg oroar sig för mopedbuskörning och klotter.",
    "Trygg trafik",
    "- Polisen gör hastighetskontroller vid Paradisskolan varje månad.",
    "- Kommunen bygger farthinder på Glasbruksgatan.",
    "Klotter och skadegörelse",
    "- Kommunen sanerar klotter inom 48 timmar.",
    "Uppföljning",
    "Löftet följs upp två gånger under året.",
]
NYBRO_TEXT = "\n\n".join(NYBRO_LINES) + "\n"


def _docx(lines: list[str], *, core_title: str) -> bytes:
    document = Document()
    document.core_properties.title = core_title
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("importdocs", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_draft_takes_title_lagesbild_and_focus_areas_from_the_document(
    nybro, tmp_path
):
    path = tmp_path / "tjansteskrivelse.txt"
    path.write_text(NYBRO_TEXT, encoding="utf-8")

    _command(str(path))

    promise = Promise.objects.get()
    assert promise.title == "Medborgarlöfte 2031 för Nybro kommun"
    assert promise.situation_summary == (
        "Boende i Pukeberg oroar sig för mopedbuskörning och klotter."
    )
    assert [f.title for f in promise.focus_areas.order_by("position")] == [
        "Trygg trafik",
        "Klotter och skadegörelse",
    ]
    by_text = {c.text[:20]: c.focus_area for c in promise.commitments.all()}
    assert by_text["Polisen gör hastighe"].title == "Trygg trafik"
    assert by_text["Kommunen bygger fart"].title == "Trygg trafik"
    assert by_text["Kommunen sanerar klo"].title == "Klotter och skadegörelse"


def test_the_command_line_and_the_review_screen_give_the_same_title(
    nybro, kalmar, kommun_editor, tmp_path
):
    # A Word file whose properties carry the template's "TJÄNSTESKRIVELSE".
    data = _docx(NYBRO_LINES, core_title="TJÄNSTESKRIVELSE")
    outcome = document_import(data=data, filename="lofte.docx", kommun=nybro)
    assert outcome.ok, outcome.error
    uploaded = document_upload(
        kommun=kalmar,
        data=_docx(NYBRO_LINES, core_title="Tjänsteskrivelse"),
        filename="lofte2.docx",
        actor=kommun_editor,
    )
    assert uploaded.ok, uploaded.error

    assert outcome.promise.title == "Medborgarlöfte 2031 för Nybro kommun"
    assert review_initial(uploaded.run)["title"] == outcome.promise.title


def test_a_promise_of_another_kommun_stays_theirs_from_the_command_line(
    kalmar, nybro, tmp_path
):
    path = tmp_path / "nybro.txt"
    path.write_text(NYBRO_TEXT, encoding="utf-8")

    out = _command(str(path), "--kommun", kalmar.code)

    promise = Promise.objects.get()
    assert list(promise.parties.all()) == [nybro]
    assert promise.reference_for is None
    assert "inte Kalmar" in out
    # Its places are Nybro's, not Kalmar's.
    assert not Area.objects.filter(kommun=kalmar).exists()


def test_it_keeps_another_kommuns_promise_as_a_reference_when_asked(
    kalmar, nybro, kommun_editor, other_kommun_editor, tmp_path
):
    path = tmp_path / "nybro.txt"
    path.write_text(NYBRO_TEXT, encoding="utf-8")

    out = _command(str(path), "--kommun", kalmar.code, "--referens")

    promise = Promise.objects.get()
    assert list(promise.parties.all()) == [nybro]
    assert promise.reference_for == kalmar
    assert promise.status == PromiseStatus.DRAFT
    assert "referens för Kalmar" in out
    # Kalmar's editors keep and change it; it is never public.
    assert can_view_promise(kommun_editor, promise)
    assert can_edit_promise(kommun_editor, promise)
    assert list(promises_visible_to(kommun_editor)) == [promise]
    assert not Promise.objects.public().exists()
    with pytest.raises(ValidationError, match="referens för jämförelse"):
        promise_set_status(
            actor=kommun_editor, promise=promise, status=PromiseStatus.PUBLISHED
        )


def test_a_reference_needs_a_kommun_on_the_command_line(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--referens kräver --kommun"):
        call_command("importdocs", str(tmp_path), "--referens")


# --- The review screen ---------------------------------------------------------------


@pytest.fixture
def nybro_run(kalmar, nybro, kommun_editor) -> ExtractionRun:
    """Kalmar's editor uploads Nybro's promise (for Kalmar, the only kommun they edit)."""
    outcome = document_upload(
        kommun=kalmar,
        data=NYBRO_TEXT.encode(),
        filename="nybro.txt",
        actor=kommun_editor,
    )
    assert outcome.ok, outcome.error
    return outcome.run


def test_the_review_shows_the_kommuner_the_document_names(nybro_run):
    initial = review_initial(nybro_run)
    assert initial["municipalities"] == "Nybro"
    assert initial["as_reference"] is True
    assert initial["situation_summary"].startswith("Boende i Pukeberg")


def _reviewed(run: ExtractionRun, **changes) -> dict:
    editor = ReviewEditor(run=run)
    record = {
        **run.record,
        "title": editor.form.initial["title"],
        "municipalities": ["Nybro"],
        "situation_summary": editor.form.initial["situation_summary"],
    }
    record.update(changes)
    return record


def test_the_review_refuses_another_kommuns_promise_unless_kept_as_reference(
    nybro_run, kalmar, nybro, kommun_editor
):
    with pytest.raises(ValidationError, match="Spara som referens"):
        extraction_run_draft_create(
            run=nybro_run, record=_reviewed(nybro_run), actor=kommun_editor
        )
    assert not Promise.objects.exists()

    promise = extraction_run_draft_create(
        run=nybro_run,
        record=_reviewed(nybro_run),
        actor=kommun_editor,
        as_reference=True,
    )
    assert list(promise.parties.all()) == [nybro]
    assert promise.reference_for == kalmar
    assert promise.situation_summary.startswith("Boende i Pukeberg")
    # A copy kept for comparison writes nothing into Nybro: the places Nybro lacks
    # are left out of the copy, not created as Nybro's areas by Kalmar's editor.
    assert not Area.objects.filter(name="Pukeberg").exists()


def test_a_reference_copy_may_not_add_areas_to_the_other_kommun(
    nybro_run, nybro, kommun_editor
):
    with pytest.raises(ValidationError, match="Nybro"):
        extraction_run_draft_create(
            run=nybro_run,
            record=_reviewed(nybro_run),
            actor=kommun_editor,
            new_areas=["Pukeberg"],
            as_reference=True,
        )
    assert not Area.objects.filter(kommun=nybro).exists()
    assert not Promise.objects.exists()


def test_the_review_does_not_tick_another_kommuns_places_for_a_reference(
    nybro_run, kommun_editor, superuser
):
    run = ExtractionRun.objects.get(pk=nybro_run.pk)
    run.record = {**run.record, "places": ["Pukeberg"]}
    editor = ReviewEditor(run=run, user=kommun_editor)
    assert editor.form.initial["as_reference"]
    assert "Pukeberg" in editor.new_area_names  # offered, not ticked
    assert not editor.form.initial["new_areas"]
    national = ReviewEditor(run=run, user=superuser)
    assert "Pukeberg" in national.form.initial["new_areas"]


def test_a_national_admin_imports_another_kommuns_promise_for_that_kommun(
    nybro_run, nybro, superuser
):
    promise = extraction_run_draft_create(
        run=nybro_run, record=_reviewed(nybro_run), actor=superuser
    )
    assert list(promise.parties.all()) == [nybro]
    assert promise.reference_for is None


def test_the_review_keeps_the_focus_area_of_each_commitment(
    nybro, kommun_editor, client
):
    from django.urls import reverse

    from medborgarloften.accounts.models import Membership

    Membership.objects.create(user=kommun_editor, organisation=nybro, role="editor")
    outcome = document_upload(
        kommun=nybro, data=NYBRO_TEXT.encode(), filename="n.txt", actor=kommun_editor
    )
    client.force_login(kommun_editor)
    page = client.get(reverse("documents:review", args=[outcome.run.pk]))
    rows = page.context["editor"].commitments.forms
    assert [f.initial.get("focus_area") for f in rows[:3]] == [
        "Trygg trafik",
        "Trygg trafik",
        "Klotter och skadegörelse",
    ]


def test_the_review_keeps_the_places_of_another_kommuns_promise(nybro_run):
    editor = ReviewEditor(run=nybro_run)
    assert "Pukeberg" in editor.new_area_names
    assert set(editor.form.initial["new_areas"]) == set(editor.new_area_names)


def test_saving_a_reference_asks_nobody_to_become_a_party(
    nybro_run, nybro, lpo_nybro, kommun_editor, client
):
    from django.urls import reverse

    from .test_review_views import _form_data

    client.force_login(kommun_editor)
    url = reverse("documents:review", args=[nybro_run.pk])
    data = {**_form_data(client.get(url)), "create": "1"}
    assert data.get("as_reference") in ("on", True, "1")
    response = client.post(url, data, follow=True)
    promise = Promise.objects.get()
    assert promise.is_reference
    assert not promise.party_requests.exists()
    body = response.content.decode()
    assert "sparat som referens" in body
    assert "tillfrågad" not in body
