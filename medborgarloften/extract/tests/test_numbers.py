"""Swedish number words → int, ranges take the lower bound (SCHEMA)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborgarloften.extract.numbers import parse_number, parse_ordinal, parse_quantity


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("en", 1),
        ("ett", 1),
        ("två", 2),
        ("Tre", 3),
        ("tolv", 12),
        ("tjugo", 20),
        ("tjugofem", 25),
        ("hundra", 100),
        ("12", 12),
        ("1 000", 1000),
    ],
)
def test_it_reads_numerals_and_number_words(word, value):
    assert parse_number(word) == value


def test_it_returns_none_for_words_that_are_not_numbers():
    assert parse_number("trygghet") is None
    assert parse_number("") is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("tre till fyra gånger", 3),
        ("3-4 gånger", 3),
        ("två (2) gånger", 2),
        ("minst sex tillfällen", 6),
        ("inga siffror", None),
    ],
)
def test_it_takes_the_first_quantity_and_the_lower_bound_of_a_range(phrase, value):
    assert parse_quantity(phrase) == value


def test_it_reads_ordinals():
    assert parse_ordinal("tredje") == 3
    assert parse_ordinal("7:e") == 7
    assert parse_ordinal("blå") is None


@given(st.text())
def test_it_never_raises(text):
    parse_number(text)
    parse_quantity(text)
    parse_ordinal(text)
