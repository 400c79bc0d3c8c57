"""Genre rules that the blind held-out batch ho12 called for (see
fixtures/heldout_records/README.md): each test is a short text of our own, written
in the genre, not taken from any published promise or from the batch.
"""

from __future__ import annotations

from medborgarloften.extract.document.signatories import find_signatories
from medborgarloften.extract.parties import subject_parties
from medborgarloften.extract.record import extract_record


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def by_text(rec: dict) -> dict[str, list[str]]:
    return {c["text"]: c["responsible"] for c in rec["commitments"]}


# --- a name that promises is a party ---------------------------------------------

PARTY_HEADINGS = """Medborgarlöfte Storby 2031

Kommunen
Kommunen lovar att hålla fritidsgården Ankaret öppen tre kvällar i veckan. Ekåsskolan lovar att ordna en temadag om droger för alla elever i årskurs åtta.

Storbyhem AB
Storbyhem AB lovar att byta ut belysningen i alla trapphus på Norrbacken.

Storby BK
Storby BK lovar att tillsammans med kommunens fritidsledare hålla öppen hall på fredagskvällar.

Alla parter
Samtliga parter lovar att gå en trygghetsvandring på Norrbacken varje vår.
"""


def test_a_named_school_or_club_that_promises_is_a_party():
    got = by_text(record(PARTY_HEADINGS))
    school = "Ekåsskolan lovar att ordna en temadag om droger för alla elever i årskurs åtta."
    club = (
        "Storby BK lovar att tillsammans med kommunens fritidsledare hålla öppen hall "
        "på fredagskvällar."
    )
    assert got[school] == ["kommun"]  # a named school is the kommun's
    assert got[club] == ["kommun", "annan"]


def test_all_parties_means_every_party_that_promises_in_the_document():
    got = by_text(record(PARTY_HEADINGS))
    walk = "Samtliga parter lovar att gå en trygghetsvandring på Norrbacken varje vår."
    assert got[walk] == ["polis", "kommun", "annan"]


def test_all_parties_of_police_and_kommun_only_is_both():
    text = (
        "Medborgarlöfte Storby 2031\n\nPolisen lovar att patrullera i centrum varje "
        "helg.\n\nKommunen lovar att laga belysningen i parken.\n\nAlla parter lovar "
        "att gå en trygghetsvandring i centrum varje höst.\n"
    )
    got = by_text(record(text))
    assert got[
        "Alla parter lovar att gå en trygghetsvandring i centrum varje höst."
    ] == ["polis", "kommun"]


def test_a_capitalised_word_that_is_no_name_does_not_promise():
    assert subject_parties("Medborgarlöftet lovar att göra Storby tryggare") is None
    assert subject_parties("Jag lovar att vi ska synas mer i Östby") is None
    assert subject_parties("Vi lovar att göra mer") is not None  # "Vi" is both


# --- hard-wrapped numbered sub-sections -------------------------------------------

WRAPPED = """MEDBORGARLÖFTE STORBY 2031

1. Prioriterade områden
   1.1 Inbrott i villaområdena i Östby
   1.2 Otrygghet kring Storby station

2. Åtaganden
   2.1 Polisen åtar sig att
       a) genomföra riktade kontroller kring Storby station minst två
          kvällar i månaden under hela perioden,
       b) informera om inbrottsskydd vid fyra möten i Östby.
   2.2 Storby kommun åtar sig att
       a) starta grannsamverkan i tre nya områden i Östby under 2031.

3. Uppföljning
   Uppföljning sker i samverkansgruppen i december och redovisas på
   kommunens webbplats.
"""


def test_numbered_sub_sections_are_their_own_lines_with_their_party():
    rec = record(WRAPPED)
    got = by_text(rec)
    assert got == {
        "genomföra riktade kontroller kring Storby station minst två\n"
        "          kvällar i månaden under hela perioden,": ["polis"],
        "informera om inbrottsskydd vid fyra möten i Östby.": ["polis"],
        "starta grannsamverkan i tre nya områden i Östby under 2031.": ["kommun"],
    }


def test_numbered_sub_points_under_a_priorities_item_are_focus_areas():
    rec = record(WRAPPED)
    assert rec["focus_areas"] == [
        "Inbrott i villaområdena i Östby",
        "Otrygghet kring Storby station",
    ]


def test_a_focus_label_inside_a_sentence_is_read():
    text = (
        "Medborgarlöfte Storby 2031\n\nLöftet har ett fokusområde: trygga kvällar "
        "i Östby.\n\nPolisen lovar att:\n- patrullera i Östby varje fredag.\n"
    )
    assert record(text)["focus_areas"] == ["trygga kvällar i Östby"]


# --- contacts are never signatories -----------------------------------------------


def test_a_contact_block_under_a_plural_label_gives_no_signatories():
    text = (
        "Medborgarlöfte Storby 2031\n\nPolisen lovar att patrullera.\n\n"
        "Kontaktpersoner\nEva Strand, trygghetssamordnare, Storby kommun\n"
        "Olle Berg, kommunpolis, lokalpolisområde Storby\n"
    )
    assert find_signatories(text) == []


# --- lines that point to the list, focus labels, action tables with a goal column --


def test_a_line_that_points_to_the_promises_is_no_commitment():
    text = (
        "TRYGGARE STORBY\nMedborgarlöfte 2031\n\n"
        "Det här lovar vi dig som bor i Storby!\n\n"
        "POLISEN\n• Fotpatrull på torget två kvällar i veckan\n"
        "• Minst sex trafikkontroller vid skolorna under året\n"
    )
    assert [c["text"] for c in record(text)["commitments"]] == [
        "Fotpatrull på torget två kvällar i veckan",
        "Minst sex trafikkontroller vid skolorna under året",
    ]


def test_a_year_focus_label_names_the_focus_areas():
    text = (
        "Medborgarlöfte Storby 2031\n\nFokus 2031: lugna nätter i centrum och "
        "färre inbrott.\n\nPOLISEN\n• Fotpatrull på torget två kvällar i veckan\n"
    )
    assert record(text)["focus_areas"] == ["lugna nätter i centrum", "färre inbrott"]


GOAL_TABLE = """Medborgarlöfte Storby 2031–2032

Så här ska vi arbeta

Åtgärd\tAnsvarig\tMål\tTid
Riktade kontroller vid Storby station\tPolisen\tMinst 12 kontroller per år\t2031–2032
Nattvandringar på lördagskvällar i centrum\tKommunen\tEtt pass i månaden\tHela perioden
Nya lampor i gångtunneln vid skolan\tKommunen\tLamporna på plats\tSenast 31 maj 2031
"""


def test_an_action_tables_goal_column_gives_the_target():
    targets = [c["target"] for c in record(GOAL_TABLE)["commitments"]]
    assert targets == [
        {"quantity": 12, "unit": "kontroller", "per": "år", "deadline": None},
        # the goal cell's rate wins over the activity's weekday
        {"quantity": 1, "unit": "pass", "per": "månad", "deadline": None},
        {"quantity": None, "unit": None, "per": None, "deadline": "2031-05-31"},
    ]


def test_it_reads_a_basis_sentence_that_went_through_the_sources():
    text = (
        "Medborgarlöfte Storby 2031\n\nInför löftet har polisen och kommunen gått "
        "igenom anmälda brott och kommunens trygghetsmätning.\n\n"
        "Polisen lovar att:\n- patrullera i centrum varje fredag.\n"
    )
    assert set(record(text)["evidence_sources"]) == {
        "brottsstatistik",
        "trygghetsmatning",
    }


# --- targets ------------------------------------------------------------------------


def test_more_presence_on_named_evenings_is_not_measurable():
    from medborgarloften.extract.targets import extract_target

    assert (
        extract_target("öka polisens närvaro vid torget på fredagskvällar.").target
        is None
    )
    # a count still counts
    assert extract_target("patrullera vid torget två fredagskvällar i månaden.").target


def test_a_month_range_gives_no_deadline():
    from medborgarloften.extract.targets import extract_target

    period = {"start": "2031-01-01", "end": "2031-12-31"}
    got = extract_target(
        "genomföra kontroller minst en kväll i veckan under april–september.",
        period=period,
    ).target
    assert got == {"quantity": 1, "unit": "kväll", "per": "vecka", "deadline": None}
    assert (
        extract_target(
            "bjuda in till ett möte under april 2031.", period=period
        ).target["deadline"]
        == "2031-04-30"
    )


def test_a_rate_in_a_relative_clause_does_not_count_the_one_object():
    from medborgarloften.extract.targets import extract_target

    got = extract_target(
        "ha en skolpolis knuten till Ekåsskolan som besöker skolan varje vecka."
    ).target
    assert got is not None and got["quantity"] is None and got["per"] == "vecka"


# --- lines cut after a word no sentence ends with -----------------------------------


def test_an_item_cut_after_och_goes_on_with_a_name_on_the_next_line():
    from medborgarloften.extract.structure import parse_structure

    text = (
        "Polisen åtar sig att\n"
        "a) genomföra kontroller på vägarna i Norrby och\n"
        "Östby minst en gång i månaden,\n"
        "b) informera om inbrottsskydd i centrala\n"
        "Storby under våren.\n"
        "Storby 2031-01-10\n"
    )
    bullets = [b.text for b in parse_structure(text).content() if b.kind == "bullet"]
    assert bullets == [
        "genomföra kontroller på vägarna i Norrby och\nÖstby minst en gång i månaden,",
        "informera om inbrottsskydd i centrala\nStorby under våren.",
    ]


def test_the_pdf_reader_joins_a_line_cut_after_och_to_a_name():
    from medborgarloften.extract.readers.paragraphs import _continues_text

    assert _continues_text("kontroller på vägarna i Norrby och", "Östby minst en gång")
    assert not _continues_text("Polisen lovar att patrullera.", "Östby kommun")
    assert not _continues_text("Trygghet i Norrby", "Östby centrum")


# --- document fields: an older promise's period, a memo's names, companies ----------


def test_the_period_of_the_previous_promise_is_not_this_ones():
    from medborgarloften.extract.document.period import find_period

    text = (
        "Medborgarlöfte mellan Storby kommun och lokalpolisområde Storby 2032\n\n"
        "Bakgrund\nDet förra medborgarlöftet gällde 2030–2031 och följdes upp i "
        "kommunstyrelsen.\n\nKommunen och polisen har tagit fram ett förslag till "
        "medborgarlöfte för 2032.\n"
    )
    period = find_period(text)
    assert (period.start, period.end) == ("2032-01-01", "2032-12-31")


def test_names_closing_a_memo_are_not_signatories():
    text = (
        "STORBY KOMMUN\n\nTJÄNSTESKRIVELSE\n2031-11-02\n\nMedborgarlöfte 2032\n\n"
        "Förslag till beslut\natt godkänna medborgarlöftet.\n\n"
        "Eva Strand\nSäkerhetssamordnare\n\nOlle Berg\nKommundirektör\n"
    )
    assert find_signatories(text) == []


def test_a_memo_still_names_who_signed_in_a_sentence():
    text = (
        "STORBY KOMMUN\n\nTJÄNSTESKRIVELSE\n\nMedborgarlöftet undertecknades i "
        "januari av Eva Strand, kommunstyrelsens ordförande.\n"
    )
    assert [s.name for s in find_signatories(text)] == ["Eva Strand"]


def test_polismyndigheten_before_lokalpolisomrade_is_no_area_name():
    from medborgarloften.extract.document.parties import find_police_area

    text = "mellan Storby kommun, Polismyndigheten lokalpolisområde Storby och AB Storbyhem"
    assert find_police_area(text).value == "Lokalpolisområde Storby"


def test_a_company_named_with_ab_is_no_place_in_the_genitive():
    from medborgarloften.extract.places import find_places

    text = (
        "informera i Storbyhems hyresgästtidning och vid Storbytorget (AB Storbyhem)."
    )
    assert [p for p, _ in find_places(text, municipalities=["Storby"])] == [
        "Storbytorget"
    ]


def test_lettered_items_under_a_problem_area_intro_are_focus_areas():
    text = (
        "ÖVERENSKOMMELSE OM MEDBORGARLÖFTE\n\n§ 2 Problemområden\n"
        "Parterna har valt följande problemområden för perioden:\n"
        "a) Inbrott i Östby.\nb) Otrygghet kring Storby station.\n\n"
        "§ 3 Åtaganden\n3.1 Polisen åtar sig att\n"
        "a) patrullera i Östby varje vecka.\n"
    )
    assert record(text)["focus_areas"] == [
        "Inbrott i Östby",
        "Otrygghet kring Storby station",
    ]


def test_a_sports_club_is_a_third_party_with_any_promise_verb():
    assert subject_parties("Storby IF ska erbjuda kvällsträning för unga.").parties == {
        "annan"
    }
    assert subject_parties("Storby BK och kommunen ska ordna ett läger.").parties == {
        "kommun",
        "annan",
    }
    assert subject_parties("If polisen ska") is None  # only the capitals name a club


def test_items_under_an_all_parties_heading_are_every_partys():
    text = (
        "Medborgarlöfte Storby 2031\n\nStorbyhem AB lovar att:\n- byta lamporna i "
        "alla trapphus på Norrbacken.\n\nAlla parter lovar att:\n"
        "- gå en trygghetsvandring på Norrbacken varje vår.\n"
    )
    got = by_text(record(text))
    assert got["gå en trygghetsvandring på Norrbacken varje vår."] == [
        "polis",
        "kommun",
        "annan",
    ]
