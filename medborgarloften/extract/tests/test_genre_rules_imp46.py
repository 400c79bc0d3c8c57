"""Genre rules for promises with a hierarchy (numbered areas, sub-items, detail
lists under an item): each test is a short text of our own, written in the genre,
not taken from any published promise.
"""

from __future__ import annotations

from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.record import extract_record
from medborgarloften.extract.structure import parse_structure


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def texts(rec: dict) -> list[str]:
    return [c["text"] for c in rec["commitments"]]


# --- an item's own list of dates, places or topics ------------------------------

DETAIL_LISTS = """Medborgarlöfte Ekby 2031

Polisen och kommunen lovar att:
 • ordna fyra medborgarmöten i Norrby:
   – i februari 2031
   – i maj 2031
   – i september 2031
   – i november 2031
 • erbjuda kursen ”Trygg i trafiken” på alla mellanstadieskolor, exempelvis
   – Ekbackeskolan
   – Lindskolan
 • sätta upp ny belysning vid Ekby torg senast 31 oktober 2031.
"""


def test_an_item_keeps_its_list_of_dates_and_places_in_its_text():
    rec = record(DETAIL_LISTS)
    assert texts(rec) == [
        "ordna fyra medborgarmöten i Norrby:\n   – i februari 2031\n"
        "   – i maj 2031\n   – i september 2031\n   – i november 2031",
        "erbjuda kursen ”Trygg i trafiken” på alla mellanstadieskolor, exempelvis\n"
        "   – Ekbackeskolan\n   – Lindskolan",
        "sätta upp ny belysning vid Ekby torg senast 31 oktober 2031.",
    ]
    first = rec["commitments"][0]
    assert first["responsible"] == ["polis", "kommun"]
    assert first["target"]["quantity"] == 4
    assert first["target"]["deadline"] == "2031-02-28"


NUMBERED_WITH_WAYS = """Medborgarlöfte Ekby 2031

Fokusområde 1: Bedrägerier mot äldre

1.1 Polisen besöker pensionärsföreningarna i Ekby minst fyra gånger per år.
1.2 Kommunen och polisen når äldre med information om bedrägerier genom
    a) en folder som delas ut av hemtjänsten,
    b) träffar på biblioteket i Norrby.
1.3 Kommunens seniorvärdar ska ringa nya pensionärer inom en månad.
"""


def test_a_numbered_item_keeps_its_lettered_ways_and_stands_under_its_area():
    rec = record(NUMBERED_WITH_WAYS)
    assert texts(rec) == [
        "Polisen besöker pensionärsföreningarna i Ekby minst fyra gånger per år.",
        "Kommunen och polisen når äldre med information om bedrägerier genom\n"
        "    a) en folder som delas ut av hemtjänsten,\n"
        "    b) träffar på biblioteket i Norrby.",
        "Kommunens seniorvärdar ska ringa nya pensionärer inom en månad.",
    ]
    assert rec["commitments"][0]["responsible"] == ["polis"]


COURSE_CONTENT = """Medborgarlöfte Ekby 2031

Kommunen ska:
– hålla samtal om alkohol i alla niondeklasser en gång per termin. Samtalen tar upp
    • vad lagen säger
    • var man får stöd
– anordna en föräldrakväll i mars.
"""


def test_topics_of_a_course_stay_in_the_item_that_ends_on_them():
    rec = record(COURSE_CONTENT)
    assert len(rec["commitments"]) == 2
    assert rec["commitments"][0]["text"].endswith("• var man får stöd")


SUB_COMMITMENTS = """Medborgarlöfte Ekby 2031

Polisen och kommunen lovar att:
 1. Minska inbrotten i Norrby genom att
    a) polisen gör extra kvällspatruller i Norrby två gånger i veckan,
    b) starta grannsamverkan i tre nya kvarter.
 2. Öka tryggheten på Ekby torg genom
    a) kommunen röjer buskage vid torget varje vår,
    b) kommunen och Ekbyhem AB sätter upp belysning.
"""


def test_sub_items_with_their_own_verb_or_party_stay_commitments():
    rec = record(SUB_COMMITMENTS)
    got = [" ".join(t.split()) for t in texts(rec)]
    assert "polisen gör extra kvällspatruller i Norrby två gånger i veckan," in got
    assert "starta grannsamverkan i tre nya kvarter." in got
    assert "kommunen röjer buskage vid torget varje vår," in got
    assert not any(t.startswith(("Minska", "Öka")) for t in got)


def test_a_lead_in_with_a_colon_does_not_swallow_its_items():
    text = "Ekby\n\n1.1 Polisen och kommunen lovar att:\n    a) hålla möten\n"
    blocks = [b for b in parse_structure(text).blocks if b.kind == "bullet"]
    assert [b.text for b in blocks] == ["hålla möten"]


# --- the area's goal and indicator lines ---------------------------------------

GOAL_LINES = """Medborgarlöfte Ekby 2031

Löfte 1. Lugnare helgkvällar i centrum
Aktiviteter:
• Polisen patrullerar till fots i Ekby centrum varje fredag.
• Kommunen har öppet på fritidsgården till midnatt på lördagar.
Mål: Minst 80 procent av de boende ska känna sig trygga i centrum.
Indikator: Polisen ska räkna anmälda ordningsstörningar varje månad.
"""


def test_goal_and_indicator_lines_are_never_commitments():
    rec = record(GOAL_LINES)
    assert len(rec["commitments"]) == 2
    assert not any(t.startswith(("Mål", "Indikator")) for t in texts(rec))


# --- reporting after the list ---------------------------------------------------

REPORT_AFTER_LIST = """Medborgarlöfte Ekby 2031

Polisen och kommunen lovar att:
- Polisen håller cykelkontroller vid skolorna två gånger per termin.
- Kommunen lagar trasiga gatlampor inom en vecka.

Vi berättar hur det går på ekby.se tre gånger per år.
"""

REPORT_PROMISED = """Medborgarlöfte Ekby 2031

Kommunen ska:
- laga trasiga gatlampor inom en vecka.
Ekby kommun, polisen och AB Ekbyhem lovar att redovisa arbetet för de boende vid ett möte per år.
"""


def test_a_report_sentence_after_the_list_is_follow_up_not_a_commitment():
    rec = record(REPORT_AFTER_LIST)
    assert len(rec["commitments"]) == 2
    assert not any("berättar" in t for t in texts(rec))


def test_a_promise_to_report_with_a_company_named_first_is_a_commitment():
    rec = record(REPORT_PROMISED)
    last = rec["commitments"][-1]
    assert last["text"].startswith("Ekby kommun, polisen och AB Ekbyhem lovar")
    assert last["responsible"] == ["polis", "kommun", "annan"]


def test_a_company_written_ab_first_is_one_party():
    found = subject_parties("Polisen och AB Bostäder i Ekby genomför vandringar.")
    assert found is not None
    assert found.parties == frozenset({"polis", "annan"})
    assert found.span == (0, 30)


# --- a numbered line that repeats an area above it ------------------------------

AREA_REPEATED = """Medborgarlöfte Ekby 2031

Prioriterade områden
 • Trafiken vid skolorna
 • Klotter i Norrby

1. Trafiken vid skolorna

Polisen lovar att:
 • göra hastighetskontroller vid Ekbyskolan varje månad.

2. Klotter i Norrby

Kommunen lovar att:
 • sanera klotter i Norrby inom två dygn.
"""


def test_a_numbered_line_repeating_an_area_is_its_heading_not_a_commitment():
    rec = record(AREA_REPEATED)
    assert texts(rec) == [
        "göra hastighetskontroller vid Ekbyskolan varje månad.",
        "sanera klotter i Norrby inom två dygn.",
    ]
    assert [c["responsible"] for c in rec["commitments"]] == [["polis"], ["kommun"]]


REPORTS_THAT_COUNT = """Medborgarlöfte Ekby 2031

Polisen och kommunen lovar att:
- Polisen håller cykelkontroller vid skolorna två gånger per termin.
- Kommunen lagar trasiga gatlampor inom en vecka.

Polisen och kommunen ska redovisa arbetet tre gånger under perioden i kommunfullmäktige.
"""

PURPOSE_NOT_REPORT = """Medborgarlöfte Ekby 2031

Polisen och kommunen lovar att:
- Polisen håller cykelkontroller vid skolorna två gånger per termin.
- Kommunen lagar trasiga gatlampor inom en vecka.

Tillsammans ska kommunen och polisen bjuda in till möten i Norrby och Söderby för att berätta om löftet.
"""


def test_a_report_that_the_parties_shall_make_stays_a_commitment():
    assert len(record(REPORTS_THAT_COUNT)["commitments"]) == 3


def test_reporting_as_the_purpose_of_another_action_stays_a_commitment():
    assert len(record(PURPOSE_NOT_REPORT)["commitments"]) == 3
