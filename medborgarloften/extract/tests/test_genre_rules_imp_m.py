"""Rules written after the blind batches ho28 (web pages) and ho30 (designed folders
copied as text, "lättläst", a two-column table folder) on branch imp-m. Every text
below is invented for the test.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.commitments.present_forms import present_form
from medborgarloften.extract.document.period import find_period
from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.structure import parse_structure
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

from . import producers

# --- focus areas as headings, the commitments beneath them -------------------------

FOCUS_HEADINGS = """Medborgarlöfte för Fjällby kommun 2031–2032

Fjällby kommun och Lokalpolisområde Norra Älvdalen

Fokusområde 1: Trygg skolväg
– Polisen gör trafikkontroller vid Björkskolan två gånger per termin.
– Kommunen bygger ett nytt övergångsställe på Skolgatan senast i juni 2031.

Fokusområde 2: Hamnen på kvällarna
– Polisen och kommunens fältare är på plats i hamnen varje lördagskväll.
– Kommunen ansöker om pengar till ny belysning på piren.

Uppföljning
Uppföljning sker i trygghetsrådet två gånger per år.
"""


def test_a_party_acting_under_a_focus_area_heading_is_a_commitment() -> None:
    got = by_text(record(FOCUS_HEADINGS))
    assert got == {
        "Polisen gör trafikkontroller vid Björkskolan två gånger per termin.": [
            "polis"
        ],
        "Kommunen bygger ett nytt övergångsställe på Skolgatan senast i juni 2031.": [
            "kommun"
        ],
        "Polisen och kommunens fältare är på plats i hamnen varje lördagskväll.": [
            "polis",
            "kommun",
        ],
        "Kommunen ansöker om pengar till ny belysning på piren.": ["kommun"],
    }


def test_the_numbered_focus_headings_are_the_focus_areas_whole() -> None:
    rec = record(FOCUS_HEADINGS.replace("Hamnen på kvällarna", "Hamnen och piren"))
    assert rec["focus_areas"] == ["Trygg skolväg", "Hamnen och piren"]


def test_a_focus_list_of_problems_still_needs_a_promise() -> None:
    text = """Medborgarlöfte Fjällby 2031

Prioriterade områden
- Otrygghet vid busstationen på kvällarna
- Narkotika bland unga i centrum

Polisen lovar att
- patrullera vid busstationen varje fredag.
"""
    assert list(by_text(record(text))) == ["patrullera vid busstationen varje fredag."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kommunens fältassistenter finns på plats vid alla skoldanser.", True),
        ("Polisen är på plats vid torget varje fredag.", True),
        ("Polisen är också ute i bostadsområdena på helgerna.", True),
        ("Kommunen finns i det gamla stadshuset vid torget.", False),
    ],
)
def test_a_party_on_the_spot_is_a_present_action(sentence: str, expected: bool) -> None:
    assert present_form(sentence) is expected


# --- lead-ins that say what the promise is, not what a party does ------------------


def test_agreeing_on_what_to_do_is_no_commitment() -> None:
    text = """Medborgarlöfte 2031

Varje höst bestämmer Fjällby kommun och polisen tillsammans vilka frågor vi ska arbeta mest med. Löftet bygger på trygghetsmätningen.

VI LOVAR

Polisen patrullerar vid resecentrum minst tre kvällar i veckan.
"""
    got = by_text(record(text))
    assert list(got) == [
        "Polisen patrullerar vid resecentrum minst tre kvällar i veckan."
    ]


@pytest.mark.parametrize(
    "leadin",
    [
        "I år fokuserar vi på bostadsinbrott och trafik.",
        "Under 2031 fokuserar parterna särskilt på klotter i centrum.",
        "Fjällby kommun och polisen lovar invånarna att under 2031 arbeta särskilt"
        " med två fokusområden.",
    ],
)
def test_a_focus_lead_in_is_no_commitment(leadin: str) -> None:
    text = f"""Medborgarlöfte Fjällby 2031

{leadin}

Löftet för 2031

- Polisen gör fyra trafikkontroller på Kyrkvägen under året.
- Kommunen sätter upp två fartkameror vid skolan.
"""
    assert list(by_text(record(text))) == [
        "Polisen gör fyra trafikkontroller på Kyrkvägen under året.",
        "Kommunen sätter upp två fartkameror vid skolan.",
    ]


# --- lättläst: the problems heading, each item two short lines ---------------------

EASY = """Medborgarlöfte för Fjällby 2031
Lätt att läsa

Det här vill vi bli bättre på
•  Klotter. Många väggar är fulla av klotter.
•  Bilar som kör för fort.

Det här lovar polisen
•  Polisen ska stå vid skolan och se hur fort bilarna kör.
   Det ska hända minst 3 gånger varje månad.
•  Polisen ska träffa eleverna i skolan.
   Polisen ska berätta om trafik.
"""


def test_the_problems_of_an_easy_to_read_promise_are_focus_areas() -> None:
    rec = record(EASY)
    assert rec["focus_areas"][1] == "Bilar som kör för fort"
    assert all(
        not c["text"].startswith(("Klotter", "Bilar")) for c in rec["commitments"]
    )


def _easy_as_read_back() -> str:
    """EASY as a Word file or web page reads back: each item's second line a
    paragraph of its own between the items."""
    return (
        EASY.replace("\n   ", "\n\n")
        .replace("\n•", "\n\n•")
        .replace("polisen\n\n•", "polisen\n•")
    )


def test_an_items_second_line_set_apart_stays_with_its_item() -> None:
    structure = parse_structure(_easy_as_read_back())
    items = [b.text.split() for b in structure.content() if b.kind == "bullet"]
    assert [" ".join(words) for words in items[2:]] == [
        "Polisen ska stå vid skolan och se hur fort bilarna kör. "
        "Det ska hända minst 3 gånger varje månad.",
        "Polisen ska träffa eleverna i skolan. Polisen ska berätta om trafik.",
    ]


def test_the_items_read_back_are_whole_commitments() -> None:
    rec = record(_easy_as_read_back())
    assert [" ".join(c["text"].split()) for c in rec["commitments"]] == [
        "Polisen ska stå vid skolan och se hur fort bilarna kör. "
        "Det ska hända minst 3 gånger varje månad.",
        "Polisen ska träffa eleverna i skolan. Polisen ska berätta om trafik.",
    ]
    assert rec["commitments"][0]["target"]["quantity"] == 3


@pytest.mark.parametrize(
    "text",
    [
        # a lead-in between two lists
        "• Polisen ska patrullera i hamnen.\n• Polisen ska kontrollera båtar.\n\n"
        "Kommunen lovar att.\n\n• Kommunen ska laga lamporna.\n",
        # prose after a list
        "• Polisen ska patrullera i hamnen.\n• Polisen ska kontrollera båtar.\n\n"
        "Arbetet följs upp i maj.\n\nUppföljning\n",
    ],
)
def test_prose_between_or_after_lists_stays_prose(text: str) -> None:
    blocks = parse_structure(text).content()
    assert any(b.kind == "paragraph" for b in blocks)
    assert all("\n\n" not in b.text for b in blocks if b.kind == "bullet")


# --- renderings: a two-column table of phrases, arrows as list markers -------------

TABLE_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:2cm}
td{padding:0 8pt;vertical-align:top}</style></head><body>
<h2>Medborgarlöfte Fjällby 2031</h2>
<p>Polisen och Fjällby kommun har kommit överens om det här.</p>
<h2>Insatser 2031</h2>
<table>
<tr><td>Insats</td><td>Vem gör det</td></tr>
<tr><td>Minst 6 trafikkontroller per månad på Storvägen vid Fjällby skola</td><td>Polisen</td></tr>
<tr><td>Föräldramöten om alkohol i årskurs 8 varje termin</td><td>Kommunen och polisen</td></tr>
<tr><td>Nattvandring varje lördag under sommarlovet</td><td>Kommunen och Fjällby Idrottsförening</td></tr>
</table>
<h2>Uppföljning</h2>
<p>Löftet följs upp i december 2031.</p>
</body></html>"""


def test_a_table_of_phrase_rows_survives_a_pdf() -> None:
    try:
        data = producers.weasyprint_pdf(TABLE_PAGE)
    except producers.ProducerMissing as missing:
        pytest.skip(str(missing))
    text = read_bytes(data, filename="löfte.pdf").text
    assert "Nattvandring varje lördag under sommarlovet    Kommunen och" in text
    assert text.index("Insats") < text.index("Nattvandring") < text.index("Uppföljning")
    rec = record(text)
    assert len(rec["commitments"]) == 3


ARROWS_PAGE = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;margin:2cm}</style></head><body>
<h2>Medborgarlöfte Fjällby 2031</h2>
<h2>TRYGG HAMN</h2>
<p>Vi lovar att<br>→ polisen är på plats i hamnen varje fredag i juli.<br>
→ kommunen tänder belysningen på piren senast i maj 2031.</p>
</body></html>"""


def test_an_arrow_opens_an_item_in_a_pdf() -> None:
    try:
        data = producers.weasyprint_pdf(ARROWS_PAGE)
    except producers.ProducerMissing as missing:
        pytest.skip(str(missing))
    text = read_bytes(data, filename="löfte.pdf").text
    assert "Vi lovar att\n" in text
    got = by_text(record(text))
    assert got["polisen är på plats i hamnen varje fredag i juli."] == ["polis"]
    assert got["kommunen tänder belysningen på piren senast i maj 2031."] == ["kommun"]


# --- responsible, targets, period ---------------------------------------------------


def test_the_home_care_service_is_the_kommun() -> None:
    text = """Medborgarlöfte 2031

Vi lovar att
- hemtjänsten delar ut brandvarnare till alla brukare över 80 år.
- äldreomsorgen bjuder in till en träff om bedrägerier i mars.
"""
    got = by_text(record(text))
    assert len(got) == 2
    assert all(parties == ["kommun"] for parties in got.values())


def test_a_year_on_its_own_line_below_the_title_is_the_period() -> None:
    period = find_period("FJÄLLBY KOMMUN\nPOLISEN\n\nMEDBORGARLÖFTE\n2031\n\nTryggt.")
    assert (period.start, period.end) == ("2031-01-01", "2031-12-31")
    # a year at the start of a sentence on the next line is no title year
    none = find_period("Våra löften\n2031 blev ett bra år för oss alla.")
    assert none.start is None


def test_a_status_line_under_each_item_is_no_second_sentence_of_it() -> None:
    text = (
        "• Polisen ska patrullera i hamnen.\n\nStatus: Pågår sedan maj.\n\n"
        "• Kommunen ska laga lamporna.\n\nStatus: Klart.\n\nSlut\n"
    )
    items = [b.text for b in parse_structure(text).content() if b.kind == "bullet"]
    assert items == ["Polisen ska patrullera i hamnen.", "Kommunen ska laga lamporna."]


def test_a_numbered_title_over_prose_keeps_its_prose() -> None:
    text = (
        "1. Parter\n\nAvtalet gäller mellan kommunen och polisen.\n\n"
        "2. Syfte\n\nVi vill minska brotten.\n\n3. Uppföljning\n"
    )
    blocks = parse_structure(text).content()
    assert [b.kind for b in blocks].count("paragraph") == 2


# --- places: a map legend, roads by number, a village's buildings ------------------


def test_the_names_of_a_map_legend_are_places() -> None:
    text = """Medborgarlöfte Fjällby 2031

- Polisen patrullerar vid Ekskolan varje fredag.

Karta: prioriterade platser
●  Strandtorget
▲  Busstationen
■  Lillparken
Kartunderlag: Fjällby kommun
"""
    places = record(text)["places"]
    assert {"Strandtorget", "Busstationen", "Lillparken"} <= set(places)
    assert "Kartunderlag" not in " ".join(places)


def test_a_working_group_is_no_place() -> None:
    text = """Medborgarlöfte Fjällby 2031

Vi lovar att
- genomföra en trygghetsvandring vid Strandtorget i maj.

Löftet följs upp i Trygghetsgruppen och i Brå-gruppen varje halvår.
"""
    places = record(text)["places"]
    assert "Strandtorget" in places
    assert not any("gruppen" in p.casefold() for p in places)


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Polisen gör trafikkontroller längs väg 345 varje månad.", "väg 345"),
        ("Polisen gör trafikkontroller på riksväg 12 varje vecka.", "riksväg 12"),
        (
            "Polisen har öppet hus i Fjällby kommunhus varje tisdag.",
            "Fjällby kommunhus",
        ),
        ("Polisen finns vid Ekö färjeläge på fredagskvällar.", "Ekö färjeläge"),
        ("Ett möte hålls i Åsby bygdegård i mars.", "Åsby bygdegård"),
        ("Kommunen städar längs Åsa kanal varje vår.", "Åsa kanal"),
    ],
)
def test_a_road_number_and_a_named_building_are_places(
    sentence: str, place: str
) -> None:
    text = f"Medborgarlöfte Fjällby 2031\n\nVi lovar att\n- {sentence}\n"
    assert place in record(text)["places"]


# --- focus areas said inline or set as a folder's lines -----------------------------


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        (
            "I år ligger fokus på cykelstölder och på trafiken vid Ekskolan.",
            ["cykelstölder", "trafiken vid Ekskolan"],
        ),
        (
            "I år fokuserar vi på klotter och trygghet i hamnen.",
            ["klotter", "trygghet i hamnen"],
        ),
        (
            "Två problemområden lyfts fram: buskörning med mopeder och stölder ur bilar.",
            ["buskörning med mopeder", "stölder ur bilar"],
        ),
        (
            "Problemområden: Buskörning med mopeder och bilar; Ungas alkohol.",
            ["Buskörning med mopeder och bilar", "Ungas alkohol"],
        ),
    ],
)
def test_focus_areas_said_in_a_sentence(sentence: str, areas: list[str]) -> None:
    text = f"""Medborgarlöfte Fjällby 2031

{sentence}

Polisen lovar att
- göra fyra trafikkontroller vid Ekskolan under året.
"""
    assert record(text)["focus_areas"] == areas


@pytest.mark.parametrize(
    ("label", "lines", "areas"),
    [
        (
            "Våra fokusområden",
            "1  Cykelstölder\n2  Trafiken vid Ekskolan",
            ["Cykelstölder", "Trafiken vid Ekskolan"],
        ),
        (
            "Våra fokusområden 2031",
            "Cykelstölder  ·  Trafiken vid Ekskolan",
            ["Cykelstölder", "Trafiken vid Ekskolan"],
        ),
        (
            "Det här är vårt fokus 2031",
            "Cykelstölder vid stationen\nTrafiken vid Ekskolan",
            ["Cykelstölder vid stationen", "Trafiken vid Ekskolan"],
        ),
    ],
)
def test_focus_areas_as_a_folders_lines(label: str, lines: str, areas: list) -> None:
    text = f"""Medborgarlöfte Fjällby 2031

{label}
{lines}

Polisen lovar att
- göra fyra trafikkontroller vid Ekskolan under året.
"""
    assert record(text)["focus_areas"][:2] == areas


def test_every_other_weekend_is_measurable_without_a_per() -> None:
    from medborgarloften.extract.targets import extract_target

    period = {"start": "2031-01-01", "end": "2031-12-31"}
    target = extract_target(
        "Kommunen stöttar nattvandrarna så att de kan gå varannan helg.", period=period
    ).target
    assert target is not None
    assert (target["quantity"], target["per"]) == (None, None)
