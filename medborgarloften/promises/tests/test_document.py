"""The promise document (PDF and DOCX) and its separate review sheet."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse

from medborgarloften.operations.demo import demo_load
from medborgarloften.promises.document import (
    DocumentRefused,
    document_context,
    document_docx_bytes,
    document_pdf_bytes,
)
from medborgarloften.promises.models import Promise, Signatory

PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture
def demo_promise(db):
    demo_load(today=dt.date(2026, 11, 1))
    return Promise.objects.get(period_start="2025-01-01")


def _pdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in reader.pages
    )


@pytest.mark.django_db
def test_it_renders_the_demo_promise_to_a_pdf_with_every_commitment_and_signatory(
    demo_promise, tmp_path
):
    data = document_pdf_bytes(promise=demo_promise)
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    for commitment in demo_promise.commitments.all():
        assert " ".join(commitment.text.split()) in text
    for signatory in demo_promise.signatories.all():
        assert signatory.name in text
        assert signatory.title in text
    assert "Lägesbild" in text and "Uppföljning" in text
    assert "1 januari 2025 – 31 december 2026" in text
    # The review sheet's warnings are never in the document.
    assert "Löftet anger inget antal" not in text
    if PDFTOPPM is None:
        pytest.skip("pdftoppm is missing (poppler-utils): the PNG check needs it")
    pdf = tmp_path / "lofte.pdf"
    pdf.write_bytes(data)
    subprocess.run(  # noqa: S603 - fixed arguments
        [PDFTOPPM, "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)


@pytest.mark.django_db
def test_it_writes_the_same_document_as_docx(demo_promise):
    from docx import Document

    document = Document(io.BytesIO(document_docx_bytes(promise=demo_promise)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )
    assert document.core_properties.title == demo_promise.title
    for commitment in demo_promise.commitments.all():
        assert commitment.text in paragraphs
    for signatory in demo_promise.signatories.all():
        assert signatory.name in cells and signatory.title in cells
    assert "Ort och datum" in cells
    assert "Löftet anger inget antal" not in paragraphs


@pytest.mark.django_db
def test_it_groups_commitments_by_responsible_party(kalmar_promise):
    from medborgarloften.promises.models import Commitment

    Commitment.objects.create(
        promise=kalmar_promise,
        text="Gemensam dialog.",
        responsible=["kommun", "polis"],
        position=5,
    )
    groups = document_context(promise=kalmar_promise)["groups"]
    assert [(g.label, [n for n, _ in g.commitments]) for g in groups] == [
        ("Kalmar kommun", [1]),
        ("Lokalpolisområde Kalmar", [2]),
        ("Gemensamt: Kalmar kommun och Lokalpolisområde Kalmar", [3]),
    ]


@pytest.mark.django_db
def test_each_shared_combination_has_its_own_group_numbered_as_printed(
    kalmar_promise,
):
    from medborgarloften.places.models import Organisation
    from medborgarloften.promises.document import review_context
    from medborgarloften.promises.models import Commitment

    housing = Organisation.objects.create(name="Ekbyhem AB", kind="bostadsbolag")
    with_housing = Commitment.objects.create(
        promise=kalmar_promise,
        text="Ny belysning i Berga.",
        responsible=["kommun", "polis", "annan"],
        position=3,
    )
    with_housing.other_parties.add(housing)
    Commitment.objects.create(
        promise=kalmar_promise,
        text="Gemensam dialog.",
        responsible=["kommun", "polis"],
        position=4,
    )
    groups = document_context(promise=kalmar_promise)["groups"]
    assert [(g.label, [n for n, _ in g.commitments]) for g in groups] == [
        ("Kalmar kommun", [1]),
        ("Lokalpolisområde Kalmar", [2]),
        ("Gemensamt: Kalmar kommun och Lokalpolisområde Kalmar", [3]),
        ("Gemensamt: Kalmar kommun, Lokalpolisområde Kalmar och Ekbyhem AB", [4]),
    ]
    # the review sheet cites the same numbers, in the same order
    rows = review_context(promise=kalmar_promise)["rows"]
    assert [(r["number"], r["commitment"].text) for r in rows] == [
        (n, c.text) for g in groups for n, c in g.commitments
    ]


@pytest.mark.django_db
def test_the_word_file_numbers_each_commitment_once(kalmar_promise):
    import docx

    document = docx.Document(io.BytesIO(document_docx_bytes(promise=kalmar_promise)))
    items = [p for p in document.paragraphs if p.runs and p.runs[0].bold]
    assert [p.runs[0].text for p in items][:2] == ["1. ", "2. "]
    assert all("List" not in p.style.name for p in items)
    assert "Period: 1 januari 2025 – 31 december 2025." in [
        p.text for p in document.paragraphs
    ]


@pytest.mark.django_db
def test_it_refuses_a_document_with_a_signatory_without_a_title(
    client, superuser, kalmar_promise
):
    Signatory.objects.create(promise=kalmar_promise, name="Per Persson", title="")
    with pytest.raises(DocumentRefused) as caught:
        document_docx_bytes(promise=kalmar_promise)
    assert "Undertecknaren Per Persson saknar titel" in caught.value.messages[0]
    client.force_login(superuser)
    response = client.get(
        reverse("promises:document_pdf", args=[kalmar_promise.pk]), follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "promises:document_review", args=[kalmar_promise.pk]
    )
    assert "Per Persson saknar titel" in body


@pytest.mark.django_db
def test_it_lists_measurability_warnings_only_on_the_review_sheet(
    client, kommun_viewer, kalmar_promise
):
    client.force_login(kommun_viewer)
    url = reverse("promises:document_review", args=[kalmar_promise.pk])
    body = client.get(url).content.decode()
    assert "Granskning inför undertecknande" in body
    assert "Löftet anger inget antal" in body  # the lighting commitment
    assert "1 åtagande har anmärkningar" in body
    docx = client.get(reverse("promises:document_docx", args=[kalmar_promise.pk]))
    assert docx.status_code == 200
    assert docx["Content-Disposition"].endswith('.docx"')
    detail = client.get(reverse("promises:detail", args=[kalmar_promise.pk]))
    assert url in detail.content.decode()


@pytest.mark.django_db
def test_it_keeps_the_document_from_other_kommuners_staff(
    client, other_kommun_editor, kalmar_promise
):
    client.force_login(other_kommun_editor)
    for name in ("document_review", "document_pdf", "document_docx"):
        response = client.get(reverse(f"promises:{name}", args=[kalmar_promise.pk]))
        assert response.status_code == 403


@pytest.mark.django_db
def test_the_pdf_is_tagged_pdf_ua_in_swedish_with_the_promise_as_title(demo_promise):
    from medborgarloften.lib.tests.accessible_documents import assert_tagged_pdf

    data = document_pdf_bytes(promise=demo_promise)
    kinds = assert_tagged_pdf(data, title=f"Medborgarlöfte: {demo_promise.title}")
    assert kinds["/H2"] >= 4 and kinds["/L"] >= 1, kinds  # sections, commitment lists


@pytest.mark.django_db
def test_the_docx_is_in_swedish_and_written_by_the_parties(demo_promise):
    from medborgarloften.lib.tests.accessible_documents import assert_accessible_docx

    parties = document_context(promise=demo_promise)["parties"]
    assert len(parties) >= 2
    assert_accessible_docx(
        document_docx_bytes(promise=demo_promise),
        title=demo_promise.title,
        author="; ".join(parties),
    )
