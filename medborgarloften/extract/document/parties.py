"""The parties: which kommuner and which lokalpolisområde made the promise.

Kommun names are validated against ``lexicons/kommuner.txt`` (the 290 kommuner)
and written as the kommun writes itself: no "kommun", no genitive -s. A name
counts when the text ties it to a kommun ("Kalmar kommun", "Älmhults kommun",
"kommunerna i Högsby och Mönsterås", "Region Gotland", a page title
"Gävle – medborgarlöften"); a name that only names the lokalpolisområde
("Lokalpolisområde Ljungby", "Växjö lokalpolisområde") does not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..prefilter import prefiltered
from ._lex import kommun_names

_NAMES = kommun_names()
_NAME_SET = frozenset(_NAMES)
# Longest kommun name in words ("Upplands Väsby" has two).
_MAX_WORDS = max(len(n.split()) for n in _NAMES)
# "(?<![\w-])[A-ZÅÄÖÉ][\w-]*", written class-first so that re skips ahead in C.
_CAP_WORD = re.compile(r"[A-ZÅÄÖÉ](?<![\w-][A-ZÅÄÖÉ])[\w-]*")
_SPACED_WORDS = re.compile(r"[\w-]+(?:[ \t][\w-]+)*")

# Contexts that tie a name to a kommun (checked around each name occurrence).
_AFTER_KOMMUN = re.compile(r"\s+(?:[Kk]ommun(?:s|en|ens)?|[Ss]tad(?:s|en)?)\b")
_AFTER_KOMMUNER = re.compile(r"\s+[Kk]ommuner(?:na)?\b")
_AFTER_TITLE = re.compile(r"[ \t]*[-–—:][ \t]*[Mm]edborgarlöft")
_BEFORE_KOMMUNERNA = re.compile(r"\b[Kk]ommun(?:en|erna)\s+(?:i\s+)?$")
_BEFORE_REGION = re.compile(r"\bRegion\s+$")
_AFTER_LAN = re.compile(r"s?\s+län\b")
_BEFORE_LOFTE = re.compile(
    r"[Mm]edborgarlöft\w*(?:\s+(?:i|för)\s+|[ \t]*[-–—:][ \t]*)$"
)
_BEFORE_LINE_START = re.compile(r"(?:^|\n)[ \t#]*$")
_LPO_BEFORE = re.compile(
    r"(?:lokalpolisområde[ts]?|lpo|polisområde[ts]?|lokalpolisområdeschef(?:en)?)\s+$",
    re.IGNORECASE,
)
_LPO_AFTER = re.compile(r"^\s+(?:lokal)?polisområde", re.IGNORECASE)
# A sentence that describes what an area covers, not who promises.
_COVERS = re.compile(
    r"\b(?:omfattar|består\s+av|innefattar|täcker|ansvarar\s+för)\b", re.I
)
_LIST_GLUE = re.compile(r"\s*(?:,|\boch\b)\s*")


@dataclass(frozen=True)
class Found:
    """A list of values with the span and rule of each."""

    values: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def canonical_kommun(word: str) -> str | None:
    """ "Älmhults" → "Älmhult"; a name that is not one of the 290 kommuner → None."""
    if word in _NAME_SET:
        return word
    if word.endswith("s") and word[:-1] in _NAME_SET:
        return word[:-1]
    return None


# The longest kommun name with a genitive "s": a longer run of words is none.
_LONGEST = max(map(len, _NAME_SET)) + 1


def _occurrences(text: str) -> list[tuple[int, int, str]]:
    """Every kommun name in the text as (start, end, canonical name)."""
    words = [(m.start(), m.end()) for m in _CAP_WORD.finditer(text)]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            s, e = words[i][0], words[i + n - 1][1]
            if e - s > _LONGEST:
                continue  # no name (nor its genitive) this long: the words unread
            if n > 1 and not _SPACED_WORDS.fullmatch(text, s, e):
                continue
            name = canonical_kommun(text[s:e])
            if name:
                hit = (s, e, name, n)
                break
        if hit:
            out.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return out


def _strong_rule(text: str, s: int, e: int) -> str | None:
    before = text[max(0, s - 60) : s]
    after = text[e : e + 40]
    left = max(text.rfind(".", 0, s), text.rfind("\n", 0, s))
    if _COVERS.search(text[left + 1 : s]):
        return None  # "Lokalpolisområde X omfattar A och B kommuner": a description
    if _AFTER_LAN.match(after):
        return None  # "Medborgarlöften i Ekby län": a county (a web page's link)
    if _AFTER_KOMMUN.match(after):
        return "kommun.name_kommun"
    if _BEFORE_KOMMUNERNA.search(before):
        return "kommun.kommunerna_i"
    if _AFTER_KOMMUNER.match(after):
        return "kommun.names_kommuner"
    if _AFTER_TITLE.match(after) and _BEFORE_LINE_START.search(before):
        return "kommun.title"
    if _BEFORE_REGION.search(before) and not _AFTER_LAN.match(text[e : e + 10]):
        return "kommun.region"
    if _BEFORE_LOFTE.search(before):
        return "kommun.lofte_i"
    return None


# "Ekby och Åby får gemensamt medborgarlöfte", "Ekby och Åby tillhör samma
# lokalpolisområde, och nu har kommunerna …": two kommuner named together as the
# ones that share one promise.
_JOINT_AFTER = re.compile(
    r"[^.!?\n]{0,80}?\b(?:gemensamma?|gemensamt)\s+(?:\w+\s+)?(?:medborgar)?löfte"
    r"|[^.!?\n]{0,120}?\b(?:(?:båda|bägge|de\s+två)\s+)?kommunerna\b(?!\s+i\b)",
    re.IGNORECASE,
)


_PLACE_BEFORE = re.compile(r"\b(?:i|på|vid|från|till|mellan|runt|kring)\s+$", re.I)


def _joint_rule(text: str, start: int, end: int) -> str | None:
    """ "kommun.joint" for a list of names that the rest of its sentence calls the
    kommuner of a joint promise; None for a description of an area."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start))
    if _COVERS.search(text[left + 1 : start]) or _COVERS.search(text, end, end + 60):
        return None
    if _LPO_BEFORE.search(text[max(0, start - 40) : start]) or _PLACE_BEFORE.search(
        text, max(0, start - 12), start
    ):
        return None  # "Lokalpolisområde Ekby och Åby …", "i Ekby och Åby": places
    return "kommun.joint" if _JOINT_AFTER.match(text, end) else None


def _is_lpo_context(text: str, start: int, end: int) -> bool:
    return bool(
        _LPO_BEFORE.search(text[max(0, start - 40) : start])
        or _LPO_AFTER.match(text[end : end + 20])
    )


def find_municipalities(text: str) -> Found:
    """Kommuner that are a party to the promise, in order of first mention."""
    occ = _occurrences(text)
    rules = [_strong_rule(text, s, e) for s, e, _ in occ]
    # "kommunerna i A, B och C" / "A, B och C kommuner": the whole list is strong.
    lists: list[list[int]] = []
    for k in range(len(occ)):
        if lists and _LIST_GLUE.fullmatch(text[occ[k - 1][1] : occ[k][0]]):
            lists[-1].append(k)
        else:
            lists.append([k])
    for members in lists:
        head, tail = rules[members[0]], rules[members[-1]]
        shared = head if head == "kommun.kommunerna_i" else None
        shared = shared or (tail if tail == "kommun.names_kommuner" else None)
        if shared is None and len(members) > 1:
            shared = _joint_rule(text, occ[members[0]][0], occ[members[-1]][1])
        if shared and len(members) > 1:
            for k in members:
                rules[k] = rules[k] or shared
    strong: dict[str, tuple[int, int, str]] = {}
    for (s, e, name), rule in zip(occ, rules, strict=True):
        if rule and name not in strong:
            strong[name] = (s, e, rule)
    if any(rule != "kommun.region" for _s, _e, rule in strong.values()):
        # "Region Gotland" is the kommun only where no kommun is named otherwise:
        # beside "Ekby kommun", "Region Stockholm" is the region (a third party).
        strong = {n: v for n, v in strong.items() if v[2] != "kommun.region"}
    if strong:
        ordered = sorted(strong.items(), key=lambda kv: kv[1][0])
        return Found(
            [n for n, _ in ordered],
            [(s, e) for _, (s, e, _r) in ordered],
            [r for _, (_s, _e, r) in ordered],
        )
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for s, e, name in occ:
        if _is_lpo_context(text, s, e):
            continue
        counts[name] += 1
        first.setdefault(name, (s, e))
    if not counts:
        return Found()
    name, _ = counts.most_common(1)[0]
    return Found([name], [first[name]], ["kommun.most_mentioned"])


# --- lokalpolisområde ----------------------------------------------------------------

_DIRECTION = r"(?:norra|södra|västra|östra|mellersta|centrala|nordöstra|nordvästra|sydöstra|sydvästra)"
_CAP = r"[A-ZÅÄÖÉ][\wåäöéÅÄÖÉ-]*"
# "Piteå älvdal": a landscape word in lower case that ends the area's name.
_LANDSCAPE = r"(?:[ \t]+(?:älvdal|dalgång|skärgård|kust|fjällvärld)(?:en)?(?![\w-]))?"
_LPO_NAME = rf"(?:{_DIRECTION}[ \t]+)?{_CAP}(?:[ \t]*/[ \t]*{_CAP})*(?:[ \t]+{_CAP})*{_LANDSCAPE}"
# Words that end an LPO name or show the capitalised word is not one.
_NOT_LPO_WORDS = frozenset(
    [
        "kommun",
        "kommuns",
        "kommunen",
        "kommunerna",
        "polisen",
        "polis",
        "och",
        "samt",
        "har",
        "ska",
        "lovar",
        "åtar",
        "arbetar",
        "i",
        "på",
        "för",
        "med",
        "det",
        "den",
        "detta",
        "vi",
        "kommunstyrelsens",
        "kommunstyrelsen",
        "lokalpolisområde",
        "region",
        "lpo",
        "tillsammans",
        "gemensamt",
        "medborgarlöfte",
        "medborgarlöften",
    ]
)

LPO_PATTERNS = (
    (
        "police.lokalpolisomrade_name",
        prefiltered(
            re.compile(rf"\b[Ll]okalpolisområde(?:t|ts|s)?[ \t]+(?P<n>{_LPO_NAME})")
        ),
    ),
    (
        "police.name_lokalpolisomrade",
        prefiltered(
            re.compile(rf"(?<![\w-])(?P<n>{_CAP})[ \t]+[Ll]okalpolisområde(?:t|s)?\b")
        ),
    ),
    (
        "police.lpo_name",
        prefiltered(re.compile(rf"\b(?:LPO|Lpo|lpo)[ \t]+(?P<n>{_LPO_NAME})")),
    ),
    (
        "police.chef_name",
        prefiltered(
            re.compile(
                rf"\b[Ll]okalpolisområdeschef(?:en)?[ \t]+(?:för[ \t]+|i[ \t]+)?"
                rf"(?P<n>{_CAP})(?![\w-])(?![ \t]+[A-ZÅÄÖÉ])"
            )
        ),
    ),
)
_CAPS_LPO = re.compile(
    r"\bLOKALPOLISOMRÅDE(?:T)?[ \t]+(?P<n>[A-ZÅÄÖ]{3,}(?:[ -][A-ZÅÄÖ]{3,})?)\b"
    r"(?![ \t]*[a-zåäö])"
)
# Capitalised words that start a sentence before "lokalpolisområde", not a name.
_SENTENCE_WORDS = frozenset(
    [
        "det",
        "den",
        "detta",
        "ett",
        "en",
        "vårt",
        "varje",
        "respektive",
        "lokalt",
        "samma",
        "vilket",
        "nytt",
        "ny",
        "inom",
        "i",
        "för",
        "hela",
        "vart",
        "samtliga",
        "alla",
        "övriga",
        "andra",
        "nya",
        "nuvarande",
        "berörda",
        "aktuella",
        "eget",
        "sitt",
        "ert",
        "dess",
        "polisens",
        "kommunens",
        "polismyndigheten",
        "polismyndighetens",
        "som",
        "att",
        "och",
        "men",
        "där",
        "här",
        "när",
        "genom",
        "från",
        "till",
        "med",
        "mot",
        "om",
        "på",
        "under",
        "efter",
        "enligt",
    ]
)


def _clean_lpo_name(raw: str) -> str | None:
    words = raw.split()
    kept: list[str] = []
    for w in words:
        if w.casefold().strip("/") in _NOT_LPO_WORDS:
            break
        kept.append(w)
    if not kept:
        return None
    name = " ".join(kept).strip(" /-")
    if name.casefold() in _SENTENCE_WORDS or len(name) < 3:
        return None
    return name


@dataclass(frozen=True)
class PoliceArea:
    """The normalised "Lokalpolisområde <Name>" with the span and rule it came from."""

    value: str | None
    span: tuple[int, int] | None = None
    rule: str | None = None


def find_police_area(text: str) -> PoliceArea:
    """The lokalpolisområde named anywhere in the text, or None (SCHEMA rules).

    A bare "Lokalpolisområdeschef", "polisområdeschef i X" or "kommunpolis X" do
    not name one; "Lokalpolisområdeschef Kalmar" does, but not a person's name
    after the title ("lokalpolisområdeschef Anna Berg").
    """
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int, str]] = {}
    for rule, rx in LPO_PATTERNS:
        for m in rx.finditer(text):
            name = _clean_lpo_name(m.group("n"))
            if not name:
                continue
            key = name.casefold()
            counts[key] += 1
            start = m.start("n")
            if key not in first or start < first[key][0]:
                first[key] = (start, start + len(name), rule)
    if not counts:
        # a letterhead in capitals ("POLISEN LOKALPOLISOMRÅDE FALUN"): the name
        # written as names are ("Falun"), when nothing else names the area
        caps = _CAPS_LPO.search(text)
        if caps and caps.group("n").casefold() not in _SENTENCE_WORDS:
            return PoliceArea(
                f"Lokalpolisområde {caps.group('n').title()}",
                caps.span("n"),
                "police.lokalpolisomrade_capitals",
            )
        return PoliceArea(None)
    best = max(counts, key=lambda k: (counts[k], -first[k][0]))
    start, end, rule = first[best]
    return PoliceArea(f"Lokalpolisområde {text[start:end]}", (start, end), rule)
