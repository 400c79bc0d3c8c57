"""The same promise from every producer reads as the same structured text.

The promise is our own (producers.py); each fixture has a real program make the
file — python-docx, LibreOffice, Chromium's print to PDF, WeasyPrint, a scan read by
Tesseract — so these tests fail when a reader loses a list item's wrapped lines, a
drawn bullet, a heading or a signature block, whatever the producer did.
"""

from __future__ import annotations

import difflib
import io

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter

from medborgarloften.extract.readers import ocr, read_bytes
from medborgarloften.extract.record import extract_record
from medborgarloften.extract.tests import producers
from medborgarloften.extract.tests.pdfgen import Page, build_pdf


def _diff(expected: str, actual: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), "expected", "read"
        )
    )


def _assert_reads_as_written(data: bytes) -> str:
    text = read_bytes(data).text
    assert text == producers.plain_text(), _diff(producers.plain_text(), text)
    return text


def test_it_reads_a_word_file_with_soft_breaks_lists_and_numbering(
    word_promise,
) -> None:
    result = read_bytes(word_promise, filename="löfte.docx")
    assert result.text == producers.plain_text(), _diff(
        producers.plain_text(), result.text
    )
    # Each signatory is one paragraph with Shift+Enter between name and title.
    assert "Anna Andersson\nKommunstyrelsens ordförande\n\nPer Persson\n" in result.text
    # "List Number" is numbered through numbering.xml, not just marked as a list.
    assert "\n1. Ökad trygghet" in result.text and "\n2. Färre unga" in result.text
    # The page header and footer are page furniture, kept apart from the text.
    assert result.meta["page_header"] == producers.PAGE_HEADER
    assert result.meta["page_footer"] == "Medborgarlöfte 2031–2032, sida 1"
    assert producers.PAGE_HEADER not in result.text


def test_it_reads_the_word_file_exported_by_libreoffice(libreoffice_promise) -> None:
    assert str(read_bytes(libreoffice_promise).meta["producer"]).startswith(
        "LibreOffice"
    )
    _assert_reads_as_written(libreoffice_promise)


def test_it_reads_a_page_chromium_printed_with_drawn_bullets(chromium_promise) -> None:
    # The premise: Chromium draws the bullets; the text layer has none of them.
    document = pdfium.PdfDocument(chromium_promise)
    try:
        layer = "".join(
            document[i].get_textpage().get_text_range() for i in range(len(document))
        )
    finally:
        document.close()
    assert "•" not in layer and "genomföra minst tre" in layer
    text = _assert_reads_as_written(chromium_promise)
    for commitment in producers.COMMITMENTS:
        assert f"\n• {commitment}\n" in text


def test_it_reads_the_web_page_itself_with_its_headings_and_numbers() -> None:
    # The page has no <main> or <article>: trafilatura's recovery of such a page
    # drops every <h1>/<h2> (issue #14); the uploaded .html must read as its print.
    result = read_bytes(producers.web_page().encode(), filename="löfte.html")
    assert result.text == producers.plain_text(), _diff(
        producers.plain_text(), result.text
    )


def test_it_reads_a_page_typeset_by_weasyprint(weasyprint_promise) -> None:
    _assert_reads_as_written(weasyprint_promise)


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def test_it_reads_a_scanned_page_through_ocr(scanned_promise) -> None:
    result = read_bytes(scanned_promise, filename="skannad.pdf")
    assert result.meta["ocr"] is True
    assert result.meta["ocr_pages"] == [1]
    lines = result.text.split("\n")
    expected = producers.plain_text().split("\n")
    # OCR may misread a letter ("polistraff"), never the structure: the same lines
    # in the same order, every list item whole on its own line.
    assert len(lines) == len(expected), _diff(producers.plain_text(), result.text)
    for read, written in zip(lines, expected, strict=True):
        assert _similar(read, written) >= 0.9, (read, written)
        assert read[:2] == written[:2]  # "• ", "1.", "" alike


@pytest.mark.parametrize("tilt", [-0.8, 0.8])
def test_it_reads_a_tilted_scan_line_by_line(chromium_promise, tilt) -> None:
    if not ocr.ocr_available():
        pytest.skip("Tesseract with Swedish is not installed")
    scan = producers.scanned_pdf(chromium_promise, pages=1, tilt=tilt)
    text = read_bytes(scan, filename="sned.pdf").text
    lines, expected = text.split("\n"), producers.plain_text().split("\n")
    # Tesseract follows the tilt; rebuilding lines by height alone interleaved
    # the words of two neighbouring lines (issue #14).
    assert len(lines) == len(expected), _diff(producers.plain_text(), text)
    for read, written in zip(lines, expected, strict=True):
        assert _similar(read, written) >= 0.9, (read, written)


def _commitments(text: str) -> list[tuple[str, tuple[str, ...]]]:
    record = extract_record(text, record_id="lofte")
    return [(c["text"], tuple(c["responsible"])) for c in record["commitments"]]


@pytest.mark.parametrize(
    "fixture",
    [
        "word_promise",
        "libreoffice_promise",
        "chromium_promise",
        "weasyprint_promise",
        "html_promise",
    ],
)
def test_it_extracts_the_same_record_from_every_producer(fixture, request) -> None:
    written = extract_record(producers.plain_text(), record_id="lofte")
    read = extract_record(
        read_bytes(request.getfixturevalue(fixture)).text, record_id="lofte"
    )
    assert read["title"] == written["title"]
    assert read["focus_areas"] == written["focus_areas"]
    assert _commitments(producers.plain_text()) == [
        (c["text"], tuple(c["responsible"])) for c in read["commitments"]
    ]
    assert len(read["commitments"]) == len(producers.COMMITMENTS)
    assert read["signatories"] == written["signatories"]
    assert read["period"] == written["period"]


def test_it_reads_the_scanned_page_of_a_mixed_file_by_ocr(scanned_promise) -> None:
    """A PDF with a text layer whose last page is a scan (the signed page)."""
    typed = build_pdf(
        [
            Page(
                items=[
                    (72, 700, 11, "Kalmar kommun och Polisen lovar gemensamt att"),
                    (72, 686, 11, "arbeta för ökad trygghet i Norrliden."),
                ]
            )
        ]
    )
    writer = PdfWriter()
    for part in (typed, scanned_promise):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    result = read_bytes(buffer.getvalue())
    assert result.meta["ocr_pages"] == [2]
    assert result.meta["pages_without_text"] == []
    assert result.text.startswith(
        "Kalmar kommun och Polisen lovar gemensamt att arbeta för ökad trygghet i "
        "Norrliden.\n\nMedborgarlöfte för Kalmar kommun"
    )
    assert "\nAnna Andersson\nKommunstyrelsens ordförande\n" in result.text


def test_it_reads_a_word_table_that_libreoffice_broke_over_a_page() -> None:
    try:
        pdf = producers.libreoffice_pdf(producers.word_table_file())
    except producers.ProducerMissing as exc:
        pytest.skip(str(exc))
    pages = PdfReader(io.BytesIO(pdf)).pages
    # The premise: the last row starts on page 1 and ends on page 2, and the long
    # word is broken inside its cell without a hyphen.
    assert "Klotterborttagning" in pages[0].extract_text()
    assert "sommarlov" in pages[1].extract_text()
    assert "Grannsamverkansutbil\n" in pages[0].extract_text()
    text = read_bytes(pdf).text
    rows = "\n".join("    ".join(row) for row in producers.TABLE_ROWS)
    assert f"\n\n{rows}\n\n" in text, text
    record = extract_record(text, record_id="tabell")
    assert record["focus_areas"] == []  # the header row is no focus area
    assert [c["text"] for c in record["commitments"]] == [
        row[0] for row in producers.TABLE_ROWS[1:]
    ]


def test_it_reads_a_tilted_scan_of_a_ruled_table_row_by_row() -> None:
    if not ocr.ocr_available():
        pytest.skip("Tesseract with Swedish is not installed")
    try:
        pdf = producers.libreoffice_pdf(producers.word_table_file(paragraphs_before=1))
    except producers.ProducerMissing as exc:
        pytest.skip(str(exc))
    scan = producers.scanned_pdf(pdf, pages=1, dpi=300, tilt=0.8)
    text = read_bytes(scan, filename="tabell.pdf").text
    # The grid's vertical rulings are no words ("|"), and each row is one line
    # with its cells in their columns (issue #14: a scanned table, 0 commitments).
    assert "|" not in text, text
    record = extract_record(text, record_id="tabell")
    read = [c["text"] for c in record["commitments"]]
    assert len(read) == len(producers.TABLE_ROWS) - 1, text
    for got, row in zip(read, producers.TABLE_ROWS[1:], strict=True):
        assert _similar(got, row[0]) >= 0.9, (got, row[0])
