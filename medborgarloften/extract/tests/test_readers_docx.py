"""DOCX reader: body order, headings, bullets, tables, and hostile zip files."""

from __future__ import annotations

import io
import os
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import docx as docx_reader
from medborgarloften.extract.readers import read_bytes


def make_docx() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Medborgarlöfte Söderby 2025"
    document.add_heading("Medborgarlöfte för Söderby 2025–2026", level=1)
    document.add_paragraph(
        "Lokalpolisområde Söderby och Söderby kommun lovar gemensamt att öka "
        "tryggheten vid resecentrum."
    )
    document.add_heading("Det här gör vi", level=2)
    document.add_paragraph("Polisen ökar närvaron på fredagskvällar.", "List Bullet")
    document.add_paragraph("Kommunen rustar upp belysningen i parken.", "List Bullet")
    document.add_paragraph("Vi redovisar resultatet i december.", "List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Aktivitet"
    table.cell(0, 1).text = "Ansvarig"
    table.cell(1, 0).text = "Trygghetsvandring i Östra Söderby"
    table.cell(1, 1).text = "Kommunens fältare"
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Uppföljning varje halvår"
    document.add_paragraph("Kontakt: trygghetssamordnaren i Söderby kommun.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_it_reads_paragraphs_headings_bullets_and_tables_in_body_order() -> None:
    result = read_bytes(make_docx(), filename="löfte.docx")
    assert result.kind == "docx"
    assert result.meta["title"] == "Medborgarlöfte Söderby 2025"
    assert result.text == (
        "Medborgarlöfte för Söderby 2025–2026\n\n"
        "Lokalpolisområde Söderby och Söderby kommun lovar gemensamt att öka "
        "tryggheten vid resecentrum.\n\n"
        "Det här gör vi\n\n"
        "• Polisen ökar närvaron på fredagskvällar.\n"
        "• Kommunen rustar upp belysningen i parken.\n"
        "1. Vi redovisar resultatet i december.\n\n"
        "Aktivitet    Ansvarig\n"
        "Trygghetsvandring i Östra Söderby    Kommunens fältare\n\n"
        "Uppföljning varje halvår\n\n"
        "Kontakt: trygghetssamordnaren i Söderby kommun.\n"
    )


def test_it_sniffs_a_docx_without_a_file_name() -> None:
    assert read_bytes(make_docx()).kind == "docx"


def test_it_refuses_a_docx_that_is_not_a_zip() -> None:
    with pytest.raises(ExtractError, match="inte en zip-fil"):
        read_bytes("Det här är ingen Word-fil.".encode(), filename="löfte.docx")


def test_it_refuses_a_zip_without_word_document_xml() -> None:
    data = zip_bytes({"content.xml": b"<office:document/>"})
    with pytest.raises(ExtractError, match="word/document.xml saknas"):
        read_bytes(data, filename="löfte.docx")


def test_it_refuses_a_zip_bomb_by_compression_ratio() -> None:
    data = zip_bytes(
        {"word/document.xml": b"<w:document/>", "word/media/big.bin": bytes(4_000_000)}
    )
    with pytest.raises(ExtractError, match="komprimeringsgrad .*zip bomb"):
        read_bytes(data, filename="löfte.docx")


def test_it_refuses_a_zip_that_unpacks_too_large(monkeypatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1_000_000)
    data = zip_bytes(
        {
            "word/document.xml": b"<w:document/>",
            "word/media/photo.bin": os.urandom(1_500_000),
        }
    )
    with pytest.raises(ExtractError, match="packas upp till mer än"):
        read_bytes(data, filename="löfte.docx")


def test_it_refuses_a_corrupt_document_xml() -> None:
    data = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document><trasig",
        }
    )
    with pytest.raises(ExtractError, match="Word-dokumentet är skadat"):
        read_bytes(data, filename="löfte.docx")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def test_it_reads_text_boxes_once_and_content_controls_in_order() -> None:
    document = docx.Document()
    document.add_paragraph("Före rutan.")
    box = (
        f'<w:p xmlns:w="{W}" xmlns:mc="{MC}"><w:r><mc:AlternateContent>'
        "<mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>Vi lovar fler trygghetsvandringar i Åby.</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>Vi lovar fler trygghetsvandringar i Åby.</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    control = (
        f'<w:sdt xmlns:w="{W}"><w:sdtContent>'
        "<w:p><w:r><w:t>Text i en innehållskontroll.</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    last = document.add_paragraph("Efter rutan.")._p
    last.addprevious(parse_xml(box))
    last.addprevious(parse_xml(control))
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_bytes(buffer.getvalue()).text == (
        "Före rutan.\n\nVi lovar fler trygghetsvandringar i Åby.\n\n"
        "Text i en innehållskontroll.\n\nEfter rutan.\n"
    )
