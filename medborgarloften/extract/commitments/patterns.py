"""The section lexicon and the patterns every commitment rule shares, and the candidate record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..lexicons import load, spaced
from ..prefilter import Prefiltered, by_first_letter, prefiltered
from ..structure import Block, unmarked

_SECTIONS = load("sections")


def _compile(key: str) -> re.Pattern[str] | Prefiltered:
    return prefiltered(
        re.compile("|".join(f"(?:{spaced(p)})" for p in _SECTIONS[key]), re.IGNORECASE)
    )


class SectionCue:
    """Whether a text holds one of a section list's patterns: ``search`` is
    ``_compile(key).search`` as a truth value.

    Most headings of the list are anchored ("^uppföljning"); in one alternation
    ``re`` tries each of them at every character of the text (30 µs for a line).
    Those are tried once, at the start, with ``match``; the others are searched.
    """

    __slots__ = ("key", "_anchored", "_searched")

    def __init__(self, key: str) -> None:
        self.key = key
        anchored = [p for p in _SECTIONS[key] if _at_start(f"(?:{spaced(p)})")]
        searched = [p for p in _SECTIONS[key] if p not in anchored]
        self._anchored = _compile_list(anchored)
        self._searched = _compile_list(searched)

    def search(self, text: str) -> bool:
        return bool(
            (self._anchored is not None and self._anchored.match(text))
            or (self._searched is not None and self._searched.search(text))
        )


def _compile_list(patterns: list[str]) -> re.Pattern[str] | Prefiltered | None:
    if not patterns:
        return None
    return prefiltered(
        re.compile("|".join(f"(?:{spaced(p)})" for p in patterns), re.IGNORECASE)
    )


def _at_start(pattern: str) -> bool:
    """Every match of ``pattern`` (compiled without MULTILINE) starts at "^"."""
    import re._constants as c  # noqa: PLC0415 - CPython's parser, as prefilter uses
    import re._parser as parser  # noqa: PLC0415

    def anchored(items: Any) -> bool:
        items = list(items)
        if not items:
            return False
        op, av = items[0]
        if op is c.AT:
            return bool(av is c.AT_BEGINNING or av is c.AT_BEGINNING_STRING)
        if op is c.SUBPATTERN:
            return anchored(av[-1])
        if op is c.BRANCH:
            return all(anchored(alternative) for alternative in av[1])
        return False

    try:
        return anchored(parser.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - not understood: searched, as before
        return False


PROMISE_HEADING = SectionCue("promise")


EXCLUDED_HEADING = SectionCue("excluded")


ACTIVITY_LEADIN = SectionCue("activity_leadin")


FOCUS_LEADIN = SectionCue("focus_leadin")


FOCUS_HEADING = SectionCue("focus_heading")


UMBRELLA_GOAL = _compile("umbrella_goal")


FOCUS_STATEMENT = _compile("focus_statement")


OUTCOME = _compile("outcome")


# A finite promise verb: the sentence undertakes something.
_JOINED_PROMISE = re.compile(
    r"\b(?:och|samt|&)\s+(?:\w+\s+)?(?:medborgar)?(?:löfte|löften|åtgärder|aktiviteter|"
    r"insatser|åtaganden)\b"
)


_PROMISE_VERB = prefiltered(
    re.compile(
        spaced(
            r"\b(?:ska|skall|lovar|lovade|kommer att|kommer|åtar sig|åtog sig|förbinder sig|"
            r"utlovar|garanterar)\b"
        ),
        re.IGNORECASE,
    )
)


_VERB_AFTER_SUBJECT = re.compile(
    spaced(
        # "Föreningen Ekvakten i Ekby lovar …": a party's name with its town
        r"(?:\s+i\s+(?-i:[A-ZÅÄÖ])[\w-]+)?"
        r"[\s,]*(?:(?:även|också|därför|nu|tillsammans|gemensamt|båda|var för sig"
        # "Kommunen å sin sida ska …", "Polisen för sin del lovar …"
        r"|å sin sida|för sin del|i sin tur),?\s+)*"
        r"(?:ska|skall|lovar|lovade|kommer|åtar|åtog|förbinder|utlovar|garanterar)\b"
    ),
    re.IGNORECASE,
)


_EVALUATION = prefiltered(
    re.compile(r"(?:utvärder|följas upp|följs upp|analyser|summer)\w*$", re.IGNORECASE)
)


# "… lovar att de utsatta områdena ska bli tryggare": a promised outcome whose own
# subject is no party is an effect goal (SCHEMA b), not an activity.
_EMBEDDED_OUTCOME = prefiltered(
    re.compile(
        r"\b(?:lovar|vill|ska|skall)\s+(?:\w+\s+){0,2}?att\s+"
        r"(?P<np>(?:alla|de|det|den|fler|färre|vår|våra|invånarna|medborgarna)\b[^,.;:]{0,60}?)"
        r"\s+(?:ska|skall)\s+(?:bli|känna|uppleva|vara|upplevas|minska|öka)\b",
        re.IGNORECASE,
    )
)


# A bullet about the promise itself ("Medborgarlöften handlar om …", "Löftet är en
# del av …") describes; it undertakes nothing.
_ABOUT_ITSELF = re.compile(
    r"\s*(?:(?:det|detta|vårt|våra)\s+)?(?:medborgar)?löfte(?:t|n|na)?\s+"
    r"(?:handlar|är|innebär|bygger|utgår|syftar|gäller|består)\b",
    re.IGNORECASE,
)


_VERB_FIRST = re.compile(r"\s*(?:kommer|ska|skall|lovar)\s", re.IGNORECASE)


_PASSIVE_ACTION = prefiltered(
    re.compile(
        spaced(
            r"\b(?:ska|skall|kommer att)\s+(?:\w+\s+){0,3}?(?:\w+(?:as|ås)|fortgå|fortsätta|ske)\b"
        ),
        re.IGNORECASE,
    )
)


BULLET_OUTCOME = prefiltered(
    re.compile(
        spaced(
            r"\bska (?:känna sig|kunna känna|uppleva|upplevas|bli|uppnås)\b"
            r"|\b(?:ska )?(?:utgå|grunda sig|bygga|baseras) (?:från|på|ifrån)\b"
            # how people feel, said in the main clause: a description ("Invånarna
            # känner sig trygga men …"), not "… platser där många känner sig otrygga"
            r"|^\s*(?:(?!(?:där|som|när|om|att|var)\b)[\wåäöÅÄÖ-]+\s+){1,4}"
            r"(?:känner|kände) sig\b"
            # a measure as the subject: "Andelen som … ska minska från 34 till 25
            # procent", "Antalet anmälda inbrott ska halveras": an effect goal
            r"|^\s*(?:andel(?:en)?|antal(?:et)?|nivån|kostnaden|otryggheten"
            r"|brottsligheten)\b[^.;:]{0,160}?\bska\s+(?:\w+\s+){0,2}"
            r"(?:minska|öka|halveras|sjunka|stiga|ligga|vara lägre|vara högre)\b"
        ),
        re.IGNORECASE,
    )
)


INFINITIVE_START = re.compile(
    r"\s*(?:att\s+)?(?:"
    + "|".join(sorted(load("verbs")["infinitives"], key=len, reverse=True))
    + r")\s+\S+\s+\S+",
    re.IGNORECASE,
)


# "Medborgarlöftet ska följas upp …", "Resultatet ska redovisas …"; also after an
# adverb ("Även det nya löftet ska följas upp …", "Enligt löftet ska resultatet
# redovisas …", a report quoting what the promise says of its follow-up).
_ABOUT_THE_PROMISE = re.compile(
    r"\s*(?:(?:även|också|enligt\s+(?:det\s+)?(?:medborgar)?löftet)\s+)?(?:"
    r"(?:detta\s+|det\s+)?(?:(?:gemensamma|nya)\s+)?(?:medborgar)?löfte\w*\b"
    r"|(?:ska\s+|skall\s+)?(?:arbetet|uppföljning\w*|utvärdering\w*|resultatet|resultaten)\b)",
    re.IGNORECASE,
)


# "… lovar att göra några konkreta saker för att …": what a promise is, said of
# the genre; the things themselves come later.
_SOME_THINGS = prefiltered(  # asked of every sentence: "saker" is rare
    re.compile(
        r"\batt\s+göra\s+(?:några|ett\s+par|ett\s+antal|flera|olika|vissa)?\s*"
        r"(?:\w+a\s+)?saker\b",
        re.IGNORECASE,
    )
)

# "Under 2026 prioriterar vi tre områden.", "Vi fokuserar på fyra områden:": a
# sentence whose whole object is a count of the promise's parts announces the
# headings that follow; it undertakes nothing itself.
_ANNOUNCED_PARTS = prefiltered(  # matched against every sentence, twice
    re.compile(
        r"\s*(?:[\w-]+\s+){0,3}?\w+(?:ar|er|ör|år)\s+"
        r"(?:(?:vi|de|parterna|polisen|kommunen|också|även|särskilt|främst|extra)\s+)*"
        r"(?:(?:på|med|inom)\s+)?"
        r"(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d{1,2}|följande)\s+(?:\w+a\s+)?"
        r"(?:\w*områden|delar|teman|prioriteringar|spår|fokus)\s*[.:!]?\s*$",
        re.IGNORECASE,
    )
)

# "Det här lovar vi dig som bor i Ekby!", "Detta åtar sig parterna:": the object is
# what follows, so the line introduces the promises and undertakes nothing itself;
# a news article's "Fler patruller och ljusare gångar. Det lovar polisen …" sums up
# what the sentence before it said.
# "Det är vad kommunen och polisen ska ta tag i …", "Det här är de frågor som parterna
# ska arbeta med": a sentence summing up the problems named before it.
_POINTING = re.compile(
    r"\s*(?:(?:det\s+här|detta|följande|så\s+här|det)\s+(?:lovar|åtar|förbinder)\b"
    r"|(?:det|det\s+här|detta|här|dessa|de)\s+är\s+"
    r"(?:vad|det\s+som|(?:de|dessa|den|det)\s+\w+\s+som)\b)",
    re.IGNORECASE,
)
# "Därför lovar vi följande.": a lead-in closed with a full stop, not a promise;
# so is "Vi lovar invånarna följande under 2031 och 2032." (the promise's time).
_POINTING_END = prefiltered(
    re.compile(
        r"\b(?:lovar|åtar\s+sig|förbinder\s+sig)(?:\s+\w+){0,5}?\s+"
        r"(?:följande|detta|nedanstående)(?:\s+\w+)?"
        r"(?:\s+(?:under|för|från|till|inom)\s+(?:\w+\s+){0,2}?\d{4}"
        r"(?:\s*(?:[–-]|och|till)\s*\d{4})?)?[.:]?\s*$",
        re.IGNORECASE,
    )
)
# "… kommer överens om vad vi ska göra", "… bestämmer tillsammans vilka insatser
# som ska göras": how the promise is made (an indirect question), no action.
# Asked of every sentence twice; its verbs are rare, and the scan tried every word.
AGREE_ON_WHAT = prefiltered(
    re.compile(
        r"\b(?:överens|enas|enades|bestämmer|beslutar|väljer)\s+(?:\w+\s+){0,6}?"
        r"(?:om\s+)?(?:vad|vilka|vilken|vilket|hur)\s+(?:\w+\s+){0,3}?"
        r"(?:ska|skall|som\s+ska|som\s+skall)\b",
        re.IGNORECASE,
    )
)


def points_ahead(sentence: str) -> bool:
    """A line that points to what follows ("Det här lovar vi …", "Därför lovar vi
    följande.", "… att göra några saker", "Vi prioriterar tre områden.")."""
    return bool(
        _POINTING.match(sentence)
        or _POINTING_END.search(sentence)
        or _SOME_THINGS.search(sentence)
        or _ANNOUNCED_PARTS.match(sentence)
    )


_QUOTE = prefiltered(re.compile(r"[,–-]\s*säger\s+\w|\bsäger\s+[A-ZÅÄÖ]\w+\s+[A-ZÅÄÖ]"))


_TERMINAL = re.compile(r"[.!?:;)”\"]\s*$")


_DEFAULT = frozenset({"polis", "kommun"})

# A web page's notices about itself ("Vi använder kakor för att …", "Den här
# webbplatsen …", "Aktivera javascript …"): furniture, not a promise.
PAGE_FURNITURE = prefiltered(
    re.compile(
        r"\b(?:cookies?|kakor(?:na)?|javascript|webbläsare\w*)\b|"
        r"\b(?:den\s+här|denna)\s+(?:webbplats|webbsida|sida)\w*|"
        # a news page's note on the text it republishes ("Vi återger inlägget i
        # sin helhet nedan")
        r"\b(?:publicerar|återger|återpublicerar|delar|citerar)\b[^.!?\n]{0,50}?"
        r"\b(?:i\s+sin\s+helhet|ordagrant)\b|"
        # A table of contents: a title, a dot leader and its page number.
        r"(?:\.[ \t]?){4,}[ \t]*\d{1,3}\s*$|…{2,}[ \t]*\d{1,3}\s*$",
        re.IGNORECASE,
    )
)

# A page's running header or footer in text from a PDF: a title and its page number
# ("Medborgarlöfte Storby 2031 | sida 2", "Sida 3 av 4"); a decision paper's header
# with its page of pages ("EKBY KOMMUN  TJÄNSTESKRIVELSE  2 (5)") or its date and
# diary number ("2030-10-02  Dnr KS-2030/512", "Ekby kommun  Dnr KS 2030/41").
RUNNING_TITLE = re.compile(
    r"(?i)^(?:[^\n]{0,80}?\s[|–-]\s*)?sida\s+\d{1,3}(?:\s*(?:av|/)\s*\d{1,3})?\s*$"
    r"|^[^\n]{0,80}?\s\d{1,3}\s*\(\d{1,3}\)\s*$"
    r"|(?i:^(?:[^\n]{0,60}?\s)?(?:dnr|diarienummer|diarienr)\.?:?\s+[^\s]{2,12}"
    r"(?:\s[^\s]{1,12})?\s*$)"
)


@dataclass
class _Context:
    kind: str = "neutral"  # neutral | promise | activity | focus | excluded
    party: frozenset[str] | None = None
    explicit: bool = False  # a lead-in that names activities ("… aktiviteter:")
    # a focus area's heading inside the promise part ("Medborgarlöftet 2025" over
    # "Fokusområde 1: …"): the prose under it is the promise's again
    in_promise: bool = False


@dataclass
class _Candidate:
    text: str
    start: int
    end: int
    block_index: int
    kind: str  # bullet | sentence
    rule: str
    party: frozenset[str] | None
    context: _Context
    umbrella: bool = False
    focus: bool = False
    evidence: dict[str, Any] = field(default_factory=dict)
    #: Extra words for reading the target (a table row's "När" cell).
    target_hint: str = ""
    #: A table row's "Mål" cell (with its "När" cell): the target it states.
    goal: str = ""
    #: A table row's "Var" cell: the places it names.
    place_cell: str = ""


def bullet_candidate(
    block: Block,
    idx: int,
    rule: str,
    party: frozenset[str] | None,
    ctx: _Context,
    **extra: Any,
) -> _Candidate:
    """The list item ``block`` (at ``idx``) as a candidate accepted by ``rule``."""
    text = block.text.rstrip()
    return _Candidate(
        text,
        block.start,
        block.start + len(text),
        idx,
        "bullet",
        rule,
        party,
        ctx,
        **extra,
    )


def _clean(text: str) -> str:
    return unmarked(text.strip().strip("*_").strip())


# "2.1 Polisen åtar sig att", "3. Uppföljning", "§ 3 Effektmål": a section number
# before a heading; "Del 2 – Medborgarlöfte 2031", "Avsnitt 1: Uppföljning": a
# numbered part of a report.
_SECTION_NUMBER = re.compile(
    r"^\s*(?:(?:§\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s+"
    r"|(?:del|avsnitt|kapitel)\s+(?:\d{1,2}|[ivx]{1,4})\b\.?\s*(?:[–—:-]\s*)?)(?=\S)",
    re.IGNORECASE,
)


def _unnumbered(text: str) -> str:
    return _SECTION_NUMBER.sub("", text, count=1)


# The present passive of an action verb ("görs", "hålls", "anordnas", "ges").
_PASSIVE_FORMS = sorted(
    {v + "s" for v in load("verbs")["infinitives"]}
    | {v[:-1] + "s" for v in load("verbs")["infinitives"] if v.endswith("a")},
    key=len,
    reverse=True,
)
# The passive verb first or second in its clause: "Under juni görs dessutom två
# kontroller i månaden …", "Två kontroller i månaden görs vid …".
_FRONT_PASSIVE_PLAIN = re.compile(
    r"\s*(?:[^\s,.;:]+\s+){0,5}?(?:" + "|".join(_PASSIVE_FORMS) + r")\b",
    re.IGNORECASE,
)
# … its forms grouped by first letter (the tests compare the two): after each of
# the first words a letter class, not 140 forms, rules most of them out.
_FRONT_PASSIVE = re.compile(
    r"\s*(?:[^\s,.;:]+\s+){0,5}?" + by_first_letter("|".join(_PASSIVE_FORMS)) + r"\b",
    re.IGNORECASE,
)
# Statistics, not an undertaking: "Varje år görs omkring 300 anmälningar".
_APPROXIMATE = prefiltered(
    re.compile(
        r"\b(?:cirka|ca|omkring|drygt|nästan|runt|ungefär|knappt)\b|%|\bprocent\b",
        re.IGNORECASE,
    )
)

_FOLLOW_UP_TITLE = re.compile(
    r"(?i)\s*(?:uppföljning|redovisning|återrapportering)\s+av\s+(?:\w+\s+){0,2}"
    r"(?:medborgar)?löfte"
)

# "Åtagande 1: …": a numbered label opens a promise item wherever it stands.
_NUMBERED_LABEL = re.compile(r"\s*[^\W\d][\w ]{1,25}?\s(?:nr\.?\s*)?\d{1,2}\s*:")
# Cells set apart by a pipe or a tab: a table's row, not columns laid out by spaces.
_DELIMITED = re.compile(r"[|\t]")
# One item of a promise list written without markers: "Att ha ett möte i maj."
_ATT_LINE = re.compile(r"\s*Att\s+\S+(?:\s+\S+){2,}[.!]?\s*$")

# The promise's own "we" ("Vi ska …", "Tillsammans ska vi …").
_WE = re.compile(r"\b(?:vi|tillsammans|gemensamt)\b", re.IGNORECASE)
