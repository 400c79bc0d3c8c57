"""A table of the parties' promises reads the same from every file a kommun
publishes: a Word file, its LibreOffice PDF, and a web page printed by WeasyPrint or
Chromium. Our own promise (invented: Fjällby kommun) with two columns as wide as a
page's, cells that wrap over several lines, and a dash for an empty cell."""

from __future__ import annotations

import html
import io

import pytest

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.cleanup import normalise
from medborgarloften.extract.tests import producers
from medborgarloften.extract.tests.test_blind_batch_rules import record

TITLE = "Medborgarlöfte för Fjällby 2032"
INTRO = (
    "Polisen och Fjällby kommun har kommit överens om följande åtaganden för "
    "året. Tabellen visar vem som gör vad."
)
HEADING = "Det här lovar vi"
HEADER = ("Polisen", "Kommunen")
ROWS = (
    (
        "Genomför hastighetskontroller på Storvägen genom Fjällby by minst tio "
        "gånger under sommarhalvåret.",
        "Bygger en belyst gång- och cykelväg mellan skolan och idrottsplatsen vid "
        "Sjöhagen.",
    ),
    (
        "Deltar i föräldramöten på högstadiet.",
        "Anställer två fältassistenter som rör sig i centrum fredagar och lördagar "
        "kvällstid under hela läsåret.",
    ),
    (
        "–",
        "Erbjuder alla föreningar en utbildning i att upptäcka tecken på att unga "
        "far illa.",
    ),
)
AFTER = "Uppföljning sker två gånger per år i det lokala brottsförebyggande rådet."

GAP = "    "
EXPECTED_ROWS = [GAP.join(HEADER)] + [GAP.join(row) for row in ROWS]


def _web_page() -> str:
    def cells(row: tuple[str, ...]) -> str:
        return "".join(f"<td>{html.escape(cell)}</td>" for cell in row)

    table = "".join(f"<tr>{cells(row)}</tr>" for row in (HEADER, *ROWS))
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>'
        "Medborgarlöfte</title><style>body{font-family:'DejaVu Sans',sans-serif;"
        "font-size:11pt;margin:2cm} td{padding:0 8pt;vertical-align:top}</style>"
        f"</head><body><h1>{TITLE}</h1><p>{INTRO}</p><h2>{HEADING}</h2>"
        f"<table>{table}</table><p>{AFTER}</p></body></html>"
    )


def _word_file() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(INTRO)
    document.add_heading(HEADING, level=2)
    table = document.add_table(rows=1 + len(ROWS), cols=2)
    for r, row in enumerate((HEADER, *ROWS)):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.add_paragraph(AFTER)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _made(make):  # type: ignore[no-untyped-def]
    try:
        return make()
    except producers.ProducerMissing as exc:
        pytest.skip(str(exc))


def _assert_rows_side_by_side(data: bytes) -> str:
    text = read_bytes(data).text
    lines = text.splitlines()
    start = lines.index(EXPECTED_ROWS[0])
    assert lines[start : start + len(EXPECTED_ROWS)] == EXPECTED_ROWS, text
    # The paragraph after the table comes after all of it, not between columns.
    assert text.index(AFTER) > text.index(ROWS[-1][1])
    return text


def _assert_parties(text: str) -> None:
    found = {c["text"]: sorted(c["responsible"]) for c in record(text)["commitments"]}
    for police, kommun in ROWS:
        if police != "–":
            assert found.get(police) == ["polis"], found
        assert found.get(kommun) == ["kommun"], found
    assert "–" not in found


# --- an empty cell's dash is no list marker -----------------------------------------


def test_a_dash_under_a_row_of_cells_is_an_empty_cell_not_a_bullet() -> None:
    text = normalise(
        "Polisen    Kommunen\n"
        "Håller öppet hus.    Städar parken.\n"
        "–    Målar om tunneln vid stationen.\n"
    )
    assert text.splitlines()[-1] == "–    Målar om tunneln vid stationen."


def test_a_dash_and_a_tab_that_start_a_list_are_still_bullets() -> None:
    text = normalise("Vi lovar att:\n-\tstäda parken varje vecka\n-\tmåla om tunneln\n")
    assert text.splitlines()[1:] == ["• städa parken varje vecka", "• måla om tunneln"]
    # Under a paragraph (no cells above) a dash is a list marker as before.
    assert normalise("Så här gör vi.\n–    Vi städar.\n").endswith("\n• Vi städar.\n")


def test_a_word_table_row_whose_first_cell_is_a_dash_keeps_its_columns() -> None:
    text = _assert_rows_side_by_side(_word_file())
    _assert_parties(text)


# --- a table with page-wide columns in a PDF is read row by row ---------------------


def test_a_weasyprint_table_with_page_wide_columns_is_read_row_by_row() -> None:
    data = _made(lambda: producers.weasyprint_pdf(_web_page()))
    _assert_parties(_assert_rows_side_by_side(data))


def test_a_chromium_printed_table_with_page_wide_columns_is_read_row_by_row() -> None:
    data = _made(lambda: producers.chromium_pdf(_web_page()))
    _assert_parties(_assert_rows_side_by_side(data))


def test_a_libreoffice_pdf_of_a_word_table_is_read_row_by_row() -> None:
    data = _made(lambda: producers.libreoffice_pdf(_word_file()))
    _assert_parties(_assert_rows_side_by_side(data))


# --- a ruled table whose cells are no sentences -------------------------------------

RULED_ROWS = (
    (
        "Trygghetsvandringar i Åsens centrum tillsammans med fastighetsägarna "
        "varje vår och höst",
        "Ny belysning längs gångvägen mellan busstorget och badhuset i Åsen",
    ),
    ("Besök i skolorna", "Nattvandrare ute fredagar och lördagar under sommarlovet"),
    ("Fartkontroller på Bygatan", "Farthinder vid förskolan"),
)
RULED_EXPECTED = [GAP.join(HEADER)] + [GAP.join(row) for row in RULED_ROWS]


def _ruled_page() -> str:
    cell = "<td style='border:1px solid black;padding:4pt;vertical-align:top'>{}</td>"
    table = "".join(
        "<tr>" + "".join(cell.format(html.escape(c)) for c in row) + "</tr>"
        for row in (HEADER, *RULED_ROWS)
    )
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"></head>'
        "<body style=\"font-family:'DejaVu Sans';font-size:11pt;margin:2cm\">"
        f"<h1>{TITLE}</h1><p>{INTRO}</p><h2>{HEADING}</h2>"
        f"<table style='border-collapse:collapse;width:100%'>{table}</table>"
        f"<p>{AFTER}</p></body></html>"
    )


def _assert_ruled_rows(data: bytes) -> None:
    text = read_bytes(data).text
    lines = text.splitlines()
    start = lines.index(RULED_EXPECTED[0])
    assert lines[start : start + len(RULED_EXPECTED)] == RULED_EXPECTED, text
    assert lines[start + len(RULED_EXPECTED) : start + len(RULED_EXPECTED) + 2] == [
        "",
        AFTER,
    ], text


def test_a_weasyprint_table_ruled_between_its_rows_is_read_row_by_row() -> None:
    _assert_ruled_rows(_made(lambda: producers.weasyprint_pdf(_ruled_page())))


def test_a_chromium_printed_table_ruled_between_its_rows_is_read_row_by_row() -> None:
    _assert_ruled_rows(_made(lambda: producers.chromium_pdf(_ruled_page())))


# --- a two-digit list number glued to its text in a PDF ---------------------------


def test_a_two_digit_list_number_in_a_libreoffice_pdf_is_a_list_marker() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Kommunen i Åsen lovar att")
    items = [f"Rensa sly längs cykelväg nummer {n} före midsommar." for n in range(12)]
    for item in items:
        document.add_paragraph(item, style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    data = _made(lambda: producers.libreoffice_pdf(buffer.getvalue()))
    lines = read_bytes(data).text.splitlines()
    assert [f"{n + 1}. {item}" for n, item in enumerate(items)] == lines[2:], lines


def test_a_libreoffice_pdf_of_a_word_table_grid_is_read_row_by_row() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(HEADING, level=2)
    table = document.add_table(rows=1 + len(RULED_ROWS), cols=2)
    table.style = "Table Grid"  # rules between rows, no padding above the text
    for r, row in enumerate((HEADER, *RULED_ROWS)):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.add_paragraph(AFTER)
    buffer = io.BytesIO()
    document.save(buffer)
    _assert_ruled_rows(_made(lambda: producers.libreoffice_pdf(buffer.getvalue())))
