"""Named places in a medborgarlöfte: districts, villages, facilities, town centres.

SCHEMA: places are written as they appear ("centrala X", "X centrum", "Tierps
tätort", a named school or shopping centre); the bare kommun or town name is never a
place and generic lowercase nouns ("centrum", "skolor") are not places. The rules
below look for capitalised names in a place position (after a preposition or a
place noun such as "stadsdelen") so sentence-initial capitals and organisations
are not mistaken for places.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .doccache import per_document
from .lexicons import load
from .narrowing import Openings, finditer_in, matches_at
from .parties import classify_party
from .place_lists import noun_ends_line, short_line
from .place_names import (
    _ORG_BEFORE,
    _STOP,
    _fold,
    _is_excluded,
    _is_org_word,
    _word_excluded,
)
from .prefilter import (
    Prefiltered,
    by_first_letter,
    finditer_split,
    opening_class,
    prefiltered,
)

Span = tuple[int, int]
_LEX = load("places")

_UP = "A-ZÅÄÖÉÜ"
_LO = "a-zåäöéüß"
# One capitalised name word, possibly joined by "-" or "/" ("Berga/Funkabo").
_NAME_WORD = rf"[{_UP}][{_LO}]+(?:[-/][{_UP}]?[{_LO}]+)*"
_ACRONYM = rf"[{_UP}]{{2,5}}"
# "Coop Berga", "Norra Vägen", "Oxhagen".
_STREET_NOUN = (
    r"(?:torget|torg|parken|park|gatan|vägen|stranden|hamnen|skolan|plan|backe)"
)
_FACILITY_NOUNS = (
    "centrum|tätort|tätorts centrala delar|stadskärna|stadskärnan|resecentrum|"
    "högstadium|högstadieskola|gymnasium|gymnasieskola|station|busstation|"
    "järnvägsstation|torg|hamn|bibliotek|simhall|sporthall|ishall|"
    "idrottsplats|centralstation|förskola|skola|fritidsgård|ungdomsgård|"
    "vårdcentral|kyrka|badplats|park|gymnasieskola|friluftsområde|strandpromenad|"
    "promenad|hus|by"
)
# A street keeps its house number as written: "Storgatan 4", "Bruksgatan (2A-C)".
_HOUSE_NUMBER = (
    r"(?:(?<=gatan)|(?<=vägen)|(?<=gränd)|(?<=allén))"
    r"(?:[ \t]\d{1,3}[A-Za-z]?(?:-[A-Za-z0-9]{1,3})?|[ \t]?\(\d{1,3}[A-Za-z]?"
    r"(?:-[A-Za-z0-9]{1,3})?\))(?![\w.:]?\d)"
)
# The words of one name stay on one line: "i Ekhagen\n\nArbetet …" is no
# two-word name.
# … but a PDF may wrap a line between them (one line break, never a blank line).
# A tab or a gap of three spaces or more separates cells ("på Ekbacken    Ekbyhem AB").
_SP = r"(?:[ ]{1,2}(?![ ])(?:\n[ \t]*)?|[ ]*\n[ \t]*)"
_DIRECTION_AFTER = rf"(?:{_SP}(?:norra|södra|östra|västra|centrum|city)(?![\w-]))?"
_NAME = (
    rf"(?:{_ACRONYM}{_SP}{_NAME_WORD}|{_NAME_WORD}s{_SP}(?:{_FACILITY_NOUNS})(?![\w-])"
    rf"|{_NAME_WORD}(?:{_SP}{_NAME_WORD})?"
    rf"(?:{_SP}{_STREET_NOUN}(?![\w-]))?(?:{_HOUSE_NUMBER})?{_DIRECTION_AFTER})"
)

_PREPOSITIONS = (
    "i|på|vid|runt|kring|utanför|inom|emot|intill|nära|längs|framför|bakom|omkring|"
    "(?<!nu )(?<!de )gällande|beträffande|angående|mellan"
)
_PLACE_NOUNS = (
    "stadsdel(?:en|arna|ar)?|bostadsområde(?:t|na|n)?|området|områdena|byn|byarna|"
    "orten|orterna|tätorten|tätorterna|sjön|torget|parken|gatan|kvarteret|"
    "centrumet|samhället|samhällena|köpcentret|köpcentrumet|gallerian|"
    "skolan|skolorna|idrottsplatsen|badplatsen|hamnen|stationen|resecentret|"
    "kommundel(?:en|arna|ar)?|stadsdelarna|bostadsområdena"
)
# Written so that each expression starts with a literal or a character class: Python's
# ``re`` then skips ahead to candidate positions in C instead of trying a look-behind
# at every character (2-3x faster; tests compare them with the plain forms).
# A capitalised name word that does not continue another word: the look-behind sits
# after the first letter ("[A-Z](?<![\w-][A-Z])" is "(?<![\w-])[A-Z]").
_NAME_WORD_START = rf"[{_UP}](?<![\w-][{_UP}])[{_LO}]+(?:[-/][{_UP}]?[{_LO}]+)*"
_CENTRALA_RE = prefiltered(re.compile(rf"centrala(?<=\bcentrala)\s+({_NAME_WORD})"))
# "på norra Ekby": a part of the kommun named by a compass word before its name is
# a qualified form of the name (like "centrala Ekby"), so a place; only for the
# kommun's own name (another name after "norra" may be a region: "östra Norrland").
# Prefiltered: its look-behind first was tried at every character of each text.
_QUARTER_RE = prefiltered(
    re.compile(rf"(?<![\w-])(?:norra|södra|östra|västra)[ \t]+({_NAME_WORD})(?![\w-])")
)
_QUALIFIED_NOUNS = (
    "centrum|tätorts centrala delar|tätort|stadskärna|station|busstation|resecentrum|"
    "torg|hamn|city|förskola|skola|fritidsgård|park|bibliotek|gymnasieskola|"
    "badplats|idrottsplats|sporthall|simhall|ishall|strandpromenad|friluftsområde|"
    "gymnasium|marknad|kapell|center|strand|kommunhus|stadshus|färjeläge|bygdegård|"
    "town centre|city centre"
)
_QUALIFIED_RE = prefiltered(
    re.compile(rf"({_NAME_WORD_START})\s+({_QUALIFIED_NOUNS})\b")
)
# "Ekbackens båthamn", "Norrängens gamla bibliotekslokal": a name's genitive before a
# (compound) noun for a facility names that facility, the noun with it.
_GENITIVE_FACILITY_RE = prefiltered(
    re.compile(
        rf"({_NAME_WORD_START}s)\s+((?:(?:gamla|nya|stora|lilla)\s+)?[{_LO}]*?"
        rf"(?:{_FACILITY_NOUNS}|{'|'.join(_LEX['compound_heads'])}))(?![\w-])"
    )
)
# Only a bullet's mark or a sentence's end before: the words open their sentence.
_LINE_START = re.compile(r"(?:^|\n|[.!?:][ \t]|[•*–-][ \t])[ \t]*$")
_STAFF_BEFORE = re.compile(r"(?i:personal(?:en)?)[ \t]+(?:på|vid|från)[ \t]+$")
# "fritidsgården Ankaret", "badplatsen Sandvik": a facility's noun before its name.
_NOUN_NAME_TAIL = rf"[ \t]+({_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)(?![\w-])"
_NOUN_NAME_PLAIN = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(_LEX['nouns_before_name'])})" + _NOUN_NAME_TAIL
)
_NOUN_NAME_RE = prefiltered(
    re.compile(
        opening_class([("|".join(_LEX["nouns_before_name"]), "")], r"[\w-]")
        + _NOUN_NAME_TAIL
    )
)
_LIST_NOUNS = "|".join(sorted(_LEX["list_nouns"], key=len, reverse=True))
_LIST_TAIL = (
    rf"(?:[ \t]*(?:,|\boch\b|\bsamt\b|&)(?:[ \t]*\n)?[ \t]*(?:i[ \t]+)?{_NAME}){{0,12}}"
)
# "i, bland annat, Ramsele och Junsele", "främst i kommundelarna …"
_ASIDE = (
    r"(?:,?[ \t]*(?i:bland annat|bl\.\s?a\.|t\.\s?ex\.|främst|särskilt|framför allt)"
    r",?[ \t]+)?"
)
# "i byarna, framför allt Ekby och Åby": the aside after the place noun.
_NOUN_ASIDE = (
    r",[ \t]*(?i:bland annat|bl\.\s?a\.|t\.\s?ex\.|främst|särskilt|framför allt)"
    r",?[ \t]+"
)
# "i både Ekby och Åby", "i vardera Ekby och Åby": one preposition for each name.
_EACH = r"(?:(?i:både|vardera|såväl)[ \t]+)?"
_PREP_NAME_RE = re.compile(
    rf"(?<![\w-])(?:(?i:{_PREPOSITIONS})(?:[ \t]*,[ \t]*{_ASIDE}|{_SP}{_ASIDE}){_EACH}"
    rf"(?:(?i:{_PLACE_NOUNS})(?:{_SP}|{_NOUN_ASIDE}))?"
    rf"|(?i:{_PLACE_NOUNS})(?:{_SP}|{_NOUN_ASIDE})"
    # examples after a noun for kinds of places: "skolor, inklusive Alléskolan"
    rf"|(?i:\w*(?:{_LIST_NOUNS}))[^.;:\n]{{0,40}}?(?i:såsom|exempelvis|inklusive|"
    rf"bland annat|t\.\s?ex\.)[ \t]+)"
    rf"({_NAME}(?:[ \t]+i[ \t]+{_NAME_WORD})?{_LIST_TAIL})(?![\w-])"
)


# The same without the list-noun alternative ("platser såsom X"), whose "\w*" before
# the noun makes it slow to scan: that alternative needs one of the cue words, so
# a text without them gets the same matches from the cheaper expression (whose
# alternations are grouped by first letter, a third faster).
# (Its aside and its optional place noun grouped by first letter too: tried after
# every preposition, they were a third of its time.)
_ASIDE_GROUPED = (
    r"(?:,?[ \t]*"
    + by_first_letter(r"bland annat|bl\.\s?a\.|t\.\s?ex\.|främst|särskilt|framför allt")
    + r",?[ \t]+)?"
)
# It opens with one class of the two alternations' first letters (``opening_class``):
# behind a look-behind ``re`` tried it at every character (a quarter of a
# commitment's place search).
_PREP_NAME_NO_LIST_RE = re.compile(
    opening_class(
        [
            (
                _PREPOSITIONS,
                rf"(?:[ \t]*,[ \t]*{_ASIDE_GROUPED}|{_SP}{_ASIDE_GROUPED}){_EACH}"
                rf"(?:{by_first_letter(_PLACE_NOUNS)}(?:{_SP}|{_NOUN_ASIDE}))?",
            ),
            (_PLACE_NOUNS, rf"(?:{_SP}|{_NOUN_ASIDE})"),
        ],
        r"[\w-]",
    )
    + rf"({_NAME}(?:[ \t]+i[ \t]+{_NAME_WORD})?{_LIST_TAIL})(?![\w-])"
)

# A case-insensitive alternation scans every position (0.14 ms per 3.5 KB); its
# literal prefilter rules out most texts with a few substring tests.
_LIST_CUE = prefiltered(
    re.compile(r"(?i:såsom|exempelvis|inklusive|bland annat|t\.\s?ex\.)")
)
_WORD_CHAR = re.compile(r"\w")


def prep_name_matches(
    text: str, document: str | None = None
) -> Iterator[re.Match[str]]:
    """``_PREP_NAME_RE.finditer(text)``, scanned mostly by the cheaper expression:
    the list-noun alternative needs a cue word and starts at the start of the word
    whose noun ends at most 40 characters before the cue, so it is tried there.
    ``document``: as for ``find_places``; the cheaper expression is then tried only
    where its opening words start (``narrowing.Openings``)."""
    cues = list(_cue_starts(text))
    if not cues:
        opening = _OPENINGS.starts(text, document) if document is not None else None
        if opening is None:
            return _PREP_NAME_NO_LIST_RE.finditer(text)
        return matches_at(_PREP_NAME_NO_LIST_RE, text, opening)
    starts: set[int] = set()
    for cue in cues:
        lo = max(0, cue - 41)
        while lo > 0 and _WORD_CHAR.match(text, lo - 1):
            lo -= 1
        for p in range(lo, cue + 1):
            if _WORD_CHAR.match(text, p) and not (p and _WORD_CHAR.match(text, p - 1)):
                starts.add(p)
    return finditer_split(text, _PREP_NAME_RE, _PREP_NAME_NO_LIST_RE, sorted(starts))


# Every match of ``_PREP_NAME_NO_LIST_RE`` opens with a preposition or a place noun
# where no word character or hyphen stands before it: found once per document.
_OPENINGS = Openings(rf"(?i:{_PREPOSITIONS})|(?i:{_PLACE_NOUNS})", r"[\w-]")


def _cue_starts(text: str) -> Iterator[int]:
    """Where a cue word of the list-noun alternative starts (overlapping too)."""
    if not _LIST_CUE.search(text):
        return
    cue = _LIST_CUE.regex if isinstance(_LIST_CUE, Prefiltered) else _LIST_CUE
    m = cue.search(text)
    while m is not None:
        yield m.start()
        m = cue.search(text, m.start() + 1)


_SPLIT_LIST_RE = re.compile(rf"{_NAME}(?:[ \t]+i[ \t]+{_NAME_WORD})?")


_SUFFIXES = "|".join(sorted(_LEX["facility_suffixes"], key=len, reverse=True))
# "Wetterlin- och Dotorpsområdet": two names sharing one place noun.
_SHARED_SUFFIX_RE = prefiltered(
    re.compile(
        rf"[{_UP}](?<![\w-][{_UP}])[{_LO}]+-\s+(?:och|eller|samt)\s+"
        rf"[{_UP}][{_LO}][\w-]*?(?:{_SUFFIXES})(?![\w-])"
    )
)
# "rusta upp Stadsparken": a place compound as the object, after a lowercase word
# (on the same line, or on the next when the line wraps: "under\n   Ekvägen").
_OBJECT_PLACE_RE = prefiltered(
    re.compile(
        rf"[{_UP}](?:(?<=[{_LO}] [{_UP}]|[{_LO}]\n[{_UP}]|\s[ \t][{_UP}]|[ \t]\n[{_UP}])"
        # … or the next item of a list that a definite place noun opens ("vid
        # stationen, Ekparken och torget")
        rf"|(?<=[{_LO}]et, [{_UP}]|[{_LO}]en, [{_UP}]|[{_LO}]na, [{_UP}]))"
        rf"[{_LO}][\w-]*?"
        rf"(?:{'|'.join(_LEX['object_suffixes'])})(?![\w-])(?:{_HOUSE_NUMBER})?"
    )
)
# "patrullerar Stora torget": a square, park or harbour named by an adjective, as the
# object of a verb (after a lowercase word; with a preposition ``_NAME`` reads it).
_ADJECTIVE_OBJECT_RE = prefiltered(
    re.compile(
        rf"(?<=[{_LO}] )(?:Stora|Lilla|Gamla|Nya)[ \t]+"
        r"(?:torget|parken|hamnen|stan|kyrkogården|stationen)(?![\w-])"
    )
)
# A road by its number: "kontroller på E45", "längs E4", "längs väg 212".
_ROAD_RE = re.compile(
    r"(?<![\w-])(?i:på|längs|utmed|vid|intill)[ \t]+"
    r"(?P<road>E[ \t]?\d{1,2}|(?:[Rr]iks|[Ll]äns)?väg[ \t]+\d{1,3})(?![\w-])"
)
# "på väg 363 genom Ekby och Åby": the villages a road runs through.
_THROUGH_RE = re.compile(
    rf"[ \t]+genom[ \t]+({_NAME}(?:[ \t]*(?:,|\boch\b)[ \t]*{_NAME}){{0,6}})(?![\w-])"
)
# Held by every match of ``_ROAD_RE``, found faster than its prepositions.
_ROAD_NUMBER = re.compile(r"E[ \t]?\d|väg[ \t]+\d")
_WRAPPED_OBJECT = re.compile(rf"[{_LO}][ \t]*\n[ \t]*$")
_NAME_AND_NOUN_RE = prefiltered(
    re.compile(
        # "Ekby tekniska universitet": a -ska adjective may stand before the noun
        rf"({_NAME_WORD_START})\s+(?:(?:[{_LO}]+ska\s+)?[{_LO}]*?"
        rf"(?:{'|'.join(_LEX['facility_nouns_after'])})"
        # a shopping centre's name in capitals after it ("Ekby Shopping")
        rf"|Shopping|Center|Galleria)(?![\w-])"
    )
)
# "stadsdelarna (Skiftinge och Lagersberg)", "platser som upplevs som otrygga;
# Torget, Stationen och …": names listed right after a noun for kinds of places.
# Found from the bracket or the colon backwards (a literal first is fast).
_BRACKETED_RE = re.compile(r"\((?P<list>[^()\n]{2,120})\)")
_BRACKET_NOUN = prefiltered(re.compile(rf"(?<![\w-])(?i:{_LIST_NOUNS})\s*$"))
_COLON_LIST_RE = re.compile(r"[:;][ \t]*(?P<list>(?:[^.:;\n]|\n(?![ \t]*[\n•*-]))+)")
_COLON_NOUN = re.compile(rf"(?i:\w*(?:{_LIST_NOUNS}))\b[^.:;\n]{{0,80}}$")
_LIST_ITEM_RE = re.compile(r"[^,]+")
# "Fokusområden: Otrygghet i X, Bostadsinbrott" lists problems, not places.
_FOCUS_LABEL = re.compile(
    r"(?i:fokus|problem|prioriterade\s+|insats|tema)områden(?:a)?\b[^.:;\n]{0,80}$"
)


@per_document  # asked for every commitment; the set is only read
def _municipality_forms(municipalities: tuple[str, ...]) -> set[str]:
    forms: set[str] = set()
    for name in municipalities:
        base = _fold(name.strip())
        if not base:
            continue
        forms.update({base, base + "s", base.rstrip("s")})
    return forms


def find_places(
    text: str, *, municipalities: list[str], document: str | None = None
) -> list[tuple[str, Span]]:
    """Named places in ``text`` as written, each with its span, in reading order.

    ``document``: a text that ``text`` is a slice of (or ``text`` itself); the
    expressions are then prefiltered by what the document holds (``narrowing``).

    Never returns a bare municipality name, a word followed by "kommun", or a
    generic lowercase noun. Duplicates (case-insensitive) keep their first span.
    """
    muni = _municipality_forms(tuple(municipalities))
    found: list[tuple[str, Span]] = []
    taken: list[Span] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    companies = (
        {_fold(m.group("a") or m.group("b")) for m in _COMPANY_NAME.finditer(text)}
        if "AB" in text  # every match holds it; most texts name no company
        else set()
    )

    def add(value: str, s: int, e: int) -> None:
        if overlaps(s, e) or _COMPANY_AFTER.match(text, e):
            return  # … and "Ekby hamn AB" is a company, not the harbour
        if companies and re.sub(r"s$", "", _fold(value)) in companies:
            return  # "Ekbyhems tidning" where the text names "AB Ekbyhem"
        taken.append((s, e))
        found.append((value, (s, e)))

    for m in finditer_in(_CENTRALA_RE, text, document):
        if _fold(m.group(1)) in _STOP:
            continue
        add(text[m.start() : m.end()], m.start(), m.end())
    for m in _QUARTER_RE.finditer(text) if muni else ():
        if _fold(m.group(1)) in muni:
            add(m.group(0), m.start(), m.end())
    for m in finditer_in(_QUALIFIED_RE, text, document):
        if _fold(m.group(1)) in _STOP or _is_org_word(m.group(1)):
            continue
        add(m.group(0), m.start(), m.end())
    for m in finditer_in(_GENITIVE_FACILITY_RE, text, document):
        if _fold(m.group(1)) in _STOP or _is_org_word(m.group(1)):
            continue  # "Kommunens fritidsgård" is no name
        if _LINE_START.search(
            text, max(0, m.start() - 8), m.start()
        ) and classify_party(m.group(0)):
            continue  # "• Ungdomens hus håller öppet …": a kommun unit that acts
        add(m.group(0), m.start(), m.end())
    for m in finditer_in(_NOUN_NAME_RE, text, document):
        if (
            _word_excluded(m.group(1))
            or _fold(m.group(1)) in muni
            # "fritidsgården Ekgården": the name says what it is and stands alone
            or _COMPLETE_NAME.match(m.group(1))
            # "personal på fritidsgården Ankaret": its staff, an actor
            or _STAFF_BEFORE.search(text, max(0, m.start() - 30), m.start())
        ):
            continue
        add(m.group(0), m.start(), m.end())
    for m in (
        finditer_in(_SHARED_SUFFIX_RE, text, document) if "-" in text else ()
    ):  # "-" is in each match
        add(m.group(0), m.start(), m.end())
    for m in finditer_in(_NAME_AND_NOUN_RE, text, document):
        if _word_excluded(m.group(1)) or (
            _fold(m.group(1)) in muni and len(m.group(0).split()) < 3
        ):
            continue  # "Ekby station" is read elsewhere; "Ekby tekniska …" here
        add(m.group(0), m.start(), m.end())
    # every match of the two opens with its bracket or its colon (semicolon)
    for rx, noun, marks in (
        (_BRACKETED_RE, _BRACKET_NOUN, "("),
        (_COLON_LIST_RE, _COLON_NOUN, ":;"),
    ):
        for m in rx.finditer(text) if any(c in text for c in marks) else ():
            lo = max(0, m.start() - 100)
            if not noun.search(text, lo, m.start()) or _FOCUS_LABEL.search(
                text, lo, m.start()
            ):
                continue
            for item in _LIST_ITEM_RE.finditer(m.group("list")):
                for part in re.split(r"\s+(?:och|samt|eller)\s+", item.group(0)):
                    value = part.strip(" \t/")
                    if not value or not value[0].isupper() or len(value.split()) > 4:
                        continue
                    if _word_excluded(value.split()[0]) or _fold(value) in muni:
                        continue
                    s = m.start("list") + item.start() + item.group(0).find(value)
                    add(value, s, s + len(value))
    for m in prep_name_matches(text, document):
        group_start = m.start(1)
        if noun_ends_line(text, m.start(), group_start, _NOUN_AT_END):
            continue
        for part in _SPLIT_LIST_RE.finditer(m.group(1)):
            value = part.group(0)
            s = group_start + part.start()
            e = group_start + part.end()
            value, e = _cut_name(value, s, e, muni)
            # "… bland unga i Ekby\nBuskörning i Åby": a list of short lines, no
            # line wrapped inside a name
            short = "\n" in value and short_line(text, s + value.index("\n"))
            if short or _is_excluded(text, value, e, muni):
                # "i Ekby\nPolisen kommer …": the name ends at the line break,
                # and the next line says nothing about it
                head = value.split("\n")[0].rstrip()
                if head != value:
                    if _word_excluded(head) or classify_party(head):
                        continue
                    if _fold(head) in muni or _ORG_BEFORE.search(
                        text[max(0, s - 60) : s]
                    ):
                        continue
                else:
                    head = value.split(" i ")[0]
                    if head == value or _is_excluded(text, head, s + len(head), muni):
                        continue
                value, e = head, s + len(head)
            add(value, s, e)
    for m in finditer_in(_OBJECT_PLACE_RE, text, document):
        if _word_excluded(m.group(0)) or _fold(m.group(0)) in muni:
            continue
        if text[m.start() - 2] in " \t\n" and not _WRAPPED_OBJECT.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # a line that starts with the name, not a wrapped object
        add(m.group(0), m.start(), m.end())
    for m in _ADJECTIVE_OBJECT_RE.finditer(text):
        add(m.group(0), m.start(), m.end())
    road = ("E" in text or "väg" in text) and _ROAD_NUMBER.search(text)
    for m in _ROAD_RE.finditer(text) if road else ():
        add(m.group("road"), m.start("road"), m.end("road"))
        through = _THROUGH_RE.match(text, m.end())
        if through is None:
            continue
        for part in _SPLIT_LIST_RE.finditer(through.group(1)):
            s, e = through.start(1) + part.start(), through.start(1) + part.end()
            if not _is_excluded(text, part.group(0), e, muni):
                add(part.group(0), s, e)
    found.sort(key=lambda item: item[1][0])
    seen: set[str] = set()
    out: list[tuple[str, Span]] = []
    for value, span in found:
        value = " ".join(value.split())  # a name wrapped over two lines
        key = _fold(value)
        if key in seen:
            continue
        seen.add(key)
        out.append((value, span))
    return out


_NOUN_AT_END = re.compile(rf"(?i:{_PLACE_NOUNS})[ \t]*$")


_IN_TOWN = re.compile(r"[ \t]+i[ \t]+(?P<town>\S+)$")
_COMPLETE_NAME = re.compile(rf"\S*(?:{_SUFFIXES})$")


def _cut_name(value: str, s: int, e: int, muni: set[str]) -> tuple[str, int]:
    """The place a matched name really names: "Storgatan i Ekby" is Storgatan when
    Ekby is the kommun (never a place); a compound that ends in a place noun is
    whole, so the next line's first word is no part of it ("… kring
    Ekbytorget\nUnga som …")."""
    town = _IN_TOWN.search(value)
    if town and _fold(town.group("town")) in muni:
        value = value[: town.start()]
    first, newline, _rest = value.partition("\n")
    if newline and _COMPLETE_NAME.match(first.rstrip()):
        value = first.rstrip()
    return value, s + len(value)


# A one-word name written with "AB" before or after it is a company's name.
_COMPANY_NAME = re.compile(
    r"\bAB[ \t]+(?P<a>[A-ZÅÄÖ][\w-]+)\b(?![ \t]+[A-ZÅÄÖ])"
    r"|(?<![\w-])(?P<b>[A-ZÅÄÖ][\w-]+)[ \t]+AB\b"
)
_COMPANY_AFTER = re.compile(r"[ \t]+(?:AB|HB|KB|Aktiebolag)\b")
