"""Rules written after the blind batches ho18, ho19 and ho20 were measured. Every text
below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.sentences import _is_commitment_sentence
from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a measure as the subject is an effect goal, whatever the heading --------------

GOALS_THEN_ACTIVITIES = """Medborgarlöfte för Sjöbacka 2031

Mål

Vi vill att följande ska gå att mäta när perioden är slut:
- Andelen äldre i Strandby som avstår från att gå ut på kvällen ska minska från 41 till 30 procent.
- Antalet anmälda cykelstölder vid resecentrum ska halveras.
- Nivån av upplevd otrygghet i Sjöbacka centrum ska vara lägre än 2029.

Aktiviteter

Polisen ska:
- cykla patrull i Strandby minst två kvällar i veckan
- märka cyklar vid resecentrum varje vår

Uppföljning

Löftet följs upp i december varje år.
"""


def test_a_share_or_count_that_shall_change_is_an_effect_goal_not_a_commitment():
    found = by_text(record(GOALS_THEN_ACTIVITIES))
    assert not any(
        text.startswith(("Andelen", "Antalet", "Nivån")) for text in found
    ), found
    assert any(text.startswith("cykla patrull i Strandby") for text in found)
    assert len(found) == 2


# --- prose under a focus area's heading inside the promise part ---------------------

FOCUS_HEADINGS_OVER_PROSE = """Medborgarlöfte

I löftet beskriver kommunen och polisen vilka aktiviteter vi ska genomföra för att
öka tryggheten i Ekeby.

Lägesbild

Trygghetsmätningen visar att otryggheten har ökat i Ekeby centrum.

Medborgarlöftet 2031–2032

Fokusområde 1: Trygghet i centrum

Polisen kommer att patrullera till fots i Ekeby centrum på helgkvällar. Kommunen kommer att byta belysning i gångtunneln vid Norrvägen.

Fokusområde 2: Unga och alkohol

Kommunen kommer att ha fältassistenter ute under skolloven.

Uppföljning

Löftet följs upp i december varje år.
"""


def test_prose_under_focus_headings_inside_the_promise_part_is_the_promise():
    found = by_text(record(FOCUS_HEADINGS_OVER_PROSE))
    assert found == {
        "Polisen kommer att patrullera till fots i Ekeby centrum på helgkvällar.": [
            "polis"
        ],
        "Kommunen kommer att byta belysning i gångtunneln vid Norrvägen.": ["kommun"],
        "Kommunen kommer att ha fältassistenter ute under skolloven.": ["kommun"],
    }, found


def test_a_sentence_about_what_the_promise_describes_is_no_commitment():
    # subject after the verb: "I löftet beskriver kommunen och polisen vilka …"
    found = by_text(record(FOCUS_HEADINGS_OVER_PROSE))
    assert not any(text.startswith("I löftet") for text in found)


# --- a numbered focus heading over a list of places, then the promises -------------

NUMBERED_FOCUS_WITH_PLACES = """Medborgarlöfte Norrfors 2031

Vi har valt två fokusområden.

1. Trygghet i Sörby

Vi prioriterar följande platser:
- Sörby torg
- gångbron över ån

Vi ska gå minst fyra trygghetsvandringar per år på platserna ovan.

Vi ska vara synliga vid Sörby torg på fredagskvällar.

2. Trafik vid skolorna

Vi ska göra hastighetskontroller vid Åkerskolan varje månad.

Uppföljning

Löftet följs upp två gånger per år.
"""


def test_a_numbered_heading_over_a_list_of_places_opens_a_focus_area():
    rec = record(NUMBERED_FOCUS_WITH_PLACES)
    found = by_text(rec)
    assert "Trygghet i Sörby" not in found
    assert "Trygghet i Sörby" in rec["focus_areas"]


def test_the_prose_after_a_list_of_places_is_promised_again():
    found = by_text(record(NUMBERED_FOCUS_WITH_PLACES))
    assert sorted(found) == [
        "Vi ska gå minst fyra trygghetsvandringar per år på platserna ovan.",
        "Vi ska göra hastighetskontroller vid Åkerskolan varje månad.",
        "Vi ska vara synliga vid Sörby torg på fredagskvällar.",
    ], found


# --- ho21 ------------------------------------------------------------------------


def test_a_party_with_an_aside_before_its_verb_promises():
    assert _is_commitment_sentence(
        "Kommunen å sin sida ska byta belysningen i gångtunneln vid Åvägen."
    )
    assert _is_commitment_sentence(
        "Polisen, för sin del, lovar att besöka skolorna i Ekby varje termin."
    )


def test_a_contact_with_a_short_phone_number_is_no_signatory():
    text = """Medborgarlöfte Ekby 2031

Polisen ska patrullera i centrum varje fredag.

Ekby den 3 februari 2031

Sara Holm
Kommunstyrelsens ordförande

Kontakt

Kommunpolis
Jonas Ek
Telefon: 114 14
"""
    names = [s.name for s in find_signatories(text)]
    assert "Sara Holm" in names
    assert "Jonas Ek" not in names


OTHER_WORK = """Brottsförebyggande arbete i Ekby

Medborgarlöfte 2031

• Polisen ska patrullera i Ekby centrum varje fredagskväll.
• Kommunen ska rusta upp belysningen i Ekbyparken senast i maj.

Löftet följs upp i december.

Andra projekt

Nattvandring
Föreningen Nattvandrarna går ute varje lördag.

Föräldrastöd
Kommunen erbjuder föräldrakurser för alla med barn i skolåldern.
"""


def test_the_kommuns_other_projects_after_the_promise_are_no_commitments():
    found = by_text(record(OTHER_WORK))
    assert sorted(found) == [
        "Kommunen ska rusta upp belysningen i Ekbyparken senast i maj.",
        "Polisen ska patrullera i Ekby centrum varje fredagskväll.",
    ], found
