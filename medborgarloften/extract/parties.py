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
from .lexicons import HERE, load, spaced
from .prefilter import prefiltered

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


_LEX = load("parties")


def _alt(terms: list[str]) -> str:
    return "|".join(spaced(t) for t in sorted(terms, key=len, reverse=True))


_POLIS = re.compile(rf"(?:{_alt(_LEX['polis'])})$", re.IGNORECASE)
_KOMMUN = re.compile(rf"(?:{_alt(_LEX['kommun'])})$", re.IGNORECASE)
# A company ("AB") or a sports club ("Ekby IF", "Norrby BK"): a third party.
_FIRM = r"(?-i:AB|IF|IK|BK|FK|FF|SK|HK|GoIF)"
_ANNAN = re.compile(rf"(?:{_alt(_LEX['annan'])})$|\b{_FIRM}$", re.IGNORECASE)
_BOTH = re.compile(rf"(?:{_alt(_LEX['both'])})$", re.IGNORECASE)
_NOMINAL_POLIS = prefiltered(
    re.compile(rf"\b(?:{_alt(_LEX['polis_nominal'])})\b", re.IGNORECASE)
)

_NAME = r"(?-i:[A-ZÅÄÖ][\w-]*)"
_AREA_QUAL = r"(?:(?:södra|norra|östra|västra|mellersta|nordöstra|nordvästra|sydöstra|sydvästra)\s+)?"
_ADJ = (
    r"(?:lokal[at]?|regional[at]?|kommunal[at]?|privat[at]?|berörd[at]?|statlig[at]?|"
    r"ideell[at]?|allmännyttig[at]?|närliggande|kommunala|lokala|"
    # participles describing the party: "uniformerad polis", "civilklädda poliser"
    r"\w+(?:erad|erade|klädd|klädda))"
)
_TERM = rf"(?:{_alt(_LEX['polis'] + _LEX['kommun'] + _LEX['annan'])})"
# Terms that follow a place name: "Kalmar kommun", "Växjö lokalpolisområde".
# ("Ekby kommunens" is not Swedish: "Involvera kommunens invånare" names no party.)
# "Trollhättans Stad": a city kommun's official name (a kommun only when the name
# before it is one of the kommuner, see classify_party).
_NAMED_TERM = (
    r"(?:kommun|kommuns|kommuner|lokalpolisområde\w*|polisområde\w*|lpo|"
    r"(?-i:[Ss]tads?))"
)
_ORG_NAME = rf"(?-i:(?:{'|'.join(_LEX['org_names'])}))"
_TEAM_NAME = re.compile(rf"(?:{'|'.join(_LEX['team_names'])})$")
_ORG_NAME_RE = re.compile(rf"{_ORG_NAME}$")
# An acronym in brackets after a name marks an organisation: "Kirunabostäder (KBAB)".
_ACRONYM_TAG = r"(?:\s*\((?-i:[A-ZÅÄÖ][A-ZÅÄÖ0-9&-]{1,7})\))"
# "kommunens fältgrupp", "polisens trafikgrupp": a unit owned by a party acts for
# it; citizens are never that unit ("kommunens invånare").
_OWNED = (
    r"(?:kommunens|kommuns|polisens|lokalpolisområdets)\s+"
    rf"(?!(?:{_alt(_LEX['not_annan'])}|och|samt|eller)\b)(?-i:[a-zåäö][\w-]+)"
)
_PARTY = (
    rf"(?:{_OWNED}\b"
    rf"|(?:{_NAME}s?\s+){{1,2}}{_FIRM}\b|AB\b"
    rf"|{_NAME}s?\s+{_NAMED_TERM}\b"
    rf"|(?:(?:det|den|de|vårt|vår|våra)\s+|{_NAME}s\s+)?(?:{_ADJ}\s+)?{_TERM}\b"
    # "Polisen i lokalpolisområde Ekby": the police named by its local area
    rf"(?:\s+(?:(?:på|i)\s+(?:(?:lokal)?polisområde(?:t)?\s+)?)?{_AREA_QUAL}"
    rf"{_NAME}(?:\s+{_NAME})?(?=\s|[,.:;)]|$))?"
    rf"|{_ORG_NAME}\b"
    rf"|\b(?:{_alt(_LEX['both'])})\b)"
    rf"{_ACRONYM_TAG}?"
)
# In a list that names at least one party, another capitalised name or acronym is
# a party too ("polisen, Ekby kommun, HSB och Ekbyhem ska …"): a third party, or
# kommun when it is a named team or project.
_PROPER = rf"(?-i:(?:[A-ZÅÄÖ]{{2,6}}|{_NAME}(?:\s+{_NAME}){{0,2}}))\b{_ACRONYM_TAG}?"
_CHAIN = (
    rf"{_PARTY}(?:\s*(?:,|\boch\b|\bsamt\b|&|/)\s*{_PARTY}){{0,6}}"
    rf"(?:\s+i\s+{_NAME}\s+kommun)?"
)
# A chain of parties, for the labels that name them ("Ansvarig: polisen och kommunen").
CHAIN = _CHAIN
_ITEM = rf"(?:{_PARTY}|{_PROPER})"
_ENUM = (
    rf"{_ITEM}(?:\s*(?:,|\boch\b|\bsamt\b|&)\s*{_ITEM}){{1,8}}"
    rf"(?=\s+(?:(?:tillsammans|gemensamt|även|också|vid\s+behov)\s+)*"
    rf"(?:ska|skall|kommer|lovar|vill|åtar|\w+(?:ar|er|ör|år)\b))"
)
# "Tillsammans lovar polisen, kommunen och Tulpanjouren i Ekby att:": the promisers
# listed after "lovar", where a name that no lexicon knows is a party too.
_INVERTED_ENUM_RE = prefiltered(
    re.compile(
        r"\b(?:lovar|åtar\s+sig|förbinder\s+sig)\s+"
        r"(?:(?:även|också|därför|tillsammans|gemensamt|nu)\s+)?"
        rf"(?P<chain>{_ITEM}(?:\s*(?:,|\boch\b|\bsamt\b|&)\s*{_ITEM}){{1,8}})"
        rf"(?:\s+i\s+{_NAME})?(?:\s+(?:tillsammans|gemensamt|även|också))?\s+att\b",
        re.IGNORECASE,
    )
)
_VERB = r"(?:ska|skall|lovar|lovade|kommer|åtar|förbinder|bör|vill|fortsätter|genomför)"
_PARTY_RE = re.compile(_PARTY, re.IGNORECASE)
_ITEM_RE = re.compile(_ITEM, re.IGNORECASE)
# "Personal från socialtjänsten", "representanter för kommunen": people acting for
# the party.
_STAFF_OF = (
    r"(?:(?:personal|medarbetare|representanter|företrädare)\s+"
    r"(?:från|för|inom|vid|på|i)\s+)"
)
# What may stand before the subject: "Att polisen …" (a list item written as an
# att-clause), a verb-first clause after a heading ("Kommer kommunen och polisen
# att …"), "Personal från socialtjänsten …".
_LEAD = (
    r"\s*(?:att\s+)?(?:(?:kommer|ska|skall)\s+(?=\S+(?:en|na|\s+kommun)\b))?"
    r"(?:(?:även|också|sedan|därefter|dessutom|slutligen|nu)\s+)?"
    rf"{_STAFF_OF}?"
)
_START_RE = re.compile(rf"{_LEAD}(?P<chain>{_CHAIN})", re.IGNORECASE)
_ENUM_START_RE = re.compile(rf"{_LEAD}(?P<chain>{_ENUM})", re.IGNORECASE)
# "Tekniska verken (TVAB) kommer …": a name with its acronym as the subject.
_TAGGED_START_RE = re.compile(
    rf"\s*(?:att\s+)?(?P<chain>(?-i:[A-ZÅÄÖ])[\w-]*(?:\s+[\w-]+){{0,3}}?{_ACRONYM_TAG})"
    r"(?=\s+(?:ska|skall|kommer|lovar|vill|åtar|\w+(?:ar|er|ör|år)\b))",
    re.IGNORECASE,
)
_INVERTED_RE = prefiltered(
    re.compile(
        rf"\b(?:ska|skall|lovar|lovade|kommer|åtar|förbinder|bör|vill)\s+"
        rf"(?:(?:även|också|därför|tillsammans|gemensamt|nu)\s+)?{_STAFF_OF}?"
        rf"(?P<chain>{_CHAIN})",
        re.IGNORECASE,
    )
)
# V2 word order after an adverbial: "Under hösten genomför polisen …", "Tillsammans
# med Ekbyhem bjuder polisen och kommunen in …".
_V2_LEAD = (
    r"\s*(?:under|i|vid|på|efter|inom|varje|senast|dessutom|därför|även|också|sedan|"
    r"från|inför|när|om|med|genom|utöver|gällande|beträffande|angående|tillsammans|"
    r"gemensamt)\b"
    r"[^,.:;]{0,60}?,?\s"
    # a finite verb, not a preposition or adverb of the same ending ("för", "där")
    r"(?!(?:för|inför|efter|under|över|där|här|när|mer|per|eller|sedan)\b)"
    # "är … ute": being out (on patrol) is an action, "Under juli är polisen ute …"
    r"(?P<verb>\w+(?:ar|er|ör|år|ir)|är(?=\s[^,.;:]{1,60}?\sute\b))\s+"
    r"(?:(?:även|också|därför|tillsammans|gemensamt|nu)\s+)?"
)
_V2_RE = re.compile(rf"{_V2_LEAD}(?P<chain>{_CHAIN})", re.IGNORECASE)
# ", medan kommunen tar ansvar för …": a second party's own clause.
# Prefiltered: tried only at its joining words, in sentences with one of its verbs.
_CLAUSE_RE = prefiltered(
    re.compile(
        rf"(?:,|\boch\b|\bsamt\b|\bmedan\b)\s+(?P<chain>{_CHAIN})\s+"
        rf"(?:{_VERB}|tar\s+(?:\w+\s+)?ansvar)\b",
        re.IGNORECASE,
    )
)
# "… medan kommunen tar ansvar för …", "… samtidigt som skolan bjuder in …": a
# contrastive clause with a party of its own doing something, any finite verb.
_WHILE_CLAUSE_RE = prefiltered(
    re.compile(
        rf"\b(?:medan|samtidigt\s+som)\s+(?P<chain>{_CHAIN})\s+"
        r"(?:\w+(?:ar|er|ör|år|ir)|står|går|tar|ger|gör|ser)\b",
        re.IGNORECASE,
    )
)
_AGENT_RE = re.compile(rf"\b\w+as\s+av\s+(?P<chain>{_CHAIN})", re.IGNORECASE)
_NAME_KOMMUNEN_RE = re.compile(
    r"\s*(?:att\s+)?(?P<name>(?-i:[A-ZÅÄÖ])[\w-]+(?:\s(?-i:[A-ZÅÄÖ])[\w-]+)?)\s+kommunen\b",
    re.IGNORECASE,
)
# "Tillsammans med Ekbyhem se över …" names a co-party, not both parties.
_BOTH_START_RE = re.compile(
    r"\s*(?:vi|parterna|(?:tillsammans|gemensamt)(?!\s+med\b))\b", re.IGNORECASE
)
# "Samtliga parter lovar …": every party of the promise (the caller adds the third
# parties the document names).
# "De fyra parterna bjuder in …": the parties counted, more than the two of "båda".
_ALL_PARTIES = (
    r"(?:(?:samtliga|alla)\s+(?:\w+\s+)?parter(?:na)?"
    r"|de\s+(?:tre|fyra|fem|sex|sju|åtta|nio|tio|[3-9])\s+parterna)\b"
)
ALL_PARTIES_RE = re.compile(rf"\s*{_ALL_PARTIES}", re.IGNORECASE)
_V2_ALL_RE = re.compile(rf"{_V2_LEAD}(?P<chain>{_ALL_PARTIES})", re.IGNORECASE)
# "Tuvebackeskolan lovar att …", "Ekby IF åtar sig att …": a name that promises is
# a party (only an actor promises), though no lexicon knows it; so is a name's
# genitive before the kind of body it is ("Ekfjällens skoterklubb lovar att").
_NAMED_PROMISER_RE = re.compile(
    r"\s*(?P<chain>(?-i:[A-ZÅÄÖ])[\w'’&-]*(?:\s+(?-i:[A-ZÅÄÖ])[\w'’&-]*){0,3}"
    r"|(?-i:[A-ZÅÄÖ])[\w-]*s\s+(?-i:[a-zåäö])[\w-]+)"
    r"(?=\s+(?:lovar|åtar\s+sig|förbinder\s+sig)\s+att\b)",
    re.IGNORECASE,
)
# A named school is the kommun's ("Ekbackeskolan"); a sports club is a third party.
_SCHOOL_NAME = re.compile(r"(?-i:[A-ZÅÄÖ])\w*skola(?:n|ns)?$", re.IGNORECASE)


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


@per_document  # the same names and party words are asked about for every candidate
def classify_party(phrase: str) -> str | None:
    """polis / kommun / annan / both for one party phrase, else None."""
    words = phrase.strip().split()
    if not words:
        return None
    # The head word decides ("Kalmar kommun", "lokalpolisområde Kalmar", "Hem AB").
    words[-1] = re.sub(r"\(.*$", "", words[-1]) or words[-1]
    if len(words) > 1 and re.fullmatch(r"\([^)]*\)", words[-1]):
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
    items = [m.group(0) for m in _ITEM_RE.finditer(chain)]
    kinds = [classify_party(i) for i in items]
    if not any(kinds) and not stated:
        return frozenset()
    out: set[str] = set()
    for item, kind in zip(items, kinds, strict=True):
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
        inner = _subject_parties(sentence[lm.end() :])
        if inner is not None:
            off = lm.end()
            shifted = (inner.span[0] + off, inner.span[1] + off) if inner.span else None
            return PartyResult(inner.parties, shifted, inner.rule)
    return _subject_parties(sentence)


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


def nominal_polis(text: str) -> re.Match[str] | None:
    """ "Polisiär närvaro", "ökad polisnärvaro": police work named without a subject."""
    return _NOMINAL_POLIS.search(text)
