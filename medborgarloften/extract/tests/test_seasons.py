"""An activity's season ("under perioden april till september") is neither the
promise's period nor a deadline (our own texts)."""

from __future__ import annotations

from medborgarloften.extract.document.period import find_period
from medborgarloften.extract.targets import extract_target

TEXT = """Medborgarlöfte Arjeplog

Kommunen och polisen har skrivit ett medborgarlöfte som gäller under 2026.

Polisen lovar att
- göra hastighetskontroller på Storgatan minst en gång i veckan under perioden maj till augusti,
- besöka skolorna i Arjeplog två gånger under året.
"""


def test_it_keeps_the_year_when_a_list_item_names_an_activitys_months() -> None:
    period = find_period(TEXT)
    assert (period.start, period.end) == ("2026-01-01", "2026-12-31")


def test_it_still_reads_a_month_range_stated_as_the_promises_period() -> None:
    text = "Medborgarlöftet gäller under perioden mars till maj 2025.\n"
    period = find_period(text)
    assert (period.start, period.end) == ("2025-03-01", "2025-05-31")


def test_it_gives_no_deadline_for_a_season_of_months() -> None:
    period = {"start": "2026-01-01", "end": "2026-12-31"}
    season = extract_target(
        "Kontroller av båtar i hamnen varje vecka från juni till augusti.",
        period=period,
    ).target
    assert season is not None
    assert (season["per"], season["deadline"]) == ("vecka", None)
    deadline = extract_target(
        "Polisen bjuder in till ett möte om trafiken senast i september.",
        period=period,
    ).target
    assert deadline is not None and deadline["deadline"] == "2026-09-30"
