"""Rules written after the blind batches ho16 and ho17 (branch imp-a): a table whose
header row names the parties, one promise a cell, and a party label before an
action ("Polisen: Genomföra …"). Every text below is invented for
the test.
"""

from __future__ import annotations

from medborgarloften.extract.tests.test_blind_batch_rules import record


def pairs(rec: dict) -> list[tuple[str, list[str]]]:
    return [(c["text"], c["responsible"]) for c in rec["commitments"]]


# --- a table with one column per party ("| Polisen | Kommunen |") -------------

PIPE_TABLE = """Medborgarlöfte Åbyn 2031

Detta åtar vi oss

Ordning i centrum

| Polisen | Åbyns kommun | Åbybostäder AB |
|:---|:---:|---|
| Gör nattliga kontroller vid Åbyns busstation varje helg. | Byter ut trasig belysning i Stationsparken. | Anställer två bovärdar i Norrgården. |
| – | Städar bort klotter inom ett dygn. | – |

Uppföljning
Löftet följs upp i december.
"""


def test_a_markdown_table_whose_header_names_the_parties_holds_their_promises():
    assert pairs(record(PIPE_TABLE)) == [
        ("Gör nattliga kontroller vid Åbyns busstation varje helg.", ["polis"]),
        ("Byter ut trasig belysning i Stationsparken.", ["kommun"]),
        ("Anställer två bovärdar i Norrgården.", ["annan"]),
        ("Städar bort klotter inom ett dygn.", ["kommun"]),
    ]


def test_a_word_table_whose_header_names_the_parties_holds_their_promises():
    # a Word or web table read as text: its cells set apart by a column gap
    rec = record(
        "Medborgarlöfte Åbyn 2031\n\nVad vi lovar\n\n"
        "Polisen    Kommunen\n"
        "Besöker varje mellanstadieklass en gång per läsår.    Håller "
        "fritidsgården i Norrgården öppen på fredagar.\n"
    )
    assert pairs(rec) == [
        ("Besöker varje mellanstadieklass en gång per läsår.", ["polis"]),
        ("Håller fritidsgården i Norrgården öppen på fredagar.", ["kommun"]),
    ]


def test_party_names_side_by_side_outside_the_promise_part_are_no_columns():
    # two party names over two columns of text before any promise heading (a
    # contact table, a signature) hold no promises
    rec = record(
        "Medborgarlöfte Åbyn 2031\n\nKontakt\n\n"
        "| Polisen | Kommunen |\n|---|---|\n"
        "| Kommunpolis Eva Lind, telefon 114 14 | Trygghetssamordnare Ola Berg |\n"
    )
    assert all(c["rule"] != "columns.cell" for c in rec["commitments"])


def test_a_signature_table_under_party_names_in_the_promise_part_holds_no_promise():
    rec = record(
        "Medborgarlöfte Åbyn 2031\n\nDet här lovar vi\n\n"
        "Polisen ska genomföra tio kontroller vid Åbyskolan.\n\n"
        "Polisen\tKommunen\nOla Ek\tEva Berg\n"
        "Lokalpolisområdeschef i Åbyn\tKommunstyrelsens ordförande i Åbyn\n"
    )
    assert [c["text"] for c in rec["commitments"]] == [
        "Polisen ska genomföra tio kontroller vid Åbyskolan."
    ]


# --- "Polisen: Genomföra …" under each focus area's heading ---------------------

PARTY_LABELS = """Medborgarlöfte 2031 för Åbyn

Två fokusområden

Otrygghet vid Norrtorget

Polisen: Genomföra riktade kontroller vid Norrtorget varje fredagskväll.

Åbyns kommun: Åtgärda belysningen i gångtunneln vid Norrtorget senast i oktober.

Langning till unga

Polisen och Åbybostäder AB: Ta fram en gemensam plan mot langning i trapphusen.

Kontakt
Telefon: 0123-45 67 89
"""


def test_a_party_label_before_an_infinitive_clause_is_that_party_s_promise():
    assert pairs(record(PARTY_LABELS)) == [
        ("Genomföra riktade kontroller vid Norrtorget varje fredagskväll.", ["polis"]),
        (
            "Åtgärda belysningen i gångtunneln vid Norrtorget senast i oktober.",
            ["kommun"],
        ),
        ("Ta fram en gemensam plan mot langning i trapphusen.", ["polis", "annan"]),
    ]


def test_a_label_that_names_no_party_or_no_action_is_no_promise():
    rec = record(
        "Medborgarlöfte 2031 för Åbyn\n\nFokusområde\n\nTrafik vid skolorna\n\n"
        "Ansvar: Polisen och kommunen delar på arbetet.\n\n"
        "Polisen: 114 14, kommunpolisen i Åbyn.\n"
    )
    assert all(c["rule"] != "line.party_label" for c in rec["commitments"])


# --- the document describing its own contents -----------------------------------


def test_a_sentence_about_what_the_promise_contains_is_no_promise():
    rec = record(
        "Medborgarlöfte Åbyn 2031\n\n"
        "Åbyns kommun och polisen lämnar ett medborgarlöfte varje år. I löftet står "
        "vad vi ska göra och vem som ska göra det. Löftet beskriver också hur vi "
        "ska följa upp arbetet.\n\n"
        "Det här lovar vi\n\n"
        "Polisen ska genomföra tio trafikkontroller vid Åbyskolan.\n"
        "Polisen ska visa hur man skyddar sig mot bedrägerier på två träffar för "
        "äldre.\n"
    )
    assert pairs(rec) == [
        ("Polisen ska genomföra tio trafikkontroller vid Åbyskolan.", ["polis"]),
        (
            "Polisen ska visa hur man skyddar sig mot bedrägerier på två träffar för "
            "äldre.",
            ["polis"],
        ),
    ]
