"""HTML reader: main content only, bullets and headings kept, charsets honoured."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from medborgarloften.extract.readers import read_bytes, read_path
from medborgarloften.extract.readers.html import _fallback

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
NOISE = [
    "kakor",
    "Omsorg och stöd",
    "Start /",
    "Hjälpte informationen dig",
    "Till toppen",
    "Storgatan 1",
    "Tillgänglighetsredogörelse",
    "Senast uppdaterad",
]


def test_it_keeps_only_the_main_content_of_a_kommun_page() -> None:
    result = read_path(FIXTURES / "kommun_page.html")
    assert result.kind == "html"
    assert result.meta["title"] == "Medborgarlöfte 2025–2026 – Exempelby kommun"
    assert result.text.startswith("Medborgarlöfte för Exempelby 2025–2026\n\n")
    for noise in NOISE:
        assert noise not in result.text, noise
    assert "kontakta kommunens trygghetssamordnare." in result.text


def test_it_keeps_headings_as_paragraphs_and_lists_as_bullets() -> None:
    text = read_path(FIXTURES / "kommun_page.html").text
    assert "\n\nDet här lovar vi\n\n• Polisen och kommunens fältare ska" in text
    assert (
        "tolv trygghetsvandringar per år i Lindhagen.\n• Kommunen ska förbättra" in text
    )
    assert "##" not in text


def test_it_falls_back_to_the_main_element_on_a_short_page() -> None:
    result = read_path(FIXTURES / "polis_short.html")
    assert result.meta["method"] == "fallback"
    assert result.text == (
        "Medborgarlöfte Söderby\n\nVi lovar:\n\n"
        "• Närvaro vid skolorna.\n• Dialog med boende.\n"
    )


def test_it_falls_back_to_the_largest_text_block_without_main() -> None:
    tree = lxml.html.document_fromstring(
        (FIXTURES / "no_main.html").read_text(encoding="utf-8")
    )
    text = _fallback(tree)
    assert "Kommunen och polisen har tillsammans tagit fram" in text
    assert "Gemensamt medborgarlöfte" in text
    assert "Nyheter" not in text
    assert "Relaterade sidor" not in text


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>Löfte</title></head><body><main>"
        f"<h1>Medborgarlöfte för Åby</h1><p>{body}</p></main></body></html>"
    )


BODY = (
    "Polisen och kommunen ska öka tryggheten för äldre i Åby. Vi genomför "
    "trygghetsvandringar, ordnar möten på biblioteket och följer upp varje år."
)


def test_it_reads_the_charset_from_a_meta_element() -> None:
    data = page(BODY, '<meta charset="windows-1252">').encode("cp1252")
    result = read_bytes(data)
    assert result.meta["encoding"] == "cp1252"
    assert "tryggheten för äldre i Åby" in result.text


def test_it_reads_the_charset_from_the_content_type_header() -> None:
    data = page(BODY).encode("latin-1")
    result = read_bytes(data, content_type="text/html; charset=ISO-8859-1")
    assert "tryggheten för äldre i Åby" in result.text


def test_it_defaults_to_utf8() -> None:
    result = read_bytes(page(BODY).encode("utf-8"))
    assert result.meta["encoding"] == "utf-8"
    assert "tryggheten för äldre i Åby" in result.text
