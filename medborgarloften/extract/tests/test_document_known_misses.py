"""Document-level rules, known misses: what the rules get wrong today (strict xfail).

When a rule improves and one of these starts passing, strict xfail fails the run,
so the example moves to the development or held-out set.
"""

from __future__ import annotations

import pytest

from medborgarloften.extract.document import find_focus_areas, read_units


@pytest.mark.xfail(
    strict=True, reason="a short heading ending in a full stop reads as prose"
)
def test_it_takes_a_short_sentence_heading_as_focus_area():
    text = (
        "Trygg stad\n\nMer synlig polis.\nPolisen lovar att patrullera varje vecka.\n\n"
        "- Kommunen lovar att se över belysningen.\n"
    )
    texts = [f.text for f in find_focus_areas(read_units(text))]
    assert "Mer synlig polis" in texts


@pytest.mark.xfail(
    strict=True, reason="a focus heading with no commitments after it is dropped"
)
def test_it_keeps_a_last_focus_heading_of_a_truncated_page():
    text = (
        "Klotter ökar\n\n- Kommunen sanerar klotter.\n\nOro för drogpåverkade i centrum\n\n"
        "Drogpåverkade personer i off"
    )
    texts = [f.text for f in find_focus_areas(read_units(text))]
    assert "Oro för drogpåverkade i centrum" in texts


@pytest.mark.xfail(
    strict=True, reason="focus phrases inside commitments are not recognised"
)
def test_it_finds_focus_phrases_named_only_inside_the_commitments():
    text = (
        "Utifrån enkäten har vi valt ut två områden att fokusera på under året.\n\n"
        "- Polisen ska arbeta mot buskörning med mopeder.\n"
        "- Kommunen ska öka tryggheten i parkerna.\n"
    )
    texts = [f.text for f in find_focus_areas(read_units(text))]
    assert "buskörning med mopeder" in texts
