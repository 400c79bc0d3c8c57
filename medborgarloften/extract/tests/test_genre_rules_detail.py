"""An action item with a sub-list of its when, where and with whom: the sub-list
stays in the item (SCHEMA: sub-lines that only give dates, places or partners of one
commitment are part of it). Each test is a short text of our own in the genre, not
taken from any published promise.
"""

from __future__ import annotations

from medborgarloften.extract.record import extract_record


def texts(text: str) -> list[str]:
    return [c["text"] for c in extract_record(text, record_id="test")["commitments"]]


ACTION_WITH_DETAILS = """Medborgarlöfte för Ekby kommun 2031

Polisen lovar att
• genomföra 12 hastighetskontroller per månad på Storgatan
• vara synliga vid skolorna
    • varje fredag under hösten
    • tillsammans med fältassistenterna
• patrullera i centrum
    • fredagar och lördagar
    • under sommarlovet

Kommunen lovar att
• finnas på plats i Norrby centrum
    • två kvällar i veckan
• sätta upp ny belysning vid Ekby torg senast i oktober 2031
"""


def test_an_action_item_keeps_its_sub_list_of_when_and_with_whom():
    assert texts(ACTION_WITH_DETAILS) == [
        "genomföra 12 hastighetskontroller per månad på Storgatan",
        "vara synliga vid skolorna\n    • varje fredag under hösten\n"
        "    • tillsammans med fältassistenterna",
        "patrullera i centrum\n    • fredagar och lördagar\n    • under sommarlovet",
        "finnas på plats i Norrby centrum\n    • två kvällar i veckan",
        "sätta upp ny belysning vid Ekby torg senast i oktober 2031",
    ]


ACTIONS_UNDER_AN_ACTION = """Medborgarlöfte för Ekby kommun 2031

Polisen och kommunen lovar att
• arbeta mot narkotika bland unga
    • genomföra föräldravandringar varje helg
    • informera på alla högstadieskolor
• vara synliga i Norrby
"""


def test_sub_items_with_verbs_of_their_own_stay_commitments():
    found = texts(ACTIONS_UNDER_AN_ACTION)
    assert "genomföra föräldravandringar varje helg" in found
    assert "informera på alla högstadieskolor" in found
    assert "vara synliga i Norrby" in found


TOPIC_HEADINGS = """Medborgarlöfte för Ekby kommun 2031

Polisen lovar att
• Trygghet i centrum
    • genomföra fyra trygghetsvandringar i centrum
• Trafik
    • göra fler hastighetskontroller vid skolorna
"""


def test_a_topic_over_actions_is_no_action_with_details():
    found = texts(TOPIC_HEADINGS)
    assert "genomföra fyra trygghetsvandringar i centrum" in found
    assert "göra fler hastighetskontroller vid skolorna" in found
