"""The date-range expression is skipped only on texts where it cannot match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from medborgarloften.extract.document import period

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
