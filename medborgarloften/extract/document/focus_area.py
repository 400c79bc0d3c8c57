"""A focus area found in a document (its phrase, span and rule), and when two focus
areas say the same."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FocusArea:
    """One focus area phrase, its span and the rule that found it."""

    text: str
    span: tuple[int, int]
    rule: str


_WORD = re.compile(r"\w+")


def _tokens(s: str) -> set[str]:
    return set(_WORD.findall(s.casefold()))


def _similar_tokens(ta: set[str], tb: set[str]) -> bool:
    return bool(ta and tb) and len(ta & tb) / max(len(ta), len(tb)) >= 0.5


def similar(a: str, b: str) -> bool:
    """Do two focus-area texts share at least half of the longer one's words?"""
    return _similar_tokens(_tokens(a), _tokens(b))
