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
