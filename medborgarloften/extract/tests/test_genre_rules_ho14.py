"""Rules written after the first measurement of the blind batch ho14 (its README
paragraph in fixtures/heldout_records): two-level numbered lists, party sub-lists,
indicator lists, a promise's English version, reporting sentences, flyer headings
and the PDF layouts of the same. Every text below is invented for the test.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.structure import parse_structure
from medborgarloften.extract.tests.pdfgen import Page, build_pdf
from medborgarloften.extract.tests.producers import ProducerMissing, weasyprint_pdf
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a two-level numbered list: focus areas at 1, 2 …; commitments at 1.1 … ------

TWO_LEVELS = """Medborgarlöfte för Storby 2031

Storby kommun och Lokalpolisområde Storby

Bakgrund
Storby har i dialogerna pekat ut två problem som löftet tar sig an.

1. Trygg hamn
1.1 Polisen patrullerar till fots vid gästhamnen varje lördagskväll under juli.
1.2 Kommunen byter armaturer längs strandpromenaden före sommaren.

2. Trafik vid skolorna
2.1 Polisen gör hastighetskontroller vid Ekåsskolan minst sex gånger per termin.
2.2 Tekniska förvaltningen målar nya övergångsställen vid skolorna.

Uppföljning
Löftet följs upp i det lokala brottsförebyggande rådet i december.
"""


def test_it_reads_the_sub_items_of_a_two_level_list_as_commitments():
    got = by_text(record(TWO_LEVELS))
    assert got == {
        "Polisen patrullerar till fots vid gästhamnen varje lördagskväll under juli.": [
            "polis"
        ],
        "Kommunen byter armaturer längs strandpromenaden före sommaren.": ["kommun"],
        "Polisen gör hastighetskontroller vid Ekåsskolan minst sex gånger per termin.": [
            "polis"
        ],
        "Tekniska förvaltningen målar nya övergångsställen vid skolorna.": ["kommun"],
    }


def test_it_keeps_the_number_of_a_sub_item_out_of_its_text():
    blocks = parse_structure(TWO_LEVELS).content()
    sub = [b for b in blocks if b.marker == "1.2"]
    assert len(sub) == 1 and sub[0].kind == "bullet"
    assert sub[0].text.startswith("Kommunen byter")


def test_a_numbered_sub_title_or_lead_in_stays_a_line_of_its_own():
    text = (
        "1. Prioriteringar\n   1.1 Stöld av båtmotorer i hamnen\n\n"
        "2. Åtaganden\n   2.1 Polisen åtar sig att:\n   - kontrollera hamnen varje vecka.\n"
    )
    kinds = {b.text.strip(): b.kind for b in parse_structure(text).content()}
    assert kinds["1.1 Stöld av båtmotorer i hamnen"] != "bullet"
    assert kinds["2.1 Polisen åtar sig att:"] != "bullet"


# --- one heading per party under a lead-in ("Parterna åtar sig att:") -----------

PARTY_SUB_LISTS = """Medborgarlöfte 2031
Storby kommun, Lokalpolisområde Storby och Storbyhem AB

Våra fokusområden
- Trygghet i Norrbacken
- Unga och alkohol

Parterna åtar sig att:

Lokalpolisområde Storby
- kontrollera langning av alkohol vid centrumbutikerna varje fredag under sommarlovet.

Storby kommun
- hålla fritidsgården på Norrbacken öppen även på söndagar.

Storbyhem AB
- byta lås i samtliga källarförråd på Norrbacken under våren.

Vad vill vi uppnå?
Färre unga ska dricka alkohol och fler boende ska känna sig trygga.
"""


def test_each_party_heading_under_a_lead_in_gives_its_sub_list_that_party():
    got = by_text(record(PARTY_SUB_LISTS))
    assert got == {
        "kontrollera langning av alkohol vid centrumbutikerna varje fredag under "
        "sommarlovet.": ["polis"],
        "hålla fritidsgården på Norrbacken öppen även på söndagar.": ["kommun"],
        "byta lås i samtliga källarförråd på Norrbacken under våren.": ["annan"],
    }


def test_a_party_heading_without_a_lead_in_does_not_make_a_focus_list_promises():
    text = PARTY_SUB_LISTS.replace("Parterna åtar sig att:\n", "")
    assert record(text)["commitments"] == []


# --- indicators are how a promise is measured, not what a party does -----------

INDICATORS = """Medborgarlöfte 2031

Löfte 1 – Lugnare torg

Aktiviteter:
• Polisen är på plats vid torget varje fredagskväll under sommaren.
• Kommunen sätter upp fler papperskorgar runt torget.

Indikatorer:
• Antal anmälda ordningsstörningar vid torget
• Andel som känner sig trygga på torget (enkäten)

Löfte 2 – Säkra skolvägar

Aktiviteter:
• Kommunen sänker hastigheten till 30 km/h vid alla skolor.

Så mäter vi:
• Antal fordon som kör för fort vid skolorna
• Svar från elevenkäten i årskurs 5
"""


def test_indicator_bullets_are_not_commitments():
    got = by_text(record(INDICATORS))
    assert sorted(got) == [
        "Kommunen sänker hastigheten till 30 km/h vid alla skolor.",
        "Kommunen sätter upp fler papperskorgar runt torget.",
        "Polisen är på plats vid torget varje fredagskväll under sommaren.",
    ]


# --- the promise's English version ------------------------------------------------

ENGLISH = """Citizen promise 2031
Storby Municipality and Storby local police area

Why these priorities?
Residents told us that the harbour feels unsafe at night.

The police will:
- patrol the harbour on foot every Saturday night in July.
- visit every secondary school twice a year.

Storby Municipality will:
- replace the lights along the harbour walk before the summer.

Together we will:
- hold a public meeting about the promise every spring.

Did you know?
You can report a crime online.
"""


def test_it_reads_the_lists_of_an_english_promise_with_their_parties():
    got = by_text(record(ENGLISH))
    assert got == {
        "patrol the harbour on foot every Saturday night in July.": ["polis"],
        "visit every secondary school twice a year.": ["polis"],
        "replace the lights along the harbour walk before the summer.": ["kommun"],
        "hold a public meeting about the promise every spring.": ["polis", "kommun"],
    }


# --- reporting on the promise, in the promise part, is an activity -------------

REPORTING = """Medborgarlöfte 2031

Våra löften

Polisen genomför tio nykterhetskontroller vid hamnen under sommaren.

Kommunen och polisen redovisar resultatet av löftet i kommunfullmäktige i december.

Kommunen och polisen tar fram ett nytt medborgarlöfte under hösten.
"""


def test_a_reporting_sentence_in_the_promise_part_is_a_commitment():
    got = by_text(record(REPORTING))
    reporting = (
        "Kommunen och polisen redovisar resultatet av löftet i kommunfullmäktige i "
        "december."
    )
    assert got[reporting] == ["polis", "kommun"]
    # … but drafting the next promise is about the promise, not an activity
    assert not any("nytt medborgarlöfte" in t for t in got)


# --- the same layouts as a PDF reader gives them back ----------------------------


def _pdf_text(page: Page) -> str:
    return read_bytes(build_pdf([page]), filename="lofte.pdf").text


def test_a_sub_item_after_a_sentence_that_filled_its_line_starts_its_own_line():
    intro = "Polisen och kommunen lovar att göra mer för tryggheten i hamnen i sommar."
    item = "1.1 Polisen patrullerar till fots vid gästhamnen varje lördagskväll i juli."
    page = Page()
    page.text(72, 760, "Trygg hamn", size=14)
    page.text(72, 736, intro)
    page.text(72, 722, item)
    lines = _pdf_text(page).splitlines()
    assert lines[-2:] == [intro, item]


def test_a_typed_table_row_that_wraps_stays_one_row_and_the_next_starts_anew():
    # Both lines of the first row run to the margin, as a browser wraps them.
    first = "Trygghetsvandring kring torget och hamnen tillsammans med Storbyhem AB |"
    second = (
        "Polisen och kommunen | April 2031 | Åtgärdslista från vandringen i maj 2031"
    )
    page = Page()
    page.text(72, 760, "Aktivitet | Ansvar | När | Uppföljning")
    page.text(72, 746, first)
    page.text(72, 732, second)
    page.text(72, 718, "Ny belysning i parken | Kommunen | Maj 2031 | Nya lampor")
    lines = _pdf_text(page).splitlines()
    assert lines == [
        "Aktivitet | Ansvar | När | Uppföljning",
        f"{first} {second}",
        "Ny belysning i parken | Kommunen | Maj 2031 | Nya lampor",
    ]


def test_an_item_broken_by_a_blank_line_in_mid_word_stays_one_item():
    text = (
        "Kommunen lovar att:\n\n"
        "• erbjuda fler aktiviteter på fritidsgårdarna under lördags-\n\n"
        "kvällar, med utbildad personal.\n\n"
        "• laga belysningen i parken.\n"
    )
    bullets = [b.text for b in parse_structure(text).content() if b.kind == "bullet"]
    assert len(bullets) == 2
    assert bullets[0].endswith("kvällar, med utbildad personal.")
    # a new paragraph in upper case after an item is not part of it
    after = "• laga belysningen i parken\n\nUppföljning sker varje år.\n"
    kinds = [b.kind for b in parse_structure(after).content()]
    assert kinds == ["bullet", "paragraph"]


# --- a flyer's party headings behind pictographs ------------------------------------

FLYER = """MEDBORGARLÖFTE 2031
Storby kommun & Polisen i Storby

Det här lovar vi dig under 2031:

👮 POLISEN
✔ Kontrollerar hastigheten vid Ekåsskolan varje vecka under terminen
✔ Håller öppet hus på polisstationen en gång i månaden

🏛️ KOMMUNEN
✔ Lagar belysningen i Ekåsparken före hösten
"""


def test_a_party_heading_behind_a_pictograph_names_the_party_of_its_items():
    got = by_text(record(FLYER))
    assert got == {
        "Kontrollerar hastigheten vid Ekåsskolan varje vecka under terminen": ["polis"],
        "Håller öppet hus på polisstationen en gång i månaden": ["polis"],
        "Lagar belysningen i Ekåsparken före hösten": ["kommun"],
    }
    heading = [b for b in parse_structure(FLYER).content() if b.text == "KOMMUNEN"]
    assert heading and heading[0].kind == "heading"


def test_a_co_party_named_across_a_hyphenated_line_break_counts():
    text = (
        "Medborgarlöfte Storby 2031\n\nPolisen lovar att:\n"
        "• gå trygghetsvandringar i Norrbacken och Ekås till-\n"
        "  sammans med Storbyhem AB varje vår.\n"
    )
    assert list(by_text(record(text)).values()) == [["polis", "annan"]]
    # … and once a reader has joined the two lines ("till- sammans")
    joined = text.replace("till-\n  sammans", "till- sammans")
    assert list(by_text(record(joined)).values()) == [["polis", "annan"]]


def test_a_named_organisation_together_with_which_an_english_item_is_done_counts():
    text = ENGLISH.replace(
        "- replace the lights along the harbour walk before the summer.",
        "- replace the lights along the harbour walk together with Storbyhem AB.",
    )
    got = by_text(record(text))
    assert got[
        "replace the lights along the harbour walk together with Storbyhem AB."
    ] == [
        "kommun",
        "annan",
    ]


def test_a_pdf_reads_an_emoji_outside_the_bmp_as_one_character():
    page = (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"></head><body>'
        "<h2>👮 POLISEN</h2><ul><li>Kontrollerar hastigheten vid skolan varje vecka."
        "</li></ul></body></html>"
    )
    try:
        data = weasyprint_pdf(page)
    except ProducerMissing as exc:
        pytest.skip(str(exc))
    text = read_bytes(data, filename="lofte.pdf").text
    assert text.startswith("👮 POLISEN\n")
    text.encode("utf-8")  # no lone UTF-16 halves
