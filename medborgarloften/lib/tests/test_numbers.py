"""Numbers in the active language: decimal comma and space-grouped thousands in
Swedish, point and comma in English; rounded, not cut off."""

from __future__ import annotations

from django.utils import translation

from medborgarloften.lib.numbers import format_number

NBSP = "\u00a0"


def test_swedish_writes_a_decimal_comma_and_groups_thousands():
    with translation.override("sv"):
        assert format_number(10439.4) == f"10{NBSP}439,4"
        assert format_number(557.7) == "557,7"
        assert format_number(141.0) == "141"
        assert format_number(1234567, 0) == f"1{NBSP}234{NBSP}567"
        assert format_number(2.675, 1) == "2,7"  # rounded half up, not cut off
        assert format_number(3, 1) == "3,0"
        assert format_number(-0.01, 0) == "0"


def test_english_writes_a_decimal_point_and_comma_groups():
    with translation.override("en"):
        assert format_number(10439.4) == "10,439.4"
        assert format_number(45.4) == "45.4"
        assert format_number(0.1 + 0.2) == "0.3"


def test_unknown_and_non_numbers():
    assert format_number(None) == "–"
    assert format_number("uppgift saknas") == "uppgift saknas"
