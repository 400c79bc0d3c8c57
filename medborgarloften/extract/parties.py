"""Who undertakes a commitment: polis, kommun and/or annan (SCHEMA "responsible").

The subject of the sentence counts ("Polisen ska …", "Under året ska kommunen …",
"… och Polismyndigheten åtar sig …"), and so does a party joined by "tillsammans
med" / "i samverkan med"; a party that is only the object of the action does not
("förstärka samverkan mellan socialtjänst, skola och polis").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import load, spaced

ORDER = ("polis", "kommun", "annan")
_LEX = load("parties")


def _alt(terms: list[str]) -> str:
    return "|".join(spaced(t) for t in sorted(terms, key=len, reverse=True))


_POLIS = re.compile(rf"(?:{_alt(_LEX['polis'])})$", re.IGNORECASE)
_KOMMUN = re.compile(rf"(?:{_alt(_LEX['kommun'])})$", re.IGNORECASE)
_ANNAN = re.compile(rf"(?:{_alt(_LEX['annan'])})$|\bAB$", re.IGNORECASE)
_BOTH = re.compile(rf"(?:{_alt(_LEX['both'])})$", re.IGNORECASE)
_NOMINAL_POLIS = re.compile(rf"\b(?:{_alt(_LEX['polis_nominal'])})\b", re.IGNORECASE)

_NAME = r"(?-i:[A-ZÅÄÖ][\w-]*)"
_AREA_QUAL = r"(?:(?:södra|norra|östra|västra|mellersta|nordöstra|nordvästra|sydöstra|sydvästra)\s+)?"
_ADJ = (
    r"(?:lokal[at]?|regional[at]?|kommunal[at]?|privat[at]?|berörd[at]?|statlig[at]?|"
    r"ideell[at]?|allmännyttig[at]?|närliggande|kommunala|lokala)"
)
_TERM = rf"(?:{_alt(_LEX['polis'] + _LEX['kommun'] + _LEX['annan'])})"
# Terms that follow a place name: "Kalmar kommun", "Växjö lokalpolisområde".
_NAMED_TERM = (
    r"(?:kommun|kommunen|kommuns|kommunens|kommuner|lokalpolisområde\w*|"
    r"polisområde\w*|lpo)"
)
_PARTY = (
    rf"(?:(?:{_NAME}s?\s+){{0,2}}AB\b"
    rf"|{_NAME}s?\s+{_NAMED_TERM}\b"
    rf"|(?:(?:det|den|de|vårt|vår|våra)\s+)?(?:{_ADJ}\s+)?{_TERM}\b"
    rf"(?:\s+{_AREA_QUAL}{_NAME}(?:\s+{_NAME})?(?=\s|[,.:;]|$))?"
    rf"|\b(?:{_alt(_LEX['both'])})\b)"
)
_CHAIN = (
    rf"{_PARTY}(?:\s*(?:,|\boch\b|\bsamt\b|&|/)\s*{_PARTY}){{0,6}}"
    rf"(?:\s+i\s+{_NAME}\s+kommun)?"
)
_VERB = r"(?:ska|skall|lovar|lovade|kommer|åtar|förbinder|bör|vill|fortsätter|genomför)"
_PARTY_RE = re.compile(_PARTY, re.IGNORECASE)
_START_RE = re.compile(
    rf"\s*(?:(?:även|också|sedan|därefter|dessutom|slutligen|nu)\s+)?(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
_INVERTED_RE = re.compile(
    rf"\b(?:ska|skall|lovar|lovade|kommer|åtar|förbinder|bör|vill)\s+"
    rf"(?:(?:även|också|därför|tillsammans|gemensamt|nu)\s+)?(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
# V2 word order after an adverbial: "Under hösten genomför polisen …".
_V2_RE = re.compile(
    r"\s*(?:under|i|vid|på|efter|inom|varje|senast|dessutom|därför|även|också|sedan|"
    r"från|inför|när|om)\b[^,.:;]{0,60}?,?\s(?:\w+(?:ar|er|ör|år|ir))\s+"
    rf"(?:(?:även|också|därför|tillsammans|gemensamt|nu)\s+)?(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
_CLAUSE_RE = re.compile(
    rf"(?:,|\boch\b|\bsamt\b|\bmedan\b)\s+(?P<chain>{_CHAIN})\s+{_VERB}\b",
    re.IGNORECASE,
)
_CO_RE = re.compile(
    r"(?P<pre>\b\w+\s+)?\b(?:tillsammans|i samverkan|samverka|samverkar|i samarbete|"
    r"samarbeta|samarbetar|i samråd|samråda|ihop)\s+med\s+"
    rf"(?:(?:bland annat|t\.ex\.|exempelvis)\s+)?(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
_AGENT_RE = re.compile(rf"\b\w+as\s+av\s+(?P<chain>{_CHAIN})", re.IGNORECASE)
_PARTICIPLE = re.compile(
    r"^(?:utsedda|utsedd|utvalda|valda|framtagna|framtagen|beslutade|planerade|"
    r"identifierade|gjorda)\s+$",
    re.IGNORECASE,
)
_NOT_ANNAN = re.compile(rf"\b(?:{_alt(_LEX['not_annan'])})\b", re.IGNORECASE)
_BOTH_START_RE = re.compile(
    r"\s*(?:vi|parterna|tillsammans|gemensamt)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class PartyResult:
    """Parties found in a text, with the span and rule of the deciding match."""

    parties: frozenset[str]
    span: tuple[int, int] | None
    rule: str


def classify_party(phrase: str) -> str | None:
    """polis / kommun / annan / both for one party phrase, else None."""
    words = phrase.strip().split()
    if not words:
        return None
    # The head word decides ("Kalmar kommun", "lokalpolisområde Kalmar", "Hem AB").
    for i in range(len(words) - 1, -1, -1):
        tail = " ".join(words[i:])
        for w in (words[i], tail):
            if _POLIS.match(w):
                return "polis"
            if _KOMMUN.match(w):
                return "kommun"
            if w == "AB" or _ANNAN.match(w):
                return "annan"
            if _BOTH.match(w):
                return "both"
    return None


def parties_in_chain(chain: str) -> set[str]:
    """Every party named in a coordinated phrase ("Polis, socialtjänst och elevhälsan")."""
    out: set[str] = set()
    for m in _PARTY_RE.finditer(chain):
        kind = classify_party(m.group(0))
        if kind == "both":
            out.update(("polis", "kommun"))
        elif kind:
            out.add(kind)
    return out


def order(parties: set[str] | frozenset[str]) -> list[str]:
    """Parties in SCHEMA order polis, kommun, annan."""
    return [p for p in ORDER if p in parties]


_LABEL_RE = re.compile(r"\s*(?P<label>[^:.\n]{1,40}?)\s*:\s+(?=\S)")


@lru_cache(maxsize=4096)
def subject_parties(sentence: str) -> PartyResult | None:
    """The parties that are the subject of ``sentence``, or None if it has none.

    A leading label is read first: "Polisen: genomföra …" names the party, and
    "Löfte 2: Kommunen ska …" is read after its label.
    """
    lm = _LABEL_RE.match(sentence)
    if lm:
        label = lm.group("label")
        whole = _START_RE.fullmatch(label.strip()) if label.strip() else None
        if whole and parties_in_chain(label):
            return PartyResult(
                frozenset(parties_in_chain(label)),
                (lm.start("label"), lm.end("label")),
                "responsible.label",
            )
        inner = _subject_parties(sentence[lm.end() :])
        if inner is not None:
            off = lm.end()
            shifted = (inner.span[0] + off, inner.span[1] + off) if inner.span else None
            return PartyResult(inner.parties, shifted, inner.rule)
    return _subject_parties(sentence)


def _subject_parties(sentence: str) -> PartyResult | None:
    found: set[str] = set()
    span: tuple[int, int] | None = None
    rule = ""
    m = _START_RE.match(sentence)
    if m and parties_in_chain(m.group("chain")):
        found |= parties_in_chain(m.group("chain"))
        span, rule = (m.start("chain"), m.end("chain")), "responsible.subject"
    elif _BOTH_START_RE.match(sentence):
        found |= {"polis", "kommun"}
        bm = _BOTH_START_RE.match(sentence)
        assert bm is not None
        span, rule = (bm.start(), bm.end()), "responsible.vi_tillsammans"
    else:
        inv = _INVERTED_RE.search(sentence) or _V2_RE.match(sentence)
        if inv and parties_in_chain(inv.group("chain")):
            found |= parties_in_chain(inv.group("chain"))
            span, rule = (inv.start("chain"), inv.end("chain")), "responsible.inverted"
    for cm in _CLAUSE_RE.finditer(sentence):
        extra = parties_in_chain(cm.group("chain"))
        if extra and not found:
            span, rule = (cm.start("chain"), cm.end("chain")), "responsible.clause"
        found |= extra
    if not found:
        am = _AGENT_RE.search(sentence)
        if am and parties_in_chain(am.group("chain")):
            found |= parties_in_chain(am.group("chain"))
            span, rule = (am.start("chain"), am.end("chain")), "responsible.agent"
    if not found:
        return None
    return PartyResult(frozenset(found), span, rule)


_STATED_RE = re.compile(
    rf"(?:\(\s*(?:ansvar(?:ig|iga)?\s*:?\s*)?(?P<paren>{_CHAIN})\s*\)\s*[.]?\s*$"
    rf"|\bansvar(?:ig|iga)?\s*:\s*(?P<label>{_CHAIN}))",
    re.IGNORECASE,
)


def stated_parties(text: str) -> PartyResult | None:
    """Parties named as responsible in a label: "(Polisen)", "Ansvarig: kommunen"."""
    m = _STATED_RE.search(text)
    if not m:
        return None
    group = "paren" if m.group("paren") else "label"
    found = parties_in_chain(m.group(group))
    if not found:
        return None
    return PartyResult(
        frozenset(found), (m.start(group), m.end(group)), "responsible.label"
    )


@lru_cache(maxsize=4096)
def co_parties(text: str) -> frozenset[str]:
    """Parties joined by "tillsammans med", "i samverkan med" (co-responsible)."""
    out: set[str] = set()
    for m in _CO_RE.finditer(text):
        if m.group("pre") and _PARTICIPLE.match(m.group("pre")):
            continue
        chain = m.group("chain")
        if _NOT_ANNAN.match(chain):
            continue
        out |= parties_in_chain(chain)
    return frozenset(out)


def nominal_polis(text: str) -> re.Match[str] | None:
    """ "Polisiär närvaro", "ökad polisnärvaro": police work named without a subject."""
    return _NOMINAL_POLIS.search(text)
