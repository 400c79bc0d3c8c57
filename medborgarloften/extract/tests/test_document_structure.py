"""The document's own structure in the record: title, lägesbild, focus per commitment.

Development examples on our own texts in the genre (the draft promise gets its title,
its lägesbild and each commitment's focus area from these fields).
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.document import find_situation, find_title, read_units
from medborgarloften.extract.document.focus import find_focus_areas
from medborgarloften.extract.record import extract_record


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # A document label, a date, a diarienummer and the board before the title.
        (
            "TJÄNSTESKRIVELSE\nDatum 2025-11-20\nDiarienummer KS 2025/312\n\n"
            "Kommunstyrelsen\n\nMedborgarlöfte 2026 för Ekby kommun\n\nFörslag till beslut\n",
            "Medborgarlöfte 2026 för Ekby kommun",
        ),
        # The author block of a tjänsteskrivelse, then the title.
        (
            "Handläggare\nSara Holm\n0480-123 45\n\nTJÄNSTESKRIVELSE\n\n"
            "Medborgarlöften 2026–2027\n",
            "Medborgarlöften 2026–2027",
        ),
        # A letterhead and markdown.
        (
            "Ekby kommun\n\n## Gemensamma medborgarlöften\n\nText.",
            "Gemensamma medborgarlöften",
        ),
        # Web page furniture and a news headline.
        (
            "# source: https://example.org/a\n\nSök\nMeny\n\nPublicerad 2025-02-01\n\n"
            "Nytt medborgarlöfte ska göra Ekby tryggare\n\nText.",
            "Nytt medborgarlöfte ska göra Ekby tryggare",
        ),
        # No line names the promise: the first real heading.
        ("Trygg i Ekby\n\nPolisen ska patrullera.", "Trygg i Ekby"),
    ],
)
def test_it_finds_the_documents_own_title(text, title):
    found = find_title(text)
    assert found is not None and found.text == title
    assert text[found.span[0] : found.span[1]] == title


def test_it_finds_no_title_in_prose_alone():
    assert find_title("Polisen ska patrullera i centrum varje helg.") is None


def test_it_takes_the_lagesbild_section_with_its_sources_and_stops_at_the_promise():
    text = (
        "Medborgarlöfte Ekby 2026\n\nLägesbild\n\nMånga känner sig otrygga vid "
        "stationen. Klotter har ökat.\n\nTrygghetsmätningen\n\nEnkäten visar oro "
        "för inbrott.\n\nUtifrån lägesbilden lovar polisen och kommunen att:\n\n"
        "- Polisen patrullerar vid stationen varje fredag.\n\nUppföljning\n\nVi följer "
        "upp i december.\n"
    )
    situation = find_situation(read_units(text))
    assert situation is not None
    assert situation.text == (
        "Många känner sig otrygga vid stationen. Klotter har ökat.\n\n"
        "Enkäten visar oro för inbrott."
    )
    assert situation.rule == "situation.section"


def test_it_takes_sentences_that_state_the_lagesbild_without_a_section():
    text = (
        "Ekby – medborgarlöften\n\nTrygghetsmätningen visar att oron för narkotika "
        "har ökat. Polisen ska därför göra fler kontroller.\n"
    )
    situation = find_situation(read_units(text))
    assert situation is not None
    assert situation.text == "Trygghetsmätningen visar att oron för narkotika har ökat."


def test_the_record_keeps_title_lagesbild_and_the_focus_area_of_each_commitment():
    text = (
        "TJÄNSTESKRIVELSE\n\nMedborgarlöfte för Ekby kommun 2026\n\nLägesbild\n\n"
        "Boende oroar sig för trafiken vid skolorna.\n\nTrygg trafik\n\n"
        "- Polisen gör hastighetskontroller vid skolorna varje månad.\n"
        "- Kommunen bygger farthinder på Skolvägen.\n\nNarkotika bland unga\n\n"
        "- Fältassistenterna besöker skolorna varje vecka.\n\nUppföljning\n\n"
        "- Polisen och kommunen redovisar arbetet två gånger under året.\n"
    )
    record = extract_record(text, record_id="ekby")
    assert record["title"] == "Medborgarlöfte för Ekby kommun 2026"
    assert record["situation_summary"] == "Boende oroar sig för trafiken vid skolorna."
    assert record["focus_areas"] == ["Trygg trafik", "Narkotika bland unga"]
    assert [c.get("focus_area") for c in record["commitments"]] == [
        "Trygg trafik",
        "Trygg trafik",
        "Narkotika bland unga",
    ][: len(record["commitments"])]
    assert record["evidence"]["title"]["rule"] == "title.promise_heading"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Polisen och kommunen lovar att tillsammans arbeta med fokus på "
            "trygghetsskapande aktiviteter för att öka tryggheten.",
            ["trygghetsskapande aktiviteter"],
        ),
        (
            "I år har vi särskilt fokus på trafik, narkotika och klotter.",
            ["trafik", "narkotika", "klotter"],
        ),
        (
            "Löftet består av tre områden: trafik, våld samt droger och unga.",
            ["trafik", "våld", "droger och unga"],
        ),
        (
            "Utifrån lägesbilden har mängdbrott, ungdomar och narkotika valts som "
            "fokusområden.",
            ["mängdbrott", "ungdomar", "narkotika"],
        ),
        (
            "Kommunen och polisen kommer under 2026 - 2027 särskilt fokusera på att "
            "tillsammans arbeta för en tryggare offentlig miljö främst i Haga.",
            ["en tryggare offentlig miljö"],
        ),
        (
            "Fokus ligger på buskörning i centrum samt på narkotika bland unga.",
            ["buskörning i centrum", "narkotika bland unga"],
        ),
        (
            "Kommunen och polisen föreslår ett medborgarlöfte för 2026 om bedrägerier "
            "mot äldre och trafiken i Åsby.",
            ["bedrägerier mot äldre", "trafiken i Åsby"],
        ),
        (
            "Vi ser problem i form av buskörning, klotter samt langning för närvarande.",
            ["buskörning", "klotter", "langning"],
        ),
        (
            "Löftet ska leda till ökad trygghet vid torget, att parken blir lugnare "
            "och att unga i riskzon får stöd.",
            [
                "ökad trygghet vid torget",
                "parken blir lugnare",
                "unga i riskzon får stöd",
            ],
        ),
    ],
)
def test_it_finds_focus_areas_named_in_a_sentence(text, expected):
    assert [f.text for f in find_focus_areas(read_units(text))] == expected


def test_it_takes_the_goal_of_an_unfinished_numbered_line_over_its_list():
    text = (
        "Medborgarlöfte 2026\n\n1. Polisen ska öka synligheten i centrum genom\n\n"
        "• Fotpatruller på torget\n\n• Trafikkontroller vid skolorna\n"
    )
    texts = [f.text for f in find_focus_areas(read_units(text), commitment_starts=[])]
    assert texts == ["öka synligheten i centrum"]


def test_it_does_not_take_a_focus_phrase_inside_a_commitment():
    text = (
        "Medborgarlöfte 2026\n\nTrygg trafik\n\n • Polisen gör kontroller med särskilt "
        "fokus på mopeder.\n"
    )
    starts = [text.index("Polisen")]
    texts = [
        f.text for f in find_focus_areas(read_units(text), commitment_starts=starts)
    ]
    assert texts == ["Trygg trafik"]


def test_it_takes_a_prioritised_list_over_a_purpose_in_passing():
    text = (
        "Medborgarlöfte Ekby 2026\n\nPolisen och kommunen har valt att prioritera:\n\n"
        "- Trafiken vid skolan\n- Inbrott i fritidshus\n\nFör att förbättra "
        "trafiken lovar vi att:\n\n- Polisen gör kontroller varje vecka.\n"
    )
    texts = [f.text for f in find_focus_areas(read_units(text))]
    assert texts == ["Trafiken vid skolan", "Inbrott i fritidshus"]


def test_it_reads_numbered_headings_over_prose_as_focus_areas():
    text = (
        "Medborgarlöften 2026\n\n1. Narkotika bland unga\nPolisen lovar att göra "
        "kontroller.\n\n2. Bedrägerier mot äldre\nKommunen lovar att hålla träffar.\n"
    )
    record = extract_record(text, record_id="x")
    assert record["focus_areas"] == ["Narkotika bland unga", "Bedrägerier mot äldre"]
    assert [c["focus_area"] for c in record["commitments"]] == record["focus_areas"]
    assert "brott_mot_aldre" in record["themes"]  # named by the focus area


def test_it_does_not_take_the_kind_of_promise_for_a_focus_area():
    text = "Ett medborgarlöfte om konkreta aktiviteter från polis och kommun."
    assert find_focus_areas(read_units(text)) == []
