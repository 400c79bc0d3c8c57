"""Rules written after the blind batch ho31 (agreements with § sections, list-heavy
promises, FAQ-style web pages, news articles) on branch imp-n. Every text below is
invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.sentences import (
    classify_heading,
    classify_leadin,
)
from medborgarloften.extract.document.period import find_period
from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.places import find_places
from medborgarloften.extract.targets import extract_target
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- the sources of a lägesbild are no commitments --------------------------------

SOURCES = """MEDBORGARLÖFTE ÅSBY 2031

Underlag för lägesbilden
• Polisens trygghetsenkät 2030
• Anmälda skadegörelsebrott 2027–2030
• Samtal med fritidsledare och närpoliser

Våra löften
• Polisen patrullerar vid Åsby torg varje fredagskväll.
• Kommunen sätter upp ny belysning i Ekparken senast i maj 2031.
"""


def test_a_list_under_a_sources_heading_is_no_commitment() -> None:
    got = by_text(record(SOURCES))
    assert set(got) == {
        "Polisen patrullerar vid Åsby torg varje fredagskväll.",
        "Kommunen sätter upp ny belysning i Ekparken senast i maj 2031.",
    }


def test_sources_headings_are_excluded_sections() -> None:
    for heading in (
        "Underlag för lägesbilden",
        "Underlag",
        "Beslutsunderlag",
        "Källor",
    ):
        assert classify_heading(heading) == "excluded", heading


# --- problem areas named by a heading or by what the promise is about ---------------

PROBLEM_AREAS = """Överenskommelse om medborgarlöfte mellan Åsby kommun och Polisen

§ 1 Parter
Åsby kommun och Lokalpolisområde Norrbro.

§ 2 Prioriterade problemområden

a) Inbrott i fritidshus längs sjön
b) Nedskräpning vid badplatsen

§ 3 Åtaganden

Kommunen åtar sig att:
- sätta upp två nya papperskorgar vid badplatsen före midsommar;
- informera om grannsamverkan vid tre byamöten under året.
"""


def test_lettered_items_under_a_problem_areas_heading_are_focus_areas() -> None:
    rec = record(PROBLEM_AREAS)
    texts = {c["text"] for c in rec["commitments"]}
    assert "Inbrott i fritidshus längs sjön" not in texts
    assert "Nedskräpning vid badplatsen" not in texts
    assert len(texts) == 2
    assert classify_heading("§ 7 Prioriterade problemområden") == "focus"
    assert classify_heading("Prioriterat fokusområde") == "focus"


ABOUT = """Medborgarlöfte för Ekeby 2031

Vad handlar löftet om?
Löftet handlar om tre saker:
* Lugnare kvällar vid busstorget
* Tryggare skolvägar i Norrby
* Färre cykelstölder vid stationen

Vad gör polisen?
* Polisen har öppet hus på biblioteket första tisdagen varje månad.
"""


def test_what_the_promise_is_about_lists_focus_areas() -> None:
    rec = record(ABOUT)
    assert [c["text"] for c in rec["commitments"]] == [
        "Polisen har öppet hus på biblioteket första tisdagen varje månad."
    ]
    assert rec["focus_areas"][:3] == [
        "Lugnare kvällar vid busstorget",
        "Tryggare skolvägar i Norrby",
        "Färre cykelstölder vid stationen",
    ]
    assert classify_leadin("Medborgarlöftet handlar om två områden:") == "focus"
    # "handlar om att:" goes on to what is done
    assert classify_leadin("Löftet handlar om att:") != "focus"


# --- the years of the data are not the promise's period ----------------------------

DATA_YEARS = """MEDBORGARLÖFTE 2031
Ekeby kommun och Lokalpolisområde Älvdal

Bakgrund
Löftet bygger på en lägesbild från trygghetsmätningen och anmälda brott 2028–2030.

Polisen lovar att:
- göra trafikkontroller vid Ekskolan minst åtta gånger under året.
"""


def test_a_range_after_a_data_source_is_not_the_period() -> None:
    period = find_period(DATA_YEARS)
    assert (period.start, period.end) == ("2031-01-01", "2031-12-31")


def test_a_range_of_the_promise_in_a_sentence_about_data_still_counts() -> None:
    text = (
        "Medborgarlöftet 2031–2032 bygger på trygghetsmätningen och "
        "anmälda brott.\n\nPolisen lovar att patrullera i centrum."
    )
    period = find_period(text)
    assert (period.start, period.end) == ("2031-01-01", "2032-12-31")


# --- one inventory held is one event ---------------------------------------------


def test_an_inventory_held_once_is_one_event() -> None:
    res = extract_target(
        "Bostadsbolaget genomför en belysningsinventering i Norrby under våren."
    )
    assert res.target is not None
    assert res.target["quantity"] == 1
    assert res.target["unit"] == "belysningsinventering"


def test_an_inventory_alone_is_no_event() -> None:
    res = extract_target("Kommunen gör en inventering av gatubelysningen.")
    assert res.target is None or res.target["quantity"] != 1


# --- a label word in running text names no contact -----------------------------------


def test_a_label_word_inside_a_sentence_does_not_hide_a_signatory() -> None:
    text = (
        "I går skrev kommunchefen Maja Lindqvist och lokalpolisområdeschef Olle "
        "Fors under ett nytt medborgarlöfte.\n\n"
        "– Många unga kommer i kontakt med alkohol för tidigt, säger Maja Lindqvist.\n"
    )
    names = [s.name for s in find_signatories(text)]
    assert names == ["Maja Lindqvist", "Olle Fors"]


def test_a_contact_label_still_hides_the_contact() -> None:
    text = (
        "Löftet skrevs under av kommunchef Maja Lindqvist.\n\n"
        "Kontakt\nPer Ek, samordnare\nper.ek@ekeby.se\n"
    )
    names = [s.name for s in find_signatories(text)]
    assert names == ["Maja Lindqvist"]


# --- a web page's link is no place ----------------------------------------------


def test_a_link_on_a_web_page_is_no_place() -> None:
    text = "Dela sidan\nHitta polisstation\nSök vårdcentral\n"
    assert find_places(text, municipalities=["Ekby"]) == []
