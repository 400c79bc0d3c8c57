"""Effect goals: focus areas when the promise has no umbrella statement, never
commitments (our own texts)."""

from __future__ import annotations

from medborgarloften.extract.record import extract_record

GOALS_THEN_ACTIVITIES = """Medborgarlöfte Tingsryd 2025

Det vill vi uppnå
- Färre bilinbrott vid Tingsryds resecentrum.
- Äldre ska känna sig trygga i sina bostadsområden.

Våra aktiviteter
- Polisen gör riktade kontroller vid resecentrum varje vecka.
- Kommunen ordnar två informationsträffar om bedrägerier för äldre.
"""

EFFECT_LINES = """Medborgarlöfte Tingsryd 2025

Effektmål
Färre bilinbrott vid Tingsryds resecentrum.
Andelen som känner sig trygga ska öka i nästa trygghetsmätning.

Polisen lovar att
- göra riktade kontroller vid resecentrum varje vecka.
"""

WITH_UMBRELLA = """Medborgarlöfte Tingsryd 2025

Kommunen och polisen lovar att arbeta för att minska bilinbrotten i Tingsryd.
Det gör vi genom att:
- Polisen gör riktade kontroller vid resecentrum varje vecka.

Effekter vi vill se
- Färre bilinbrott.
"""


def test_it_takes_the_effect_goals_as_focus_areas_and_not_as_commitments() -> None:
    record = extract_record(GOALS_THEN_ACTIVITIES, record_id="t")
    assert record["focus_areas"] == [
        "Färre bilinbrott vid Tingsryds resecentrum",
        "Äldre ska känna sig trygga i sina bostadsområden",
    ]
    assert [c["text"][:12] for c in record["commitments"]] == [
        "Polisen gör ",
        "Kommunen ord",
    ]


def test_it_leaves_out_an_indicator_under_an_effect_heading() -> None:
    record = extract_record(EFFECT_LINES, record_id="t")
    assert record["focus_areas"] == ["Färre bilinbrott vid Tingsryds resecentrum"]


def test_it_prefers_the_umbrella_statement_to_a_list_of_effects() -> None:
    record = extract_record(WITH_UMBRELLA, record_id="t")
    assert "Färre bilinbrott" not in record["focus_areas"]
    assert record["focus_areas"]
