"""Quotations in a news text: a dash paragraph is someone speaking, not a list item."""

from __future__ import annotations

import re

from ..prefilter import prefiltered
from ..structure import Block
from .patterns import _QUOTE

# A lead-in that hands the word to a person: "Kommunpolisen Eva Ek håller med:",
# "Så här säger ordföranden:", "Fältassistenten berättar:".
_SPEAKS = prefiltered(
    re.compile(
        r"\b(?:säger|sa|berättar|håller\s+med|menar|konstaterar|förklarar|tycker|"
        r"understryker|betonar|fortsätter|tillägger|poängterar|framhåller|kommenterar|"
        r"instämmer|svarar)(?:\s+\w+){0,2}\s*:\s*$",
        re.IGNORECASE,
    )
)


def hands_the_word(text: str) -> bool:
    """A line that gives someone the word ("Ordföranden säger:"): what follows is
    a quotation, not a list."""
    return _SPEAKS.search(text) is not None


def _speech(block: Block, blocks: list[Block], idx: int) -> bool:
    """A lone dash paragraph in a news text is a quotation ("– Vi ser …"), and so is
    a dash paragraph, or a lone item, under a line that hands someone the word
    ("X håller med:")."""
    before = blocks[idx - 1] if idx > 0 else None
    after = blocks[idx + 1] if idx + 1 < len(blocks) else None
    dash = block.marker in ("-", "–", "—")
    if before is not None and before.kind != "bullet" and _SPEAKS.search(before.text):
        lone = after is None or after.kind != "bullet" or after.marker != block.marker
        return dash or lone
    if not dash:
        return False
    if before is not None and (
        before.kind == "bullet" and before.marker == block.marker
    ):
        return bool(_QUOTE.search(before.text)) and before.end < block.start - 1
    if before is None or before.kind != "paragraph" or before.ends_with_colon:
        return False  # a one-item list under a lead-in is a list
    return after is None or after.kind != "bullet"
