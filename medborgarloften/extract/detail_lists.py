"""A list item's own sub-list of details, kept inside the item.

A promise item may hang a short list on its last words: the dates of its meetings
("hålla tre möten i X:" / "– i maj" / "– i oktober"), the schools or streets it
covers ("… i alla skolor, exempelvis" / "– A-skolan"), the ways it is done ("…
informerar vårdnadshavare genom" / "a) ett föräldramöte" / "b) ett brev hem") or
what a course covers ("Kursen omfattar" / "• cannabis"). SCHEMA: such sub-lines
only list topics, places or dates of the one commitment, so they stay in its text
(sub-lines with their markers, as the document has them). A sub-list whose items
have their own verb or party ("Polisen lovar att:" / "a) genomföra …", "… genom
att" / "a) polisen har …") is a list of commitments and stays apart.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .item_paragraphs import join_item_paragraphs
from .lexicons import load
from .parties import subject_parties

# A sub-item that starts with a verb ("genomföra …", "att hålla …") is an action.
_VERB_START = re.compile(
    r"\s*(?:att\s+)?(?:"
    + "|".join(sorted(load("verbs")["infinitives"], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# "Polisen ska …", "… lovar att …": a sub-item with a promise of its own.
_PROMISE_VERB = re.compile(
    r"\b(?:ska|skall|lovar|kommer\s+att|åtar\s+sig|förbinder\s+sig)\b", re.IGNORECASE
)

# "1.2 Kommunen informerar … genom": a numbered sub-item set as a line of its own.
_NUMBERED = re.compile(r"[ \t]*\d{1,2}(?:\.\d{1,2})+\.?[ \t]+(?=\S)")
# The words an item hangs a detail list on: an enumeration's cue or a colon.
_DETAIL_CUE = re.compile(
    r"(?:\b(?:genom|exempelvis|till\s+exempel|t\.\s?ex\.?|bland\s+annat|bl\.\s?a\.?|"
    r"såsom|som|omfattar|omfattande|inkluderar|innehåller|nämligen|med|i|på|vid)"
    r"|[^\W\d]\w*\s*:)\s*$",
    re.IGNORECASE,
)
# "Polisen lovar att:", "Kommunen ska:", "… ska tillsammans:", "… genom att":
# a lead-in over a list of commitments, not an item with details.
_LEADIN_END = re.compile(
    r"\b(?:att|ska|skall|lovar|kommer|vill|avser|sig|tillsammans|gemensamt|"
    r"följande)\s*:?\s*$",
    re.IGNORECASE,
)
# "vara synliga …", "finnas på plats …": an item of being somewhere, an action too.
_BE = re.compile(r"\s*(?:att\s+)?(?:vara|finnas)\s+\w", re.IGNORECASE)
# A list marker the item's text may still carry ("• ", "1. ", "a) ").
_MARKER = re.compile(r"^\s*(?:[•·\-–—*]|\d{1,2}[.)]|[a-zåäö]\))\s+", re.IGNORECASE)
# A detail is a noun phrase or a date, a line or two long.
_MAX_DETAIL_WORDS = 20
_MIN_PARENT_WORDS = 4
# A line this long that stops without punctuation hangs the list below it.
_MIN_OPEN_WORDS = 7


def _is_detail(block: Any) -> bool:
    """A sub-item that only names a topic, place or date: no verb of its own."""
    text = block.text.strip()
    return (
        bool(text)
        and len(text.split()) <= _MAX_DETAIL_WORDS
        and _VERB_START.match(text) is None
        and not re.match(r"att\b", text, re.IGNORECASE)
        and _PROMISE_VERB.search(text) is None
        and subject_parties(text) is None
    )


def _is_action(text: str) -> bool:
    """The item opens on its verb: an infinitive of the lexicon, or "vara"/"finnas"
    ("vara synliga vid …", "finnas på plats …"), which promise items use as often."""
    return _VERB_START.match(text) is not None or _BE.match(text) is not None


def _hangs_details(own: str) -> bool:
    """The item's text ends on the words a detail list hangs on: a cue or colon
    ("… exempelvis", "… i Norrby:"), or a long sentence left open ("… Kursen tar
    upp"), or the item is an action of its own ("vara synliga vid skolorna" over "–
    varje fredag" / "– med fältassistenterna": its when and with whom); never a
    lead-in ("Polisen lovar att:") or a bare title."""
    words = len(own.split())
    stripped = own.rstrip()
    if _LEADIN_END.search(stripped) is not None:
        return False
    if words >= 2 and _is_action(_MARKER.sub("", stripped, count=1)):
        return True  # "patrullera i centrum" over "– fredagar och lördagar"
    return words >= _MIN_PARENT_WORDS and (
        _DETAIL_CUE.search(stripped) is not None
        or (words >= _MIN_OPEN_WORDS and stripped[-1:] not in ".!?;,)")
    )


def _parent_body(block: Any) -> int | None:
    """Where the parent item's own text starts, if ``block`` can hold details: a list
    item, or a numbered sub-item that came out as a line of its own (no full stop)."""
    if block.kind == "bullet":
        return block.start
    if block.kind in ("heading", "paragraph"):
        m = _NUMBERED.match(block.text)
        if m is not None:
            return block.start + m.end()
    return None


def fold_detail_lists(text: str, blocks: list[Any]) -> list[Any]:
    """``blocks`` with each item's indented sub-list of details joined to the item."""
    out: list[Any] = []
    i = 0
    n = len(blocks)
    while i < n:
        block = blocks[i]
        start = _parent_body(block)
        j = i + 1
        while (
            j < n
            and blocks[j].kind == "bullet"
            and blocks[j].indent > block.indent
            and _is_detail(blocks[j])
        ):
            j += 1
        own = text[start : block.end] if start is not None else ""
        if (
            start is None
            or j == i + 1
            or (
                j < n and blocks[j].kind == "bullet" and blocks[j].indent > block.indent
            )
            or not _hangs_details(own)
        ):
            out.append(block)
            i += 1
            continue
        marker = block.marker
        if block.kind != "bullet":
            marker = text[block.start : start].strip()
        out.append(
            replace(
                block,
                kind="bullet",
                text=text[start : blocks[j - 1].end],
                start=start,
                end=blocks[j - 1].end,
                marker=marker,
                sentences=(),
            )
        )
        i = j
    return out


def item_blocks(text: str, blocks: list[Any]) -> list[Any]:
    """The list items of ``blocks`` made whole: each item's detail list joined to
    it, then each item's second sentence set as a paragraph of its own."""
    return join_item_paragraphs(text, fold_detail_lists(text, blocks))
