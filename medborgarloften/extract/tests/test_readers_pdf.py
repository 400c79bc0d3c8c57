"""PDF reader: text layer clean-up, layout, and the PDFs users get wrong."""

from __future__ import annotations

import io
import os
import stat
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import ocr, read_bytes, read_path
from medborgarloften.extract.tests.pdfgen import Page, build_pdf, layout_paragraphs

PROMISE = (
    "Lokalpolisområdet och kommunen lovar att genomföra trygghetsvandringar i "
    "Norrdal under året. Vi bjuder in boende, föreningar och fastighetsägare till "
    "varje vandring och redovisar vad som har åtgärdats inom tre månader."
)


def varied_promises(count: int) -> list[str]:
    """Distinct paragraphs (a real document does not repeat its body lines)."""
    letters = "abcdefghij"
    return [
        f"I kvarteret {letters[n % 10].upper()}{letters[n // 10]}sta {PROMISE}"
        for n in range(count)
    ]


def lines_page(lines: list[str], *, x: float = 72, top: float = 700) -> Page:
    page = Page()
    for number, line in enumerate(lines):
        page.text(x, top - 14 * number, line)
    return page


def read_pdf_bytes(pages: list[Page]) -> str:
    result = read_bytes(build_pdf(pages), filename="löfte.pdf")
    assert result.kind == "pdf"
    return result.text


def test_it_joins_hyphenated_line_ends_but_keeps_real_hyphens() -> None:
    text = read_pdf_bytes(
        [
            lines_page(
                [
                    "Vi genomför en trygghets-",
                    "vandring i Berga-",
                    "Funkabo tillsammans med Polis-",
                    "och kommun varje månad 2025-",
                    "2026 och ses igen.",
                ]
            )
        ]
    )
    assert (
        "Vi genomför en trygghetsvandring i Berga-Funkabo tillsammans med Polis- "
        "och kommun varje månad 2025-2026 och ses igen." in text
    )


def test_it_expands_ligatures_and_keeps_swedish_letters_in_nfc() -> None:
    text = read_pdf_bytes([lines_page(["Det ﬁnns ﬂera ﬀ ﬃ ﬄ i Älvsjö och Åby."])])
    assert "Det finns flera ff ffi ffl i Älvsjö och Åby." in text
    assert unicodedata.is_normalized("NFC", text)
    assert "\ufb01" not in text


@pytest.mark.parametrize(
    "footer",
    ["Sida {page} av {pages}", "{page} ({pages})", "{page}", "- {page} -"],
)
def test_it_removes_running_headers_footers_and_page_numbers(footer: str) -> None:
    pages = layout_paragraphs(
        varied_promises(40),
        header="Medborgarlöfte Norrdal 2025–2026",
        footer=footer,
    )
    assert len(pages) >= 3
    text = read_pdf_bytes(pages)
    assert "Medborgarlöfte Norrdal" not in text
    assert "Sida" not in text
    assert not any(line.strip().strip("-() ").isdigit() for line in text.split("\n"))
    assert text.count("trygghetsvandringar i Norrdal") == 40


def test_it_keeps_a_heading_that_appears_once() -> None:
    pages = layout_paragraphs(["Våra medborgarlöften", PROMISE, PROMISE])
    text = read_pdf_bytes(pages)
    assert text.startswith("Våra medborgarlöften\n\n")


def test_it_separates_paragraphs_with_blank_lines_and_reflows_lines() -> None:
    pages = layout_paragraphs(
        [PROMISE, "Uppföljning sker varje halvår i samverkansgruppen."]
    )
    text = read_pdf_bytes(pages)
    assert text == PROMISE + "\n\nUppföljning sker varje halvår i samverkansgruppen.\n"


def test_it_reads_two_columns_left_then_right() -> None:
    page = Page()
    page.text(72, 780, "Medborgarlöfte för Norrdal och Söderby 2025", size=16)
    left = [
        "Vänster spalt börjar här med",
        "trygghetsvandringar i Norrdal",
        "som genomförs varje månad av",
        "polisen och kommunens fältare",
        "tillsammans med boende i området.",
    ]
    right = [
        "Höger spalt fortsätter med",
        "belysning längs gångvägen vid",
        "skolan som kommunen ska byta",
        "före december och följa upp",
        "med en ny trygghetsmätning.",
    ]
    # Rows are written across the page, so the file's own order mixes columns.
    for number, (left_line, right_line) in enumerate(zip(left, right, strict=True)):
        page.text(72, 740 - 14 * number, left_line)
        page.text(320, 740 - 14 * number, right_line)
    result = read_bytes(build_pdf([page]))
    text = result.text
    assert result.meta["two_column_pages"] == 1
    assert text.index("Medborgarlöfte för Norrdal") < text.index("Vänster spalt")
    assert text.index("tillsammans med boende i området.") < text.index("Höger spalt")
    assert "Vänster spalt börjar här med trygghetsvandringar i Norrdal" in text
    assert "byta före december" in text


def test_it_keeps_a_single_column_page_in_order() -> None:
    text = read_pdf_bytes(layout_paragraphs([PROMISE] * 3))
    assert (
        read_bytes(build_pdf(layout_paragraphs([PROMISE]))).meta["two_column_pages"]
        == 0
    )
    assert text.count(PROMISE) == 3


def test_it_normalises_bullets() -> None:
    page = lines_page(
        [
            "Det här lovar vi:",
            "• Tolv trygghetsvandringar per år.",
            "– Bättre belysning vid skolan.",
            "- Tre öppna dialogmöten.",
        ]
    )
    text = read_pdf_bytes([page])
    assert (
        "Det här lovar vi:\n• Tolv trygghetsvandringar per år.\n"
        "• Bättre belysning vid skolan.\n• Tre öppna dialogmöten." in text
    )


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path):
    """A machine without OCR: nothing on PATH, and the cached lookup forgotten."""
    monkeypatch.setenv("PATH", str(tmp_path))
    ocr._tesseract.cache_clear()
    yield
    ocr._tesseract.cache_clear()


def test_it_says_what_to_do_with_a_scan_when_ocr_is_missing(no_tesseract) -> None:
    with pytest.raises(ExtractError) as caught:
        read_bytes(build_pdf([Page(drawing_only=True)]))
    message = str(caught.value)
    assert message == ocr.NEEDS_OCR
    assert "skannad bild utan text" in message
    assert "Be avsändaren om en PDF" in message and "sökbar" in message
    # The coordinator is told what to do, not which program the server lacks.
    for program in ("ocrmypdf", "tesseract", "installera", "installed"):
        assert program not in message.casefold()


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 2480 3508'>
<span class='ocr_line' title="bbox 300 400 1400 446; baseline 0 -10; x_size 46; x_descenders 9; x_ascenders 10">
<span class='ocrx_word' title='bbox 300 404 360 446; x_wconf 95'>Text</span>
<span class='ocrx_word' title='bbox 372 404 470 446; x_wconf 95'>som</span>
<span class='ocrx_word' title='bbox 482 404 620 446; x_wconf 95'>OCR</span>
<span class='ocrx_word' title='bbox 632 404 800 446; x_wconf 95'>hittade</span>
<span class='ocrx_word' title='bbox 812 404 840 446; x_wconf 95'>i</span>
<span class='ocrx_word' title='bbox 852 404 1100 446; x_wconf 95'>Norrdal:</span>
</span>
<span class='ocr_line' title="bbox 300 470 1400 516; baseline 0 -10; x_size 46; x_descenders 9; x_ascenders 10">
<span class='ocrx_word' title='bbox 310 484 325 499; x_wconf 60'>e</span>
<span class='ocrx_word' title='bbox 360 474 560 516; x_wconf 95'>Trygghet</span>
<span class='ocrx_word' title='bbox 572 474 640 516; x_wconf 95'>för</span>
<span class='ocrx_word' title='bbox 652 474 760 516; x_wconf 95'>alla.</span>
</span>
</div></body></html>
"""


def test_it_reads_a_scan_through_tesseract_when_installed(
    no_tesseract, tmp_path
) -> None:
    """A stand-in for tesseract answering in hOCR: the words go through the layout,
    and a small stray glyph apart from the line (OCR's reading of "•") is a bullet."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "tesseract"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "if '--list-langs' in sys.argv:\n"
        "    print('List of available languages (2):')\n"
        "    print('eng')\n"
        "    print('swe')\n"
        "else:\n"
        "    assert sys.argv[sys.argv.index('-l') + 1] == 'swe+eng'\n"
        f"    sys.stdout.write({HOCR!r})\n",
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    result = read_bytes(build_pdf([Page(drawing_only=True)]))
    assert result.text == "Text som OCR hittade i Norrdal:\n• Trygghet för alla.\n"
    assert result.meta["ocr"] is True
    assert result.meta["ocr_pages"] == [1]


def test_it_refuses_a_password_protected_pdf() -> None:
    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(build_pdf([lines_page([PROMISE])])))
    )
    writer.encrypt("hemligt", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ExtractError, match="lösenordsskyddad.* / the PDF is password"):
        read_bytes(buffer.getvalue())


def test_it_reads_a_pdf_with_only_an_owner_password() -> None:
    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(build_pdf([lines_page([PROMISE])])))
    )
    writer.encrypt("", owner_password="ägare", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "trygghetsvandringar i Norrdal" in read_bytes(buffer.getvalue()).text


def test_it_refuses_a_truncated_pdf() -> None:
    data = build_pdf(layout_paragraphs([PROMISE] * 10))
    with pytest.raises(ExtractError, match="avkortad.* / the PDF is truncated"):
        read_bytes(data[: len(data) // 2])


def test_it_refuses_a_corrupt_pdf() -> None:
    with pytest.raises(ExtractError, match="skadad .* / the PDF is corrupt"):
        read_bytes(b"%PDF-1.4\n" + b"trasig " * 200 + b"\n%%EOF\n")


def test_it_reads_a_pdf_file_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "medborgarlöfte.pdf"
    path.write_bytes(build_pdf(layout_paragraphs([PROMISE])))
    result = read_path(path)
    assert result.source == str(path)
    assert result.meta["pages"] == 1
    assert result.meta["language_guess"] == "sv"
    assert result.text == PROMISE + "\n"


def test_it_removes_chapter_headers_that_carry_the_page_number() -> None:
    pages = layout_paragraphs(varied_promises(60))
    assert len(pages) >= 6
    pages = pages[:6]
    for number, page in enumerate(pages, start=1):
        chapter = "Kapitel 1: Lägesbild" if number <= 3 else "Kapitel 2: Våra löften"
        page.text(72, 800, f"{chapter} {number}", size=9)
    text = read_pdf_bytes(pages)
    assert "Kapitel" not in text


def test_it_reads_a_brochure_page_title_and_intro_then_each_column() -> None:
    page = Page()
    page.text(72, 790, "Medborgarlöfte Exempelby 2025–2026", size=18)
    intro = [
        "Polisen och kommunen har tagit fram en gemensam lägesbild och lovar nu att",
        "arbeta med två frågor under de kommande två åren. Här beskriver vi vad vi ska",
        "göra och hur vi följer upp arbetet tillsammans med dem som bor i kommunen.",
    ]
    for number, line in enumerate(intro):
        page.text(72, 760 - 14 * number, line)
    left = [
        ("Trygg i centrum", 13),
        ("Vi ska öka närvaron i centrum", 11),
        ("under kvällar och helger, särskilt", 11),
        ("vid busstationen och torget.", 11),
        ("• Fältare ute varje fredag.", 11),
        ("• Polisen patrullerar till fots.", 11),
    ]
    right = [
        ("Unga och narkotika", 13),
        ("Vi ska arbeta förebyggande mot", 11),
        ("narkotika bland unga genom tidiga", 11),
        ("insatser och dialog med föräldrar.", 11),
        ("• Föräldramöten på alla skolor.", 11),
        ("• Samverkan med socialtjänsten.", 11),
    ]
    for number, ((left_text, left_size), (right_text, right_size)) in enumerate(
        zip(left, right, strict=True)
    ):
        page.text(72, 700 - 16 * number, left_text, size=left_size)
        page.text(310, 700 - 16 * number, right_text, size=right_size)
    page.text(290, 40, "3", size=9)
    assert read_pdf_bytes([page]) == (
        "Medborgarlöfte Exempelby 2025–2026\n\n"
        + " ".join(intro)
        + "\n\nTrygg i centrum\n\n"
        "Vi ska öka närvaron i centrum under kvällar och helger, särskilt vid "
        "busstationen och torget.\n"
        "• Fältare ute varje fredag.\n• Polisen patrullerar till fots.\n\n"
        "Unga och narkotika\n\n"
        "Vi ska arbeta förebyggande mot narkotika bland unga genom tidiga insatser "
        "och dialog med föräldrar.\n"
        "• Föräldramöten på alla skolor.\n• Samverkan med socialtjänsten.\n"
    )


def test_it_keeps_the_columns_of_a_signature_block_apart() -> None:
    page = lines_page(["Vi står bakom löftet och följer upp det varje halvår."])
    page.text(72, 600, "Anna Andersson")
    page.text(330, 600, "Per Persson")
    page.text(72, 586, "Kommunstyrelsens ordförande")
    page.text(330, 586, "Lokalpolisområdeschef")
    text = read_pdf_bytes([page])
    assert text.endswith(
        "\n\nAnna Andersson    Per Persson\n"
        "Kommunstyrelsens ordförande    Lokalpolisområdeschef\n"
    )


def test_it_lists_pages_without_text_in_a_mixed_file(no_tesseract) -> None:
    first, second = varied_promises(2)
    pages = [lines_page([first]), Page(drawing_only=True), lines_page([second])]
    result = read_bytes(build_pdf(pages))
    assert result.meta["pages_without_text"] == [2]


def test_it_keeps_the_title_that_the_running_header_repeats() -> None:
    pages = layout_paragraphs(varied_promises(40), header="Medborgarlöfte Norrdal 2025")
    pages[0].text(72, 780, "Medborgarlöfte Norrdal 2025", size=20)
    pages[0].items = [item for item in pages[0].items if item[1] != 800]
    text = read_pdf_bytes(pages)
    assert text.startswith("Medborgarlöfte Norrdal 2025\n\n")
    assert text.count("Medborgarlöfte Norrdal 2025") == 1
