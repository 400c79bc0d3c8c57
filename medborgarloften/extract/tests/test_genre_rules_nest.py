"""Nested lists in Word files (issue #14): a sub-list keeps its level, read back
indented as a text file writes it, so the structure stage sets its items under
their item. Every document here is invented for the test.
"""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.cleanup import normalise
from medborgarloften.extract.record import extract_record

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _read(document) -> str:
    buffer = io.BytesIO()
    document.save(buffer)
    return read_bytes(buffer.getvalue(), filename="lofte.docx").text


def _record(document) -> dict:
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes(buffer.getvalue(), filename="lofte.docx").text
    return extract_record(text, record_id="test")


def _lettered_numbering(document) -> str:
    """A two-level numbering as Word makes it: "1." over "a)"; its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>'
        f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for level, (fmt, text) in enumerate(
            (("decimal", "%1."), ("lowerLetter", "%2)"))
        )
    )
    numbering.find(f"{{{W}}}num").addprevious(
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="77">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(
            f'<w:num xmlns:w="{W}" w:numId="66"><w:abstractNumId w:val="77"/></w:num>'
        )
    )
    return "66"


def _item(document, text: str, num_id: str, level: int) -> None:
    paragraph = document.add_paragraph(text, style="List Paragraph")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_a_two_level_bulleted_list_in_list_bullet_styles_is_read_indented() -> None:
    document = docx.Document()
    document.add_paragraph("Polisen och kommunen lovar att:")
    document.add_paragraph("ordna tre medborgardialoger i Västerby:", "List Bullet")
    document.add_paragraph("i mars", "List Bullet 2")
    document.add_paragraph("i september", "List Bullet 2")
    document.add_paragraph("städa gångtunneln vid Åsvägen varje vecka.", "List Bullet")
    assert _read(document) == (
        "Polisen och kommunen lovar att:\n\n"
        "• ordna tre medborgardialoger i Västerby:\n"
        "    • i mars\n"
        "    • i september\n"
        "• städa gångtunneln vid Åsvägen varje vecka.\n"
    )


def test_a_numbered_list_with_lettered_sub_items_keeps_their_level() -> None:
    document = docx.Document()
    num = _lettered_numbering(document)
    _item(document, "Minska skadegörelsen vid Västerby skola genom att", num, 0)
    _item(document, "kommunen tar bort klotter inom ett dygn,", num, 1)
    _item(document, "polisen patrullerar vid skolan på helgkvällar.", num, 1)
    _item(document, "Öka tryggheten i Västerby centrum genom att", num, 0)
    _item(document, "kommunen byter belysning längs gångstråken.", num, 1)
    assert _read(document) == (
        "1. Minska skadegörelsen vid Västerby skola genom att\n"
        "    a) kommunen tar bort klotter inom ett dygn,\n"
        "    b) polisen patrullerar vid skolan på helgkvällar.\n"
        "2. Öka tryggheten i Västerby centrum genom att\n"
        "    a) kommunen byter belysning längs gångstråken.\n"
    )


def test_an_indented_list_paragraph_without_numbering_is_a_deeper_item() -> None:
    document = docx.Document()
    document.add_paragraph("Kursen för föräldrar tar upp", "List Paragraph")
    deeper = document.add_paragraph("droger och alkohol", "List Paragraph")
    deeper._p.get_or_add_pPr().append(
        parse_xml(f'<w:ind xmlns:w="{W}" w:left="1440"/>')
    )
    assert _read(document) == (
        "• Kursen för föräldrar tar upp\n    • droger och alkohol\n"
    )


def test_clean_up_keeps_a_sub_items_indentation_but_not_a_lines() -> None:
    text = "Vi lovar att:\n- hålla möten i\n    – mars\n   a) april\n  Kommunen.\n"
    assert normalise(text) == (
        "Vi lovar att:\n• hålla möten i\n    • mars\n   a) april\nKommunen.\n"
    )
    assert normalise(text, keep_indent=True).splitlines()[2] == "    • mars"


NESTED_AS_TEXT = """Medborgarlöfte Västerby 2032

Polisen och Västerby kommun lovar att:
• hålla tre öppna möten med boende i Västerby centrum:
    • i februari 2032
    • i juni 2032
    • i oktober 2032
• ge alla elever i årskurs 8 en lektion om narkotika. Lektionen tar upp
    • vad lagen säger
    • var man får hjälp
• ta bort klotter på kommunens fastigheter inom 48 timmar.
"""


def test_a_nested_word_list_gives_the_commitments_of_the_same_text() -> None:
    document = docx.Document()
    document.add_heading("Medborgarlöfte Västerby 2032", level=1)
    document.add_paragraph("Polisen och Västerby kommun lovar att:")
    for line in NESTED_AS_TEXT.splitlines()[3:]:
        style = "List Bullet 2" if line.startswith(" ") else "List Bullet"
        document.add_paragraph(line.strip().lstrip("• "), style)
    from_word = _record(document)
    from_text = extract_record(NESTED_AS_TEXT, record_id="test")
    word = [" ".join(c["text"].split()) for c in from_word["commitments"]]
    text = [" ".join(c["text"].split()) for c in from_text["commitments"]]
    assert len(text) == 3
    assert word == text
    assert [c["responsible"] for c in from_word["commitments"]] == [
        c["responsible"] for c in from_text["commitments"]
    ]


def test_a_sub_list_right_under_a_line_of_text_stays_with_it() -> None:
    document = docx.Document()
    num = _lettered_numbering(document)
    document.add_paragraph("2.1 Kommunen informerar föräldrar om narkotika genom")
    _item(document, "ett föräldramöte i april,", num, 1)
    _item(document, "ett brev hem via skolan.", num, 1)
    document.add_paragraph("2.2 Polisen besöker skolorna varje termin.")
    assert _read(document) == (
        "2.1 Kommunen informerar föräldrar om narkotika genom\n"
        "    a) ett föräldramöte i april,\n"
        "    b) ett brev hem via skolan.\n\n"
        "2.2 Polisen besöker skolorna varje termin.\n"
    )


def test_a_pdf_list_keeps_a_sub_list_set_in_from_its_items_text() -> None:
    from medborgarloften.extract.tests.pdfgen import Page, build_pdf

    page = Page()
    rows = [
        (72, "Polisen och kommunen lovar att:"),
        (90, "• ordna tre medborgardialoger i Västerby:"),
        (120, "– i mars"),
        (120, "– i september"),
        (90, "• städa gångtunneln vid Åsvägen varje vecka."),
    ]
    for i, (x, text) in enumerate(rows):
        page.text(x, 760 - 16 * i - (8 if i else 0), text)
    read = read_bytes(build_pdf([page]), filename="lofte.pdf").text
    assert read.endswith(
        "• ordna tre medborgardialoger i Västerby:\n"
        "    • i mars\n"
        "    • i september\n"
        "• städa gångtunneln vid Åsvägen varje vecka.\n"
    )


def test_a_pdf_sub_list_set_well_in_under_a_line_of_text_stays_with_it() -> None:
    from medborgarloften.extract.tests.pdfgen import Page, build_pdf

    page = Page()
    rows = [
        (72, "2.1 Kommunen informerar föräldrar om narkotika genom"),
        (120, "a) ett föräldramöte i april,"),
        (120, "b) ett brev hem via skolan."),
    ]
    for i, (x, text) in enumerate(rows):
        page.text(x, 760 - 16 * i - (8 if i else 0), text)
    assert read_bytes(build_pdf([page]), filename="lofte.pdf").text == (
        "2.1 Kommunen informerar föräldrar om narkotika genom\n"
        "    a) ett föräldramöte i april,\n"
        "    b) ett brev hem via skolan.\n"
    )
    # a list only a first level's indentation in stays a list of its own
    flat = Page()
    rows = [
        (72, "Polisen och kommunen lovar att"),
        (90, "• städa gångtunneln varje vecka."),
        (90, "• hålla tre möten i Västerby."),
    ]
    for i, (x, text) in enumerate(rows):
        flat.text(x, 760 - 16 * i - (8 if i else 0), text)
    assert read_bytes(build_pdf([flat]), filename="lofte.pdf").text.endswith(
        "\n• städa gångtunneln varje vecka.\n• hålla tre möten i Västerby.\n"
    )
