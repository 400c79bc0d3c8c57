"""A party assigned to a list after it: "Detta ansvarar polisen för.", "Kommunen
ansvarar för dessa insatser.", "Ansvarig: socialtjänsten och polisen."

The sentence names who carries out the items of the list just above it, as a heading
"Polisen lovar att:" does above a list; a party named inside an item still wins.
"""

from __future__ import annotations

import re

from ..parties import chain_at
from ..structure import Block
from .patterns import _Candidate

_RESPONSIBLE = r"(?:ansvarar|svarar|står|har\s+ansvar(?:et)?|är\s+ansvarig[a]?)"
_THESE = (
    r"(?:detta|dessa|de\s+här|det\s+här|ovanstående|punkterna\s+ovan|"
    r"(?:de\s+)?(?:insatserna|aktiviteterna|åtgärderna|punkterna)\s+ovan)"
)
_NOUN = r"(?:\s+(?:insatser|aktiviteter|åtgärder|punkter|åtaganden|löften)(?:na)?)?"
_TOGETHER = r"(?:\s+(?:gemensamt|tillsammans|själva?))?"
_ASSIGNED = re.compile(
    rf"^\s*(?:"
    rf"(?:{_THESE}){_NOUN}\s+{_RESPONSIBLE}\s+(?P<after>.+?){_TOGETHER}\s+för"
    rf"|(?P<before>.+?)\s+{_RESPONSIBLE}{_TOGETHER}\s+för\s+{_THESE}{_NOUN}"
    rf"|ansvarig[a]?\s*:\s*(?P<label>.+?)"
    rf")\s*[.!]?\s*$",
    re.IGNORECASE,
)


def assigned_parties(text: str) -> frozenset[str] | None:
    """The parties a one-sentence paragraph assigns to the list above it, or None."""
    if len(text) > 160 or "\n" in text.strip():
        return None
    m = _ASSIGNED.match(text)
    if not m:
        return None
    phrase = m.group("after") or m.group("before") or m.group("label") or ""
    found = chain_at(phrase)
    if found is None or phrase[found[1] :].strip(" ,.") != "":
        return None
    return frozenset(found[0])


def assign_after_lists(blocks: list[Block], candidates: list[_Candidate]) -> None:
    """Give the bullets of a list the party a sentence right after it assigns."""
    for idx, block in enumerate(blocks):
        if block.kind != "paragraph" or idx == 0 or blocks[idx - 1].kind != "bullet":
            continue
        parties = assigned_parties(block.text)
        if not parties:
            continue
        first = idx - 1
        while first > 0 and blocks[first - 1].kind == "bullet":
            first -= 1
        for cand in candidates:
            if first <= cand.block_index < idx and cand.kind == "bullet":
                cand.party = parties
