"""Zip containers and spreadsheets within limits (issue #13, M2).

The hostile files are built here, small: many parts, much XML in parts too small
for a ratio check, a part that lies about its size, and spreadsheets whose few
bytes declare millions of rows or cells.
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import archive, read_bytes
from medborgarloften.extract.readers import docx as docx_reader
from medborgarloften.extract.readers.xlsx import xlsx_rows
from medborgarloften.extract.tests.xlsxgen import xlsx

LIMITS = archive.ZipLimits(
    name=("Filen", "the file"), max_members=10, max_total=10_000, max_xml=5_000
)


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as container:
        for name, data in members.items():
            container.writestr(name, data)
    return out.getvalue()


def test_it_returns_the_names_of_a_container_within_its_limits():
    data = zip_of({"a.xml": b"<a/>", "media/b.png": bytes(100)})
    assert archive.check_zip(data, LIMITS) == ["a.xml", "media/b.png"]


def test_it_refuses_too_many_parts():
    data = zip_of({f"p{i}.bin": b"x" for i in range(11)})
    with pytest.raises(ExtractError, match="har över 10 delar / the file has more"):
        archive.check_zip(data, LIMITS)


def test_it_refuses_too_much_unpacked_data_in_all():
    data = zip_of({"a.bin": bytes(6_000), "b.bin": bytes(6_000)})
    with pytest.raises(ExtractError, match="packas upp till mer än"):
        archive.check_zip(data, LIMITS)


def test_it_refuses_too_much_xml_even_in_parts_too_small_for_a_ratio_check():
    data = zip_of({f"h{i}.xml": b"<p/>" * 400 for i in range(4)})  # 6 400 bytes
    with pytest.raises(ExtractError, match="mer än .* MB XML .*of XML"):
        archive.check_zip(data, LIMITS)


def _lie_about_size(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the declared unpacked size of ``name`` in both of its headers."""
    out = bytearray(data)
    local = out.find(b"PK\x03\x04")
    while local != -1:
        length = struct.unpack_from("<H", out, local + 26)[0]
        if out[local + 30 : local + 30 + length] == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + length] == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


@pytest.mark.parametrize("declared", [100, 50_000])
def test_it_refuses_a_part_whose_real_size_is_not_the_declared_one(declared):
    honest = zip_of({"a.xml": b"<p>Polisen ska</p>" * 200})  # 3 600 bytes
    data = _lie_about_size(honest, b"a.xml", declared)
    limits = archive.ZipLimits(
        name=("Filen", "the file"),
        max_members=10,
        max_total=100_000,
        max_xml=100_000,
    )
    with pytest.raises(ExtractError, match="är skadad: delen a.xml"):
        archive.check_zip(data, limits)


def test_a_word_file_with_more_parts_than_word_makes_is_refused():
    parts = {"word/document.xml": b"<w:document/>"}
    parts.update({f"word/header{i}.xml": b"<w:hdr/>" for i in range(1001)})
    with pytest.raises(ExtractError, match="Word-filen har över 1000 delar"):
        read_bytes(zip_of(parts), filename="lofte.docx")


def test_a_word_file_with_too_much_xml_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_XML_BYTES", 100_000)
    parts = {"word/document.xml": b"<w:document/>"}
    parts.update({f"word/header{i}.xml": b"<w:p/>" * 5_000 for i in range(5)})
    with pytest.raises(ExtractError, match="Word-filen innehåller mer än"):
        read_bytes(zip_of(parts), filename="lofte.docx")


def test_the_word_limits_leave_room_for_real_documents():
    assert docx_reader.MAX_XML_BYTES >= 20 * 1024 * 1024
    assert docx_reader.MAX_MEMBERS >= 500


# --- Spreadsheets --------------------------------------------------------------------


def test_it_reads_an_ordinary_sheet():
    data = xlsx([(1, ["Område", "År"]), (2, ["Norrliden", 2024])], dimension="A1:B2")
    assert xlsx_rows(data, max_rows=10) == [["Område", "År"], ["Norrliden", 2024]]


def test_it_stops_at_the_row_limit_of_a_sheet_that_declares_a_million_rows():
    data = xlsx([(1, ["a"]), (1_048_576, ["b"])], dimension="A1:XFD1048576")
    assert len(data) < 2_000

    with pytest.raises(ExtractError, match="fler än 1 000 rader / .*more than 1 000"):
        xlsx_rows(data, max_rows=1_000)


def test_it_reads_a_declared_width_no_wider_than_the_column_limit():
    data = xlsx([(1, ["a", "b"])], dimension="A1:XFD1")
    assert xlsx_rows(data, max_rows=10, max_columns=5) == [["a", "b", None, None, None]]


def test_it_refuses_more_cells_than_the_limit():
    row = list(range(100))
    data = xlsx([(n, row) for n in range(1, 101)])  # no dimension: 10 000 cells
    with pytest.raises(ExtractError, match="fler än 5 000 celler"):
        xlsx_rows(data, max_rows=1_000, max_cells=5_000)


def test_a_far_away_cell_counts_without_widening_the_rows():
    data = xlsx([(1, ["a"]), (2, ["b", *([""] * 300)])])
    rows = xlsx_rows(data, max_rows=10, max_columns=4)
    assert [len(r) for r in rows] == [1, 4]


def test_it_refuses_a_spreadsheet_with_too_many_parts():
    with pytest.raises(ExtractError, match="Excel-filen har över 500 delar"):
        xlsx_rows(xlsx([(1, ["a"])], extra_parts=500), max_rows=10)


def test_it_refuses_a_file_that_is_not_a_spreadsheet():
    with pytest.raises(ExtractError, match="Filen är inte en giltig Excel-fil"):
        xlsx_rows(b"PK\x03\x04broken", max_rows=10)
