"""A numbered promise set out as prose: "Löfte 2 – Tryggare centrum" over its paragraph.

A promise written as a numbered unit (a heading "Löfte 1 – …", "Åtagande 3: …" over
one paragraph) is an item of the promise list, as a bullet is: the sentences that
carry its action on ("Brister som hittas ska åtgärdas.", a passive consequence with
no party of its own) belong to the promise, not beside it. A later sentence that
names its own party ("Kommunen ska också …") stays a promise of its own.
"""

from __future__ import annotations

import re

from ..parties import subject_parties
from ..structure import Block
from .patterns import _Candidate
from .renewals import RECAP_LABEL
from .tables import _ACTIVITY_COLUMN

# "Löfte 1", "Åtagande nr 3 – Trygg trafik", "Löfte 2: Unga och droger".
_NUMBERED_UNIT = re.compile(
    r"\s*(?P<label>[^\W\d][\w ]{1,25}?)\s+(?:nr\.?\s*)?\d{1,2}\s*(?:[.:–—-]\s*\S.*)?$",
    re.I,
)


def numbered_unit(heading: str) -> bool:
    """A heading that numbers one promise ("Löfte 3 – Säkrare trafik")."""
    m = _NUMBERED_UNIT.fullmatch(heading.strip())
    return m is not None and bool(_ACTIVITY_COLUMN.fullmatch(m.group("label").strip()))


def join_unit(block: Block, found: list[_Candidate]) -> list[_Candidate]:
    """The candidates of the paragraph under a numbered promise heading: its first
    sentence, a promise, with the sentences after it up to one naming a party of
    its own, as one promise (the whole unit, as a bullet is)."""
    sentences = block.sentences
    if not found or len(sentences) < 2 or found[0].start != sentences[0].start:
        return found
    taken = [sentences[0]]
    for sent in sentences[1:]:
        if subject_parties(sent.text) is not None or RECAP_LABEL.match(sent.text):
            break  # a party of its own, or "Utfall: …" (what came of the promise)
        taken.append(sent)
    if len(taken) < 2:
        return found
    first, end = found[0], taken[-1].end
    whole = _Candidate(
        " ".join(s.text for s in taken),
        first.start,
        end,
        first.block_index,
        "bullet",
        "unit.numbered",
        first.party,
        first.context,
    )
    return [whole, *(c for c in found if c.start >= end)]


def sub_heading(blocks: list[Block], idx: int) -> bool:
    """A heading inside a lead-in's list ("Polisen och kommunen lovar att:" over
    "Trafik" / "- kontrollera …" / "Unga" / "- erbjuda …"): right after the lead-in
    or one of its items, and over items of its own."""
    return (
        0 < idx < len(blocks) - 1
        and blocks[idx + 1].kind == "bullet"
        and (blocks[idx - 1].kind == "bullet" or blocks[idx - 1].ends_with_colon)
    )


def numbered_parent(block: Block, following: list[Block]) -> bool:
    """ "1. Trygga miljöer" directly over "1.1 …": the top level of a two-level
    numbered list, a section title whose sub-items are the items; so is "4. Löftet"
    over the heading "4.1 Trygghet i centrum" (a numbered report's chapter)."""
    if not block.marker.rstrip(".)").isdigit() or not following:
        return False
    nxt = following[0]
    if nxt.kind == "bullet":
        return bool(re.fullmatch(r"\d{1,2}\.\d{1,2}\.?", nxt.marker))
    return nxt.kind == "heading" and bool(
        re.match(rf"\s*{block.marker.rstrip('.)')}\.\d{{1,2}}\.?\s", nxt.text)
    )
