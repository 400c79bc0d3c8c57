"""One event held, written with the article, counts as one for the period (branch
imp-k). SCHEMA's own example is {"quantity": 1, "unit": "medborgardialog", "per":
"period"}, and the corpus labels "under perioden genomföra en trygghetsvandring" so.
Every text below is invented for the test.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.record import extract_record
from medborgarloften.extract.target_events import held_event, hired, is_event_noun
from medborgarloften.extract.targets import extract_target

TWO_YEARS = {"start": "2031-01-01", "end": "2032-12-31", "text": "2031–2032"}
ONE_YEAR = {"start": "2031-01-01", "end": "2031-12-31", "text": "2031"}


def target(text: str, period: dict | None = TWO_YEARS) -> dict | None:
    return extract_target(text, period=period).target


def triple(text: str, period: dict | None = TWO_YEARS) -> tuple | None:
    t = target(text, period)
    return None if t is None else (t["quantity"], t["unit"], t["per"])


# --- one event held: a verb of holding, arranging or carrying out ----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Genomföra en nattvandring längs ån i Ekby.", (1, "nattvandring", "period")),
        (
            "Polisen håller ett medborgarmöte på biblioteket.",
            (1, "medborgarmöte", "period"),
        ),
        (
            "Kommunen ska ordna en föräldrakväll om spel.",
            (1, "föräldrakväll", "period"),
        ),
        (
            "Vi anordnar en informationsträff för handlarna.",
            (1, "informationsträff", "period"),
        ),
        (
            "arrangera en temadag om äldres säkerhet på Träffpunkten",
            (1, "temadag", "period"),
        ),
        (
            "Skolan erbjuder alla sjundeklassare en kurs i nätvett.",
            (1, "kurs", "period"),
        ),
        ("Polisen gör ett skolbesök på Lillbyskolan.", (1, "skolbesök", "period")),
        (
            "genomföra en gemensam tillsyn av serveringsställena",
            (1, "gemensam tillsyn", "period"),
        ),
        (
            "Polisen genomför en trafikkontroll vid Norrbyvägen.",
            (1, "trafikkontroll", "period"),
        ),
        (
            "Kommunen gör en informationskampanj om bedrägerier.",
            (1, "informationskampanj", "period"),
        ),
        ("hålla ett seminarium om hedersrelaterat våld", (1, "seminarium", "period")),
        (
            "Polisen och kommunen genomför tillsammans en trygghetsrond i Åby.",
            (1, "trygghetsrond", "period"),
        ),
        (
            "Kommunen kallar till ett dialogmöte med hyresgästerna.",
            (1, "dialogmöte", "period"),
        ),
        (
            "bjuda in till en öppen dialog om trafiken på Torget",
            (1, "öppen dialog", "period"),
        ),
        # the guests named before "till"
        (
            "Vi bjuder in fritidsgården, skolorna och idrottsföreningarna till ett samråd om sommaren.",
            (1, "samråd", "period"),
        ),
        # one person taken on
        (
            "Kommunen ska anställa en fältassistent i Norrby.",
            (1, "fältassistent", "period"),
        ),
        (
            "rekrytera en ny trygghetssamordnare",
            (1, "ny trygghetssamordnare", "period"),
        ),
    ],
)
def test_one_event_held_is_one_for_the_period(text, expected):
    assert triple(text) == expected


def test_a_month_still_gives_the_deadline_and_a_rate_the_per():
    t = target("Ordna en föräldrakväll på Lillbyskolan i oktober.", ONE_YEAR)
    assert (t["quantity"], t["unit"], t["per"], t["deadline"]) == (
        1,
        "föräldrakväll",
        "period",
        "2031-10-31",
    )
    assert triple("Hålla ett möte med handlarna varje månad.") == (1, "möte", "månad")
    assert triple("Genomföra en trygghetsvandring per år i Ekby.") == (
        1,
        "trygghetsvandring",
        "år",
    )
    # an area rule keeps its precedence
    assert triple("Ordna en föräldraträff på varje högstadieskola.") == (
        1,
        "föräldraträff",
        "område",
    )


def test_the_times_it_is_held_are_the_count():
    assert triple("bjuda in handlarna till ett gemensamt forum tre gånger per år") == (
        3,
        "gånger",
        "år",
    )
    assert triple("Hålla ett möte med föreningarna en gång i månaden.") == (
        1,
        "möte",
        "månad",
    )


def test_under_the_year_of_a_longer_promise_it_is_one_a_year():
    assert triple("Under året genomföra en trygghetsvandring vid stationen.") == (
        1,
        "trygghetsvandring",
        "år",
    )


def test_one_event_in_two_places_is_one_for_the_period():
    rec = extract_record(
        "Medborgarlöfte Ekby 2031\n\nPolisen och kommunen lovar att:\n"
        "- genomföra en trygghetsvandring i Norrby centrum och vid Lillby station\n",
        record_id="imp-k-two-places",
    )
    (c,) = rec["commitments"]
    assert c["target"]["quantity"] == 1
    assert c["target"]["per"] == "period"


def test_a_promise_record_marks_one_event_measurable():
    rec = extract_record(
        "Medborgarlöfte Ekby 2031\n\nKommunen lovar att:\n"
        "- ordna en städdag i Norrbyparken tillsammans med hyresgästföreningen\n"
        "- bygga en ny gångbro över ån\n"
        "- laga belysningen vid stationen\n",
        record_id="imp-k-built",
    )
    by = {c["text"].split()[0]: c for c in rec["commitments"]}
    assert by["ordna"]["measurable"] is True
    assert by["ordna"]["target"]["unit"] == "städdag"
    assert by["bygga"]["measurable"] is False


# --- no count: built, written, generic, "one of" ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # things built or written
        "Bygga en belyst gångväg mellan skolan och hallen.",
        "Kommunen anlägger en ny lekplats i Åby.",
        "Ta fram en åtgärdsplan mot nedskräpning.",
        "Kommunen ska skriva en rapport om otrygga platser.",
        "Polisen upprättar en lägesbild för centrum.",
        # generic: a state or an amount, no event
        "Skapa en trygg miljö kring stationen.",
        "Polisen ska ha en ökad närvaro på torget.",
        "Hålla en god dialog med näringsidkarna.",
        "Genomföra en del kontroller vid badplatsen.",
        "Genomföra ett antal möten med föreningarna.",
        "Göra en insats för en renare stadsdel.",
        # a time, not an event
        "Polisen håller öppet en lördagskväll på stationen.",
        "Fältarna arbetar en vardag i taget på fritidsgården.",
        # a verb that is no holding or arranging
        "Polisen ska delta i en trygghetsvandring som föreningen ordnar.",
        "Kommunen utser en kontaktperson för föreningarna.",
        "Polisen för en dialog med skolorna om droger.",
        # a past form reports what was done
        "Förra året genomförde vi en trygghetsvandring i Åby.",
        # a passive in a clause about each case
        "Unga som påträffas med alkohol erbjuds ett samtal med en fältare.",
    ],
)
def test_no_count_without_one_event_held(text):
    assert target(text) is None


def test_the_word_after_the_article_must_head_an_event():
    # ``before`` ends where the article starts, ``after`` starts where it ends
    assert held_event("Genomföra ", " trygghetsvandring i Ekby") == "trygghetsvandring"
    assert held_event("Hålla ", " öppet möte om trafik") == "öppet möte"
    assert held_event("Hålla ", " gång i månaden ett möte") is None
    assert held_event("Hålla ", " fortsatt god dialog med handlarna") is None
    assert held_event("Bygga ", " trygghetsvandring") is None
    # more than two words between the verb and the article
    assert held_event("Genomföra tillsammans med boende ", " vandring") is None
    # a clause word between them
    assert held_event("Genomföra att ", " vandring") is None


def test_event_nouns_and_their_compounds():
    for word in (
        "möte",
        "föräldramöte",
        "SSPF-möte",
        "trygghetsdag",
        "familjedag",
        "temakväll",
        "trafikinsats",
        "skyddsrond",
        "hembesök",
        "tillsyn",
    ):
        assert is_event_noun(word), word
    for word in (
        "dag",
        "kväll",
        "insats",
        "måndag",
        "vardag",
        "fredagskväll",
        "helgdag",
        "plan",
        "miljö",
        "närvaro",
        "mötesplats",
        "gångpassage",
    ):
        assert not is_event_noun(word), word


def test_taking_someone_on():
    assert hired("Kommunen ska anställa ")
    assert hired("rekrytera under året ")
    assert not hired("Kommunen ska bygga ")


def test_two_years_and_school_holidays_are_yearly_rates():
    assert triple("Båda åren bjuder vi in till ett öppet möte om trygghet.") == (
        1,
        "öppet möte",
        "år",
    )
    assert triple(
        "Kommunen och polisen ordnar en informationskväll inför varje sommarlov."
    ) == (1, "informationskväll", "år")
    assert triple("Bägge åren genomförs tre trygghetsvandringar.") == (
        3,
        "trygghetsvandringar",
        "år",
    )
