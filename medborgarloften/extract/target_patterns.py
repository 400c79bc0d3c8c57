"""The rate lexicon and the patterns for quantities, units, areas and deadlines that targets are read with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medborgarloften.lib.months import MONTH_PATTERN_SV, MONTHS_EN

from .lexicons import load, spaced
from .numbers import NUMBER_TOKEN, number_token_at_word_start
from .prefilter import Prefiltered, prefiltered

# English too: a kommun's page in English ("in February", "by the end of October").
_MONTH_ALT = MONTH_PATTERN_SV + "|" + "|".join(MONTHS_EN)


@dataclass(frozen=True)
class _Rate:
    regex: Prefiltered
    per: str | None
    weekday: bool
    # The prefilter's literals, checked inline by ``targets._find_rates`` ("" when
    # none were derived: it is in every text).
    literals: tuple[str, ...]


def _rates() -> list[_Rate]:
    out = []
    for entry in load("frequency")["rate"]:
        regex = Prefiltered(re.compile(spaced(entry["pattern"]), re.IGNORECASE))
        out.append(
            _Rate(
                regex=regex,
                per=entry["per"] or None,
                weekday=bool(entry.get("weekday", False)),
                literals=regex.literals or ("",),
            )
        )
    return out


RATES = _rates()


NOT_MEASURABLE_RE = re.compile(
    "|".join(spaced(p) for p in load("frequency")["not_measurable"]["patterns"]),
    re.IGNORECASE,
)


_QUALIFIER = (
    r"(?:minst|högst|max(?:imalt)?|upp till|totalt|cirka|ca\.?|omkring|drygt|"
    r"åtminstone|ytterligare|endast|bara|fler än|mer än|över|närmare)"
)


_ARTICLE_OK_BEFORE = prefiltered(
    re.compile(
        spaced(
            r"(?:minst|högst|max(?:imalt)?|totalt|åtminstone|ytterligare|endast|bara|"
            r"åtminstone|mer än|fler än)\s+$"
        ),
        re.IGNORECASE,
    )
)


_QTY_REST = (
    r"(?:\s*(?:–|-|till)\s*(?P<high>"
    + NUMBER_TOKEN
    # "fem (5)", "10 (tio)": the number repeated in brackets
    + r"))?(?:\s*\((?:\d+|"
    + NUMBER_TOKEN
    + r")\))?(?![\w:%-])(?![.,]\d)"
)
# The plain form (tests compare the two) …
_QTY_PLAIN = re.compile(
    r"(?<![\w:/.-])(?P<num>" + NUMBER_TOKEN + ")" + _QTY_REST, re.IGNORECASE
)
# … and the one scanned with, every commitment's text: it opens with a class of
# the characters a number starts with, which ``re`` skips to in C (4x faster).
_QTY_RE = re.compile(
    "(?P<num>" + number_token_at_word_start(r"[\w:/.-]") + ")(?i:" + _QTY_REST + ")"
)


_UNIT_STOP = {
    "i",
    "på",
    "för",
    "av",
    "med",
    "under",
    "per",
    "varje",
    "mot",
    "till",
    "om",
    "som",
    "och",
    "samt",
    "där",
    "vid",
    "inom",
    "efter",
    # a deadline after the counted noun ("två fältassistenter senast i juni")
    "senast",
    "före",
    "innan",
    "från",
    "hos",
    "kring",
    "runt",
    # "fyra nya lampor längs Ekvägen": a preposition ends the counted noun
    "längs",
    "utmed",
    "utanför",
    "intill",
    "bland",
    "inför",
    "bakom",
    "framför",
    "ska",
    "skall",
    "kommer",
    "att",
    "genomförs",
    "genomföras",
    "hållas",
    "görs",
    "är",
    "blir",
    "har",
    "ha",
    "året",
    "perioden",
    "the",
    # English, on a kommun's page in English
    "during",
    "about",
    "a",
    "an",
    "at",
    "to",
    "for",
    "with",
    "on",
    "of",
    "each",
    "every",
    "år,",
    "in",
    "ut",
    "eller",
    "både",
    "mellan",
    "utöver",
    "enligt",
    "genom",
    "samtidigt",
    "vilket",
    "vilka",
    "då",
    "när",
    "den",
    "det",
    "de",
    "denna",
    "detta",
    "dessa",
}


_TIME_UNITS = re.compile(
    r"^(?:år|året|åren|års|månad|månader|månaden|vecka|veckor|veckan|dygn|kr|kronor)$",
    re.IGNORECASE,
)


_AREA_RE = prefiltered(
    re.compile(
        spaced(
            r"\b(?:respektive|varje|per|i alla|i samtliga|i var och en av"
            r"|i vart och ett av)\s+(?:av\s+)?(?:de\s+)?(?:\w+\s+)?"
            # "varje högstadieskola", "varje bostadsområde": a compound ending in one
            r"(?:(?:högstadie|lågstadie|mellanstadie|grund|gymnasie|förskole)?skol\w*\b|"
            r"område|områdena|stadsdel|stadsdelarna|ort|orterna|skola|skolorna|by|byarna|"
            r"kommundel|kommundelarna|tätort|tätorterna|kommun|kommunerna|bostadsområde|"
            # "minst en gång per träffpunkt": one per meeting place, as per school
            r"träffpunkt|mötesplats|fritidsgård|ungdomsgård|äldreboende)\w*"
            # "två vandringar per år i vardera Åby och Byn": one count for each
            r"|\b(?:i|på|vid|för)\s+vardera\b"
            # "ett möte i Åby och ett i Byn": one for each place named
            r"|\b(?:en|ett)\s+(?:\w+\s+){0,5}?(?:i|på|vid)\s+(?-i:[A-ZÅÄÖ])\w+\s+och\s+"
            r"(?:en|ett)\s+(?:i|på|vid)\s+(?-i:[A-ZÅÄÖ])"
        ),
        re.IGNORECASE,
    )
)


# "två trygghetsvandringar, en i Åby och en i Byn": the count is the total, the
# places share it out (one in each), so it is no count per place.
_SHARED_OUT = re.compile(r"(?:en|ett)\s", re.IGNORECASE)


def per_area(text: str, quantity: int | None) -> bool:
    """The count applies to each area ("varje stadsdel", "ett möte i Åby och ett i
    Byn"); not a total of more than one shared out over the places named."""
    return any(
        not (quantity is not None and quantity > 1 and _SHARED_OUT.match(m.group(0)))
        for m in _AREA_RE.finditer(text)
    )


# More of something on the days named: longer opening hours or working time, or
# open "also" on an evening ("utökar öppettiderna på fredagskvällar", "förlänga
# deras arbetstid på lördagskvällar", "öppen även på fredagskvällar"). The days say
# when the extra falls; nothing recurs that can be counted.
MORE_ON_DAYS = prefiltered(
    re.compile(
        r"\b(?:utöka|utökar|förlänga|förlänger)\s+(?:\w+\s+){0,3}?"
        r"(?:öppettid\w*|arbetstid\w*|öppethållande\w*)"
        r"|\bäven\s+(?:på\s+)?(?:månd|tisd|onsd|torsd|fred|lörd|sönd)ags",
        re.IGNORECASE,
    )
)
_WHOLE_PERIOD_RE = prefiltered(
    re.compile(spaced(r"\bunder (?:året|perioden|löptiden|\d{4})\b"), re.IGNORECASE)
)


_UNDER_YEAR_RE = prefiltered(
    re.compile(spaced(r"\bunder (?:året|varje år|ett kalenderår)\b"), re.IGNORECASE)
)


_DEADLINE_RE = prefiltered(
    re.compile(
        spaced(
            # … or a date alone in brackets, as a table's "Tid" cell reads:
            # "Kameror i trapphusen (30 juni 2026)"; a schedule cell's "Klart
            # december 2025" (done by then)
            # "från och med augusti" (no end month: a change from that month on)
            r"(?:\b(?:senast|före|innan|inför|till och med|t\.o\.m\.|från och med|under|i|by"
            r"|den|till|in"
            r"|klara?t?|färdig[at]?)\s+"
            r"|\((?=\d{1,2}\s))"
            r"(?:(?:utgången av|slutet av|början av|mitten av|the end of)\s+)?"
            r"(?:(?P<day>\d{1,2})\s+)?(?P<month>"
            + _MONTH_ALT
            + r")(?:\s+(?P<year>(?:19|20)\d\d))?\b"
            r"|(?:\bsenast\s+|\()(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
        ),
        re.IGNORECASE,
    )
)


_WEEK_RE = re.compile(
    r"\b(?:senast|före|innan|till|till och med|under|i|by)\s+(?:vecka|v\.)\s*(?P<week>\d{1,2})\b",
    re.IGNORECASE,
)


_EXCLUDE_BEFORE = prefiltered(
    re.compile(
        r"(?<![\w-])(?:årskurs|åk|klass|kl\.?|nr\.?|nummer|kapitel|paragraf|§|steg|fas|version|"
        r"vecka|v\.|mellan|sida|bilaga|year|grade|"
        r"lokal|rum|(?:riks|läns|europa)?väg|gata|gatan|buss|linje|skolår|"
        # "alla elever i år 1": a school year, as "årskurs 1"
        r"(?:elever(?:na)?|klass(?:er(?:na)?)?)\s+i\s+år)\s*"
        # "årskurs 5 och 6", "åk 7–9": every number of the list is a name
        r"(?:\d{1,2}\s*(?:,|och|–|-|till|samt)\s*)*$",
        re.IGNORECASE,
    )
)


# A number that belongs to a name: after an acronym ("LOV 3") or after a capitalised
# word inside the sentence ("Storgatan 12", "Skyttegatan (2)").
_IDENTIFIER_BEFORE = re.compile(
    r"(?:(?<![\w-])[A-ZÅÄÖ]{2,6}|(?<=[\w,] )[A-ZÅÄÖ][a-zåäöé]+)[ \t]*\(?$"
)
_IDENTIFIER_LETTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖabcdefghijklmnopqrstuvwxyzåäöé"
)


# A count with its unit and a rate right after the number ("2 gånger per år", "1
# helg/månad", "3 kvällar i veckan"): a count, even after a capitalised name ("i
# Skara 2 gånger per år").
_COUNT_AT_RATE_AFTER = re.compile(
    r"[ \t]*[^\W\d][\w-]*[ \t]*(?:/[ \t]*|per[ \t]+|i[ \t]+(?=veckan|månaden|året))"
    r"(?:vecka|veckan|månad|månaden|år|året|kvartal|termin|dag|dygn)\b",
    re.IGNORECASE,
)


def counted_at_rate(after: str) -> bool:
    """A unit and a rate follow the number at once (``_COUNT_AT_RATE_AFTER``)."""
    return _COUNT_AT_RATE_AFTER.match(after) is not None


def identifier_before(before: str) -> bool:
    """``_IDENTIFIER_BEFORE.search(before)``, tried only from where a match can start.

    A match is letters, then spaces or tabs, an optional "(" and the end (or a final
    newline), so it starts in the run of letters that ends the text that way; the
    search from there (its look-behinds still see what precedes) finds the same
    match without trying every capital letter of the text.
    """
    i = len(before)
    if i and before[i - 1] == "\n":
        i -= 1
    if i and before[i - 1] == "(":
        i -= 1
    while i and before[i - 1] in " \t":
        i -= 1
    while i and before[i - 1] in _IDENTIFIER_LETTERS:
        i -= 1
    return _IDENTIFIER_BEFORE.search(before, i) is not None


_DURATION_ATTRIBUTE = re.compile(
    r"\s*(?:sekunders|minuters|timmars|dagars|veckors|månaders|års)\b", re.IGNORECASE
)


_PIECES = re.compile(r"\s*\(?\s*(?:st|stycken|st\.)\s*\)?", re.IGNORECASE)


_VERB_STOP = {
    "genomföra",
    "göra",
    "hålla",
    "ha",
    "fortsätta",
    "arrangera",
    "anordna",
    "erbjuda",
    "bjuda",
    "delta",
    "besöka",
    "ordna",
    "starta",
    "anordnar",
    "genomför",
    "håller",
    "gör",
    "erbjuder",
    "minst",
    "cirka",
    "med",
    "ska",
    "kommer",
    "att",
}


# The counted noun right after the number: "fyra lördagar", "två kvällar".
_NOUN_AFTER = re.compile(r"\s+(?:(\w+)\s+)?(?=\w)")
_RATE_WORD = re.compile(r"(?:på|varje|varenda|alla)\s", re.IGNORECASE)


def rates_for_count(
    text: str,
    qspan: tuple[int, int],
    rates: list[tuple[str | None, tuple[int, int], bool]],
) -> list[tuple[str | None, tuple[int, int], bool]]:
    """The rates that say how often a count recurs. Weekdays that are the counted
    noun ("fyra lördagar i juli") are the count itself, no rate; weekdays beside an
    explicit rate ("på fredagskvällar, minst två kvällar i månaden") only say
    when, and the explicit rate counts."""
    gap = _NOUN_AFTER.match(text, qspan[1])
    nouns = {gap.end(), gap.start(1)} if gap else set()
    kept = [
        r
        for r in rates
        if not (r[2] and r[1][0] in nouns and not _RATE_WORD.match(text, r[1][0]))
    ]
    explicit = [r for r in kept if not r[2] and r[0]]
    return explicit + [r for r in kept if r not in explicit] if explicit else kept


# "en förmiddag varje vecka": the one counted right before a weekly rate.
_ONE_BEFORE_RATE = re.compile(r"\s(?:en|ett)\s+[\w-]+\s+$", re.IGNORECASE)
