"""Rules written after the blind batch ho36 (big-city promises: several areas, named
co-parties, an action table with an "Omfattning" column, signatures set as a
table) on branch imp-r. Every text below is invented for the test.
"""

from __future__ import annotations

from medborgarloften.extract.deadlines import find_deadline
from medborgarloften.extract.targets import extract_target
from medborgarloften.extract.tests.test_blind_batch_rules import by_text, record

# --- an action table whose "Omfattning" column states the target -----------------

SCOPE_TABLE = (
    "Medborgarlöfte Norrvik 2031–2032\n"
    "Norrviks kommun och lokalpolisområde Norrvik\n\n"
    "1. Bakgrund\n\n"
    "Trygghetsmätningen visar att många undviker Strandtorget på kvällen.\n\n"
    "2. Fokusområden\n\n"
    "• Trygghet kring Strandtorget\n"
    "• Trafiken vid Björkskolan\n\n"
    "3. Åtgärder\n\n"
    "Aktivitet | Ansvarig | Omfattning\n"
    "Fotpatrullering kring Strandtorget kvällstid | Polisen | Minst 6 pass per månad\n"
    "Ny belysning i Strandparken | Norrviks kommun | Klart oktober 2031\n"
    "Samtal med elever om trafik | Polisen | En gång per termin\n"
    "Vuxenvandringar i centrum | Norrviks kommun | Löpande\n"
)


def test_a_scope_column_gives_the_rows_target() -> None:
    got = {c["text"]: c for c in record(SCOPE_TABLE)["commitments"]}
    patrol = got["Fotpatrullering kring Strandtorget kvällstid"]
    assert patrol["responsible"] == ["polis"]
    assert patrol["target"]["quantity"] == 6
    assert (patrol["target"]["unit"], patrol["target"]["per"]) == ("pass", "månad")
    light = got["Ny belysning i Strandparken"]
    assert light["target"]["deadline"] == "2031-10-31"
    assert got["Samtal med elever om trafik"]["target"]["per"] == "termin"
    # "Löpande" is no target
    assert got["Vuxenvandringar i centrum"]["measurable"] is False


def test_a_numbered_section_heading_over_bullets_labels_the_focus_areas() -> None:
    rec = record(SCOPE_TABLE)
    assert rec["focus_areas"] == [
        "Trygghet kring Strandtorget",
        "Trafiken vid Björkskolan",
    ]


def test_done_by_a_month_is_a_deadline() -> None:
    period = {"start": "2031-01-01", "end": "2032-12-31"}
    assert find_deadline("Klart oktober 2031", period)[0] == "2031-10-31"
    assert find_deadline("Belysningen ska vara färdig maj 2032.", period)[0] == (
        "2032-05-31"
    )
    # a month alone is no deadline
    assert find_deadline("oktober 2031", period)[0] is None


# --- signatures set as a table row with " | " between the columns ----------------

SIGNED_TABLE = (
    "Medborgarlöfte Sjöby 2030\n\n"
    "Polisen och Sjöby kommun lovar att:\n"
    "• genomföra trygghetsvandringar i Sjöby centrum två gånger per år.\n\n"
    "Sjöby den 3 februari 2030\n\n"
    "Karin Ek | Olof Strand\n"
    "Lokalpolisområdeschef | Kommundirektör\n"
    "Lokalpolisområde Sjöby | Sjöby kommun\n"
)


def test_signatures_in_table_columns_are_two_people() -> None:
    names = [s["name"] for s in record(SIGNED_TABLE)["signatories"]]
    assert names == ["Karin Ek", "Olof Strand"]


# --- more of something on the days named counts nothing --------------------------


def test_longer_hours_on_evenings_is_not_a_rate() -> None:
    for text in (
        "Fritidsgården i Åsby utökar öppettiderna på lördagskvällar.",
        "förlänga fältarbetarnas arbetstid på fredags- och lördagskvällar.",
        "Kommunen lovar att hålla ungdomsgården öppen även på fredagskvällar.",
    ):
        assert extract_target(text).target is None, text
    # a plain recurring day still recurs
    got = extract_target("Fältgruppen är ute i Åsby centrum varje fredag.").target
    assert got is not None and got["per"] == "vecka"


# --- a label naming a place and, in brackets, the party that acts for it ----------

LABELLED_PARTIES = (
    "Medborgarlöfte Ekdal 2030\n\n"
    "Under 2030 kommer vi att:\n"
    "- genomföra trygghetsvandringar i Ekdal\n"
    "- Polisen: genomföra hastighetskontroller på Ringvägen\n"
    "- Ekdals galleria (fastighetsägaren): byta belysningen i garaget\n"
    "- Krogarna i Ekdals centrum: utbilda personalen i ansvarsfull alkoholservering\n"
)


def test_a_bracketed_role_in_a_label_names_the_party() -> None:
    got = by_text(record(LABELLED_PARTIES))
    assert got["genomföra trygghetsvandringar i Ekdal"] == ["polis", "kommun"]
    assert got["Polisen: genomföra hastighetskontroller på Ringvägen"] == ["polis"]
    bracketed = "Ekdals galleria (fastighetsägaren): byta belysningen i garaget"
    assert got[bracketed] == ["annan"]


def test_the_pubs_of_a_place_are_a_third_party() -> None:
    text = (
        "Medborgarlöfte Ekdal 2030\n\n"
        "Polisen och kommunen lovar att:\n"
        "• Polisen och kommunen genomför alkoholtillsyn på krogarna minst en gång "
        "i månaden.\n"
        "• Krogarna i Ekdals krogförening utbildar all personal i ansvarsfull "
        "alkoholservering senast i april 2030.\n"
    )
    got = {t[:20]: r for t, r in by_text(record(text)).items()}
    assert got["Polisen och kommunen"] == ["polis", "kommun"]
    assert got["Krogarna i Ekdals kr"] == ["annan"]


# --- numbered section headings around a bulleted list -----------------------------


def test_the_next_numbered_section_after_a_list_is_a_heading() -> None:
    text = (
        "Medborgarlöfte Älvby 2030\n\n"
        "1. Bakgrund\n\n"
        "Många känner sig otrygga vid Älvby station.\n\n"
        "2. Fokusområden\n\n"
        "• Trygghet vid Älvby station\n"
        "• Unga i riskmiljö\n\n"
        "3. Åtaganden\n\n"
        "Polisen lovar att:\n"
        "• patrullera vid Älvby station två kvällar per vecka.\n"
    )
    rec = record(text)
    assert rec["focus_areas"] == ["Trygghet vid Älvby station", "Unga i riskmiljö"]
    assert by_text(rec) == {
        "patrullera vid Älvby station två kvällar per vecka.": ["polis"]
    }


def test_how_long_the_promise_runs_is_no_focus_area() -> None:
    text = (
        "Ekby – medborgarlöften\n\n"
        "Polisen och Ekby kommun har tagit fram ett nytt medborgarlöfte. Löftet "
        "gäller fram till den 30 juni 2031.\n\n"
        "Polisen och kommunen lovar:\n\n"
        " • Polisen genomför 10 mopedkontroller i Ekby under året.\n"
    )
    assert record(text)["focus_areas"] == []


# --- a named unit in a list of promisers ------------------------------------------


def test_a_place_named_unit_in_a_list_is_its_party() -> None:
    text = (
        "Medborgarlöfte Ekby 2030\n\n"
        "Polisen och kommunen lovar att:\n"
        "• Torgskolan och Ekby fältgrupp anordnar trygghetsdagar för elever två "
        "gånger per år.\n"
        "• Polisen och Åby räddningstjänst håller en brandövning i Ekby i maj.\n"
    )
    got = {t[:20]: r for t, r in by_text(record(text)).items()}
    assert got["Torgskolan och Ekby "] == ["kommun"]
    assert got["Polisen och Åby rädd"] == ["polis", "annan"]


# --- themes and places from what the words name ------------------------------------


def test_a_party_genitive_and_marked_bicycles_are_no_traffic() -> None:
    from medborgarloften.extract.document.topics import themes_in

    def codes(text: str) -> list[str]:
        return [h.code for h in themes_in(text)]

    assert "trafik" not in codes("insatser med Ekbytrafikens ordningsvakter")
    assert "trafik" not in codes("Polisen erbjuder stöldmärkning av cyklar vid skolan")
    assert "trafik" in codes("kontroller av cyklar och mopeder på gångvägarna")


def test_an_aim_in_a_heading_is_no_place_and_named_facilities_are() -> None:
    text = (
        "Medborgarlöfte Ekby 2030\n\n"
        "Trygga torg i Ekby\n\n"
        "Polisen lovar att:\n"
        "• patrullera på Ekby allé och vid Norrby träff varje fredag.\n"
    )
    places = record(text)["places"]
    assert "Trygga torg" not in places
    assert {"Ekby allé", "Norrby träff"} <= set(places)


# --- one per area ------------------------------------------------------------------


def test_one_in_each_of_the_areas_and_per_area_and_year() -> None:
    period = {"start": "2030-01-01", "end": "2031-12-31"}
    each = extract_target(
        "Vi genomför en trygghetsvandring i vart och ett av de tre områdena.",
        period=period,
    ).target
    assert each is not None and (each["quantity"], each["per"]) == (1, "område")
    yearly = extract_target(
        "genomföra en trygghetsvandring per område och år i Åby och Ekby.",
        period=period,
        places=["Åby", "Ekby"],
    ).target
    assert yearly is not None and yearly["per"] == "år_och_område"


def test_the_rate_counts_the_one_right_before_it() -> None:
    got = extract_target(
        "ha en fältassistent på plats vid Åby torg en eftermiddag varje vecka."
    ).target
    assert got is not None
    assert (got["quantity"], got["unit"], got["per"]) == (1, "eftermiddag", "vecka")
    alone = extract_target("ha en polis på plats vid Åby torg varje vecka.").target
    assert alone is not None and (alone["quantity"], alone["per"]) == (1, "vecka")


# --- a problem heading over its list, when nothing else names the areas -----------

PROBLEMS = (
    "Ekby – medborgarlöften\n\n"
    "Polisen och Ekby kommun har tagit fram ett nytt medborgarlöfte.\n\n"
    "Problembild\n\n"
    " • Inbrott i förråd i Västra Ekby\n"
    " • Ungdomsgäng vid Ekby busstation\n\n"
    "Polisen och kommunen lovar:\n\n"
    " • Polisen genomför 10 insatser mot förrådsinbrott i Ekby under året.\n"
)


def test_a_problem_list_is_the_last_resort_for_focus_areas() -> None:
    rec = record(PROBLEMS)
    assert rec["focus_areas"] == [
        "Inbrott i förråd i Västra Ekby",
        "Ungdomsgäng vid Ekby busstation",
    ]
    assert "barn_unga_riskmiljo" in rec["themes"]


def test_a_list_of_facts_under_a_problem_heading_is_no_focus_area() -> None:
    facts = PROBLEMS.replace(
        " • Inbrott i förråd i Västra Ekby\n",
        " • 40 inbrott i förråd anmäldes i Västra Ekby under 2029.\n",
    )
    assert record(facts)["focus_areas"] == []


def test_a_shopping_centre_and_a_university_named_by_a_place() -> None:
    text = (
        "Medborgarlöfte Ekby 2030\n\n"
        "Polisen lovar att:\n"
        "• Ekby Shopping och polisen genomför en kampanj mot snatteri i november.\n"
        "• Polisen märker cyklar vid Ekby tekniska universitet två gånger per år.\n"
    )
    rec = record(text)
    assert {"Ekby Shopping", "Ekby tekniska universitet"} <= set(rec["places"])
    # … and in a kommun of that name the qualified form is a place, the name not
    in_kommun = record(
        text.replace("Ekby", "Umeå").replace("Medborgarlöfte Umeå", "Umeå kommun")
    )
    assert "Umeå tekniska universitet" in in_kommun["places"]
    assert "Umeå" not in in_kommun["places"]


# --- an operator by its acronym, staff placed where the promise says ---------------

BY_ACRONYM = (
    "Medborgarlöften 2030\n\n"
    "Ekby kommun och lokalpolisområde Ekby har tillsammans med Ekby Lokaltrafik "
    "(ELT) tagit fram löftena.\n\n"
    "Löften\n\n"
    "Centrum\n\n"
    "Polisen patrullerar till fots i centrum minst 30 helger per år.\n"
    "ELT har trygghetsvärdar på busstationen fem kvällar i veckan.\n"
    "ELT sätter upp kameror på busstationen senast i maj 2030.\n"
)


def test_an_acronym_as_subject_is_a_third_party_and_staff_placed_is_an_action() -> None:
    got = {c["text"]: c for c in record(BY_ACRONYM)["commitments"]}
    staff = got["ELT har trygghetsvärdar på busstationen fem kvällar i veckan."]
    assert staff["responsible"] == ["annan"]
    assert (staff["target"]["quantity"], staff["target"]["per"]) == (5, "vecka")
    assert got["ELT sätter upp kameror på busstationen senast i maj 2030."][
        "responsible"
    ] == ["annan"]


def test_a_council_or_a_survey_by_its_acronym_is_no_third_party() -> None:
    from medborgarloften.extract.parties import subject_parties

    assert subject_parties("BRÅ genomför en trygghetsvandring i maj.") is None
    assert subject_parties("CAN visar att fler unga provar cannabis.") is None


def test_a_numbered_section_right_after_a_bulleted_list_is_a_heading() -> None:
    # as a Word file reads: no blank line between the list and the next section
    text = (
        "Medborgarlöfte Älvby 2030\n"
        "2. Fokusområden\n"
        "• Trygghet vid Älvby station\n"
        "• Unga i riskmiljö\n"
        "3. Åtgärder\n"
        "Aktivitet | Ansvarig | Omfattning\n"
        "Fotpatrullering vid Älvby station | Polisen | Två kvällar per vecka\n"
    )
    assert record(text)["focus_areas"] == [
        "Trygghet vid Älvby station",
        "Unga i riskmiljö",
    ]
