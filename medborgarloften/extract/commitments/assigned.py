"""A party assigned to a list after it: "Detta ansvarar polisen för.", "Kommunen
ansvarar för dessa insatser.", "Ansvarig: socialtjänsten och polisen."

The sentence names who carries out the items of the list just above it, as a heading
"Polisen lovar att:" does above a list; a party named inside an item still wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..parties import chain_at
from ..prefilter import prefiltered
from ..structure import Block
from .patterns import _DEFAULT, _Candidate

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
    """Give the bullets of a list the party a sentence right after it assigns; item
    by item, the sentences may sit under a heading of their own ("Vem gör vad?")."""
    for idx, block in enumerate(blocks):
        gap = idx >= 2 and blocks[idx - 1].kind == "heading"
        last = idx - 2 if gap else idx - 1
        if block.kind != "paragraph" or last < 0 or blocks[last].kind != "bullet":
            continue
        parties = None if gap else assigned_parties(block.text)
        first = last
        while first > 0 and blocks[first - 1].kind == "bullet":
            first -= 1
        items = [
            c
            for c in candidates
            if first <= c.block_index <= last and c.kind == "bullet"
        ]
        if not parties:
            _assign_items(block, items)
            continue
        for cand in items:
            cand.party = parties


# "Polisen ansvarar för nykterhetskontrollerna.": one item of the list, by its noun.
# Prefiltered: the lazy ".+?" tries every split of a sentence that has no
# "ansvarar", "står" … at all.
_ASSIGNED_ITEM = prefiltered(
    re.compile(
        rf"^\s*(?P<who>.+?)\s+{_RESPONSIBLE}{_TOGETHER}\s+för\s+(?P<what>[^.!?]+?)\s*[.!]?\s*$",
        re.IGNORECASE,
    )
)


def _stem(word: str) -> str:
    """A word's start, enough to match "mötet" with "möte" and "kontrollerna" with
    "kontroller"."""
    return word.casefold()[: max(4, min(7, len(word) - 2))]


def _matches(text: str, words: list[str]) -> int:
    """How many of ``words`` appear in ``text`` (by their stems)."""
    own = [_stem(w) for w in re.findall(r"\w{4,}", text)]
    return sum(
        any(o.startswith(_stem(w)) or _stem(w).startswith(o) for o in own)
        for w in words
    )


# The item first: "Kontrollerna är polisens ansvar.", "Saneringen sköts av kommunen.",
# "Vandringarna genomförs gemensamt av polisen och kommunen.", "Återkopplingen står
# kommunen för."
_ITEM_FIRST = prefiltered(
    re.compile(
        r"^\s*(?P<what>.+?)\s+(?:"
        r"är\s+(?P<owner>\w+?)s\s+(?:ansvar|uppgift)"
        rf"|(?:\w+s\s+och\s+)?\w+s{_TOGETHER}\s+(?:av|mellan)\s+(?P<by>.+?)"
        rf"|står\s+(?P<stands>.+?)\s+för{_TOGETHER}"
        r")\s*[.!]?\s*$",
        re.IGNORECASE,
    )
)


def _who_what(text: str) -> tuple[str, str] | None:
    """(who, what) of an assignment sentence, either word order."""
    m = _ASSIGNED_ITEM.match(text)
    if m:
        return m.group("who"), m.group("what")
    m = _ITEM_FIRST.match(text)
    if m:
        return m.group("owner") or m.group("by") or m.group("stands"), m.group("what")
    return None


def _sentence_assignments(block: Block) -> Iterator[tuple[frozenset[str], str]]:
    """(parties, what) for each "X ansvarar för …" sentence of ``block``."""
    for sent in block.sentences or ():
        pair = _who_what(sent.text)
        if pair is None:
            continue
        who, what = pair
        found = chain_at(who)
        if found is None or who[found[1] :].strip(" ,") != "":
            continue
        parties = set(found[0])
        if "both" in parties:
            parties = (parties - {"both"}) | {"polis", "kommun"}
        yield frozenset(parties), what


def _best_item(items: list[_Candidate], words: list[str]) -> tuple[int, int, int, int]:
    """(head hits, word hits, how many items share that best score, the first
    item's index): the head noun ("mötet" in "mötet i Ekby") picks the item; the
    other words decide between items that share it."""
    scores = [(_matches(c.text, words[:1]), _matches(c.text, words)) for c in items]
    best = max(scores, default=(0, 0))
    return best[0], best[1], scores.count(best), scores.index(best) if scores else -1


def _assign_items(block: Block, items: list[_Candidate]) -> None:
    """Sentences after a list that each give one item its party ("Polisen ansvarar
    för nykterhetskontrollerna. Kommunen ansvarar för mötet i Ekby.")."""
    for parties, what in _sentence_assignments(block):
        words = re.findall(r"\w{4,}", what)
        if not words:
            continue
        head, _, ties, best = _best_item(items, words)
        if head > 0 and ties == 1:
            items[best].party = parties


# "Vi kommer att …" sentences whose parties a later paragraph names item by item
# ("Polisen ansvarar för kontrollerna och för mötet. Kommunen ansvarar för …").
_BARE_VI = re.compile(r"\s*Vi\s+(?!(?:\w+\s+)?(?:tillsammans|gemensamt|båda)\b)")
_PARTS = re.compile(r"\s*(?:,|\boch\s+för\b|\bsamt\b|\boch\b)\s*", re.IGNORECASE)


def assign_vi_sentences(blocks: list[Block], candidates: list[_Candidate]) -> None:
    """Give each plain "Vi" sentence the party a later sentence names for it by its
    nouns; the items it does not name keep "Vi" (polis and kommun)."""
    # Each paragraph looks at the "Vi" sentences before it: they are picked out
    # once, in their order (kind and text do not change here; a party does).
    vi_sentences = [
        c for c in candidates if c.kind == "sentence" and _BARE_VI.match(c.text)
    ]
    if len(vi_sentences) < 2:
        return
    for idx, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        items = [
            c
            for c in vi_sentences
            if c.block_index < idx and (not c.party or c.party == _DEFAULT)
        ]
        if len(items) < 2:
            continue
        given: dict[int, set[str]] = {}
        for parties, what in _sentence_assignments(block):
            for part in _PARTS.split(what):
                words = re.findall(r"\w{4,}", part)
                if not words:
                    continue
                _, hits, ties, best = _best_item(items, words)
                if hits > 0 and ties == 1:
                    given.setdefault(best, set()).update(parties)
        for i, named in given.items():
            items[i].party = frozenset(named)
