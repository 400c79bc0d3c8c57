"""Nested lists on web pages: a ``<ul>``/``<ol>`` inside an ``<li>`` keeps its
level, read back indented as the Word and PDF readers and a text file write a
sub-list, so the structure stage sets its items under their item. Every page here
is invented for the test, in the shapes kommun editors produce (SiteVision,
Episerver/TinyMCE, WordPress).
"""

from __future__ import annotations

import lxml.html

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.html import _fallback
from medborgarloften.extract.readers.html_lists import place_items
from medborgarloften.extract.record import extract_record

INTRO = (
    "<h1>Medborgarlöfte för Västerby 2031–2032</h1>"
    "<p>Västerby kommun och lokalpolisområde Västerby har tillsammans tagit fram "
    "ett medborgarlöfte utifrån trygghetsmätningen, medborgardialoger på torget och "
    "de brott som anmälts de senaste tre åren i kommunen.</p>"
)


def _page(body: str, *, intro: str = INTRO) -> bytes:
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        "<title>Medborgarlöfte – Västerby kommun</title></head><body>"
        f"<main>{intro}{body}</main></body></html>"
    ).encode()


def _read(page: bytes) -> tuple[str, str]:
    result = read_bytes(page, filename="lofte.html")
    return result.text, str(result.meta["method"])


def _after(text: str, line: str) -> str:
    """The text from ``line`` on (what the page's own intro does not decide)."""
    return text[text.index(line) :]


def test_a_three_level_bulleted_list_is_read_indented_by_level() -> None:
    text, method = _read(
        _page(
            "<h2>Vi lovar att</h2><ul>"
            "<li>ordna trygghetsvandringar i Norrby:<ul>"
            "<li>i mars</li>"
            "<li>i oktober, med<ul><li>fastighetsägare</li><li>föreningar</li></ul>"
            "</li></ul></li>"
            "<li>städa gångtunneln vid Åsvägen varje vecka.</li></ul>"
            "<p>Löftet följs upp två gånger per år.</p>"
        )
    )
    assert method == "trafilatura"
    assert _after(text, "Vi lovar att") == (
        "Vi lovar att\n\n"
        "• ordna trygghetsvandringar i Norrby:\n"
        "    • i mars\n"
        "    • i oktober, med\n"
        "        • fastighetsägare\n"
        "        • föreningar\n"
        "• städa gångtunneln vid Åsvägen varje vecka.\n\n"
        "Löftet följs upp två gånger per år.\n"
    )


def test_numbered_lists_keep_their_numbers_and_lettered_sub_items() -> None:
    # <ol type="a"> as WordPress writes it, list-style-type as TinyMCE writes it
    text, _ = _read(
        _page(
            '<ol start="3">'
            "<li>Minska våldet i centrum nattetid genom att"
            '<ol type="a"><li>polisen har förstärkt närvaro på helgerna,</li>'
            "<li>kommunen genomför alkoholtillsyn på krogarna.</li></ol></li>"
            "<li>Minska inbrotten i Söderby genom att"
            '<ol style="list-style-type: lower-alpha;">'
            "<li>starta grannsamverkan i fem nya områden.</li></ol></li>"
            "<li>Öka tryggheten vid resecentrum"
            "<ol><li>Kommunen sätter upp belysning.</li>"
            '<li value="5">Polisen patrullerar till fots.</li></ol></li></ol>'
        )
    )
    assert _after(text, "3. Minska") == (
        "3. Minska våldet i centrum nattetid genom att\n"
        "    a) polisen har förstärkt närvaro på helgerna,\n"
        "    b) kommunen genomför alkoholtillsyn på krogarna.\n"
        "4. Minska inbrotten i Söderby genom att\n"
        "    a) starta grannsamverkan i fem nya områden.\n"
        "5. Öka tryggheten vid resecentrum\n"
        "    1. Kommunen sätter upp belysning.\n"
        "    5. Polisen patrullerar till fots.\n"
    )


def test_a_sitevision_page_with_paragraphs_in_its_items_and_a_menu() -> None:
    """SiteVision wraps each text in portlet <div>s and puts a <p> in every <li>;
    the page's side menu is a nested list of links too."""
    page = (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        "<title>Medborgarlöfte 2031 - Västerby kommun</title></head><body>"
        '<div class="sv-layout" id="svid10_1"><header class="sv-layout">'
        '<div class="sv-image-portlet"><a href="/">Västerby kommun</a></div></header>'
        '<div class="sv-layout sv-template-layout"><div class="sv-layout sidebar">'
        '<div class="sv-vertical sv-layout"><nav class="sv-menu">'
        '<ul class="sv-defaultlist"><li><a href="/trygghet">Trygghet och säkerhet</a>'
        '<ul><li><a href="/trygghet/brott">Brottsförebyggande arbete</a></li>'
        '<li><a href="/trygghet/kris">Kris och beredskap</a></li></ul></li>'
        '<li><a href="/omsorg">Omsorg och stöd</a></li></ul></nav></div></div>'
        '<div class="sv-layout pagecontent" role="main">'
        '<div class="sv-text-portlet sv-use-margins"><div class="sv-text-portlet-content">'
        '<h1 class="heading">Medborgarlöfte 2031</h1>'
        '<p class="normal">Västerby kommun och polisen i Västerby har tagit fram '
        "medborgarlöftet tillsammans med invånarna i Norrby och Söderby, utifrån "
        "trygghetsmätningen och de brott som anmälts i kommunen.</p>"
        '<h2 class="subheading">Det här lovar vi</h2>'
        '<ul class="normal">'
        '<li><p class="normal"><strong>Kommunen</strong> ska hålla fritidsgården '
        "i Norrby öppen fyra kvällar i veckan, bland annat</p>"
        '<ul class="normal"><li><p class="normal">fredagar till kl. 23</p></li>'
        '<li><p class="normal">under sommarlovet</p></li></ul></li>'
        '<li><p class="normal"><span>Polisen</span> ska patrullera till fots vid '
        "Söderby torg minst två kvällar per vecka.</p></li></ul>"
        "</div></div>"
        '<div class="sv-text-portlet"><div class="sv-text-portlet-content">'
        '<p class="normal">Löftet följs upp i brottsförebyggande rådet.</p>'
        "</div></div></div></div>"
        '<footer class="sv-layout"><p>Västerby kommun, Storgatan 1</p></footer>'
        "</div></body></html>"
    ).encode()
    text, _ = _read(page)
    assert (
        "Det här lovar vi\n\n"
        "• Kommunen ska hålla fritidsgården i Norrby öppen fyra kvällar i veckan, "
        "bland annat\n"
        "    • fredagar till kl. 23\n"
        "    • under sommarlovet\n"
        "• Polisen ska patrullera till fots vid Söderby torg minst två kvällar per "
        "vecka.\n"
    ) in text
    for menu in ("Brottsförebyggande arbete", "Kris och beredskap", "Omsorg"):
        assert menu not in text


def test_a_nested_list_in_a_table_cell_is_one_item_a_line() -> None:
    text, _ = _read(
        _page(
            "<table><tr><th>Part</th><th>Åtaganden</th></tr>"
            "<tr><td>Kommunen</td><td><ul><li>förbättrar belysningen<ul>"
            "<li>i parkerna</li><li>i gångtunnlarna</li></ul></li>"
            "<li>tar bort klotter inom 48 timmar</li></ul></td></tr></table>"
        )
    )
    assert (
        "Kommunen\n"
        "• förbättrar belysningen\n"
        "    • i parkerna\n"
        "    • i gångtunnlarna\n"
        "• tar bort klotter inom 48 timmar\n"
    ) in text


def test_a_short_page_read_by_our_fallback_keeps_the_levels_too() -> None:
    text, method = _read(
        _page(
            "<div><ul><li><div><span>Trygghetsvandringar i Norrby:</span></div>"
            "<ul><li>i maj</li><li>i oktober</li></ul></li>"
            "<li>Klotter tas bort.</li></ul></div>",
            intro="<h1>Medborgarlöfte Norrby</h1>",
        )
    )
    assert method == "fallback"
    assert text == (
        "Medborgarlöfte Norrby\n\n"
        "• Trygghetsvandringar i Norrby:\n"
        "    • i maj\n"
        "    • i oktober\n"
        "• Klotter tas bort.\n"
    )


def test_an_item_with_only_a_sub_list_does_not_leave_an_empty_bullet() -> None:
    text, _ = _read(
        _page(
            "<ul><li>Polisen ska öka närvaron vid skolorna.</li>"
            "<li><ul><li>Kommunen ska rusta upp lekplatsen i Söderby.</li></ul></li>"
            "</ul>"
        )
    )
    assert _after(text, "• Polisen") == (
        "• Polisen ska öka närvaron vid skolorna.\n"
        "• Kommunen ska rusta upp lekplatsen i Söderby.\n"
    )


def test_a_list_the_editor_set_in_under_a_line_goes_under_that_line() -> None:
    # TinyMCE's "increase indent" on a list: an inline padding-left
    text, _ = _read(
        _page(
            "<p>2.1 Kommunen informerar föräldrar om narkotika genom</p>"
            '<ol type="a" style="padding-left: 40px;">'
            "<li>ett föräldramöte i april,</li><li>ett brev hem via skolan.</li></ol>"
            "<p>2.2 Polisen besöker skolorna varje termin.</p>"
        )
    )
    assert _after(text, "2.1") == (
        "2.1 Kommunen informerar föräldrar om narkotika genom\n"
        "    a) ett föräldramöte i april,\n"
        "    b) ett brev hem via skolan.\n\n"
        "2.2 Polisen besöker skolorna varje termin.\n"
    )


def test_lists_without_sub_lists_read_as_before() -> None:
    text, _ = _read(
        _page(
            "<p>Vi lovar att:</p><ul><li>hålla dialogmöten</li><li>städa</li></ul>"
            '<ul style="padding-left: 40px"><li>en lista efter en lista</li></ul>'
        )
    )
    assert _after(text, "Vi lovar att:") == (
        "Vi lovar att:\n\n• hålla dialogmöten\n• städa\n\n• en lista efter en lista\n"
    )


def test_text_without_tags_is_left_alone() -> None:
    assert place_items("• a\n\n  • b\n") == "• a\n\n  • b\n"


NESTED_AS_TEXT = """Medborgarlöfte Österby 2033

Polisen och Österby kommun lovar att:
• hålla fyra öppna möten med boende i Österby centrum:
    • i mars 2033
    • i september 2033
• ge alla elever i årskurs 9 en lektion om droger. Lektionen tar upp
    • vad lagen säger
    • vart man vänder sig för att få hjälp
• laga trasig belysning i kommunens parker inom en vecka.
"""


def test_a_nested_web_page_list_gives_the_commitments_of_the_same_text() -> None:
    page = _page(
        "<h2>Medborgarlöfte Österby 2033</h2>"
        "<p>Polisen och Österby kommun lovar att:</p><ul>"
        "<li>hålla fyra öppna möten med boende i Österby centrum:"
        "<ul><li>i mars 2033</li><li>i september 2033</li></ul></li>"
        "<li>ge alla elever i årskurs 9 en lektion om droger. Lektionen tar upp"
        "<ul><li>vad lagen säger</li><li>vart man vänder sig för att få hjälp</li>"
        "</ul></li><li>laga trasig belysning i kommunens parker inom en vecka.</li>"
        "</ul>"
    )
    from_page = extract_record(_read(page)[0], record_id="test")
    from_text = extract_record(NESTED_AS_TEXT, record_id="test")
    web = [" ".join(c["text"].split()) for c in from_page["commitments"]]
    text = [" ".join(c["text"].split()) for c in from_text["commitments"]]
    assert len(text) == 3
    assert web == text
    assert "i mars 2033" in web[0]  # a detail stays in its commitment
    assert [c["responsible"] for c in from_page["commitments"]] == [
        c["responsible"] for c in from_text["commitments"]
    ]


def test_a_details_sub_list_stays_in_its_commitment_on_a_page_without_main() -> None:
    """A page of bare headings and paragraphs (no <main>) is read by our fallback,
    which wrote a sub-list's items at the margin: each detail became a commitment."""
    body = (
        "<h2>Medborgarlöfte Österby 2033</h2><p>Österby kommun och lokalpolisområde "
        "Österby har kommit överens om ett medborgarlöfte för 2033.</p>"
        "<h2>Det här gör vi</h2><p>Österby kommun och polisen ska tillsammans:</p>"
        "<ul><li>ge alla elever i årskurs 9 en lektion om droger varje läsår. "
        "Lektionen tar upp<ul><li>vad lagen säger</li><li>hur grupptryck fungerar</li>"
        "<li>vart man vänder sig för att få hjälp</li></ul></li>"
        "<li>hålla fyra öppna möten med boende i Österby centrum under året.</li></ul>"
        "<h2>Uppföljning</h2><p>Löftet följs upp av trygghetsrådet två gånger per år.</p>"
    )
    page = (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Löfte'
        f"</title></head><body>{body}</body></html>"
    ).encode()
    text, method = _read(page)
    # trafilatura keeps such a page's headings now (they are read as paragraphs);
    # our fallback, which read the page before, must read it the same way
    assert method == "trafilatura"
    fallback = _fallback(lxml.html.document_fromstring(page))
    for reading in (text, fallback):
        commitments = [
            " ".join(c["text"].split())
            for c in extract_record(reading, record_id="test")["commitments"]
        ]
        assert len(commitments) == 2
        assert commitments[0].startswith("ge alla elever i årskurs 9")
        assert "hur grupptryck fungerar" in commitments[0]
        assert commitments[1].startswith("hålla fyra öppna möten")
