"""Misses found when a user imported their own promise files (issue #14): evidence
statements as commitments, follow-up sentences with an active "följer upp", an
organisation after the title in a signature, a period line with one year for two
dates, and a lägesbild under a question heading. Every text below is invented.
"""

from __future__ import annotations

from medborgarloften.extract.structure import parse_structure
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- 1. what evidence shows is no commitment -------------------------------------

EVIDENCE = """Medborgarlöfte för Lövås 2032

Våra åtaganden

Boende i Lövås har berättat om fortkörning på Skolvägen. Kommunens mätningar bekräftar oron. Polisens siffror pekar på fler anmälda stölder ur bilar.

1. Polisen gör minst 12 hastighetskontroller på Skolvägen under året.
2. Kommunen bygger ett farthinder vid skolans entré.
"""


def test_it_does_not_read_what_evidence_confirms_as_a_commitment():
    found = by_text(record(EVIDENCE))
    assert "Kommunens mätningar bekräftar oron." not in found
    assert not [t for t in found if t.startswith("Polisens siffror")]
    assert found[
        "Polisen gör minst 12 hastighetskontroller på Skolvägen under året."
    ] == ["polis"]
    assert found["Kommunen bygger ett farthinder vid skolans entré."] == ["kommun"]


def test_it_still_reads_pointing_out_places_as_an_action():
    text = EVIDENCE.replace(
        "2. Kommunen bygger",
        "2. Polisen pekar ut tre platser vid torget.\n3. Kommunen bygger",
    )
    assert "Polisen pekar ut tre platser vid torget." in by_text(record(text))


# --- 3. follow-up with "följer upp"; per-year rates stay null --------------------

FOLLOW_UP = """Medborgarlöfte Hagby 2033

Åtaganden

• Polisen patrullerar vid busstorget varje fredagskväll.

Uppföljning

Trygghetsrådet följer upp åtagandena {rate}. Resultatet redovisas på kommunens webbplats.
"""


def test_it_keeps_an_active_follow_up_sentence_and_its_report_sentence():
    rec = record(FOLLOW_UP.format(rate="varje kvartal"))
    assert rec["follow_up"]["text"] == (
        "Trygghetsrådet följer upp åtagandena varje kvartal. "
        "Resultatet redovisas på kommunens webbplats."
    )


def test_it_does_not_convert_a_rate_per_year_into_reports_per_period():
    for rate in ("varje kvartal", "halvårsvis", "två gånger per år"):
        rec = record(FOLLOW_UP.format(rate=rate))
        assert rec["follow_up"]["text"].startswith("Trygghetsrådet följer upp")
        assert rec["follow_up"]["reports_per_period"] is None


def test_it_goes_on_with_a_short_publication_sentence():
    text = FOLLOW_UP.format(rate="halvårsvis").replace(
        "Resultatet redovisas på kommunens webbplats.",
        "Rapporten publiceras på webben.",
    )
    assert record(text)["follow_up"]["text"] == (
        "Trygghetsrådet följer upp åtagandena halvårsvis. "
        "Rapporten publiceras på webben."
    )


def test_it_counts_reports_stated_for_the_whole_period():
    rec = record(FOLLOW_UP.format(rate="tre gånger under perioden"))
    assert rec["follow_up"]["reports_per_period"] == 3


# --- 4. ", <organisation>" after the title ---------------------------------------

SIGNED = """Medborgarlöfte Norrvik 2034

Åtaganden

• Kommunen ordnar läxhjälp på biblioteket två kvällar i veckan.

Norrvik den 3 mars 2034

Sara Holmgren
Kommunstyrelsens ordförande, Norrviks kommun

Olle Ek
Lokalpolisområdeschef, Lokalpolisområde Norrvik
"""


def test_it_parts_the_organisation_written_after_the_title():
    sigs = record(SIGNED)["signatories"]
    assert [(s["name"], s["title"], s["organisation"]) for s in sigs] == [
        ("Sara Holmgren", "Kommunstyrelsens ordförande", "Norrviks kommun"),
        ("Olle Ek", "Lokalpolisområdeschef", "Lokalpolisområde Norrvik"),
    ]


def test_it_keeps_a_comma_in_a_title_without_an_organisation():
    text = SIGNED.replace(
        "Kommunstyrelsens ordförande, Norrviks kommun",
        "Kommunstyrelsens ordförande, tillförordnad",
    )
    first = record(text)["signatories"][0]
    assert first["organisation"] is None


# --- 5. the period sentence wins over the title's year ---------------------------

PERIOD = """Medborgarlöfte 2035

Ekeby kommun och Lokalpolisområde Ekeby

Period: 1 februari–30 november 2035

Åtaganden

• Polisen håller öppet hus på stationen en gång i månaden.
"""


def test_it_takes_the_period_line_with_one_year_for_both_dates():
    period = record(PERIOD)["period"]
    assert period["start"] == "2035-02-01"
    assert period["end"] == "2035-11-30"
    assert "1 februari–30 november 2035" in period["text"]


def test_a_start_later_in_the_year_than_the_end_belongs_to_the_year_before():
    text = PERIOD.replace(
        "Period: 1 februari–30 november 2035",
        "Löftet gäller från 1 september till 31 maj 2036.",
    )
    period = record(text)["period"]
    assert (period["start"], period["end"]) == ("2035-09-01", "2036-05-31")


# --- 2. a lägesbild under a question heading; lettered focus areas ---------------

WHY = """Medborgarlöfte för Lövås 2036–2037

Gäller: 1 januari 2036 – 31 december 2037

Varför ett medborgarlöfte?

Under 2035 svarade boende i Lövås på en enkät om tryggheten. Många oroar sig för mopedåkning på gångvägarna. Polisens statistik bekräftar bilden.

Fokusområden

A. Trafik på gångvägar. Färre mopeder där barn går till skolan.

B. Stölder ur förråd. Färre förråd som bryts upp.

Våra åtaganden

1. Polisen gör minst 10 kontroller av mopeder på gångvägarna per år.
2. Kommunen sätter upp bommar vid tre gångvägar, senast den 1 maj 2036.
"""


def test_it_reads_the_section_under_a_why_question_as_the_lagesbild():
    rec = record(WHY)
    assert rec["situation_summary"].startswith("Under 2035 svarade boende")
    assert rec["situation_summary"].endswith("Polisens statistik bekräftar bilden.")


def test_it_does_not_read_the_background_under_a_question_as_commitments():
    found = by_text(record(WHY))
    assert list(found) == [
        "Polisen gör minst 10 kontroller av mopeder på gångvägarna per år.",
        "Kommunen sätter upp bommar vid tre gångvägar, senast den 1 maj 2036.",
    ]


def test_it_reads_capital_letters_with_a_full_stop_as_a_list():
    assert record(WHY)["focus_areas"] == ["Trafik på gångvägar", "Stölder ur förråd"]


def test_it_does_not_read_an_initial_as_a_list_marker():
    text = WHY.replace(
        "B. Stölder ur förråd. Färre förråd som bryts upp.",
        "Stölder ur förråd, enligt A. Berg på polisen.",
    ).replace("A. Trafik på gångvägar", "C. Trafik på gångvägar")
    blocks = parse_structure(text).content()
    assert not [b for b in blocks if b.kind == "bullet" and "Trafik" in b.text]
