from __future__ import annotations

import re

import pytest

from medborgarloften.lib.months import (
    MONTH_PATTERN_SV,
    MONTHS_EN,
    MONTHS_SV,
    month_number,
    month_short_sv,
)


def test_it_has_twelve_months_in_each_language():
    assert len(MONTHS_SV) == len(MONTHS_EN) == 12
    assert MONTHS_SV[4] == "maj" and MONTHS_EN[4] == "may"


@pytest.mark.parametrize(
    ("name", "number"),
    [("januari", 1), ("Maj", 5), (" OKTOBER ", 10), ("march", 3), ("mars", 3)],
)
def test_it_numbers_swedish_and_english_names(name, number):
    assert month_number(name) == number


def test_it_numbers_nothing_else():
    assert month_number("majs") is None
    assert month_number("") is None


def test_it_shortens_swedish_names():
    assert [month_short_sv(n) for n in (1, 5, 10)] == ["jan", "maj", "okt"]


def test_it_matches_every_swedish_name_as_a_pattern():
    pattern = re.compile(rf"(?:{MONTH_PATTERN_SV})")
    assert all(pattern.fullmatch(name) for name in MONTHS_SV)
    assert pattern.fullmatch("maja") is None
