"""Searching only where a start literal begins finds what the expression's own search finds.

``Prefiltered.search`` tries an expression only at the places where one of its
start literals (``start_literals``) begins in the folded text; these tests hold that
equal to ``regex.search`` for every prefiltered expression of the rules, on the
genre's sentences and on arbitrary text.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medborgarloften.extract as extract
from medborgarloften.extract.prefilter import Prefiltered, fold, start_literals

FIXTURES = Path(__file__).parent / "fixtures"


def _expressions() -> list[tuple[str, Prefiltered]]:
    found: dict[int, tuple[str, Prefiltered]] = {}
    for module in pkgutil.walk_packages(extract.__path__, "medborgarloften.extract."):
        if ".tests" in module.name:
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, Prefiltered) and value.starts is not None:
                found.setdefault(id(value), (f"{module.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


EXPRESSIONS = _expressions()


def _texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        content = path.read_text(encoding="utf-8")
        texts.append(content)
        texts.extend(line for line in content.splitlines() if line.strip())
    return texts


TEXTS = _texts()


def _same(rx: Prefiltered, text: str) -> None:
    expected = rx.regex.search(text)
    found = rx.search_at_starts(text, fold(text))
    assert (found and (found.span(), found.groups())) == (
        expected and (expected.span(), expected.groups())
    )
    every = [(m.span(), m.groups()) for m in rx.regex.finditer(text)]
    fast = [(m.span(), m.groups()) for m in rx.finditer_at_starts(text, fold(text))]
    assert fast == every


def test_most_rule_expressions_have_start_literals():
    assert len(EXPRESSIONS) >= 10


@pytest.mark.parametrize(("name", "rx"), EXPRESSIONS, ids=[n for n, _ in EXPRESSIONS])
def test_it_finds_the_same_match_in_the_genre_texts(name, rx):
    for text in TEXTS:
        _same(rx, text)


WORDS = [
    "Vi", "följer", "upp", "redovisar", "UPPFÖLJNING", "lägesbild", "visar", "att",
    "senast", "i", "maj", "2025", "Kl.", "3", "nr", "§", "ſå", "İnom", "K", "under",
    "året", "respektive", "område", ",", ".", "\n", "  ", "åtar", "sig", "ska",
    "2024–2026", "från", "till", "och", "med", "gäller", "löftet", "perioden", "1",
    "januari", "31", "december", "medborgarlöfte", "avtal", "statistik", "visar",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_it_finds_the_same_match_in_arbitrary_word_lists(words):
    text = " ".join(words)
    for _, rx in EXPRESSIONS:
        _same(rx, text)


def test_start_literals_cover_every_alternative():
    import re

    assert start_literals(re.compile(r"\bföljs?\s+upp|återkoppl", re.I)) == (
        "följ",
        "återkoppl",
    )
    assert start_literals(re.compile(r"(?:a|[bc])x")) is None
    assert start_literals(re.compile(r"(?:medborgar)?löfte")) == ("löfte", "medborgar")
    assert start_literals(re.compile(r"(?:ab)+c|§")) == ("ab", "§")
    assert start_literals(re.compile(r"x?[yz]")) is None
    assert start_literals(re.compile(r"i|på")) is None


def test_a_text_without_any_of_a_groups_literals_matches_none_of_its_expressions():
    from medborgarloften.extract.document.focus import INLINE
    from medborgarloften.extract.prefilter import all_literals, holds_any
    from medborgarloften.extract.target_patterns import RATES

    for group in ([rx for _, rx, _ in INLINE], [rate.regex for rate in RATES]):
        literals = all_literals(group)
        assert literals is not None
        skipped = 0
        for text in TEXTS:
            if not holds_any(fold(text), literals):
                skipped += 1
                assert all(rx.regex.search(text) is None for rx in group)
        assert skipped > 0
