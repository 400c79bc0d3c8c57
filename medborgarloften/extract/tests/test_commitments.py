"""extract_commitments on our own promise texts (never corpus texts).

Examples are split as STYLE.md rule 18 asks: development fixtures (used while
writing the rules), held-out fixtures (written afterwards and not tuned on; a stored
baseline keeps their score from dropping), bugs caught during development, and
known misses (strict xfail: they fail today and must be moved when fixed).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract.commitments import (
    extract_commitments,
    extract_umbrella_statements,
)
from medborgarloften.extract.structure import parse_structure
from medborgarloften.extract.targets import extract_target

FIXTURES = Path(__file__).parent / "fixtures" / "promises"
BASELINE = FIXTURES / "baseline.json"


def run(text: str, municipalities: list[str], period: dict | None = None) -> list[dict]:
    return extract_commitments(
        text, parse_structure(text), municipalities=municipalities, period=period
    )


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


# (text start, responsible, measurable, quantity, unit, per, places)
EXPECTED: dict[str, tuple[list[str], list[tuple]]] = {
    "dev_storvik": (
        ["Storvik"],
        [
            (
                "Genomföra minst tolv",
                ["polis"],
                True,
                12,
                "fotpatrulleringar",
                "år",
                ["centrala Storvik"],
            ),
            (
                "Delta på föräldramöten",
                ["polis"],
                False,
                None,
                None,
                None,
                ["Backaskolan"],
            ),
            ("Se över belysningen", ["kommun", "annan"], False, None, None, None, []),
            ("Anordna två (2)", ["kommun"], True, 2, "nattvandringar", "termin", []),
            (
                "Genomföra trygghetsvandringar i",
                ["polis", "kommun"],
                False,
                None,
                None,
                None,
                ["Norrbacka", "Lunden"],
            ),
            ("Redovisa resultatet", ["polis", "kommun"], True, 1, "gång", "år", []),
        ],
    ),
    "dev_fjallby": (
        ["Fjällby"],
        [
            (
                "Under 2024 ska polisen",
                ["polis"],
                True,
                20,
                "trafikkontroller",
                "period",
                [],
            ),
            # one event held counts one (SCHEMA's example record: quantity 1, unit
            # "medborgardialog", per "period"); was None before batch 4
            (
                "Kommunen ska bjuda in",
                ["kommun"],
                True,
                1,
                "medborgardialog",
                "period",
                [],
            ),
            (
                "Trygghetsvärdarna kommer",
                ["kommun"],
                True,
                1,
                None,
                "vecka",
                ["Fjällby centrum"],
            ),
        ],
    ),
    "dev_aby": (
        ["Åby"],
        [
            ("Genomföra riktade insatser", ["polis"], True, None, None, None, []),
            ("Öka den polisiära", ["polis"], False, None, None, None, ["Åby station"]),
            (
                "Erbjuda föräldrastödsprogram",
                ["kommun"],
                True,
                3,
                "gånger",
                "termin",
                [],
            ),
            (
                "Vi ska i samverkan",
                ["polis", "kommun", "annan"],
                False,
                None,
                None,
                None,
                [],
            ),
        ],
    ),
    # Who acts when the subject is an att-clause, a list with named third parties,
    # a party heading over "Vi", a name with its acronym, or a verb-first clause;
    # counts that belong to a name, a duration or a "(2 st)".
    "dev_lindby": (
        ["Lindby"],
        [
            ("Att polisen ska", ["polis"], False, None, None, None, []),
            ("Att Lindby kommun", ["kommun"], False, None, None, None, []),
            (
                "Att polisen, Lindby kommun, Lindbyhem",
                ["polis", "kommun", "annan"],
                True,
                2,
                "stadsdelar",
                "period",
                [],
            ),
            (
                "Att polisen och Lindby kommun bjuder",
                ["polis", "kommun"],
                True,
                1,
                "öppet dialogmöte",
                "månad",
                [],
            ),
            (
                "Kommer att patrullera",
                ["polis", "kommun"],
                False,
                None,
                None,
                None,
                ["centrala Lindby"],
            ),
            ("Vi kommer att", ["annan"], True, 2, "tillfällen", "period", []),
            (
                "Lindby Energi (LEAB)",
                ["annan"],
                False,
                None,
                None,
                None,
                ["Storgatan (4)"],
            ),
            (
                "Kommer kommunen, polisen",
                ["polis", "kommun", "annan"],
                True,
                2,
                "tillsyn av fyrverkerier",
                "år",
                [],
            ),
        ],
    ),
    "heldout_norrkopinge": (
        ["Norrköpinge"],
        [
            (
                "Trygghetsvandring i",
                ["kommun"],
                True,
                None,
                None,
                "år",
                ["Norrköpinge centrum"],
            ),
            (
                "Polisen genomför minst 6",
                ["polis"],
                True,
                6,
                "trafikkontroller",
                "månad",
                ["Storgatan"],
            ),
            (
                "Fastighetsägare och kommunen",
                ["kommun", "annan"],
                True,
                48,
                "timmar",
                # "inom 48 timmar" is a response time, no count over the period
                # (SCHEMA per: "period" only when the count applies to the whole
                # promise period)
                None,
                [],
            ),
            (
                "Starta tre nya",
                ["polis"],
                True,
                3,
                "nya grannsamverkansområden",
                "period",
                [],
            ),
            (
                "Informera om inbrottsskydd",
                ["polis", "kommun"],
                True,
                1,
                "gång",
                None,
                ["Västra Norrköpinge"],
            ),
        ],
    ),
    "heldout_vasterby": (
        ["Västerby"],
        [
            (
                "Polisen ska ha minst två",
                ["polis"],
                True,
                2,
                "öppna mottagningar",
                "månad",
                ["Hagby"],
            ),
            ("Kommunen ska anställa", ["kommun"], False, None, None, None, []),
            (
                "Polisen och kommunen ska",
                ["polis", "kommun", "annan"],
                False,
                None,
                None,
                None,
                [],
            ),
        ],
    ),
    "heldout_sorby": (
        ["Sörby"],
        [
            (
                "Genomföra fyra riktade",
                ["polis", "kommun"],
                True,
                4,
                "riktade insatser",
                "år",
                ["Sörby centrum"],
            ),
            ("Kommunens fritidsgårdar", ["kommun"], True, 1, None, None, []),
            ("Polisen ska öka", ["polis"], False, None, None, None, ["Östra hamnen"]),
        ],
    ),
    # Written as held-out; failed (lists without bullet markers), then fixed.
    "bug_hallby": (
        ["Hallby"],
        [
            (
                "Att genomföra minst 30",
                ["polis"],
                True,
                30,
                "trafikkontroller",
                "period",
                ["centrala Hallby"],
            ),
            (
                "Att delta vid minst två",
                ["polis"],
                True,
                2,
                "föräldramöten",
                "termin",
                [],
            ),
            (
                "Att se över belysningen",
                ["kommun"],
                False,
                None,
                None,
                None,
                ["Stationsparken"],
            ),
            (
                "Att starta två nya",
                ["kommun"],
                True,
                2,
                "nya grannsamverkansområden",
                "period",
                [],
            ),
            (
                "Att genomföra trygghetsvandringar",
                ["polis", "kommun"],
                False,
                None,
                None,
                None,
                ["Östansjö", "Vretsta"],
            ),
        ],
    ),
    # Written as held-out; failed (umbrella before an "Aktiviteter" heading, weekday
    # plurals), then fixed.
    "bug_ekeby": (
        ["Ekeby"],
        [
            (
                "Polisen genomför fotpatrullering",
                ["polis"],
                True,
                1,
                None,
                "vecka",
                ["Ekeby centrum"],
            ),
            (
                "Kommunen anställer två",
                ["kommun"],
                True,
                2,
                "trygghetsvärdar",
                "period",
                [],
            ),
            (
                "Kommunen och Ekebyhem AB",
                ["kommun", "annan"],
                True,
                None,
                None,
                None,
                ["Ekeby centrum"],
            ),
            (
                "Fältassistenter och polis",
                ["polis", "kommun"],
                True,
                1,
                "gång",
                "månad",
                [],
            ),
            ("Skolorna genomför", ["kommun"], True, None, None, None, []),
        ],
    ),
}
PERIODS = {
    "dev_lindby": {"start": "2025-01-01", "end": "2026-12-31"},
    "dev_fjallby": {"start": "2024-01-01", "end": "2024-12-31"},
    "heldout_norrkopinge": {"start": "2025-01-01", "end": "2025-12-31"},
    "bug_hallby": {"start": "2018-01-01", "end": "2018-12-31"},
    "bug_ekeby": {"start": "2024-01-01", "end": "2025-12-31"},
}


def field_results(name: str) -> list[bool]:
    """One bool per expected field; a missing commitment is wrong on every field."""
    municipalities, expected = EXPECTED[name]
    got = run(fixture(name), municipalities, PERIODS.get(name))
    results = []
    for start, responsible, measurable, quantity, unit, per, places in expected:
        match = [c for c in got if c["text"].startswith(start)]
        c = match[0] if match else None
        t = (c or {}).get("target") or {}
        results += [
            c is not None,
            c is not None and c["responsible"] == responsible,
            c is not None and c["measurable"] == measurable,
            c is not None and t.get("quantity") == quantity,
            c is not None and (unit is None or (t.get("unit") or "").startswith(unit)),
            c is not None and (quantity is None or t.get("per") == per),
            c is not None and c["places"] == places,
        ]
    results.append(len(got) == len(expected))  # no extra commitments
    return results


@pytest.mark.parametrize(
    "name", [n for n in EXPECTED if n.startswith(("dev_", "bug_"))]
)
def test_it_extracts_the_development_and_bug_fixtures_exactly(name):
    assert all(field_results(name))


def test_it_keeps_the_held_out_score_at_or_above_the_stored_baseline():
    results = [
        r for n in EXPECTED if n.startswith("heldout_") for r in field_results(n)
    ]
    score = sum(results) / len(results)
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))[
        "heldout_field_accuracy"
    ]
    assert score >= baseline, f"held-out accuracy {score:.3f} fell below {baseline:.3f}"


def test_it_returns_records_in_the_schema_shape_with_provenance():
    text = fixture("dev_storvik")
    for c in run(text, ["Storvik"]):
        assert set(c) == {
            "text",
            "responsible",
            "measurable",
            "target",
            "places",
            "span",
            "rule",
            "evidence",
        }
        assert text[c["span"][0] : c["span"][1]] == c["text"]
        assert c["measurable"] == (c["target"] is not None)
        assert c["rule"]
        s, e = c["evidence"]["responsible"]["span"]
        assert 0 <= s <= e <= len(text)


def test_it_sends_umbrella_and_focus_statements_to_focus_areas_not_commitments():
    text = fixture("dev_aby")
    umbrellas = extract_umbrella_statements(text, parse_structure(text))
    assert [(u["kind"], u["text"][:25]) for u in umbrellas] == [
        ("umbrella", "Vi ska tillsammans arbeta"),
        ("umbrella", "Vi ska även bli bättre på"),
        ("focus", "Särskilt fokus läggs på h"),
    ]
    texts = [c["text"] for c in run(text, ["Åby"])]
    assert not any(
        t.startswith(("Vi ska tillsammans", "Särskilt fokus")) for t in texts
    )


def test_it_leaves_out_background_effects_principles_and_channels():
    texts = [c["text"] for c in run(fixture("dev_fjallby"), ["Fjällby"])]
    assert not any("delta i rådet" in t for t in texts)  # Bakgrund
    assert not any("känna sig trygga" in t for t in texts)  # effect goal
    assert not any("utgå från" in t for t in texts)  # principle
    assert not any("webbplats" in t for t in texts)  # communication channels


def test_it_skips_a_truncated_last_bullet():
    text = "Polisen lovar att:\n\n • Genomföra kontroller vid skolorna.\n • Se över belysning och miljö f"
    assert [c["text"] for c in run(text, [])] == ["Genomföra kontroller vid skolorna."]


def test_it_counts_conditional_promises():
    text = (
        "Medborgarlöfte 2025\n\n • Om det uppkommer önskemål om trygghetsvandringar så "
        "lovar kommunen och polisen att bistå.\n"
    )
    got = run(text, [])
    assert [c["responsible"] for c in got] == [["polis", "kommun"]]


def test_it_keeps_an_object_party_out_of_responsible():
    text = "Kommunen lovar att:\n\n • Förstärka samverkan mellan socialtjänst, skola, polis och fritid.\n"
    assert run(text, [])[0]["responsible"] == ["kommun"]
    text = "Polisen ska:\n\n • Göra trafikkontroller på platser utsedda i samverkan med kommunen.\n"
    assert run(text, [])[0]["responsible"] == ["polis"]


def test_it_does_not_add_annan_for_vague_actors_or_citizens():
    text = (
        "Det här ska vi göra\n\n • Genomföra vandringar tillsammans med andra aktörer.\n"
        " • Genomföra dialoger tillsammans med medborgarna.\n"
    )
    assert [c["responsible"] for c in run(text, [])] == [["polis", "kommun"]] * 2


# Bugs caught while developing against texts in the genre.
@pytest.mark.parametrize(
    ("text", "count"),
    [
        # "i år" means this year, not a yearly rate; and a relative "som ska" is no promise.
        (
            "Medborgarlöfte 2025\n\nKommunen och polisen tar varje år fram löften som ska öka tryggheten.\n",
            0,
        ),
        # An indirect question is not a commitment.
        ("Medborgarlöfte 2025\n\nVad som ska göras kommer att bestämmas senare.\n", 0),
        # A lead-in with the parties between "lovar" and "att:" governs its list.
        (
            "Lägesbild\n\nText.\n\nDärför lovar Ekby kommun och lokalpolisområde Ekby att:\n\n - Öka närvaron i centrum.\n",
            1,
        ),
        # A heading ending with "!" opens the follow-up section.
        (
            "Det här lovar vi\n\nVi ska besöka skolorna.\n\nFölj med i hur det går!\n\nVårt arbete kommer att återkopplas på hemsidan.\n",
            1,
        ),
        # A quoted speaker in a news text is not a commitment.
        (
            "Nytt medborgarlöfte\n\n– Vi ska bli bättre, säger kommunchefen.\n\n • Polisen ska patrullera.\n",
            1,
        ),
    ],
)
def test_it_fixes_bugs_caught_in_development(text, count):
    assert len(run(text, ["Ekby"])) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The last bullet of a cut-off page, when the list's other bullets close
        # with a full stop and it does not (SCHEMA f).
        (
            "Polisen lovar att:\n\n • Göra kontroller vid skolorna.\n"
            " • Besöka fritidsgården varje månad.\n • Samverka med kommunen om informa",
            ["Göra kontroller", "Besöka fritidsg"],
        ),
        # An outcome promised for someone else is an effect goal (SCHEMA b).
        (
            "Medborgarlöfte 2025\n\nPolisen och kommunen lovar att de utsatta "
            "områdena ska bli tryggare att bo i.\n",
            [],
        ),
        # Evaluating the activity is follow-up, not another activity.
        (
            "Medborgarlöfte 2025\n\nAktiviteten pågår till och med maj, då "
            "utfallet ska utvärderas.\n",
            [],
        ),
        # An adverbial first, then the verb, then a described party (V2 order).
        (
            "Medborgarlöfte 2025\n\nMed början i mars kommer civilklädd polis att "
            "finnas vid stationen varje fredag.\n",
            ["Med början i mar"],
        ),
    ],
)
def test_it_reads_what_counts_as_a_commitment(text, expected):
    got = run(text, [])
    assert len(got) == len(expected)
    assert [c["text"][: len(e)] for c, e in zip(got, expected, strict=True)] == expected


# Was a known miss (strict xfail) until present-tense activities were read.
def test_it_finds_present_tense_prose_promises():
    text = "Medborgarlöfte 2025\n\nPolisen patrullerar i centrum varje helg.\n"
    assert len(run(text, [])) == 1


@pytest.mark.parametrize(
    ("sentence", "responsible"),
    [
        ("Kommunen arbetar också med att rusta upp lekplatserna.", ["kommun"]),
        (
            "Samverkan mellan skolan och polisen i form av klassbesök fortsätter.",
            ["polis", "kommun"],
        ),
        ("Samarbetet mellan fältassistenter och närpoliser fortsätter.", None),
    ],
)
def test_it_reads_present_tense_activities_in_the_promise_part(sentence, responsible):
    got = run(f"Det här gör vi\n\n{sentence}\n", [])
    assert len(got) == 1
    if responsible:
        assert got[0]["responsible"] == responsible


@pytest.mark.parametrize(
    "sentence",
    [
        # Stating, describing, or about the promise itself: no activity.
        "Polisen är ofta på plats i centrum på kvällarna.",
        "Kommunen har en lång tradition av samverkan.",
        "Kommunen och polisen tar varje år fram gemensamma medborgarlöften.",
    ],
)
def test_it_leaves_present_tense_descriptions_out(sentence):
    assert run(f"Det här gör vi\n\n{sentence}\n", []) == []


def test_it_leaves_present_tense_prose_outside_the_promise_part():
    text = "Bakgrund\n\nPolisen patrullerar i dag mest på helgerna.\n"
    assert run(text, []) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A lead-in that ends in "att.." or is left unfinished governs its list,
        # and its party the bullets.
        (
            "Medborgarlöftet innebär att:\n\nPolisen lovar att..\n"
            "• regelbundet besöka fritidsgården.\n• ha öppet hus en gång per termin.\n\n"
            "Ekby Kommun lovar att..\n• via fältgruppen ha vuxna ute på helgerna.\n",
            [["polis"], ["polis"], ["kommun"]],
        ),
        (
            "Medborgarlöfte 2025\n\n1. Polisen och kommunen ska tillsammans\n\n"
            "• Minska mopedbuset vid torget\n\n• Se över belysningen i parken\n",
            [["polis", "kommun"], ["polis", "kommun"]],
        ),
        # A company that promises in a lead-in is a third party.
        (
            "Medborgarlöfte 2025\n\nKvarnens Pizzeria lovar att..\n"
            "• hålla uteserveringen ren och upplyst.\n",
            [["annan"]],
        ),
        # Under "… aktiviteter:" a bare noun is an activity.
        (
            "Det genomförs med följande aktiviteter:\n\n • Trygghetsvandringar\n"
            " • Medborgardialog\n",
            [["polis", "kommun"], ["polis", "kommun"]],
        ),
    ],
)
def test_it_reads_governing_lines_without_a_colon(text, expected):
    assert [c["responsible"] for c in run(text, ["Ekby"])] == expected


@pytest.mark.parametrize(
    "text",
    [
        # A lone dash paragraph in a news text is a quotation.
        "Nytt löfte\n\nKommunalrådet är nöjd.\n\n- Löftet handlar om att lyssna på "
        "dem som bor här och vi ska fortsätta så.\n\nMer text.\n",
        # The last bullet of a cut page, its last word a stump of a word used above.
        "Medborgarlöfte 2025\n\n • Kommunen lovar att rusta upp parken\n"
        " • Polisen och kommunen lovar att informera om inbrottsskydd\n • Polisen och kommu",
    ],
)
def test_it_leaves_out_quotes_and_a_cut_last_bullet(text):
    texts = [c["text"] for c in run(text, [])]
    assert not any(
        t.startswith("Löftet handlar") or t == "Polisen och kommu" for t in texts
    )
    assert len(texts) == (0 if "Kommunalrådet" in text else 2)


@pytest.mark.parametrize(
    "bullet",
    [
        # A reader may turn a news text's speech dashes into list items.
        "Medborgarlöften handlar om att lyssna på dem som bor här.",
        "Invånarna i Ekby känner sig trygga men det kan bli bättre.",
    ],
)
def test_it_leaves_out_descriptions_written_as_list_items(bullet):
    text = f"Det här lovar vi\n\n• Polisen ska patrullera varje helg.\n• {bullet}\n"
    assert [c["text"][:19] for c in run(text, [])] == ["Polisen ska patrull"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Vi" in prose under a heading that names one party is that party.
        (
            "Medborgarlöfte 2025\n\nKommunen\n\nKommunen ska röja sly vid gångvägarna. "
            "Vi kommer även att ordna nattvandringar tillsammans med föreningslivet.\n",
            [["kommun"], ["kommun", "annan"]],
        ),
        # "Tillsammans med X" at the start adds X; it does not mean both parties.
        (
            "Kommunen ska:\n\n • Tillsammans med Ekbyhem se över låsen i trapphusen.\n",
            [["kommun", "annan"]],
        ),
        # A unit owned by a party acts for it.
        (
            "Medborgarlöfte 2025\n\nPolisen och kommunens fältgrupp ska tillsammans "
            "besöka skolorna en gång per termin.\n",
            [["polis", "kommun"]],
        ),
        # Present tense with a particle acts; perceiving does not.
        (
            "Det här gör vi\n\nKommunen bygger om parkeringen vid skolan. "
            "Vi ser att många är oroliga för trafiken.\n",
            [["kommun"]],
        ),
    ],
)
def test_it_reads_who_acts_in_genre_prose(text, expected):
    assert [c["responsible"] for c in run(text, ["Ekby"])] == expected


def test_it_reads_an_opening_work_for_goal_as_an_intro_summary():
    text = (
        "Medborgarlöfte för Ekby kommun 2025\n\nEkby kommun och lokalpolisområde Ekby "
        "lovar att arbeta för en tryggare trafikmiljö.\n\nPolisen ska genomföra 40 "
        "trafikkontroller. Kommunen ska se över hastighetsbegränsningarna.\n"
    )
    texts = [c["text"][:12] for c in run(text, ["Ekby"])]
    assert texts == ["Polisen ska ", "Kommunen ska"]
    umbrellas = extract_umbrella_statements(text, parse_structure(text))
    assert [u["rule"] for u in umbrellas] == ["umbrella.intro_goal"]


def test_it_reads_promises_reported_in_prose():
    text = (
        "Nyheter\n\nKommunen och polisen skrev under löftet\n\nI löftet står att "
        "polisen ska vara på plats vid bryggan varje helg i juli. Ett annat löfte är "
        "att kommunen ska anställa tre trygghetsvärdar. Ett tredje löfte är att göra "
        "minst 20 riktade trafikkontroller i månaden. Löftet innebär att den lokala "
        "lägesbilden ska vara utgångspunkt.\n"
    )
    got = run(text, ["Ekby"])
    assert [(c["text"][:12], c["responsible"]) for c in got] == [
        ("I löftet stå", ["polis"]),
        ("Ett annat lö", ["kommun"]),
        ("Ett tredje l", ["polis", "kommun"]),
    ]
    assert (got[2]["target"] or {}).get("quantity") == 20


@pytest.mark.parametrize(
    ("text", "responsible"),
    [
        # A named organisation joined as co-responsible.
        (
            "Polisen och kommunen ska tillsammans med Ekby Energi sätta upp belysning.",
            ["polis", "kommun", "annan"],
        ),
        (
            "Kommunen lovar att tillsammans med PRO och SPF ta fram en folder.",
            ["kommun", "annan"],
        ),
        # "en synlig polis" is police work whoever governs the list.
        ("Ha en synlig polis vid busstationen på fredagar.", ["polis"]),
    ],
)
def test_it_reads_named_co_parties_and_visible_police(text, responsible):
    got = run(f"Det ska vi göra genom att:\n\n • {text}\n", ["Ekby"])
    assert got[0]["responsible"] == responsible


def test_it_reads_a_numbered_line_over_prose_as_a_heading():
    text = (
        "Medborgarlöften för Ekby kommun 2026\n\n1. Narkotika bland unga\n"
        "Polisen lovar att göra kontroller vid stationen två gånger i månaden.\n\n"
        "2. Bedrägerier mot äldre\nKommunen lovar att hålla träffar varje kvartal.\n"
    )
    assert [c["text"][:14] for c in run(text, ["Ekby"])] == [
        "Polisen lovar ",
        "Kommunen lovar",
    ]
    headers = [
        u["text"] for u in extract_umbrella_statements(text, parse_structure(text))
    ]
    assert headers == ["Narkotika bland unga", "Bedrägerier mot äldre"]


def test_it_keeps_a_concrete_promise_before_a_list_as_a_commitment():
    text = (
        "Medborgarlöfte 2025\n\nPolisen och kommunen lovar att genomföra fyra "
        "trygghetsvandringar under året.\n\nPolisen lovar att:\n\n • Öka närvaron i centrum.\n"
    )
    assert len(run(text, [])) == 2


def test_it_keeps_a_concrete_intro_sentence_before_the_promise_part():
    text = (
        "Ekby – medborgarlöften\n\nPolisen och kommunen lovar att genomföra fyra "
        "trygghetsvandringar under 2024.\n\nLägesbild\n\nText om läget.\n\n"
        "Det här ska vi göra\n\n • Öka närvaron i centrum.\n"
    )
    assert [c["text"][:12] for c in run(text, ["Ekby"])] == [
        "Polisen och ",
        "Öka närvaron",
    ]


def test_it_leaves_out_a_described_list_and_reads_a_joined_promise_heading():
    text = (
        "Ekby – medborgarlöften\n\nTrygghetsmätningen visar:\n"
        "• Oron för inbrott har ökat i hela kommunen.\n"
        "• Fler känner sig otrygga i centrum på kvällen.\n\n"
        "Lägesbild och medborgarlöfte\n\n"
        "Polisen ska genomföra fyra trafikkontroller per månad.\n"
    )
    assert [c["text"][:20] for c in run(text, ["Ekby"])] == ["Polisen ska genomför"]


@pytest.mark.parametrize(
    ("text", "responsible"),
    [
        # V2 order after an adverbial names the subject after the verb.
        ("Under hösten genomför polisen riktade insatser vid skolorna.", ["polis"]),
        # A capitalised verb before "polisen" is not a place name ("Informera polisen").
        ("Informera polisen om läget i bostadsområdena.", ["kommun"]),
        ("Kalmar kommuns socialtjänst ska erbjuda föräldrastöd.", ["kommun"]),
    ],
)
def test_it_finds_the_subject_in_bugs_caught(text, responsible):
    got = run(f"Kommunen lovar att:\n\n • {text}\n", ["Kalmar"])
    assert got[0]["responsible"] == responsible


def test_it_reads_a_numbered_focus_over_its_bullets_as_a_group_header():
    text = (
        "Medborgarlöfte Ekby 2025\n\n1. Ökad trygghet i centrum\n"
        "• Polisen genomför fotpatrullering varje fredag.\n"
        "• Kommunen ser över belysningen.\n2. Minskad narkotikaanvändning\n"
        "• Fältassistenterna besöker skolorna två gånger per termin.\n"
    )
    structure = parse_structure(text)
    assert len(extract_commitments(text, structure, municipalities=["Ekby"])) == 3
    headers = [u["text"] for u in extract_umbrella_statements(text, structure)]
    assert headers == ["Ökad trygghet i centrum", "Minskad narkotikaanvändning"]


def test_it_reads_labelled_promises():
    text = (
        "Medborgarlöfte Ekby 2025\n\n"
        "Löfte 1: Polisen ska genomföra minst tio trafikkontroller vid skolorna.\n\n"
        "Löfte 2: Kommunen ska anordna två föräldraträffar per termin.\n\n"
        "Det här gör vi\n\n • Polisen: fotpatrullera i centrum varje helg.\n"
    )
    got = run(text, ["Ekby"])
    assert [(c["responsible"], (c["target"] or {}).get("quantity")) for c in got] == [
        (["polis"], 10),
        (["kommun"], 2),
        (["polis"], None),
    ]


def test_it_leaves_passive_sentences_about_the_promise_itself_to_follow_up():
    text = (
        "Medborgarlöfte 2025\n\nMedborgarlöftet ska följas upp varje kvartal. "
        "Trygghetsvandringar ska genomföras i alla stadsdelar.\n"
    )
    assert [c["text"][:20] for c in run(text, [])] == ["Trygghetsvandringar "]


def test_it_does_not_read_i_ar_or_idag_as_rates():
    assert (
        extract_target("Nytt för i år är att föreningslivet ska involveras.").target
        is None
    )
    assert extract_target("Polisen ska finnas på plats idag och i dag.").target is None


# Known misses: strict xfail, so fixing one makes the suite say so.


# Was a known miss (strict xfail) until action tables were read.
def test_it_reads_table_rows():
    text = (
        "Medborgarlöfte 2025\n\nAktivitet | Ansvar | När\n"
        "Trygghetsvandring i centrum | Kommunen | Maj\n"
    )
    got = run(text, [])
    assert [c["responsible"] for c in got] == [["kommun"]]


def test_it_reads_a_table_whose_columns_a_reader_set_apart_with_spaces():
    text = (
        "Medborgarlöfte 2025\n\nÅtgärd        Ansvarig        När\n"
        "Hastighetskontroller vid skolorna        Polisen        Varje vecka\n"
        "Informationsträffar om inbrott        Polis och kommun        2 ggr/år\n"
        "Sanera klotter        Kommunen        Maj\n\nUppföljning\n\nVi följer upp.\n"
    )
    got = run(text, [], {"start": "2025-01-01", "end": "2025-12-31"})
    assert [(c["text"], c["responsible"]) for c in got] == [
        ("Hastighetskontroller vid skolorna", ["polis"]),
        ("Informationsträffar om inbrott", ["polis", "kommun"]),
        ("Sanera klotter", ["kommun"]),
    ]
    assert [(c["target"] or {}).get("per") for c in got[:2]] == ["vecka", "år"]
    assert got[2]["target"]["deadline"] == "2025-05-31"
    for c in got:
        assert text[c["span"][0] : c["span"][1]] == c["text"]


@pytest.mark.parametrize(
    ("heading", "responsible"),
    [("Atgärd", "Ansvarig"), ("tgärd", "Ansvarig"), ("Åtgärd", "Ansvärig")],
)
def test_it_reads_a_table_whose_heading_ocr_misread(heading, responsible):
    # issue #14: a scan's "Åtgärd" at the table's ruling came out without its Å,
    # a noisy one's "Ansvarig" as "Ansvärig".
    text = (
        f"Medborgarlöfte 2025\n\n{heading}    {responsible}    När\n"
        "Hastighetskontroller vid skolorna    Polisen    Varje vecka\n"
        "Sanera klotter på skolorna    Kommunen    Maj\n"
    )
    got = run(text, [], {"start": "2025-01-01", "end": "2025-12-31"})
    assert [c["text"] for c in got] == [
        "Hastighetskontroller vid skolorna",
        "Sanera klotter på skolorna",
    ]


def test_it_resolves_week_number_deadlines():
    target = extract_target(
        "Kommunen ska senast vecka 40 ha satt upp belysningen.",
        period={"start": "2025-01-01", "end": "2025-12-31"},
    ).target
    assert target is not None and target["deadline"] == "2025-10-05"


@settings(max_examples=150, deadline=None)
@given(st.text(), st.lists(st.text(max_size=10), max_size=2))
def test_it_never_raises_on_arbitrary_text(text, municipalities):
    structure = parse_structure(text)
    for c in extract_commitments(text, structure, municipalities=municipalities):
        assert text[c["span"][0] : c["span"][1]] == c["text"]
    extract_umbrella_statements(text, structure)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Polisen lovar att:\n",
                " • Genomföra minst två vandringar per år i centrala Ekby.\n",
                "Uppföljning\n",
                "Kommunen ska bjuda in till dialog i maj.\n",
                "\n",
                "- Särskilt fokus läggs på unga.\n",
                "Det här ska vi göra\n",
                "  fortsättning på raden\n",
            ]
        ),
        max_size=12,
    )
)
def test_it_never_raises_on_genre_like_text(lines):
    text = "".join(lines)
    run(text, ["Ekby"])
