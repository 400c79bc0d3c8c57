"""The HTML reader keeps the structure the Word reader keeps: a table's rows with
their columns, <br> line breaks inside a paragraph, headings over short party
lines, numbered lists that go on after a heading, a repeated lead-in line and an
item's sentence carried on in the next paragraph. Invented pages in the genre, as
SiteVision, Episerver and WordPress write them."""

from __future__ import annotations

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.html import join_item_tails, read_html
from medborgarloften.extract.readers.reflow import reflow

INTRO = (
    "<h1>Medborgarlöfte för Norrstad 2034</h1>"
    "<p>Norrstads kommun och lokalpolisområde Norrstad har tillsammans tagit fram "
    "ett medborgarlöfte utifrån trygghetsmätningen, medborgardialoger i tre "
    "kommundelar och de brott som anmälts under de senaste åren.</p>"
)


def _read(body: str, *, main: bool = True) -> tuple[str, str]:
    inner = f"<main>{INTRO}{body}</main>" if main else f"{INTRO}{body}"
    page = (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Löfte'
        f"</title></head><body>{inner}</body></html>"
    ).encode()
    result = read_bytes(page, filename="lofte.html")
    return result.text, str(result.meta["method"])


PLAN = (
    "<table><tbody><tr><th>Aktivitet</th><th>Ansvarig</th><th>Tidsplan</th>"
    "<th>Mål</th></tr>"
    "<tr><td>Genomföra fotpatrullering vid Bergtorget fredag och lördag kväll</td>"
    "<td>Polisen</td><td>Hela året</td><td>Minst 2 pass per helg</td></tr>"
    "<tr><td>Byta belysning i gångtunneln under Storvägen</td><td>Kommunen</td>"
    "<td>Senast maj</td></tr></tbody></table>"
)


def test_a_plan_table_keeps_each_row_on_one_line_with_its_columns() -> None:
    # a SiteVision page (no <main>, our fallback) and an Episerver one (<main>)
    for main in (False, True):
        text, _ = _read(f"<h2>Det här gör vi</h2>{PLAN}", main=main)
        assert (
            "Aktivitet    Ansvarig    Tidsplan    Mål\n"
            "Genomföra fotpatrullering vid Bergtorget fredag och lördag kväll    "
            "Polisen    Hela året    Minst 2 pass per helg\n"
            # the row the editor left short: its last cell is empty
            "Byta belysning i gångtunneln under Storvägen    Kommunen    Senast maj\n"
        ) in text, main
        assert "\nPolisen\n" not in text


def test_a_signature_table_with_line_breaks_in_cells_keeps_its_columns() -> None:
    body = (
        "<p>Löftet följs upp av styrgruppen två gånger per år.</p>"
        "<table><tr><td>Anna Berg<br>Kommunstyrelsens ordförande</td>"
        "<td>Jonas Lind<br>Lokalpolisområdeschef</td></tr></table>"
    )
    for main in (False, True):
        text, _ = _read(body, main=main)
        assert (
            "Anna Berg    Jonas Lind\n"
            "Kommunstyrelsens ordförande    Lokalpolisområdeschef"
        ) in text, main


def test_line_breaks_in_a_paragraph_are_lines_not_paragraphs() -> None:
    # WordPress writes Shift+Enter as <br>; trafilatura made each a paragraph
    body = (
        "<p>Norrstad den 3 mars 2034<br>Anna Berg, kommunstyrelsens ordförande<br>"
        "Jonas Lind, lokalpolisområdeschef</p>"
        "<ul><li>Polisen patrullerar vid skolorna<br>varje fredag.</li></ul>"
    )
    text, method = _read(body)
    assert method == "trafilatura"
    assert (
        "Norrstad den 3 mars 2034\nAnna Berg, kommunstyrelsens ordförande\n"
        "Jonas Lind, lokalpolisområdeschef"
    ) in text
    # a break inside a list item is a space: the item stays one line, as in Word
    assert "• Polisen patrullerar vid skolorna varje fredag." in text


def test_text_pasted_from_a_pdf_with_line_breaks_is_rejoined() -> None:
    # a page whose text an editor pasted from the PDF, each printed line a <br>
    lines = [
        "Kommunen och polisen har sedan flera år tecknat gemensamma löften. Det",
        "nuvarande löftet löper ut vid årsskiftet och ett nytt löfte har därför",
        "arbetats fram under hösten. Förslaget bygger på polisens",
        "trygghetsmätning, på medborgardialoger i fyra kommundelar, på statistik",
        "över anmälda brott samt på den lägesbild som tas fram inom ramen för det",
        "brottsförebyggande rådet.",
    ]
    page = (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Löfte'
        "</title></head><body><main><h1>Medborgarlöfte Norrstad 2034</h1>"
        f"<p>{'<br>'.join(lines)}</p></main></body></html>"
    ).encode()
    text = read_bytes(page, filename="lofte.html").text
    assert " ".join(lines) in text


def test_party_headings_on_a_page_without_main_are_kept() -> None:
    # short headings that also occur in the text ("Polisen") counted as kept
    body = (
        "<h2>Polisen</h2><ul><li>Polisen genomför trafikkontroller vid skolorna "
        "i Norrstad under hösten.</li></ul>"
        "<h2>Norrstads kommun</h2><ul><li>Norrstads kommun sätter upp belysning "
        "vid busshållplatserna längs Storvägen.</li></ul>"
        "<h2>Uppföljning</h2><p>Löftet följs upp i det brottsförebyggande rådet "
        "och redovisas på kommunens webbplats.</p>"
    )
    text, _ = _read(body, main=False)
    assert "\nPolisen\n" in text
    assert "\nNorrstads kommun\n" in text
    assert "\nUppföljning\n" in text


def test_a_repeated_lead_in_line_is_kept_each_time() -> None:
    body = (
        "<h2>Trygg stadskärna</h2><p>Polisen ska:</p>"
        "<ul><li>patrullera vid Bergtorget varje helg.</li></ul>"
        "<p>Kommunen ska:</p><ul><li>rusta upp belysningen i parken.</li></ul>"
        "<h2>Narkotika bland unga</h2><p>Polisen ska:</p>"
        "<ul><li>besöka skolorna en gång per termin.</li></ul>"
        "<p>Kommunen ska:</p><ul><li>anställa två fältassistenter.</li></ul>"
    )
    text, method = _read(body)
    assert method == "trafilatura"
    assert text.count("Polisen ska:") == 2
    assert text.count("Kommunen ska:") == 2
    assert "⟦" not in text


def test_a_numbered_list_that_goes_on_after_a_heading_keeps_its_numbers() -> None:
    body = (
        "<h2>Polisen lovar att</h2><ol><li>genomföra tio trafikkontroller.</li>"
        "<li>besöka skolorna.</li></ol>"
        '<h2>Kommunen lovar att</h2><ol start="3"><li>sätta upp belysning.</li>'
        "<li>anställa fältassistenter.</li></ol>"
    )
    text, _ = _read(body)
    assert "1. genomföra tio trafikkontroller.\n2. besöka skolorna." in text
    assert "3. sätta upp belysning.\n4. anställa fältassistenter." in text


def test_markdown_escapes_are_undone() -> None:
    text, _ = _read(
        "<p>[Norrstads kommuns logotyp]</p><p>Ort och datum: ________________</p>"
    )
    assert "[Norrstads kommuns logotyp]" in text
    assert "Ort och datum: ________________" in text
    assert "\\" not in text


def test_an_item_carried_on_in_the_next_paragraph_joins_it() -> None:
    text = (
        "Polisen åtar sig att:\n\n• genomföra tjugo insatser mot personer som är "
        "aktiva i kriminella\n\nnätverk i kommunen.\n\n• medverka i SSPF varje vecka."
    )
    assert join_item_tails(text) == (
        "Polisen åtar sig att:\n\n• genomföra tjugo insatser mot personer som är "
        "aktiva i kriminella nätverk i kommunen.\n\n• medverka i SSPF varje vecka."
    )
    # an item that ends its sentence is not carried on
    done = "• anställa fältassistenter.\n\nsamt mer text som är en egen mening"
    assert join_item_tails(done) == done


def test_a_numbered_item_over_lettered_sub_items_keeps_its_number_in_reflow() -> None:
    # a numbered item that ends mid-sentence ("genom att") is no group heading
    text = (
        "Inledning\n\n4. Minska inbrotten i Österby genom att\n"
        "    a) starta grannsamverkan i fem nya områden.\n"
    )
    assert "4. Minska inbrotten i Österby genom att" in reflow(text)


def test_read_html_counts_line_breaks_outside_lists() -> None:
    page = (
        b"<html><body><main><p>a<br>b</p><ul><li>c<br>d</li></ul></main></body></html>"
    )
    _, meta = read_html(page)
    assert meta["line_breaks"] == 1
