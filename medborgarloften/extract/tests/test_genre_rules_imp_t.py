"""Rules written after the blind batch ho38 (promises published as slides, posters
and resident flyers exported to text) on branch imp-t. Every text below is
invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.boxes import unbox
from medborgarloften.extract.commitments.slides import footer_lines, label_parties
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- a poster's number boxes -------------------------------------------------------

POSTER = (
    "MEDBORGARLÖFTE 2032\n"
    "Norrvik kommun och lokalpolisområde Norrvik\n\n"
    "┌────┐\n"
    "│ 1  │  Polisen lovar att göra minst 12 trafikkontroller vid Sjövägen under året.\n"
    "└────┘\n"
    "┌────┐\n"
    "│ 2  │  Kommunen lovar att byta belysningen i Ekparken senast i oktober.\n"
    "└────┘\n"
)


def test_unbox_keeps_every_offset_and_numbers_the_item() -> None:
    out = unbox(POSTER)
    assert len(out) == len(POSTER)
    assert "│" not in out and "┌" not in out
    line = out.splitlines()[4]
    assert line.lstrip().startswith("1.")
    assert line.index("Polisen") == POSTER.splitlines()[4].index("Polisen")
    assert unbox("Inga ramar här.") == "Inga ramar här."


def test_the_promises_in_number_boxes_are_commitments() -> None:
    got = by_text(record(POSTER))
    assert got == {
        "Polisen lovar att göra minst 12 trafikkontroller vid Sjövägen under året.": [
            "polis"
        ],
        "Kommunen lovar att byta belysningen i Ekparken senast i oktober.": ["kommun"],
    }


# --- a slide deck: a party's name over one line, a footer on every slide ------------

DECK = (
    "Medborgarlöfte\nBergby\n2033\n\n"
    "Medborgarlöfte 2033 | Bergby kommun | Polisen | 1\n\n"
    "Löfte 1\n\n"
    "Polisen:\n"
    "Fler kvällspatruller vid Bergby station 4 gånger i månaden\n\n"
    "Medborgarlöfte 2033 | Bergby kommun | Polisen | 2\n\n"
    "Löfte 2\n\n"
    "Kommunen och Bergby Bostäder AB:\n"
    "Öppen hall för unga varje fredagskväll\n\n"
    "Medborgarlöfte 2033 | Bergby kommun | Polisen | 3\n\n"
    "Kontakt\n\n"
    "Kommunpolis\nKim Ek\n\n"
    "Medborgarlöfte 2033 | Bergby kommun | Polisen | 4\n"
)


def test_the_line_under_a_party_label_is_that_partys_commitment() -> None:
    got = by_text(record(DECK))
    assert got == {
        "Fler kvällspatruller vid Bergby station 4 gånger i månaden": ["polis"],
        "Öppen hall för unga varje fredagskväll": ["kommun", "annan"],
    }


def test_a_label_needs_nothing_but_party_names() -> None:
    assert label_parties("Polis och kommun:") == frozenset({"polis", "kommun"})
    assert label_parties("Telefon:") is None
    assert label_parties("Polisen lovar att:") is None
    assert label_parties("Polisen") is None


def test_a_footer_repeats_with_its_page_numbers() -> None:
    assert "Medborgarlöfte 2033 | Bergby kommun | Polisen" in footer_lines(DECK)
    once = "Rapport | Bergby | 1\n\nText.\n"
    assert footer_lines(once) == frozenset()
    # the same number each time is no page number
    same = "\n".join(["Polisen | Kommunen | 2"] * 4)
    assert footer_lines(same) == frozenset()


# --- slides that are no promise: how the lägesbild was made, what residents said ----

SLIDES = (
    "Medborgarlöfte Åby 2034\n\n"
    "Så tog vi fram lägesbilden\n\n"
    "• Trygghetsenkäten våren 2033\n"
    "• Samtal med handlare på Stortorget\n\n"
    "Du har sagt\n\n"
    "• Mopeder på cykelbanorna\n"
    "• Nedskräpning vid badplatsen\n\n"
    "Våra två fokusområden\n\n"
    "1. Trafik i centrum\n"
    "2. Unga kvällstid\n\n"
    "Löfte 1\n\n"
    "Polisen lovar\n"
    "• Hastighetskontroller på Åbyvägen varje månad\n"
)


def test_method_resident_and_focus_slides_hold_no_commitments() -> None:
    got = by_text(record(SLIDES))
    assert list(got) == ["Hastighetskontroller på Åbyvägen varje månad"]


def test_what_residents_raised_under_a_leadin_is_no_commitment() -> None:
    text = (
        "DET HÄR LOVAR VI DIG\n\n"
        "Vi frågade dig som bor i Östby vad som gör dig otrygg.\n\n"
        "Två saker stack ut:\n"
        "– bilar som kör för fort förbi skolan\n"
        "– klotter i gångtunnlarna\n\n"
        "Det här var det ni tog upp oftast:\n"
        "– mörka busshållplatser\n\n"
        "Kommunen lovar att\n"
        "– sanera klotter i gångtunnlarna inom en vecka\n"
    )
    got = by_text(record(text))
    assert list(got) == ["sanera klotter i gångtunnlarna inom en vecka"]
