"""Rules written after the first measurement of the blind batch ho15 (its README
paragraph in fixtures/heldout_records): status boxes as list markers, action lists
under an adjective heading ("Kortsiktiga åtgärder"), and what follows from them.
Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.readers.cleanup import normalise
from medborgarloften.extract.structure import parse_structure
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- ☑ / ☐ status boxes before each action, under "Kortsiktiga åtgärder" --------

STATUS_BOXES = """Medborgarlöfte 2031
Åbyns kommun och lokalpolisområde Åbyn

Fokusområden
1. Skadegörelse vid stationen

Teckenförklaring: ☑ = klar   ☐ = pågår

Kortsiktiga åtgärder (våren 2031)

☑ Kommunen sätter upp ny belysning vid cykelparkeringen vid stationen.
☐ Polisen patrullerar vid stationen varje fredagskväll under maj.

Långsiktiga insatser (hela 2031)

☐ Kommunen och polisen håller två trygghetsvandringar runt stationen.

Uppföljning
Löftet följs upp i december.
"""


def test_it_reads_a_status_box_as_a_list_marker():
    blocks = parse_structure(STATUS_BOXES).content()
    bullets = [b for b in blocks if b.kind == "bullet"]
    assert [b.text.split()[0] for b in bullets[-3:]] == [
        "Kommunen",
        "Polisen",
        "Kommunen",
    ]
    assert not any(b.text.startswith(("☑", "☐")) for b in bullets)


def test_it_turns_a_status_box_into_a_bullet_in_a_read_file():
    text = normalise("☒ Kommunen städar parken.\n☐ Polisen möter skolorna.\n")
    assert text.splitlines() == [
        "• Kommunen städar parken.",
        "• Polisen möter skolorna.",
    ]


def test_it_reads_the_actions_under_an_adjective_heading_as_commitments():
    got = by_text(record(STATUS_BOXES))
    assert got == {
        "Kommunen sätter upp ny belysning vid cykelparkeringen vid stationen.": [
            "kommun"
        ],
        "Polisen patrullerar vid stationen varje fredagskväll under maj.": ["polis"],
        "Kommunen och polisen håller två trygghetsvandringar runt stationen.": [
            "polis",
            "kommun",
        ],
    }


def test_a_follow_up_of_the_actions_holds_no_commitments():
    text = STATUS_BOXES.replace(
        "Långsiktiga insatser (hela 2031)", "Uppföljning av tidigare insatser"
    )
    got = by_text(record(text))
    assert (
        "Kommunen och polisen håller två trygghetsvandringar runt stationen." not in got
    )


# --- a programme whose table of contents lists the promise as a chapter ----------

CONTENTS = """Trygghetsplan 2031–2034
Storvikens kommun

Innehåll
1. Inledning ................................ 2
2. Våra mål ................................. 3
3. Medborgarlöfte 2031 …………………………… 4

1. Inledning
Planen samlar kommunens arbete mot brott.

3. Medborgarlöfte 2031
Kommunen och polisen i Storviken lovar att:
• Polisen håller öppet hus på stationen varje månad.
• Kommunen rensar buskagen vid busstorget före maj.
"""


def test_it_leaves_the_lines_of_a_table_of_contents_out():
    got = by_text(record(CONTENTS))
    assert got == {
        "Polisen håller öppet hus på stationen varje månad.": ["polis"],
        "Kommunen rensar buskagen vid busstorget före maj.": ["kommun"],
    }


# --- two party columns side by side, each item wrapped inside its column ----------

SIDE_BY_SIDE = """Medborgarlöfte Norrhamn 2031
Lokalpolisområde Norrhamn och Norrhamns kommun

POLISEN LOVAR ATT                        KOMMUNEN LOVAR ATT

• göra minst tolv kontroller av          • tända belysningen i gångtunneln
  båtförare i hamnen per år                under Storgatan före oktober
• hålla öppet hus på stationen           • låta fältassistenterna gå i
  varje höstlov                            centrum varje fredagskväll
                                         • städa stranden en gång i månaden

Uppföljning
Löftet följs upp i rådet i december.
"""


def test_it_reads_each_column_of_side_by_side_lists_as_its_party_s_items():
    got = by_text(record(SIDE_BY_SIDE))
    assert got == {
        "göra minst tolv kontroller av båtförare i hamnen per år": ["polis"],
        "hålla öppet hus på stationen varje höstlov": ["polis"],
        "tända belysningen i gångtunneln under Storgatan före oktober": ["kommun"],
        "låta fältassistenterna gå i centrum varje fredagskväll": ["kommun"],
        "städa stranden en gång i månaden": ["kommun"],
    }


def test_a_column_item_points_at_its_first_and_last_piece():
    rec = record(SIDE_BY_SIDE)
    item = next(c for c in rec["commitments"] if c["text"].startswith("låta"))
    start, end = item["span"]
    assert SIDE_BY_SIDE[start:].startswith("låta fältassistenterna")
    assert SIDE_BY_SIDE[:end].endswith("varje fredagskväll")


# --- a lead-in closed with a full stop ---------------------------------------------

FULL_STOP_LEADIN = """Medborgarlöfte Västby 2031
Västby kommun och lokalpolisområde Västby

Många känner sig otrygga vid torget på kvällarna. Därför lovar vi följande.

• Polisen går fotpatrull vid torget varje torsdagskväll.
• Kommunen tar bort klotter vid torget inom ett dygn.
"""


def test_a_lead_in_ending_with_a_full_stop_is_no_commitment():
    got = by_text(record(FULL_STOP_LEADIN))
    assert got == {
        "Polisen går fotpatrull vid torget varje torsdagskväll.": ["polis"],
        "Kommunen tar bort klotter vid torget inom ett dygn.": ["kommun"],
    }


def test_a_promise_that_names_its_object_is_still_a_commitment():
    text = FULL_STOP_LEADIN.replace(
        "Därför lovar vi följande.", "Därför lovar polisen att öka närvaron vid torget."
    )
    assert "Därför lovar polisen att öka närvaron vid torget." in by_text(record(text))


# --- a city kommun under its official name ("Xs Stad") ------------------------------

CITY = """Medborgarlöfte 2031
Polisen i lokalpolisområde Uppsala och Uppsala kommun

Uppsala Stad lovar att
• tända belysningen i parken vid ån före november

Polisen lovar att
• tillsammans med Uppsalas Stads tillståndsenhet kontrollera tre krogar per år
• göra trafikkontroller vid skolorna varje vecka
"""


def test_it_reads_a_kommun_named_stad_as_the_kommun():
    got = by_text(record(CITY))
    assert got == {
        "tända belysningen i parken vid ån före november": ["kommun"],
        "tillsammans med Uppsalas Stads tillståndsenhet kontrollera tre krogar per år": [
            "polis",
            "kommun",
        ],
        "göra trafikkontroller vid skolorna varje vecka": ["polis"],
    }


def test_a_town_that_is_no_kommun_name_stays_no_kommun():
    from medborgarloften.extract.parties import classify_party

    assert classify_party("Uppsala Stad") == "kommun"
    assert classify_party("Ekbergaby stad") is None


# --- "Vi kommer att …" sentences, their parties named in a paragraph at the end ------

WHO_DOES_WHAT = """Medborgarlöfte för Ekeby 2031

Polisen och Ekeby kommun har tagit fram löftet tillsammans med dem som bor här.

Vi kommer att göra hastighetskontroller på Skolvägen varje månad.

Vi kommer att måla över klotter i gångtunnlarna inom en vecka.

Vi kommer att hålla ett öppet möte i Folkets hus under våren.

Vem gör vad?
Polisen ansvarar för hastighetskontrollerna. Kommunen ansvarar för klottret i gångtunnlarna.
"""


def test_a_later_paragraph_gives_each_vi_sentence_its_party():
    got = by_text(record(WHO_DOES_WHAT))
    assert got == {
        "Vi kommer att göra hastighetskontroller på Skolvägen varje månad.": ["polis"],
        "Vi kommer att måla över klotter i gångtunnlarna inom en vecka.": ["kommun"],
        # named by no one: "Vi" stays both parties
        "Vi kommer att hålla ett öppet möte i Folkets hus under våren.": [
            "polis",
            "kommun",
        ],
    }
