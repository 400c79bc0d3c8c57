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
from collections.abc import Iterator

from .doccache import per_document
from .prefilter import Prefiltered, fold


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
