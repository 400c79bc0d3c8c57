"""The shape of a list the scan walks: the bullets a bullet belongs with, a bullet
over deeper ones (a group's header), and the last bullet of a page cut off
mid-sentence (SCHEMA (f))."""

from __future__ import annotations

import re

from ..structure import Block
from .patterns import _TERMINAL


def _group_header(block: Block, following: list[Block]) -> bool:
    """A bullet directly over deeper bullets, or a numbered item over plain bullets."""
    if not following or following[0].kind != "bullet":
        return False
    nxt = following[0]
    if nxt.indent > block.indent:
        return True
    numbered = block.marker[:1].isdigit() or block.marker[:1].isalpha()
    return numbered and not (nxt.marker[:1].isdigit() or nxt.marker[:1].isalpha())


def _truncated(
    block: Block, is_last: bool, siblings: list[Block] | None = None, document: str = ""
) -> bool:
    """SCHEMA (f): the last bullet of a page cut off mid-sentence.

    It has no closing punctuation and ends in a short word fragment, or its list's
    other bullets all close with punctuation and it does not.
    """
    if not is_last:
        return False
    text = block.text.rstrip()
    if _TERMINAL.search(text):
        return False
    last_word = re.findall(r"\w+", text)[-1:] or [""]
    if len(last_word[0]) <= 3 or _cut_word(last_word[0], document):
        return True
    others = [b for b in siblings or [] if b is not block]
    return len(others) >= 1 and all(_TERMINAL.search(b.text.rstrip()) for b in others)


def _cut_word(word: str, document: str) -> bool:
    """A last word that the document writes elsewhere only inside a longer word
    ("kommu" where "kommunen" occurs) was cut off with the page."""
    folded = word.casefold()
    tokens = re.findall(r"\w+", document.casefold())
    if tokens.count(folded) > 1:
        return False
    return any(t != folded and t.startswith(folded) for t in tokens)


def _list_of(blocks: list[Block], idx: int) -> list[Block]:
    """The bullets of the list that the bullet at ``idx`` belongs to."""
    lo = idx
    while lo > 0 and blocks[lo - 1].kind == "bullet":
        lo -= 1
    hi = idx
    while hi + 1 < len(blocks) and blocks[hi + 1].kind == "bullet":
        hi += 1
    return blocks[lo : hi + 1]
