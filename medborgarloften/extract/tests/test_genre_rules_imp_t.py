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


# --- counts written the slide way ------------------------------------------------

PERIOD = {"start": "2034-01-01", "end": "2034-12-31"}


def _target(text: str) -> dict | None:
    from medborgarloften.extract.targets import extract_target

    return extract_target(text, period=PERIOD).target


def test_a_count_at_a_rate_after_a_town_name_is_a_count() -> None:
    got = _target("Polisen: kurs för väktarna i Ekvik 3 gånger per år")
    assert got is not None and (got["quantity"], got["per"]) == (3, "år")
    got = _target("Fotpatrull i Ekvik 2 kvällar/vecka")
    assert got is not None and (got["quantity"], got["per"]) == (2, "vecka")
    # a street's number stays a name
    got = _target("Laga belysningen vid Ekgatan 4 senast i maj")
    assert got is None or got["quantity"] is None


def test_a_school_year_is_no_quantity() -> None:
    assert (
        _target("Information om droger till alla elever i år 2 på Ekviksskolan") is None
    )


def test_one_event_right_after_an_items_label_is_a_count_of_one() -> None:
    got = _target("Kommunen och polisen: ett öppet möte med handlarna i Ekvik")
    assert got is not None
    assert (got["quantity"], got["unit"], got["per"]) == (1, "öppet möte", "period")
    # a label over something that is no event counts nothing
    assert _target("Kommunen: en ny handlingsplan för parkerna") is None


# --- a folder's party headings in capitals ------------------------------------------

FOLDER = (
    "DET HÄR LOVAR VI DIG\nsom bor i Lindby\n\n"
    "Därför lovar vi dig:\n\n"
    "POLISEN\n"
    "• att vara på plats vid Lindby torg varje fredag.\n\n"
    "LINDBYHEM\n"
    "• att byta lås på alla källardörrar under våren.\n\n"
    "POLISEN, KOMMUNEN OCH LINDBYHEM TILLSAMMANS\n"
    "• att bjuda in till ett möte i maj.\n"
)


def test_party_headings_in_capitals_name_their_parties() -> None:
    got = by_text(record(FOLDER))
    assert got["att vara på plats vid Lindby torg varje fredag."] == ["polis"]
    assert got["att byta lås på alla källardörrar under våren."] == ["annan"]
    assert got["att bjuda in till ett möte i maj."] == ["polis", "kommun", "annan"]


def test_recased_reads_capitals_only() -> None:
    from medborgarloften.extract.commitments.slides import recased

    assert recased("POLISEN OCH LINDBYHEM") == "Polisen och Lindbyhem"
    assert recased("Polisen och Lindbyhem") == "Polisen och Lindbyhem"
    assert recased("SSPF") == "SSPF"


# --- who: staff named without a verb, a subject's bracket --------------------------


def test_staff_without_a_verb_under_a_third_partys_heading_are_its_promise() -> None:
    text = (
        "Medborgarlöfte Sjöby 2035\n\n"
        "Löfte 1\n\n"
        "Kommunen\n"
        "• Ordna läxhjälp på biblioteket varje vecka\n"
        "Sjöbytrafiken\n"
        "• Trygghetsvärdar på nattbussarna till Åsby varje helg\n"
    )
    got = by_text(record(text))
    assert got["Trygghetsvärdar på nattbussarna till Åsby varje helg"] == ["annan"]


def test_a_bracket_after_the_subject_does_not_hide_it() -> None:
    text = (
        "Medborgarlöfte Sjöby 2035\n\n"
        "Polisen lovar att:\n"
        "• göra trafikkontroller vid skolan varje månad\n\n"
        "Löfte 2\n\n"
        "• Elevhälsan (Sjöby gymnasieförbund) och kommunens fältare håller "
        "öppet hus för föräldrar en gång per termin\n"
    )
    rec = record(text)
    item = next(c for c in rec["commitments"] if c["text"].startswith("Elevhälsan"))
    assert "polis" not in item["responsible"] and "kommun" in item["responsible"]


# --- a folder's signature row with pipes ----------------------------------------------


def test_a_signature_row_set_apart_by_pipes() -> None:
    text = (
        "DET HÄR LOVAR VI DIG\nMedborgarlöfte för Ekås 2036\n\n"
        "Kommunen lovar att\n– ordna en trygghetsvandring i maj\n\n"
        "Ekås i januari 2036\n\n"
        "Lena Ström  |  Olof Bergkvist\n"
        "kommunstyrelsens ordförande  |  lokalpolisområdeschef\n"
    )
    sigs = record(text)["signatories"]
    assert [(s["name"], s["title"]) for s in sigs] == [
        ("Lena Ström", "kommunstyrelsens ordförande"),
        ("Olof Bergkvist", "lokalpolisområdeschef"),
    ]


# --- places on slides ------------------------------------------------------------------


def _places(text: str) -> list[str]:
    from medborgarloften.extract.places import find_places

    return [p for p, _ in find_places(text, municipalities=["Ekby"])]


def test_a_slide_title_and_a_holiday_are_no_places() -> None:
    assert _places("Säker skolväg\nPolisen kontrollerar farten vid Ekskolan") == [
        "Ekskolan"
    ]
    assert _places("Tillsyn av krogarna vid Midsommar och i Åby") == ["Åby"]


def test_a_school_named_with_gymnasiet_is_a_place_as_an_object_too() -> None:
    assert _places("kontroller i närheten av Bergsgymnasiet") == ["Bergsgymnasiet"]


def test_a_name_like_a_companys_in_a_list_after_i_is_a_place() -> None:
    assert _places("möten i Åby, Lindhem och Sjövik") == ["Åby", "Lindhem", "Sjövik"]


# --- a season in the title is no calendar year ---------------------------------------


def test_a_title_with_a_season_and_a_year_gives_no_dates() -> None:
    from medborgarloften.extract.document import find_period

    got = find_period("Medborgarlöfte våren 2037\n\nPolisen lovar att patrullera.\n")
    assert (got.start, got.end, got.text) == (None, None, "våren 2037")
    got = find_period("Medborgarlöfte 2037\n\nEn vandring görs hösten 2037.\n")
    assert (got.start, got.end) == ("2037-01-01", "2037-12-31")


def test_a_pipe_signature_row_joined_with_its_titles_on_one_line() -> None:
    from medborgarloften.extract.document.signatories import find_signatories

    text = (
        "Kommunen lovar att ordna en trygghetsvandring.\n\nEkås i mars 2036\n\n"
        "Lena Ström | Olof Bergkvist kommunstyrelsens ordförande | "
        "lokalpolisområdeschef\n"
    )
    got = [(s.name, s.title) for s in find_signatories(text)]
    assert got == [
        ("Lena Ström", "kommunstyrelsens ordförande"),
        ("Olof Bergkvist", "lokalpolisområdeschef"),
    ]


# --- the titles of numbered promise slides are the focus areas -------------------------


def test_numbered_promise_titles_after_a_pipe_or_in_capitals_are_focus_areas() -> None:
    text = (
        "Medborgarlöfte Ekö 2038\n\n"
        "Löfte 1 | Lugnare centrum\n\n"
        "• Polisen patrullerar centrum varje fredag\n\n"
        "LÖFTE 2: TRYGG SKOLVÄG\n\n"
        "• Kommunen: ny belysning längs skolvägen i maj\n"
        "• Polisen: hastighetskontroller vid skolan varje månad\n\n"
        "Kontakt\n\nKim Ek\n"
    )
    assert record(text)["focus_areas"] == ["Lugnare centrum", "TRYGG SKOLVÄG"]


def test_an_evening_given_to_a_subject_is_one_event() -> None:
    got = _target(
        "Kommunen lovar att erbjuda alla föräldrar i årskurs 7 en kväll om spel"
    )
    assert got is not None and (got["quantity"], got["unit"]) == (1, "kväll")
    # an evening alone is a time, not an event held
    assert _target("Kommunen lovar att ordna en kväll med grillning") is None


def test_our_lagesbild_slide_and_a_was_it_kept_heading_hold_no_commitments() -> None:
    text = (
        "Medborgarlöfte Ekvik 2039\n\n"
        "Vår lägesbild\n\n"
        "Vi har använt:\n"
        "• Polisens trygghetsmätning 2038\n"
        "• Samtal med handlare i centrum\n\n"
        "Löfte 1 – Trygg hamn\n\n"
        "→ Polisen patrullerar hamnen fredagskvällar.\n"
        "→ Kommunen byter belysning längs kajen i april.\n\n"
        "Har vi hållit vad vi lovat?\n"
        "I december berättar vi på ekvik.se vad vi har gjort.\n"
    )
    assert list(by_text(record(text))) == [
        "Polisen patrullerar hamnen fredagskvällar.",
        "Kommunen byter belysning längs kajen i april.",
    ]


def test_a_square_named_by_an_adjective_is_a_place_as_an_object() -> None:
    assert _places("Polisen patrullerar Lilla torget på kvällarna") == ["Lilla torget"]


# --- a folder's PDF: a heading in capitals is no running header ----------------------


def test_a_heading_in_capitals_is_not_the_logo_line_of_page_one() -> None:
    from medborgarloften.extract.readers import read_bytes
    from medborgarloften.extract.tests.pdfgen import build_pdf
    from medborgarloften.extract.tests.test_readers_pdf import lines_page

    first = lines_page(
        ["Lindbyhem", "Det här lovar vi dig som bor i Lindby.", "Polisen lovar att"]
        + [f"patrullera kvarter {n} varje vecka." for n in range(8)]
    )
    second = lines_page(
        ["LINDBYHEM", "Vi byter lås på alla källardörrar under våren."]
        + [f"Vi rensar buskar vid hus {n} i maj." for n in range(8)]
    )
    text = read_bytes(build_pdf([first, second]), filename="folder.pdf").text
    assert "LINDBYHEM" in text
