"""PDF layout → structure: list items with their wrapped lines, drawn bullets,
headings by size and weight, signature blocks, page breaks and page furniture.

Each page is written here with exact positions (pdfgen), in the shapes the real
producers give: a typesetter's hanging indent, a browser's bullets drawn as small
squares, Word's bold headings at body size.
"""

from __future__ import annotations

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.tests.pdfgen import Page, build_pdf

ITEM_ONE = (
    "genomföra minst tre trygghetsvandringar i Norrliden per år tillsammans med "
    "boende och föreningar"
)
ITEM_TWO = "hålla en öppen polisträff i månaden på biblioteket"
ITEM_THREE = (
    "förbättra belysningen längs gång- och cykelvägen mellan Norrliden och centrum "
    "före vintern"
)
WRAPPED = {
    ITEM_ONE: [
        "genomföra minst tre trygghetsvandringar i Norrliden per år tillsammans med",
        "boende och föreningar",
    ],
    ITEM_TWO: [ITEM_TWO],
    ITEM_THREE: [
        "förbättra belysningen längs gång- och cykelvägen mellan Norrliden och",
        "centrum före vintern",
    ],
}


def _text(*pages: Page) -> str:
    return read_bytes(build_pdf(list(pages)), filename="lofte.pdf").text


def _list_page(
    marker: str | None, *, hanging: bool = True, drawn: bool = False
) -> Page:
    """Three items under "Polisen lovar att:", the first and last wrapping."""
    page = Page()
    page.text(72, 760, "Polisen lovar att:")
    y = 740.0
    for lines in WRAPPED.values():
        if drawn:
            page.shape(78, y + 2.5, 3.6, 3.6)
        elif marker:
            page.text(72, y, marker, size=12)
        for number, line in enumerate(lines):
            x = 90 if hanging or number == 0 else 72
            page.text(x, y, line, size=10.5)
            y -= 13
        y -= 6  # space between items, wider than between lines
    page.text(72, y - 8, "Uppföljning sker två gånger under perioden.", size=10.5)
    return page


EXPECTED_LIST = (
    "Polisen lovar att:\n\n"
    + "".join(f"• {item}\n" for item in WRAPPED)
    + "\nUppföljning sker två gånger under perioden.\n"
)


def test_it_keeps_wrapped_lines_of_hanging_indent_items_with_their_item() -> None:
    assert _text(_list_page("•")) == EXPECTED_LIST


def test_it_finds_bullets_a_browser_drew_as_shapes() -> None:
    assert _text(_list_page(None, drawn=True)) == EXPECTED_LIST


def test_it_joins_a_typed_bullet_that_wraps_back_to_the_margin() -> None:
    page = Page()
    page.text(72, 760, "Polisen lovar att:")
    page.text(
        72, 746, "• genomföra minst tre trygghetsvandringar i Norrliden per år med"
    )
    page.text(72, 732, "boende och föreningar")
    page.text(72, 718, "• hålla en öppen polisträff i månaden")
    assert _text(page) == (
        "Polisen lovar att:\n"
        "• genomföra minst tre trygghetsvandringar i Norrliden per år med boende "
        "och föreningar\n"
        "• hålla en öppen polisträff i månaden\n"
    )


def test_it_numbers_items_as_the_document_does() -> None:
    page = Page()
    page.text(72, 760, "Vi prioriterar:")
    page.text(72, 744, "1.")
    page.text(90, 744, "Ökad trygghet i Norrliden och kring resecentrum under kvällar")
    page.text(90, 730, "och helger.")
    page.text(72, 716, "2.")
    page.text(90, 716, "Färre unga som kommer i kontakt med narkotika.")
    assert _text(page) == (
        "Vi prioriterar:\n"
        "1. Ökad trygghet i Norrliden och kring resecentrum under kvällar och helger.\n"
        "2. Färre unga som kommer i kontakt med narkotika.\n"
    )


def test_it_does_not_take_a_wrapped_number_for_a_new_item() -> None:
    page = Page()
    page.text(72, 760, "•")
    page.text(
        90, 760, "Kommunen förbättrar belysningen längs Skyttegatan och Kyrkogatan"
    )
    page.text(90, 746, "(2) samt vid resecentrum före vintern.")
    page.text(72, 732, "•")
    page.text(90, 732, "Polisen håller en öppen polisträff i månaden.")
    assert _text(page) == (
        "• Kommunen förbättrar belysningen längs Skyttegatan och Kyrkogatan (2) samt "
        "vid resecentrum före vintern.\n"
        "• Polisen håller en öppen polisträff i månaden.\n"
    )


def test_it_separates_headings_by_size_and_by_weight() -> None:
    page = Page()
    page.text(72, 760, "Medborgarlöfte för Norrvik", size=18)
    page.text(72, 740, "Polisen och kommunen har tagit fram löftet tillsammans.")
    page.text(72, 726, "Kommunen lovar att", bold=True)
    page.text(72, 712, "• ordna två dialogmöten med boende i Norrliden")
    assert _text(page) == (
        "Medborgarlöfte för Norrvik\n\n"
        "Polisen och kommunen har tagit fram löftet tillsammans.\n\n"
        "Kommunen lovar att\n\n"
        "• ordna två dialogmöten med boende i Norrliden\n"
    )


def test_it_keeps_the_lines_of_a_signature_block() -> None:
    page = Page()
    page.text(72, 760, "Kalmar den 15 december 2030")
    page.text(72, 724, "Anna Andersson")
    page.text(72, 710, "Kommunstyrelsens ordförande")
    page.text(72, 680, "Per Persson")
    page.text(72, 666, "Lokalpolisområdeschef")
    assert _text(page) == (
        "Kalmar den 15 december 2030\n\n"
        "Anna Andersson\nKommunstyrelsens ordförande\n\n"
        "Per Persson\nLokalpolisområdeschef\n"
    )


def test_it_carries_a_list_item_over_a_page_break() -> None:
    first, second = Page(), Page()
    first.text(72, 760, "Polisen lovar att:")
    first.text(72, 746, "•", size=12)
    first.text(
        90, 746, "genomföra minst tre trygghetsvandringar i Norrliden per år med"
    )
    second.text(90, 780, "boende, föreningar och fastighetsägare")
    second.text(72, 766, "•", size=12)
    second.text(90, 766, "hålla en öppen polisträff i månaden")
    assert _text(first, second) == (
        "Polisen lovar att:\n"
        "• genomföra minst tre trygghetsvandringar i Norrliden per år med boende, "
        "föreningar och fastighetsägare\n"
        "• hålla en öppen polisträff i månaden\n"
    )


def test_it_drops_a_one_page_header_and_footer_alone_in_the_margin() -> None:
    page = Page()
    page.text(72, 800, "Kalmar kommun – Medborgarlöfte", size=9)
    page.text(72, 740, "Medborgarlöfte för Norrvik 2031", size=16)
    page.text(72, 716, "Polisen och kommunen har tagit fram löftet tillsammans.")
    page.text(72, 702, "Vi följer upp det varje halvår.")
    page.text(72, 40, "Dnr KS 2030/123, utskrivet 2030-12-15", size=9)
    assert _text(page) == (
        "Medborgarlöfte för Norrvik 2031\n\n"
        "Polisen och kommunen har tagit fram löftet tillsammans.\n"
        "Vi följer upp det varje halvår.\n"
    )


def test_it_keeps_a_title_at_the_top_of_the_page() -> None:
    page = Page()
    page.text(72, 800, "Medborgarlöfte för Norrvik 2031", size=16)
    page.text(72, 740, "Polisen och kommunen har tagit fram löftet tillsammans.")
    page.text(72, 726, "Vi följer upp det varje halvår.")
    assert _text(page).startswith("Medborgarlöfte för Norrvik 2031\n\n")


def test_it_reads_the_text_of_a_page_drawn_with_many_shapes(monkeypatch) -> None:
    """A map made of thousands of shapes is not searched for bullets."""
    from medborgarloften.extract.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PAGE_OBJECTS", 50)
    page = _list_page(None, drawn=True)
    for n in range(60):
        page.shape(300 + n % 10 * 8, 100 + n // 10 * 8, 3, 3)
    text = _text(page)
    assert "•" not in text
    assert text.startswith("Polisen lovar att:\n\ngenomföra minst tre")


def test_it_does_not_take_a_dash_a_sentence_wrapped_for_a_bullet() -> None:
    page = Page()
    page.text(
        72, 760, "Vi ska öka tryggheten i centrum och kring resecentrum under hela året"
    )
    page.text(72, 746, "– särskilt kvällstid – genom fler vuxna ute i trafiken.")
    page.text(72, 718, "Polisen lovar att:")
    page.text(72, 704, "– genomföra trygghetsvandringar i alla stadsdelar under våren")
    page.text(72, 690, "– hålla öppna polisträffar")
    assert _text(page) == (
        "Vi ska öka tryggheten i centrum och kring resecentrum under hela året – "
        "särskilt "
        "kvällstid – genom fler vuxna ute i trafiken.\n\n"
        "Polisen lovar att:\n"
        "• genomföra trygghetsvandringar i alla stadsdelar under våren\n"
        "• hålla öppna polisträffar\n"
    )
