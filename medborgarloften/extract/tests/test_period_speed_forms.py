"""Speed forms of document rules: the date-range expression is skipped only on texts
where it cannot match; the sentence-end expression matches its plain form."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract.document import period
from medborgarloften.extract.document import text as text_module

PIECES = [
    "2023-01-01", "2024-06-30", "1 juni 2023", "31 MAJ 2025", "1:a", "okt", "Dec",
    "–", "-", "—", "till", " ", "\n", "2023", "20", "19", "ſep", "januari", "Ekby",
    "1", "12", "31", "lovar", "2025-13-40",
]  # fmt: skip


def check(text: str) -> None:
    if period.ISO_RANGE.search(text) is not None:
        assert period._may_hold_full_date(text), repr(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_a_text_with_a_date_range_is_never_skipped(pieces):
    check(" ".join(pieces))


def test_a_text_without_dates_or_months_is_skipped():
    assert not period._may_hold_full_date("Vi lovar trygghetsvandringar i Ekby 2025.")
    assert period._may_hold_full_date("Löftet gäller 1 juni 2023 – 31 maj 2025.")
    assert period._may_hold_full_date("Perioden 2023-07-01—2025-06-30.")


# The sentence-end expression of document.text, written for speed, against its
# plain form.
_PLAIN_SENTENCE_END = re.compile(
    r"(?<!\b[a-zåäö])(?<!\bbl\.a)(?<!\bm\.m)[.!?]+[\"”’)]*(?=\s+[\"“(]?[A-ZÅÄÖÉ0-9])"
)
END_PIECES = [
    "Vi", "ses", ".", "!", "?", "..", " ", "\n", "a", "bl", "m", "Ekby", "2025", "”",
    ")", "(", '"', "x.", "bl.a.", "m.m.", "É", "å", "Ö",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(END_PIECES), max_size=24), st.booleans())
def test_the_sentence_end_expression_matches_its_plain_form(pieces, spaced):
    text = (" " if spaced else "").join(pieces)
    fast = [(m.span(), m.group(0)) for m in text_module._SENTENCE_END.finditer(text)]
    plain = [(m.span(), m.group(0)) for m in _PLAIN_SENTENCE_END.finditer(text)]
    assert fast == plain, repr(text)
