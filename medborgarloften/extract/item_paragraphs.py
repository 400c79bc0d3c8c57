"""A list item's second sentence set as a paragraph of its own.

A Word file or a web page in the "lättläst" style gives each sentence its own line;
read back, a list item's second line comes out as a plain paragraph between the
items ("• Polisen ska besöka skolan." / "Det sker varje termin." / "• Polisen ska
…"). SCHEMA: a bullet is one commitment with its explanatory sentences, so such a
line goes back to the item above it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

# One or two short sentences on one line, closed by a full stop.
_MAX_WORDS = 20
# "Status: Pågår.", "Ansvarig: Polisen.": a field of the item, read elsewhere.
_LABEL = re.compile(r"[^\W\d][\w -]{0,25}:\s")
_SENTENCE_END = re.compile(r"[.!]\s*$")
# "Kommunen lovar att..", "… följande.": a lead-in over the next list.
_LEADIN_END = re.compile(r"(?:\.\.|…|\b(?:att|följande)\W*)\s*$", re.IGNORECASE)
# "– Vi vet vad som behövs, säger kommunpolis Kim Ek.": a news article's quote set
# with a dash, not a list item; the paragraph after it is the article's own text.
_SPEECH_END = re.compile(
    r"[,–-]\s*(?:säger|sa|sade|berättar|menar|konstaterar|förklarar)\s+"
    r"[^.!?\n]{1,80}[.!]\s*$"
)


def _item_line(block: Any) -> bool:
    """A short closed sentence on one line: what a lättläst item's second line is."""
    text = block.text.strip()
    return (
        block.kind == "paragraph"
        and "\n" not in text
        and len(text.split()) <= _MAX_WORDS
        and len(block.sentences) <= 2
        and _SENTENCE_END.search(text) is not None
        and _LEADIN_END.search(text) is None
        and _LABEL.match(text) is None
    )


def _same_list(a: Any, b: Any) -> bool:
    return b.kind == "bullet" and b.marker == a.marker and b.indent == a.indent


def join_item_paragraphs(text: str, blocks: list[Any]) -> list[Any]:
    """``blocks`` with each such line joined to the item above it: a line between
    two items of one list, and the line after the list's last item when the items
    before it had one too."""
    content = [i for i, b in enumerate(blocks) if b.kind != "blank"]
    joined: dict[int, Any] = {}  # index of an item → the item with its line
    dropped: set[int] = set()
    pattern_of: str | None = None  # the marker of a list whose items have a line
    for n, i in enumerate(content):
        block = blocks[i]
        if n == 0 or not _item_line(block):
            if block.kind != "bullet":
                pattern_of = None
            continue
        p = content[n - 1]
        item = joined.get(p, blocks[p])
        before = blocks[content[n - 2]] if n > 1 else None
        if (
            item.kind != "bullet"
            # the item is a sentence too ("2. Parter" over prose is a heading)
            or _SENTENCE_END.search(item.text) is None
            or _SPEECH_END.search(item.text) is not None
            or p in dropped
            # every item of the list so far has its line: the list's first item,
            # or the one after a joined line ("• A" / "• B" / "Polisen lovar att."
            # is two lists and a lead-in)
            or (before is not None and _same_list(item, before))
        ):
            pattern_of = None
            continue
        nxt = blocks[content[n + 1]] if n + 1 < len(content) else None
        between = nxt is not None and _same_list(item, nxt)
        if not between and pattern_of != item.marker:
            pattern_of = None
            continue
        joined[p] = replace(item, text=text[item.start : block.end], end=block.end)
        dropped.add(i)
        pattern_of = item.marker if between else None
    if not dropped:
        return blocks
    out = []
    for i, block in enumerate(blocks):
        if i in dropped:
            continue
        if i in joined:
            out.append(joined[i])
            continue
        if out and out[-1].end >= block.end and block.kind == "blank":
            continue  # a blank line inside the joined item
        out.append(block)
    return out
