"""The one reader of uploaded tables (CSV and XLSX)."""

from __future__ import annotations

import io

import pytest

from medborgarloften.extract.readers.xlsx import is_percent_format
from medborgarloften.extract.tests.xlsxgen import xlsx
from medborgarloften.lib.tabular import (
    NotATableError,
    TableError,
    decode_text,
    is_xlsx,
    not_a_table,
    read_rows,
    sniff_delimiter,
)


def test_it_reads_utf8_with_or_without_a_bom_and_windows_1252():
    assert decode_text("Område;År".encode()) == "Område;År"
    assert decode_text("\ufeffOmråde;År".encode()) == "Område;År"
    assert decode_text("Område;År".encode("cp1252")) == "Område;År"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Kommun;Antal;Per 100 000 inv.\nKalmar;12;12,5\n", ";"),
        ("\n\nnr,datum,typ\n1,2025-01-01,a\n", ","),
        ("Kommun\tAntal\n", "\t"),
    ],
)
def test_it_takes_the_delimiter_from_the_first_line(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_it_knows_a_workbook_by_name_or_signature():
    assert is_xlsx(b"", "Lista.XLSX")
    assert is_xlsx(b"PK\x03\x04...", "lista.csv")
    assert not is_xlsx(b"nr;datum", "lista.csv")


def test_it_reads_csv_rows_blank_ones_kept():
    data = "Kommun;Antal\n\nKalmar;12,5\n".encode("cp1252")
    assert read_rows(data, "brott.csv", max_rows=10) == [
        ["Kommun", "Antal"],
        [],
        ["Kalmar", "12,5"],
    ]


def test_it_reads_the_first_sheet_of_a_workbook():
    data = xlsx([(1, ["Kommun", "Antal"]), (2, ["Kalmar", 12])])
    rows = read_rows(data, "brott.xlsx", max_rows=10)
    assert rows[0] == ["Kommun", "Antal"]
    assert rows[1][0] == "Kalmar" and rows[1][1] == 12


def test_it_refuses_more_rows_than_the_caller_takes():
    with pytest.raises(TableError, match="fler än 3 rader; dela upp den"):
        read_rows(b"a;b\n" * 4, "x.csv", max_rows=3)
    data = xlsx([(1, ["a"]), (2, ["b"]), (900, ["c"])], dimension="A1:A900")
    with pytest.raises(TableError, match="^Excel-filen har fler än 3 rader.$"):
        read_rows(data, "x.xlsx", max_rows=3)


def test_it_refuses_a_broken_workbook_in_swedish():
    with pytest.raises(TableError) as refused:
        read_rows(b"PK\x03\x04broken", "x.xlsx", max_rows=10)
    assert str(refused.value).endswith(".") and " / " not in str(refused.value)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Vecka;Antal\n12;4\x00\x01\x02\x03\n",
    ],
)
def test_a_file_of_another_kind_is_named_as_such(data):
    with pytest.raises(NotATableError, match="inte en CSV- eller Excel-fil"):
        read_rows(data, "lista.csv", max_rows=10)


def test_a_text_table_in_any_encoding_is_no_other_kind():
    assert not_a_table("Vecka;Område\n3;Söder\n".encode("cp1252")) is None
    assert not_a_table("\ufeffVecka,Antal\r\n1,2\r\n".encode()) is None
    assert not_a_table(b"a\tb\x0cc\n") is None
    # Word's line break in a cell, and one stray control character in a long list.
    assert not_a_table(b"Text\nVi gick\x0bTolv deltog\n") is None
    assert not_a_table(b"Text\n" + b"rad\n" * 100 + b"sm\x1butsad\n") is None


def _openpyxl_workbook(rows: list[list[object]], formats: dict[str, str]) -> bytes:
    """A workbook as Excel keeps it (openpyxl writes what Excel writes): number
    formats per cell ("B2": "0.0%")."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for reference, number_format in formats.items():
        sheet[reference].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_share_formatted_as_percent_is_read_as_the_spreadsheet_shows_it():
    # Excel stores "41,0 %" as 0.41; an import of shares wants 41.
    data = _openpyxl_workbook(
        [["Område", "Andel otrygga", "Svarande", "Kvot"], ["Berga", 0.41, 212, 0.415]],
        {"B2": "0.0%", "D2": "0.00"},
    )
    rows = read_rows(data, "enkat.xlsx", max_rows=10)
    assert rows[1] == ["Berga", 41.0, 212, 0.415]


def test_percent_formats_are_told_from_a_quoted_percent_sign():
    assert is_percent_format("0%") and is_percent_format("0.0 %")
    assert is_percent_format("#,##0.00%;[Red]-#,##0.00%")
    assert not is_percent_format('0.0" %"')  # the sign is text: shown as stored
    assert not is_percent_format("0\\%")
    assert not is_percent_format("General") and not is_percent_format(None)


def test_a_whole_share_does_not_gain_float_noise():
    data = _openpyxl_workbook(
        [["Andel"], [0.07], [0.145], [1]], {f"A{n}": "0%" for n in (2, 3, 4)}
    )
    assert read_rows(data, "x.xlsx", max_rows=10)[1:] == [[7.0], [14.5], [100]]


def test_its_refusals_speak_the_pages_language():
    # lib/tabular's sentences were Swedish on English pages too (open-data review):
    # they go through gettext like the rest of the site.
    from django.utils import translation

    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    with translation.override("en"):
        with pytest.raises(NotATableError) as refused:
            read_rows(pdf, "lista.csv", max_rows=10)
        assert str(refused.value) == (
            "The file is not a CSV or Excel file (it is a PDF). Save the list as "
            "CSV or XLSX and upload it again."
        )
        with pytest.raises(TableError) as refused:
            read_rows(b"a;b\n" * 4, "x.csv", max_rows=3)
        assert str(refused.value) == "The file has more than 3 rows; split it up."
        assert not_a_table(b"Vecka;Antal\n12;4\x00\x01\x02\x03\n") == "not a text file"
        data = xlsx([(1, ["a"]), (2, ["b"]), (900, ["c"])], dimension="A1:A900")
        with pytest.raises(TableError) as refused:
            read_rows(data, "x.xlsx", max_rows=3)
        assert str(refused.value) == "The Excel file has more than 3 rows."
    with (
        translation.override("sv"),
        pytest.raises(NotATableError, match=r"\(den är en PDF\)"),
    ):
        read_rows(pdf, "lista.csv", max_rows=10)
