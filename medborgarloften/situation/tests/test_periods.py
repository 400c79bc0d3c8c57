"""periods: EST's week, month, tertial and year."""

from __future__ import annotations

import datetime as dt

import pytest

from medborgarloften.situation.periods import parse_period, period_containing


def test_it_parses_each_kind():
    assert parse_period("2025-W45").start == dt.date(2025, 11, 3)
    assert parse_period("2025-w45").end == dt.date(2025, 11, 10)
    assert parse_period("2025-11").end == dt.date(2025, 12, 1)
    assert parse_period("2025-12").end == dt.date(2026, 1, 1)
    assert parse_period("2025-T2").start == dt.date(2025, 5, 1)
    assert parse_period("2025-T3").end == dt.date(2026, 1, 1)
    assert parse_period("2025").code == "2025"


@pytest.mark.parametrize("text", ["", "2025-13", "2025-T4", "2025-W60", "nov 2025"])
def test_it_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="Period:"):
        parse_period(text)


def test_it_steps_to_the_previous_and_next_period():
    assert parse_period("2025-W01").previous().code == "2024-W52"
    assert parse_period("2025-T1").previous().code == "2024-T3"
    assert parse_period("2025-01").previous().code == "2024-12"
    assert parse_period("2025-T3").following().code == "2026-T1"
    assert period_containing("tertial", dt.date(2025, 8, 31)).code == "2025-T2"


def test_it_lists_the_months_a_period_touches():
    assert parse_period("2025-T1").months == [202501, 202502, 202503, 202504]
    assert parse_period("2025-W01").months == [202412, 202501]
