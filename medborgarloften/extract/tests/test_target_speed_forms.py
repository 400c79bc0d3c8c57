"""The faster forms of target checks agree with the expressions they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract import target_patterns

PIECES = [
    "LOV", "Ekby", "Storgatan", "(", ")", " ", "  ", "\t", "\n", "a", "AB", "ÅÄÖ",
    "Väg", ",", "-", "x", "Buss", "linje", "é", "ÉK", "SKOLA", "rum", "1", "ſ", "K",
]  # fmt: skip


def same(text: str) -> None:
    expected = target_patterns._IDENTIFIER_BEFORE.search(text) is not None
    assert target_patterns.identifier_before(text) == expected, repr(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20))
def test_the_identifier_check_matches_its_expression(pieces):
    same("".join(pieces))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AaBbÅåéÉ (\t\n,-1Kkſ", max_size=30))
def test_the_identifier_check_matches_its_expression_on_arbitrary_text(text):
    same(text)


def test_the_identifier_check_reads_a_name_before_its_number():
    assert target_patterns.identifier_before("Vi renoverar huset på Ekgatan (")
    assert target_patterns.identifier_before("enligt LOV ")
    assert not target_patterns.identifier_before("vi håller minst ")
