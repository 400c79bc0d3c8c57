"""Parties named as responsible in a label of their own: "(Polisen)", "Ansvarig:
kommunen", "(polisen och Ekby Ordningsvakter)"."""

from __future__ import annotations

import re

from .parties import (
    PartyResult,
    chain_at,
    classify_party,
    parties_in_chain,
    parties_in_enumeration,
)
from .party_doers import trailing_doers
from .party_patterns import CHAIN
from .prefilter import fold, prefiltered

_STATED_PAREN = (
    rf"\(\s*(?:ansvar(?:ig|iga)?\s*:?\s*)?(?P<paren>{CHAIN})\s*\)\s*[.,;]?\s*$"
)
_STATED_RE = re.compile(
    rf"(?:{_STATED_PAREN}|\bansvar(?:ig|iga)?\s*:\s*(?P<label>{CHAIN}))",
    re.IGNORECASE,
)
# The same for a text without "ansvar", where only the bracket can match: it opens
# with "(", which ``re`` skips to in C ("label" never takes part).
_STATED_PAREN_RE = re.compile(
    rf"(?:{_STATED_PAREN}|(?!)(?P<label>))",
    re.IGNORECASE,
)


_BRACKET_LIST_RE = re.compile(
    r"\(\s*(?:ansvar(?:ig|iga)?\s*:?\s*)?(?P<list>[^()]{3,80}?)\s*\)\s*[.,;]?\s*$",
    re.IGNORECASE,
)


_ITEM_GAP = re.compile(r"\s*,\s*|\s+(?:och|samt)\s+")


def _only_parties(listed: str) -> bool:
    """Every item of the list is a party or a name ("Ekby Ordningsvakter"), not an
    explanation ("samverkansmodell mellan skola och polis")."""
    items = _ITEM_GAP.split(listed.strip())
    return all(
        item
        and len(item.split()) <= (4 if item[0].isupper() else 2)
        and (item[0].isupper() or classify_party(item) is not None)
        for item in items
    )


def stated_parties(text: str) -> PartyResult | None:
    """Parties named as responsible in a label: "(Polisen)", "Ansvarig: kommunen"."""
    # Every match holds a "(" or "ansvar" (any case: ``fold``, as "ſ" is an "s" to
    # ``re``); most commitments hold neither, and the scan tries every character.
    m = (
        _STATED_RE.search(text)
        if "ansvar" in fold(text)
        else _STATED_PAREN_RE.search(text)
        if "(" in text
        else None
    )
    if not m:
        # "(polisen och Ekby Ordningsvakter)": a closing bracket that lists parties,
        # one of them known, the others names of organisations.
        b = _BRACKET_LIST_RE.search(text) if "(" in text else None  # it holds one
        listed = (
            parties_in_enumeration(b.group("list"))
            if b and _only_parties(b.group("list"))
            else set()
        )
        if not b or not listed:
            # "… i maj – kommunerna", "(Ekby kommun tillsammans med Trafikverket)"
            return trailing_doers(text)
        span = (b.start("list"), b.end("list"))
        return PartyResult(frozenset(listed), span, "responsible.label_list")
    group = "paren" if m.group("paren") else "label"
    found = parties_in_chain(m.group(group))
    if not found:
        return None
    return PartyResult(
        frozenset(found), (m.start(group), m.end(group)), "responsible.label"
    )


# "Polisen: Genomföra …", "Kommunen ska: sanera …": a line that opens with a party's
# name (maybe with its promising verb) and a colon, the party's action after it.
_PARTY_LABEL_RE = prefiltered(
    re.compile(
        r"\s*(?P<label>[^:\n]{2,60}?)"
        r"(?:\s+(?:lovar|ska|skall|åtar\s+sig|ansvarar\s+för)(?:\s+att)?)?"
        r"\s*:\s+(?P<value>\S[^\n]*)$",
        re.IGNORECASE,
    )
)


def party_label(line: str) -> tuple[frozenset[str], int] | None:
    """For a line "<party>: <action>", the party and where the action starts; the
    label must be the party's name and nothing more ("Ekby kommun", "Polisen och
    Ekbyhem"), so "Telefon: …" or "Mål: …" are no party labels."""
    m = _PARTY_LABEL_RE.match(line)
    if m is None:
        return None
    label = m.group("label").strip()
    found = chain_at(label)
    if found is None or found[1] != len(label):
        return None
    parties = set(found[0])
    if "both" in parties:
        parties = (parties - {"both"}) | {"polis", "kommun"}
    return frozenset(parties), m.start("value")
