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
    with pytest.raises(ExtractError, match="Word-filen är skadad"):
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


def _numbering(document, levels: list[tuple[str, str]], *, start: int = 1) -> str:
    """Add an abstract numbering (format, level text per level) and a num; its id."""
    numbering = document.part.numbering_part.element
    abstract_id = str(900 + len(numbering.findall(f"{{{W}}}abstractNum")))
    lvls = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for level, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract_id}">{lvls}'
        "</w:abstractNum>"
    )
    first_num = numbering.find(f"{{{W}}}num")
    first_num.addprevious(abstract)
    num_id = str(800 + len(numbering.findall(f"{{{W}}}num")))
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W}" w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return num_id


def _numbered(document, text: str, num_id: str, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def _read(document) -> str:
    buffer = io.BytesIO()
    document.save(buffer)
    return read_bytes(buffer.getvalue(), filename="lofte.docx").text


def test_it_numbers_list_items_from_the_numbering_definitions() -> None:
    document = docx.Document()
    decimal = _numbering(document, [("decimal", "%1."), ("lowerLetter", "%2)")])
    _numbered(document, "Ökad trygghet i Norrliden.", decimal)
    _numbered(document, "Polisen patrullerar till fots.", decimal, level=1)
    _numbered(document, "Kommunen byter belysning.", decimal, level=1)
    _numbered(document, "Färre unga i kontakt med narkotika.", decimal)
    _numbered(document, "Föräldramöten på alla skolor.", decimal, level=1)
    roman = _numbering(document, [("upperRoman", "%1.")])
    _numbered(document, "Romerska siffror blir punkter.", roman)
    hidden = _numbering(document, [("none", "")])
    _numbered(document, "En numrering utan tecken är ett vanligt stycke.", hidden)
    assert _read(document) == (
        "1. Ökad trygghet i Norrliden.\n"
        "    a) Polisen patrullerar till fots.\n"
        "    b) Kommunen byter belysning.\n"
        "2. Färre unga i kontakt med narkotika.\n"
        "    a) Föräldramöten på alla skolor.\n"
        "• Romerska siffror blir punkter.\n\n"
        "En numrering utan tecken är ett vanligt stycke.\n"
    )


def test_it_keeps_soft_breaks_tabs_and_tracked_changes_as_written() -> None:
    document = docx.Document()
    signature = document.add_paragraph()
    signature.add_run("Anna Andersson").add_break()
    signature.add_run("Kommunstyrelsens ordförande")
    document.add_paragraph("Anna Andersson\tPer Persson")
    changed = document.add_paragraph()
    changed._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="1" w:author="A" w:date="2030-01-01T00:00:00Z">'
            "<w:r><w:t>Vi lovar tre vandringar</w:t></w:r></w:ins>"
        )
    )
    changed._p.append(
        parse_xml(
            f'<w:del xmlns:w="{W}" w:id="2" w:author="A" w:date="2030-01-01T00:00:00Z">'
            "<w:r><w:delText> och en strykt mening</w:delText></w:r></w:del>"
        )
    )
    changed.add_run(" i Norrliden.")
    assert _read(document) == (
        "Anna Andersson\nKommunstyrelsens ordförande\n\n"
        "Anna Andersson    Per Persson\n\n"
        "Vi lovar tre vandringar i Norrliden.\n"
    )


def test_it_keeps_the_columns_of_a_signature_table_and_reads_long_cells_in_turn() -> (
    None
):
    document = docx.Document()
    signatures = document.add_table(rows=1, cols=2)
    left, right = signatures.rows[0].cells
    left.text = "Anna Andersson"
    left.add_paragraph("Kommunstyrelsens ordförande")
    right.text = "Per Persson"
    right.add_paragraph("Lokalpolisområdeschef")
    plan = document.add_table(rows=2, cols=2)
    plan.cell(0, 0).text = (
        "Genomföra minst tre trygghetsvandringar i Norrliden per år tillsammans med "
        "boende och föreningar."
    )
    plan.cell(0, 1).text = "Polisen"
    plan.cell(1, 0).merge(plan.cell(1, 1)).text = "Uppföljning varje halvår."
    assert _read(document) == (
        "Anna Andersson    Per Persson\n"
        "Kommunstyrelsens ordförande    Lokalpolisområdeschef\n\n"
        "Genomföra minst tre trygghetsvandringar i Norrliden per år tillsammans med "
        "boende och föreningar.\nPolisen\nUppföljning varje halvår.\n"
    )


def test_it_keeps_an_action_tables_rows_whole_under_its_column_names() -> None:
    document = docx.Document()
    plan = document.add_table(rows=3, cols=3)
    for col, name in enumerate(("Aktivitet", "Ansvarig", "När")):
        plan.cell(0, col).text = name
    plan.cell(
        1, 0
    ).text = (
        "Genomföra riktade kontroller vid busstationen på fredags- och lördagskvällar"
    )
    plan.cell(1, 1).text = "Polisen"
    plan.cell(1, 2).text = "Minst 20 kvällar under året"
    plan.cell(
        2, 0
    ).text = "Ordna nattvandringar tillsammans med föreningen Föräldrar på stan"
    plan.cell(2, 1).text = "Kommunen och polisen"
    plan.cell(2, 2).text = "En gång i månaden"
    assert _read(document) == (
        "Aktivitet    Ansvarig    När\n"
        "Genomföra riktade kontroller vid busstationen på fredags- och "
        "lördagskvällar    Polisen    Minst 20 kvällar under året\n"
        "Ordna nattvandringar tillsammans med föreningen Föräldrar på stan    "
        "Kommunen och polisen    En gång i månaden\n"
    )


def test_it_continues_a_list_item_broken_by_enter_mid_sentence() -> None:
    document = docx.Document()
    document.add_paragraph(
        "Polisen ska arbeta för att tryggheten ska öka och", "List Bullet"
    )
    document.add_paragraph("samverkan med kommunen ska fördjupas.")
    document.add_paragraph("Uppföljning sker varje halvår.")
    assert _read(document) == (
        "• Polisen ska arbeta för att tryggheten ska öka och samverkan med kommunen "
        "ska fördjupas.\n\nUppföljning sker varje halvår.\n"
    )


def test_it_keeps_page_headers_and_footers_apart_from_the_text() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "TJÄNSTESKRIVELSE\tDnr KS 2030/123"
    section.footer.paragraphs[0].text = "Kalmar kommun, Box 611"
    document.add_paragraph("Medborgarlöfte för Kalmar kommun 2031")
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_bytes(buffer.getvalue(), filename="lofte.docx")
    assert result.text == "Medborgarlöfte för Kalmar kommun 2031\n"
    # A tab is a layout gap, as in the text.
    assert result.meta["page_header"] == "TJÄNSTESKRIVELSE    Dnr KS 2030/123"
    assert result.meta["page_footer"] == "Kalmar kommun, Box 611"
