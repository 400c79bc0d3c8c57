"""Rules written after the blind batches ho16 and ho17 (branch imp-c): promise
sentences after an umbrella, verb-second and passive activities, parties named by
their number, responsible fields and one-event counts. Every text below is invented
for the test.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.targets import extract_target
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- the sentences after an umbrella are its activities ---------------------------

UMBRELLA_THEN_SENTENCES = """Medborgarlöfte Storby 2031

Bakgrund
Trygghetsmätningen visar att många undviker hamnen på kvällen.

Vårt löfte

Polisen och Storby kommun lovar att tillsammans arbeta för att hamnen ska bli en trygg plats.

Polisen kommer att patrullera i hamnen på helgkvällar under sommaren. Kommunen ska rusta upp belysningen längs kajen. Polisen och kommunen bjuder in till ett öppet möte på biblioteket i oktober.

Det här gör vi också

Därutöver lovar vi att:

• genomföra minst tre trygghetsvandringar per år i hamnen
• informera om löftet på kommunens webbplats
"""


def test_sentences_after_an_umbrella_in_its_section_are_commitments():
    got = by_text(record(UMBRELLA_THEN_SENTENCES))
    assert got[
        "Polisen kommer att patrullera i hamnen på helgkvällar under sommaren."
    ] == ["polis"]
    assert got["Kommunen ska rusta upp belysningen längs kajen."] == ["kommun"]
    assert got[
        "Polisen och kommunen bjuder in till ett öppet möte på biblioteket i oktober."
    ] == ["polis", "kommun"]
    assert not any(t.startswith("Polisen och Storby kommun lovar") for t in got)


def test_a_lone_promise_before_an_activity_heading_is_still_an_umbrella():
    text = """Medborgarlöfte Lillby 2031

Löfte 1: Trygg stadskärna

Polisen och Lillby kommun lovar att öka tryggheten i stadskärnan.

Aktiviteter
• Polisen genomför fotpatrullering i Lillby centrum varje fredag.
• Kommunen anställer två trygghetsvärdar.
"""
    got = by_text(record(text))
    assert not any(t.startswith("Polisen och Lillby kommun lovar") for t in got)
    assert len(got) == 2


# --- the verb before its subject (V2) and parties named by their number -----------

FRONTED = """Medborgarlöfte Ekeby 2031

Så här lovar vi att arbeta

Ekebyhem AB lovar att byta ut trasiga lampor i alla trapphus på Norrgården.

Tillsammans med Ekeby IF och Ekebyhem AB bjuder polisen och kommunen in till en höstmarknad på Norrgårdens torg i september.

Tillsammans bjuder de tre parterna in de boende till samtalskvällar på fritidsgården fyra gånger per år.

Under hösten kommer representanter för kommunen och polisen att besöka alla föreningar i Norrgården.
"""


def test_a_fronted_co_party_phrase_keeps_the_subject_after_the_verb():
    got = by_text(record(FRONTED))
    assert got[
        "Tillsammans med Ekeby IF och Ekebyhem AB bjuder polisen och kommunen in till "
        "en höstmarknad på Norrgårdens torg i september."
    ] == ["polis", "kommun", "annan"]


def test_parties_named_by_their_number_are_all_the_parties():
    got = by_text(record(FRONTED))
    assert got[
        "Tillsammans bjuder de tre parterna in de boende till samtalskvällar på "
        "fritidsgården fyra gånger per år."
    ] == ["polis", "kommun", "annan"]


def test_representatives_for_the_parties_are_the_parties():
    got = by_text(record(FRONTED))
    assert got[
        "Under hösten kommer representanter för kommunen och polisen att besöka alla "
        "föreningar i Norrgården."
    ] == ["polis", "kommun"]


# --- a counted passive and "ser också över" in a promise section -----------------

PASSIVE = """Medborgarlöfte Västeråsen 2031

Det här gör vi

Polisen gör minst sex hastighetskontroller per månad på riksvägen genom Västeråsen. Under juli görs dessutom tre alkoholkontroller i veckan vid gästhamnen.

Kommunen ser också över gångvägen till Backaskolan tillsammans med Trafikverket och föreslår nya övergångsställen.

I år lägger vi särskilt fokus på två saker: trafiken och stölderna.

Utöver detta arbetar kommunens fältgrupp redan i dag med uppsökande arbete på kvällarna.

Varje år görs omkring 300 anmälningar om stölder från båtar i kommunen.
"""


def test_a_counted_passive_belongs_to_the_party_of_its_paragraph():
    got = by_text(record(PASSIVE))
    assert got[
        "Under juli görs dessutom tre alkoholkontroller i veckan vid gästhamnen."
    ] == ["polis"]


def test_an_adverb_between_ser_and_over_still_acts():
    got = by_text(record(PASSIVE))
    assert got[
        "Kommunen ser också över gångvägen till Backaskolan tillsammans med "
        "Trafikverket och föreslår nya övergångsställen."
    ] == ["kommun", "annan"]


def test_focus_ongoing_work_and_statistics_are_no_commitments():
    got = by_text(record(PASSIVE))
    assert not any(
        t.startswith(("I år lägger", "Utöver detta", "Varje år")) for t in got
    )


# --- who answers for it -----------------------------------------------------------

RESPONSIBLE = """Medborgarlöfte Norrstad 2031

Det här lovar vi

Polisen lovar att:

– patrullera vid resecentrum varje fredagskväll
– besöka alla skolor i årskurs sju

Tillsammans ska vi ordna en trygghetsvandring i Norrstads centrum i oktober. Vi ska också bjuda in föreningslivet till ett samtal om droger och idrott.

Fastighetsägare

Fastighetsägarna i Norrstad genomför tillsammans med polisen och staden en trygghetsvandring på Södra gärdet varje höst.

Kommunen och Norrstadhem AB genomför minst två trygghetsvandringar per år tillsammans med boende och polisen.

Polisen

Polisen ska besöka skolorna i Norrstad varje termin. Vi ska också hålla öppet hus på polisstationen i maj.
"""


def test_a_plain_vi_after_a_joint_sentence_is_both_parties():
    got = by_text(record(RESPONSIBLE))
    assert got[
        "Vi ska också bjuda in föreningslivet till ett samtal om droger och idrott."
    ] == ["polis", "kommun"]


def test_a_plain_vi_after_one_party_sentence_is_that_party():
    got = by_text(record(RESPONSIBLE))
    assert got["Vi ska också hålla öppet hus på polisstationen i maj."] == ["polis"]


def test_the_city_joined_with_tillsammans_med_is_the_kommun():
    got = by_text(record(RESPONSIBLE))
    assert got[
        "Fastighetsägarna i Norrstad genomför tillsammans med polisen och staden en "
        "trygghetsvandring på Södra gärdet varje höst."
    ] == ["polis", "kommun", "annan"]


def test_a_party_joined_after_the_citizens_is_co_responsible():
    got = by_text(record(RESPONSIBLE))
    assert got[
        "Kommunen och Norrstadhem AB genomför minst två trygghetsvandringar per år "
        "tillsammans med boende och polisen."
    ] == ["polis", "kommun", "annan"]


RESPONSIBLE_LINES = """Medborgarlöfte Sjöby 2031

Åtgärder

• Sätta upp kameror vid pendelparkeringen i Sjöby centrum.
  Ansvar: Sjöby Energi
• Hålla två föräldramöten om droger per termin på högstadieskolorna.
  Ansvar: Polisen och skolförvaltningen
• Städa bort klotter på kommunens fastigheter inom en vecka.
  Ansvar: Miljöförvaltningen
"""


def test_an_ansvar_line_with_a_name_the_lexicon_does_not_know_is_a_third_party():
    got = by_text(record(RESPONSIBLE_LINES))
    assert got["Sätta upp kameror vid pendelparkeringen i Sjöby centrum."] == ["annan"]


def test_an_administration_of_the_kommun_is_the_kommun():
    got = by_text(record(RESPONSIBLE_LINES))
    assert got[
        "Hålla två föräldramöten om droger per termin på högstadieskolorna."
    ] == ["polis", "kommun"]
    assert got["Städa bort klotter på kommunens fastigheter inom en vecka."] == [
        "kommun"
    ]


# --- one event, counted -------------------------------------------------------------

PERIOD = {"start": "2024-01-01", "end": "2025-12-31"}


@pytest.mark.parametrize(
    ("text", "places", "target"),
    [
        # "ett X varje kvartal": one, at a rate outside the vocabulary (per null)
        (
            "Hålla ett öppet möte för boende i Norrby varje kvartal.",
            [],
            {"quantity": 1, "unit": "öppet möte", "per": None},
        ),
        (
            "Ta fram en gemensam lägesbild varje tertial och dela den med skolorna.",
            [],
            {"quantity": 1, "unit": "gemensam lägesbild", "per": None},
        ),
        # a day of its own, held by a date, is one event
        (
            "Genomföra en gemensam utbildningsdag om nätbedrägerier för personalen i april.",
            [],
            {
                "quantity": 1,
                "unit": "gemensam utbildningsdag",
                "deadline": "2024-04-30",
            },
        ),
        # "en i Ekby och en i Lillby": one in each named place
        (
            "Bjuda in till en medborgardialog i Ekby och en i Lillby.",
            ["Ekby", "Lillby"],
            {"quantity": 1, "unit": "medborgardialog", "per": "område"},
        ),
        # the number of the parties is who, not how many
        (
            "Tillsammans bjuder de tre parterna in till fyra möten per år.",
            [],
            {"quantity": 4, "unit": "möten", "per": "år"},
        ),
    ],
)
def test_it_counts_one_event(text, places, target):
    found = extract_target(text, period=PERIOD, places=places).target
    assert found is not None
    assert {k: found[k] for k in target} == target


@pytest.mark.parametrize(
    "text",
    [
        # a weekday held by a month is when, not a count
        "Polisen besöker skolan en fredag i maj.",
        # a plural at a rate names no number (the project's convention)
        "Polisen och kommunen håller samverkansmöten varannan vecka.",
    ],
)
def test_it_still_counts_no_weekday_or_plural(text):
    found = extract_target(text, period=PERIOD).target
    assert found is not None and found["quantity"] is None


# A Word file keeps each item's "Ansvar:" line as a paragraph of its own, not
# indented under the item: the line still belongs to the item above it.
FIELD_PARAGRAPHS = """Medborgarlöfte Åby 2031

Åtgärder

• Sätta upp kameror vid pendelparkeringen i Åby centrum.

Ansvar: Åby Energi

• Hålla två föräldramöten om droger per termin på högstadieskolorna.

Ansvar: Kommunen

• Patrullera vid stationen varje fredagskväll.

Ansvar: Polisen

Uppföljning

Löftet följs upp i december.
"""


def test_field_lines_between_the_items_belong_to_the_item_above():
    got = by_text(record(FIELD_PARAGRAPHS))
    assert got == {
        "Sätta upp kameror vid pendelparkeringen i Åby centrum.": ["annan"],
        "Hålla två föräldramöten om droger per termin på högstadieskolorna.": [
            "kommun"
        ],
        "Patrullera vid stationen varje fredagskväll.": ["polis"],
    }


def test_a_field_word_that_is_no_name_is_no_third_party():
    text = """Medborgarlöfte Åby 2031

Åtgärder

• Hålla öppet hus på polisstationen i maj.
  Ansvar: Samtliga
• Sprida information om grannsamverkan i alla bostadsområden.
  Ansvar: Löpande
"""
    got = by_text(record(text))
    assert all("annan" not in parties for parties in got.values())
    assert len(got) == 2


def test_a_plain_vi_after_a_party_named_in_the_third_person_is_still_both():
    text = """Medborgarlöfte Bryby 2031

Det här lovar vi

Polisen ska besöka skolorna i Bryby varje termin. Vi ska också hålla öppet hus på stationen i maj.
"""
    got = by_text(record(text))
    assert got["Vi ska också hålla öppet hus på stationen i maj."] == [
        "polis",
        "kommun",
    ]
