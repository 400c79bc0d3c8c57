"""Who undertakes a commitment: polis, kommun and/or annan (SCHEMA "responsible").

The subject of the sentence counts ("Polisen ska …", "Under året ska kommunen …",
"… och Polismyndigheten åtar sig …"), and so does a party joined by "tillsammans
med" / "i samverkan med"; a party that is only the object of the action does not
("förstärka samverkan mellan socialtjänst, skola och polis").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .doccache import per_document
from .lexicons import HERE
from .party_patterns import (
    _ACRONYM_START_RE,
    _AGENT_RE,
    _ANNAN,
    _BOTH,
    _BOTH_START_RE,
    _CHAIN,
    _CLAUSE_RE,
    _ENUM_START_RE,
    _INVERTED_ENUM_RE,
    _INVERTED_RE,
    _ITEM_RE,
    _KOMMUN,
    _NAME_KOMMUNEN_RE,
    _NAMED_PROMISER_RE,
    _NOMINAL_POLIS,
    _ORG_NAME_RE,
    _PARTY_RE,
    _POLIS,
    _RECEIVES_RE,
    _SCHOOL_NAME,
    _START_RE,
    _TAGGED_START_RE,
    _TEAM_NAME,
    _V2_ALL_RE,
    _V2_RE,
    _WHILE_CLAUSE_RE,
    ALL_PARTIES_RE,
)

ORDER = ("polis", "kommun", "annan")
# The 290 kommun names (lexicons/kommuner.txt, read here too: the document package
# imports this module).
_KOMMUN_NAMES = frozenset(
    unicodedata.normalize("NFC", line.strip())
    for line in (HERE / "kommuner.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)


def canonical_kommun(word: str) -> bool:
    """One of the 290 kommun names (a genitive -s allowed)."""
    return word in _KOMMUN_NAMES or (word.endswith("s") and word[:-1] in _KOMMUN_NAMES)


@dataclass(frozen=True)
class PartyResult:
    """Parties found in a text, with the span and rule of the deciding match."""

    parties: frozenset[str]
    span: tuple[int, int] | None
    rule: str


@per_document  # the same party words come back for every commitment
def is_org_name(word: str) -> bool:
    """A capitalised organisation name by its kind ("Ekbytrafiken", "Ekbybostäder")."""
    return _ORG_NAME_RE.match(word) is not None


_BRACKET_ON = re.compile(r"\(.*$")
_BRACKETED = re.compile(r"\([^)]*\)")


@per_document  # the same names and party words are asked about for every candidate
def classify_party(phrase: str) -> str | None:
    """polis / kommun / annan / both for one party phrase, else None."""
    words = phrase.strip().split()
    if not words:
        return None
    # The head word decides ("Kalmar kommun", "lokalpolisområde Kalmar", "Hem AB").
    words[-1] = _BRACKET_ON.sub("", words[-1]) or words[-1]
    if len(words) > 1 and _BRACKETED.fullmatch(words[-1]):
        words = words[:-1]
    if (
        len(words) >= 2
        and words[-1].casefold() in ("stad", "stads")
        and canonical_kommun(words[-2])
    ):
        return "kommun"  # "Ekby stad", "Ekbys Stads krogtillsyn"
    if len(words) >= 2 and _owned_by_third_party(words[0]):
        return "annan"  # "Ekbytrafikens trygghetsvärdar": a third party's staff
    for i in range(len(words) - 1, -1, -1):
        tail = " ".join(words[i:])
        for w in (tail, words[i]):
            if _POLIS.match(w):
                return "polis"
            if _KOMMUN.match(w):
                return "kommun"
            if w == "AB" or _ANNAN.match(w):
                return "annan"
            if _BOTH.match(w):
                return "both"
    if _ORG_NAME_RE.match(" ".join(words)) or _ORG_NAME_RE.match(words[-1]):
        return "annan"
    return None


def _owned_by_third_party(word: str) -> bool:
    """A capitalised genitive of a third party's name ("Ekbyhems", "Ekbytrafikens")."""
    return (
        len(word) > 3
        and word[0].isupper()
        and word.endswith("s")
        and classify_party(word[:-1]) == "annan"
    )


def _classify_item(item: str) -> str | None:
    """A party, or for an unknown capitalised name in a list: team → kommun, else annan."""
    kind = classify_party(item)
    if kind:
        return kind
    name = re.sub(r"\s*\([^)]*\)\s*$", "", item.strip())
    if not name or name.casefold() in _ENUM_STOP:
        return None
    return "kommun" if _TEAM_NAME.search(name) else "annan"


# Capitalised words that start a clause rather than name an organisation.
_ENUM_STOP = frozenset(
    [
        "vi",
        "de",
        "det",
        "den",
        "detta",
        "dessa",
        "alla",
        "både",
        "även",
        "också",
        "tillsammans",
        "gemensamt",
    ]
)


def parties_in_enumeration(chain: str, *, stated: bool = False) -> set[str]:
    """Parties of a list that names at least one known party and maybe other names;
    ``stated``: a label says the list names parties ("Ansvar: Ekbybostäder"), so
    its names count on their own."""
    return set(_parties_in_enumeration((chain, stated)))


@per_document  # a sentence's subject is read by several rules
def _parties_in_enumeration(key: tuple[str, bool]) -> frozenset[str]:
    chain, stated = key
    found = list(_ITEM_RE.finditer(chain))
    items = [m.group(0) for m in found]
    kinds = [classify_party(i) for i in items]
    if not any(kinds) and not stated:
        return frozenset()
    out: set[str] = set()
    for n, (item, kind) in enumerate(zip(items, kinds, strict=True)):
        if (
            kind is None
            and item.strip() in _KOMMUN_NAMES
            and (n == 0 or chain[found[n - 1].end() : found[n].start()].strip())
        ):
            # "Kommunerna Ekby och Åby lovar": a kommun by its name alone (not a
            # word of the name before it: "LRF Ekby")
            kind = "kommun"
        kind = kind or _classify_item(item)
        if kind == "both":
            out.update(("polis", "kommun"))
        elif kind:
            out.add(kind)
    return frozenset(out)


def parties_in_chain(chain: str) -> set[str]:
    """Every party named in a coordinated phrase ("Polis, socialtjänst och elevhälsan")."""
    return set(_parties_in_chain(chain))


@per_document  # the same chains come back in several rules (a fresh set each time)
def _parties_in_chain(chain: str) -> frozenset[str]:
    out: set[str] = set()
    for m in _PARTY_RE.finditer(chain):
        kind = classify_party(m.group(0))
        if kind == "both":
            out.update(("polis", "kommun"))
        elif kind:
            out.add(kind)
    return frozenset(out)


_CHAIN_RE = re.compile(rf"\s*(?P<chain>{_CHAIN})", re.IGNORECASE)


def chain_at(text: str, pos: int = 0) -> tuple[set[str], int] | None:
    """The parties of a coordinated phrase starting at ``pos`` and where it ends."""
    m = _CHAIN_RE.match(text, pos)
    if not m:
        return None
    found = parties_in_chain(m.group("chain"))
    return (found, m.end("chain")) if found else None


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
        role = _role_label(label)
        if role:
            return PartyResult(
                role, (lm.start("label"), lm.end("label")), "responsible.label_role"
            )
        inner = _subject_parties(sentence[lm.end() :])
        if inner is not None:
            off = lm.end()
            shifted = (inner.span[0] + off, inner.span[1] + off) if inner.span else None
            return PartyResult(inner.parties, shifted, inner.rule)
    return _subject_parties(sentence)


# "Ekby centrum (fastighetsägaren): utöka …": a label that names a place or an
# organisation and, in brackets, the kind of party that acts for it.
_ROLE_LABEL_RE = re.compile(
    r"(?P<name>[^()]{2,30}?)\s*\(\s*(?P<role>[^()]{2,30}?)\s*\)"
)


def _role_label(label: str) -> frozenset[str] | None:
    """The parties of a label "<name> (<party>)", the bracket a party and no more."""
    m = _ROLE_LABEL_RE.fullmatch(label.strip())
    if m is None or not m.group("name")[0].isupper():
        return None
    found = chain_at(m.group("role"))
    if found is None or found[1] != len(m.group("role")) or not found[0]:
        return None
    parties = set(found[0])
    if "both" in parties:
        parties = (parties - {"both"}) | {"polis", "kommun"}
    return frozenset(parties)


_PRONOUNS = frozenset(("jag", "ni", "man", "han", "hon", "hen", "den", "var", "ingen"))


def _named_promiser(sentence: str) -> str | None:
    """The party of an unknown name that promises, else None."""
    m = _NAMED_PROMISER_RE.match(sentence)
    if not m:
        return None
    name = m.group("chain")
    first = name.split()[0].casefold()
    if first in _ENUM_STOP or first in _PRONOUNS or "löfte" in name.casefold():
        return None  # "Jag lovar att …" in a quote names no organisation
    if _SCHOOL_NAME.search(name):
        return "kommun"
    kind = _classify_item(name)
    return "kommun" if kind == "kommun" else "annan"


# The rest of an inverted subject up to its "att": ", kommunen och Ekby Energi AB".
_INVERTED_TAIL = re.compile(
    r"(?P<tail>(?:\s*,\s*|\s+(?:och|samt)\s+)[^,:;.\n]+?(?:(?:\s*,\s*|\s+(?:och|samt)\s+)"
    r"[^,:;.\n]+?){0,3})\s+att\b"
)


def _subject_parties(sentence: str) -> PartyResult | None:
    rm = _RECEIVES_RE.match(sentence) if "får" in sentence else None
    if rm and parties_in_chain(rm.group("chain")):
        return PartyResult(
            frozenset(parties_in_chain(rm.group("chain"))),
            rm.span("chain"),
            "responsible.agent",
        )
    found: set[str] = set()
    span: tuple[int, int] | None = None
    rule = ""
    m = _START_RE.match(sentence)
    em = _ENUM_START_RE.match(sentence)
    tm = _TAGGED_START_RE.match(sentence)
    if (
        em
        and parties_in_enumeration(em.group("chain"))
        and (not m or em.end("chain") > m.end("chain"))
    ):
        found |= parties_in_enumeration(em.group("chain"))
        span, rule = (em.start("chain"), em.end("chain")), "responsible.enumeration"
    elif m and parties_in_chain(m.group("chain")):
        found |= parties_in_chain(m.group("chain"))
        span, rule = (m.start("chain"), m.end("chain")), "responsible.subject"
    elif tm:
        kind = _classify_item(tm.group("chain")) or "annan"
        found |= {"polis", "kommun"} if kind == "both" else {kind}
        span, rule = (tm.start("chain"), tm.end("chain")), "responsible.named_org"
    elif (acronym := _ACRONYM_START_RE.match(sentence)) is not None and (
        named := _classify_item(acronym.group("chain"))
    ):
        found |= {"polis", "kommun"} if named == "both" else {named}
        span, rule = acronym.span("chain"), "responsible.subject"
    elif ALL_PARTIES_RE.match(sentence):
        am = ALL_PARTIES_RE.match(sentence)
        assert am is not None
        found |= {"polis", "kommun"}
        span, rule = (am.start(), am.end()), "responsible.all_parties"
    elif _named_promiser(sentence):
        nm = _NAMED_PROMISER_RE.match(sentence)
        assert nm is not None
        found.add(_named_promiser(sentence) or "annan")
        span, rule = (nm.start("chain"), nm.end("chain")), "responsible.named_promiser"
    elif _BOTH_START_RE.match(sentence) and not fronted_subject(sentence):
        found |= {"polis", "kommun"}
        bm = _BOTH_START_RE.match(sentence)
        assert bm is not None
        span, rule = (bm.start(), bm.end()), "responsible.vi_tillsammans"
    else:
        inv = _INVERTED_RE.search(sentence)
        fronted = fronted_subject(sentence) if inv is None else None
        listed = _INVERTED_ENUM_RE.search(sentence)
        if listed and parties_in_enumeration(listed.group("chain")):
            inv = listed  # the whole list of promisers, named ones included
        if inv and parties_in_chain(inv.group("chain")):
            found |= parties_in_chain(inv.group("chain"))
            if inv is listed:
                found |= parties_in_enumeration(inv.group("chain"))
            span, rule = (inv.start("chain"), inv.end("chain")), "responsible.inverted"
            longer = _INVERTED_TAIL.match(sentence, inv.end("chain"))
            if longer:
                # "lovar polisen, kommunen och Kvinnojouren Ekby att": the
                # enumeration runs on to its "att", names the lexicon lacks too
                found |= parties_in_enumeration(sentence[span[0] : longer.end("tail")])
                span = (span[0], longer.end("tail"))
        elif fronted is not None:
            found |= fronted[0].parties
            span, rule = fronted[0].span, fronted[0].rule
    clauses = [*_CLAUSE_RE.finditer(sentence), *_WHILE_CLAUSE_RE.finditer(sentence)]
    for cm in clauses:
        extra = parties_in_chain(cm.group("chain"))
        if extra and not found:
            span, rule = (cm.start("chain"), cm.end("chain")), "responsible.clause"
        found |= extra
    if not found:
        km = _NAME_KOMMUNEN_RE.match(sentence)
        if km and canonical_kommun(km.group("name")):
            # "Umeå kommunen lovar …" (a kommun name before "kommunen").
            found.add("kommun")
            span, rule = (km.start("name"), km.end()), "responsible.subject"
    if not found:
        am = _AGENT_RE.search(sentence)
        if am and parties_in_chain(am.group("chain")):
            found |= parties_in_chain(am.group("chain"))
            span, rule = (am.start("chain"), am.end("chain")), "responsible.agent"
    if not found:
        return None
    return PartyResult(frozenset(found), span, rule)


def fronted_subject(sentence: str) -> tuple[PartyResult, int] | None:
    """The subject after the verb when an adverbial opens the sentence (V2 order:
    "Tillsammans med Ekbyhem bjuder polisen in …", "Tillsammans bjuder de fyra
    parterna in …"), with where that verb starts."""
    m = _V2_ALL_RE.match(sentence)
    if m:
        every = PartyResult(
            frozenset({"polis", "kommun"}), m.span("chain"), "responsible.all_parties"
        )
        return every, m.start("verb")
    m = _V2_RE.match(sentence)
    found = parties_in_chain(m.group("chain")) if m else set()
    if m is None or not found:
        return None
    return PartyResult(
        frozenset(found), m.span("chain"), "responsible.inverted"
    ), m.start("verb")


# A subordinating word right before the police work: "på de gator där polisens
# kontroller visar …" names where, in a clause of its own, not what is done.
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:där|dit|som|när|då|om|eftersom|vilka|vilken|vilket)\s+$", re.IGNORECASE
)


def nominal_polis(text: str) -> re.Match[str] | None:
    """ "Polisiär närvaro", "ökad polisnärvaro": police work named without a subject
    (not the subject of a subordinate clause: "där polisens kontroller visar …")."""
    for m in _NOMINAL_POLIS.finditer(text):
        if not _SUBORDINATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            return m
    return None
