"""Prefilters narrowed to one document, for expressions run on many parts of it.

The place expressions run over the whole document and again over each commitment
in it. A literal the document does not hold is in none of its parts, so for a text
that is a slice of the document only the literals the document holds need looking
for - and when it holds none, the expression cannot match any part of it. The
document is read once per expression (cached until the next document) instead of
every part being read once per literal.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator

from .doccache import per_document
from .prefilter import Prefiltered, fold, start_literals_of


@per_document
def _narrowed(key: tuple[Prefiltered, str]) -> Prefiltered | None:
    """``rx`` with the literals ``document`` holds, or None when it holds none."""
    rx, document = key
    folded = fold(document)
    assert rx.literals is not None
    kept = tuple(literal for literal in rx.literals if literal in folded)
    if not kept:
        return None
    if len(kept) == len(rx.literals):
        return rx
    narrow: Prefiltered = object.__new__(Prefiltered)
    narrow.regex, narrow.literals, narrow.starts = rx.regex, kept, rx.starts
    return narrow


def finditer_in(
    rx: re.Pattern[str] | Prefiltered, text: str, document: str | None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, where ``text`` is a slice of ``document`` (or the
    document itself; None: not known), its prefilter narrowed to the document."""
    if document is None or not isinstance(rx, Prefiltered) or rx.literals is None:
        return rx.finditer(text)
    narrow = _narrowed((rx, document))
    return iter(()) if narrow is None else narrow.finditer(text)


class Openings:
    """Where an expression can start, found once per document: every match of it
    opens with a match of ``opening`` (words, matched ignoring case, as in the
    expression) where no character of the class ``before`` stands before it.

    The words' folded forms (``start_literals_of``; as prefixes: "i" stands for
    "inom" too) are found in the folded document by one case-sensitive scan;
    ``fold`` keeps every position and what is a word character."""

    def __init__(self, opening: str, before: str) -> None:
        words = start_literals_of(re.compile(opening))
        alternation = "|".join(
            re.escape(w) for w in sorted(words, key=len, reverse=True)
        )
        self.behind = re.compile(rf"(?<!{before})(?:{alternation})")
        self.at = re.compile(alternation)
        # keyed by the document alone (a pattern's hash reads its compiled code)
        self.found: Callable[[str], list[int]] = per_document(self._found)

    def _found(self, document: str) -> list[int]:
        return [m.start() for m in self.behind.finditer(fold(document))]

    def starts(self, text: str, document: str) -> list[int] | None:
        """The places in ``text`` where a match can start (more are harmless);
        None when ``text`` is not in ``document``. Any occurrence of ``text``
        serves: the characters are the same, except that its first has nothing
        before it within ``text``."""
        offset = 0 if text is document else document.find(text)
        if offset < 0:
            return None
        positions = self.found(document)
        lo = bisect_left(positions, offset)
        hi = bisect_left(positions, offset + len(text), lo)
        starts = [p - offset for p in positions[lo:hi]]
        if (
            offset
            and (not starts or starts[0])
            and self.at.match(fold(document), offset)
        ):
            starts.insert(0, 0)  # a word at the very start of the slice
        return starts


def matches_at(
    regex: re.Pattern[str], text: str, starts: list[int]
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` when every match starts at one of the sorted
    ``starts`` and none is empty: tried there in order, from where the last match
    ended, as finditer goes on."""
    after = 0
    for pos in starts:
        if pos >= after:
            m = regex.match(text, pos)
            if m is not None:
                yield m
                after = m.end()
