"""Genre rules for promises whose commitments stand in tables typed or pasted as
text (pipe tables, tab tables, party columns, areas with bulleted activities): each
test is a short text of our own, written in the genre, not taken from any
published promise.
"""

from __future__ import annotations

from medborgarloften.extract.commitments.area_tables import area_rows
from medborgarloften.extract.commitments.table_text import column_header, retable
from medborgarloften.extract.record import extract_record


def record(text: str) -> dict:
    return extract_record(text, record_id="test")


def texts(rec: dict) -> list[str]:
    return [c["text"] for c in rec["commitments"]]


def by_text(rec: dict, start: str) -> dict:
    return next(c for c in rec["commitments"] if c["text"].startswith(start))


# --- a table of focus areas and their bulleted activities ----------------------

AREA_TABLE = (
    "Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby\n\n"
    "Fokusområde\tAktiviteter\n"
    "Inbrott i villaområden\t• Polisen gör extra kvällspatruller i Norrby.\n"
    "\t• Kommunen startar grannsamverkan i tre nya kvarter.\n"
    "Trygg busstation\t• Kommunen byter belysningen vid busstationen i mars.\n"
    "\t• Polisen och kommunen gör en trygghetsvandring vid Ekby station.\n"
    "\nUppföljning sker i december.\n"
)


def test_each_bullet_of_an_area_table_is_a_commitment_under_its_area():
    rec = record(AREA_TABLE)
    assert texts(rec) == [
        "Polisen gör extra kvällspatruller i Norrby.",
        "Kommunen startar grannsamverkan i tre nya kvarter.",
        "Kommunen byter belysningen vid busstationen i mars.",
        "Polisen och kommunen gör en trygghetsvandring vid Ekby station.",
    ]
    assert by_text(rec, "Kommunen startar")["responsible"] == ["kommun"]
    assert by_text(rec, "Polisen och")["responsible"] == ["polis", "kommun"]
    assert rec["focus_areas"] == ["Inbrott i villaområden", "Trygg busstation"]


def test_an_area_table_is_rewritten_without_changing_its_length():
    out = area_rows(AREA_TABLE)
    assert len(out) == len(AREA_TABLE)
    assert "Inbrott i villaområden\n• Polisen" in out
    assert "\n•\t Kommunen startar" in out


def test_a_table_of_other_columns_is_no_area_table():
    text = "Åtgärd\tAnsvarig\nPatrullera i Norrby\t• Polisen\n"
    assert area_rows(text) == text
    plain = "Fokusområde\tAktiviteter\nInbrott\tPolisen patrullerar i Norrby.\n"
    assert area_rows(plain) == plain  # no bullets in the cells: left to the table


# --- a Markdown rule run on into the first row ----------------------------------

RUN_ON_RULE = (
    "Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby\n\n"
    "Aktivitet | Ansvarig | När\n"
    "---|---|--- Genomföra tre trygghetsvandringar i Norrby | Polisen, kommunen | Vår\n"
    "Rusta upp belysningen i Ekbyparken | Kommunen | Senast i maj\n"
    "Patrullera till fots vid Ekby torg | Polisen | Löpande\n"
)


def test_a_rule_run_on_into_the_first_row_is_cut_from_it():
    out = retable(RUN_ON_RULE)
    assert len(out) == len(RUN_ON_RULE)
    assert "\nGenomföra tre trygghetsvandringar" in out
    rec = record(RUN_ON_RULE)
    assert texts(rec) == [
        "Genomföra tre trygghetsvandringar i Norrby",
        "Rusta upp belysningen i Ekbyparken",
        "Patrullera till fots vid Ekby torg",
    ]
    assert rec["commitments"][0]["responsible"] == ["polis", "kommun"]


def test_a_row_of_dashes_in_prose_is_left_alone():
    text = "Ekby\n\n--- Polisen patrullerar i Norrby.\n"
    assert retable(text) == text


# --- party columns with an empty cell -------------------------------------------

PARTY_COLUMNS = (
    "Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby\n\n"
    "Polisen lovar\tKommunen lovar\n"
    "Genomföra trafikkontroller i Norrby varje månad.\tErbjuda föräldrakvällar om "
    "droger.\n"
    "Informera om bedrägerier på kommunens träffträffar för seniorer.\t\n"
    "\tAnställa två fältassistenter i Ekby centrum.\n"
)


def test_a_row_with_an_empty_cell_keeps_each_promise_in_its_column():
    rec = record(PARTY_COLUMNS)
    assert by_text(rec, "Informera om")["responsible"] == ["polis"]
    assert by_text(rec, "Anställa två")["responsible"] == ["kommun"]
    assert by_text(rec, "Erbjuda")["responsible"] == ["kommun"]
    assert len(rec["commitments"]) == 4


# --- a table's header row is no focus area; an umbrella over the table is -------

UMBRELLA_OVER_TABLE = (
    "Medborgarlöfte 2031 för Ekby kommun och lokalpolisområde Ekby.\n\n"
    "Polisen och kommunen lovar att tillsammans minska skadegörelsen i Norrby "
    "genom följande aktiviteter:\n\n"
    "Aktivitet | Ansvarig | Tidsram\n"
    "Sanera klotter inom ett dygn vid Norrby skola | Kommunen | Hela perioden\n"
    "Genomföra kvällspatruller i Norrby varje fredag | Polisen | 2031\n"
)


def test_the_header_row_is_no_focus_area_and_the_umbrella_is():
    rec = record(UMBRELLA_OVER_TABLE)
    assert rec["focus_areas"] == ["minska skadegörelsen i Norrby"]
    assert len(rec["commitments"]) == 2


def test_column_header_rows():
    assert column_header("Aktivitet | Ansvarig | När")
    assert column_header("Åtgärd\tAnsvarig\tTidpunkt")
    assert not column_header("Trygghet i centrum")
    assert not column_header("Polisen | Kommunen")


# --- a numbered table one cell a line, a party cell run on into the activity -----

NUMBERED_CELLS = (
    "Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby\n\n"
    "Nr\nAktivitet\nAnsvarig\nUppföljning\n"
    "1\nPolisen gör kvällspatruller i Norrby minst två kvällar per vecka Polisen\n"
    "Antal pass\n"
    "2\nEkbyhem AB och kommunen röjer buskage vid Norrby torg\n"
    "Ekbyhem AB, Ekby kommun\nGenomförd röjning\n"
    "3\nKommunens fältassistenter är ute i Ekby centrum varje fredag\n"
    "Ekby kommun\nAntal kvällar\n"
)


def test_a_party_run_on_into_a_numbered_row_gets_its_own_cell_again():
    out = retable(NUMBERED_CELLS)
    assert len(out) == len(NUMBERED_CELLS)
    rec = record(NUMBERED_CELLS)
    assert texts(rec) == [
        "Polisen gör kvällspatruller i Norrby minst två kvällar per vecka",
        "Ekbyhem AB och kommunen röjer buskage vid Norrby torg",
        "Kommunens fältassistenter är ute i Ekby centrum varje fredag",
    ]
    assert rec["commitments"][0]["responsible"] == ["polis"]
    assert rec["commitments"][1]["responsible"] == ["kommun", "annan"]


def test_a_row_short_of_a_cell_without_a_party_at_its_end_is_left_alone():
    text = NUMBERED_CELLS.replace("per vecka Polisen", "per vecka i Norrby")
    assert retable(text) == text  # the rows no longer cut: no table is guessed


# --- an area table's header in a Word or PDF rendering --------------------------


def test_an_area_tables_header_is_a_column_header_and_no_focus_area():
    assert column_header("Fokusområde    Aktiviteter")
    assert column_header("Prioriterat område\tInsatser")
    rendered = AREA_TABLE.replace(
        "Fokusområde\tAktiviteter", "Fokusområde    Aktiviteter"
    )
    rendered = rendered.replace("\t• ", "\n• ").replace("\n\n• ", "\n• ")
    rec = record(rendered)
    assert rec["focus_areas"] == ["Inbrott i villaområden", "Trygg busstation"]


# --- no place: a crime opening a listed area, a celebration ---------------------


def test_a_listed_crime_and_a_celebration_are_no_places():
    rec = record(
        "Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby\n\n"
        "Problemområden: Otrygghet i Norrby centrum, Narkotika bland unga, "
        "Våld i nära relationer.\n\n"
        "Polisen lovar att:\n"
        "• vara synligt närvarande vid Midsommarfirandet i Ekby hamn.\n"
    )
    places = [p.casefold() for p in rec["places"]]
    assert "norrby centrum" in places and "ekby hamn" in places
    assert not {"narkotika", "våld", "midsommarfirandet"} & set(places)


# --- the activity's own written count beats the goal column's --------------------

OWN_COUNT_AND_GOAL = (
    "Medborgarlöfte 2031 – Ekby kommun och lokalpolisområde Ekby\n\n"
    "Aktivitet | Ansvarig | När | Mål\n"
    "Genomföra hastighetskontroller på Ekbyvägen två gånger per månad | Polisen "
    "| Löpande | 24 kontroller\n"
    "Sanera klotter på kommunens skolor inom 48 timmar | Kommunen | Löpande "
    "| 95 procent i tid\n"
    "Fotpatrullera i Ekby centrum på fredagskvällar | Polisen | Löpande "
    "| 40 pass under året\n"
    "Bjuda in till en medborgardialog i Norrby | Polisen, kommunen | I oktober "
    "| Genomförd dialog\n"
)


def test_a_count_written_in_the_activity_beats_the_goal_cell():
    rec = record(OWN_COUNT_AND_GOAL)
    speed = by_text(rec, "Genomföra hastighetskontroller")["target"]
    assert (speed["quantity"], speed["unit"], speed["per"]) == (2, "gånger", "månad")
    assert by_text(rec, "Sanera klotter")["target"]["quantity"] == 48
    # a weekday's evenings are no written count: the goal cell states the target
    assert by_text(rec, "Fotpatrullera")["target"]["quantity"] == 40
    dialog = by_text(rec, "Bjuda in")["target"]
    assert dialog["quantity"] == 1
    assert dialog["deadline"] == "2031-10-31"  # the schedule cell's month is kept


def test_supplying_drugs_to_the_young_is_no_alcohol_theme():
    def themes(item: str) -> list[str]:
        text = f"Medborgarlöfte 2031 Ekby\n\nPolisen lovar att:\n• {item}\n"
        return record(text)["themes"]

    assert "alkohol" not in themes("göra insatser mot langning av narkotika till unga.")
    assert "narkotika" in themes("göra insatser mot langning av narkotika till unga.")
    assert "alkohol" in themes("göra insatser mot langning till unga.")
