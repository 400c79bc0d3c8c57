"""Genre rules for promises with many parties (issue #14, batch ho49): several
kommuner with one police area, third parties named as doers after the action (after
a dash, in a bracket, on a "Genomförs av:" line), signatories of several
organisations. Each test is a short text of our own, written in the genre, not taken
from any published promise. (Kommun names are real kommuner, as the rule reads the
kommun list; the rest is invented.)
"""

from __future__ import annotations

from medborgarloften.extract.document.signing_statements import statement_signatories
from medborgarloften.extract.parties import parties_in_enumeration, subject_parties
from medborgarloften.extract.party_doers import doer_list, trailing_doers
from medborgarloften.extract.readers.layout import strip_running_lines
from medborgarloften.extract.readers.lines import Line, Word
from medborgarloften.extract.record import extract_record
from medborgarloften.extract.targets import extract_target


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def by_text(rec: dict) -> dict[str, dict]:
    return {c["text"]: c for c in rec["commitments"]}


# --- kommuner named by their names alone ------------------------------------------


def test_kommun_names_in_a_list_of_promisers_are_kommuner_not_third_parties():
    found = subject_parties(
        "Kommunerna Ydre och Kinda och lokalpolisområde Ekby lovar att under 2031 "
        "genomföra följande:"
    )
    assert found is not None
    assert found.parties == {"polis", "kommun"}


def test_an_unknown_name_in_a_list_of_promisers_is_still_a_third_party():
    assert parties_in_enumeration("Ydre kommun, polisen och Ekby Handel") == {
        "polis",
        "kommun",
        "annan",
    }


def test_a_vi_item_under_a_lead_in_of_three_kommuner_is_polis_and_kommun():
    rec = record(
        "Medborgarlöfte 2031\n\n"
        "Kommunerna Ydre, Kinda och Boxholm och lokalpolisområde Ekby lovar under 2031:\n\n"
        "  • Polisen genomför fyra trafikkontroller i Ekby by under sommaren.\n"
        "  • Vi redovisar arbetet på våra webbplatser två gånger under året.\n"
    )
    items = by_text(rec)
    last = items["Vi redovisar arbetet på våra webbplatser två gånger under året."]
    assert last["responsible"] == ["polis", "kommun"]


# --- doers after the action ---------------------------------------------------------


def test_a_list_of_doers_names_known_parties_and_organisations_by_name():
    assert doer_list("Ekby Handel och polisen") == {"polis", "annan"}
    assert doer_list("polisen, Ydre kommun och Ekbybostäder AB") == {
        "polis",
        "kommun",
        "annan",
    }
    assert doer_list("Ydres och Kindas kommuner tillsammans med polisen") == {
        "polis",
        "kommun",
    }
    assert doer_list("Föreningen Trygga nätter tillsammans med Kinda kommun") == {
        "kommun",
        "annan",
    }
    assert doer_list("Parterna gemensamt") == {"polis", "kommun"}
    assert doer_list("tekniska förvaltningarna i respektive kommun") == {"kommun"}


def test_a_phrase_that_is_no_list_of_doers_names_none():
    assert doer_list("en satsning för unga") is None
    assert doer_list("information till polisen") is None
    assert doer_list("Våren 2031") is None


def test_doers_after_a_dash_decide_who_does_the_item():
    rec = record(
        "Medborgarlöfte för Ydre och Kinda 2031\n\n"
        "Åtaganden\n"
        "1. Trygghetsvärdar på nattbussarna under sommarlovet – Ekbytrafiken\n"
        "2. Information till sommargäster om stölder ur båtar – Ekby Handel och polisen\n"
        "3. Utbildning i ansvarsfull alkoholservering för serveringspersonal i maj – "
        "kommunerna\n"
        "4. Kvällsvandringar i Ekparken varje fredag – en satsning för unga\n"
    )
    got = [c["responsible"] for c in rec["commitments"]]
    assert got[:3] == [["annan"], ["polis", "annan"], ["kommun"]]
    # a dash before a description names no doer: the item keeps its own reading
    assert "annan" not in got[3]


def test_doers_in_a_closing_bracket_joined_by_tillsammans_med():
    found = trailing_doers(
        "Bättre belysning längs gång- och cykelvägen vid Ekby station "
        "(Kinda kommun tillsammans med Trafikverket)."
    )
    assert found is not None
    assert found.parties == {"kommun", "annan"}


def test_a_responsibility_label_naming_the_administrations_of_each_kommun():
    rec = record(
        "Medborgarlöfte 2031\n\n"
        "Polisen och kommunerna lovar att:\n\n"
        "- Hastighetsdisplayer sätts upp vid skolvägarna i Ekby by "
        "(ansvar: tekniska förvaltningarna i respektive kommun).\n"
        "- Minst sex hastighetskontroller per år i Ekby by. Ansvar: polisen.\n"
    )
    got = [c["responsible"] for c in rec["commitments"]]
    assert got == [["kommun"], ["polis"]]


RECORDS = """Medborgarlöfte Ydre och Kinda 2031

Gemensamma åtaganden

Åtgärd 1
Gemensamma kvällsinsatser vid Ekby resecentrum, minst sex per år.
Genomförs av: Polisen och Ydre kommun

Åtgärd 2
Kameror i trapphusen på Ekbacken.
Genomförs av: Ekbybostäder AB

Åtgärd 3
Föräldravandringar i Kinda under sommarlovets helger.
Genomförs av: Föreningen Trygga nätter tillsammans med Kinda kommun

Åtgärd 4
Information om bedrägerier vid träffpunkterna två gånger per år.
Genomförs av: Polisen tillsammans med PRO Ekby
"""


def test_a_genomfors_av_line_names_the_doers_of_the_action_above_it():
    rec = record(RECORDS)
    assert [c["text"] for c in rec["commitments"]] == [
        "Gemensamma kvällsinsatser vid Ekby resecentrum, minst sex per år.",
        "Kameror i trapphusen på Ekbacken.",
        "Föräldravandringar i Kinda under sommarlovets helger.",
        "Information om bedrägerier vid träffpunkterna två gånger per år.",
    ]
    assert [c["responsible"] for c in rec["commitments"]] == [
        ["polis", "kommun"],
        ["annan"],
        ["kommun", "annan"],
        ["polis", "annan"],
    ]


def test_a_genomfors_av_label_joined_to_its_action_line_as_a_pdf_joins_it():
    joined = RECORDS.replace("helger.\nGenomförs av:", "helger. Genomförs av:")
    rec = record(joined)
    items = by_text(rec)
    third = items["Föräldravandringar i Kinda under sommarlovets helger."]
    assert third["responsible"] == ["kommun", "annan"]


# --- a lead-in closed with a full stop --------------------------------------------


def test_a_lead_in_promising_what_follows_during_the_period_is_no_commitment():
    rec = record(
        "Medborgarlöfte för Ydre och Kinda 2031 och 2032\n\n"
        "Vi, Ydre kommun, Kinda kommun och polisen i lokalpolisområde Ekby, lovar "
        "invånarna följande under 2031 och 2032.\n\n"
        "Trygga bostadsområden\n"
        "Polisen gör hastighetskontroller i Ekby by minst en gång i månaden. "
        "Kinda kommun åtgärdar brister i belysningen efter vandringarna.\n"
    )
    texts = [c["text"] for c in rec["commitments"]]
    assert not any(t.startswith("Vi, Ydre kommun") for t in texts)
    assert len(texts) == 2


# --- a season as the promise's period -----------------------------------------------


def test_a_title_with_the_promise_places_then_a_month_range():
    rec = record(
        "Sommarlöfte – medborgarlöfte för Ydre och Kinda, maj–augusti 2031\n\n"
        "Polisen lovar att:\n- patrullera vid Ekby badplats varje helg.\n"
    )
    assert rec["period"]["start"] == "2031-05-01"
    assert rec["period"]["end"] == "2031-08-31"


# --- one event named by the article ---------------------------------------------------


def test_an_item_that_opens_with_the_article_of_one_event_counts_one():
    target = extract_target(
        "En gemensam trygghetsvandring i Ekby hamn före säsongsstart"
    ).target
    assert target is not None
    assert target["quantity"] == 1
    assert target["unit"] == "gemensam trygghetsvandring"


def test_receivers_joined_by_och_before_the_article_of_one_event():
    target = extract_target(
        "erbjuda företagare i Ydre och Kinda en utbildning om bedrägerier."
    ).target
    assert target is not None
    assert (target["quantity"], target["unit"]) == (1, "utbildning")


def test_och_right_before_the_article_joins_a_second_thing_given():
    # "erbjuda stöd och en kurs": "och" joins what is given, no receivers before it
    target = extract_target("erbjuda stöd och en kurs för föräldrar.").target
    assert target is None or target["quantity"] is None


# --- signatories ----------------------------------------------------------------------


def test_signers_whose_roles_end_in_their_kommun_name_before_the_name():
    found = statement_signatories(
        "Löftet har undertecknats av lokalpolisområdeschef Kim Ek, kommunstyrelsens "
        "ordförande i Ydre Anna Berg och kommunstyrelsens ordförande i Kinda Per Ås."
    )
    assert [(s.name, s.title) for s in found] == [
        ("Kim Ek", "lokalpolisområdeschef"),
        ("Anna Berg", "kommunstyrelsens ordförande i Ydre"),
        ("Per Ås", "kommunstyrelsens ordförande i Kinda"),
    ]


def _line(text: str, base: float) -> Line:
    words, x = [], 72.0
    for part in text.split():
        words.append(Word(part, x, x + 6 * len(part), base, 10))
        x += 6 * len(part) + 4
    return Line(words)


def test_a_role_line_at_the_foot_of_one_page_and_the_top_of_the_next_stays():
    first = [
        _line("Medborgarlöfte 2031", 800),
        _line("Polisen lovar att patrullera.", 780),
        _line("Anna Berg", 120),
        _line("Kommunstyrelsens ordförande", 105),
    ]
    second = [
        _line("Kommunstyrelsens ordförande", 800),
        _line("Kinda kommun", 785),
        _line("Kim Ek", 760),
        _line("Lokalpolisområdeschef", 745),
    ]
    pages = [first, second]
    strip_running_lines(pages)
    assert [line.full_text for line in pages[0]][-1] == "Kommunstyrelsens ordförande"
    assert [line.full_text for line in pages[1]][0] == "Kommunstyrelsens ordförande"


def test_a_header_repeated_at_the_top_of_both_pages_is_still_removed():
    pages = [
        [_line("Medborgarlöfte Ekby", 800), _line("Polisen lovar att:", 780)]
        + [_line(f"rad {i} av texten här", 760 - 15 * i) for i in range(3)],
        [_line("Medborgarlöfte Ekby", 800), _line("Kommunen lovar att:", 780)]
        + [_line(f"text {i} på sidan två", 760 - 15 * i) for i in range(3)],
    ]
    strip_running_lines(pages)
    assert all(page[0].full_text != "Medborgarlöfte Ekby" for page in pages)


def test_an_acronym_or_unknown_name_alone_in_a_closing_bracket_names_no_doer():
    assert (
        trailing_doers("Polisen dokumenterar kontrollerna i rapporter (EKR).") is None
    )
    assert (
        trailing_doers("Kommunen utvecklar arbetet med insatsgrupper (Ekby Modellen)")
        is None
    )
    # … but a label that says it names the doers takes a name alone
    assert doer_list("PRO Ekby") == {"annan"}


def test_a_kommun_name_that_goes_on_another_name_is_no_kommun():
    # "LRF Kinda": an association's local branch, named after its kommun
    assert parties_in_enumeration("Polisen och LRF Kinda") == {"polis", "annan"}


# --- focus areas beside a line of the parties ------------------------------------------


def test_a_poster_line_of_the_parties_is_no_focus_area():
    rec = record(
        "Ydre kommun · Kinda kommun · Polisen\n\n"
        "MEDBORGARLÖFTE 2031\n\n"
        "Det invånarna oroar sig mest för är nattligt buller, klotter och stölder "
        "ur bilar.\n\n"
        "Vi lovar att:\n"
        "– genomföra trygghetsvandringar i Ekbacken varje höst.\n"
        "– erbjuda föreningarna en utbildning om klotter.\n"
    )
    assert rec["focus_areas"] == ["nattligt buller", "klotter", "stölder ur bilar"]


def test_focus_areas_in_running_text_after_their_year_and_with_a_last_och():
    rec = record(
        "Gemensamt medborgarlöfte för Ydre och Kinda\n\n"
        "Fokusområden 2031 är trygghet vid badplatser, stölder ur båtar och unga "
        "i riskzon.\n\n"
        "Vi – kommunerna och polisen – lovar att:\n\n"
        " • genomföra minst tre kvällsinsatser vid Ekby badplats under sommaren.\n"
    )
    assert rec["focus_areas"] == [
        "trygghet vid badplatser",
        "stölder ur båtar",
        "unga i riskzon",
    ]


def test_i_fokus_star_splits_its_last_och_unless_samt_ends_the_list():
    lead = "Medborgarlöfte 2031\n\nLöftet bygger på dialoger. I fokus står "
    tail = ".\n\nPolisen lovar att:\n- patrullera i Ekby centrum varje fredag.\n"
    rec = record(lead + "buller, klotter och stölder" + tail)
    assert rec["focus_areas"] == ["buller", "klotter", "stölder"]
    rec = record(lead + "buller, alkohol och droger samt stölder" + tail)
    assert rec["focus_areas"] == ["buller", "alkohol och droger", "stölder"]


# --- themes -----------------------------------------------------------------------


def test_violence_tied_to_the_bars_is_violence_and_honour_violence_is_not():
    from medborgarloften.extract.document.topics import themes_in

    bars = {hit.code for hit in themes_in("krogrelaterat våld i Ekby centrum")}
    assert {"vald", "alkohol"} <= bars
    honour = {hit.code for hit in themes_in("en temadag om hedersrelaterat våld")}
    assert "vald" not in honour


def test_grooming_is_sexual_exploitation_so_annat():
    from medborgarloften.extract.document.topics import themes_in

    codes = {hit.code for hit in themes_in("lektioner om grooming i årskurs 7")}
    assert "annat" in codes
