"""What a capitalised name in a place position is not: a month or a weekday, an
organisation ("Polisen", "Kumla kommun", "Brottsförebyggande rådet"), a person
with a title ("Agneta Holm, lokalpolisområdeschef"), a newspaper, the kommun
itself. Used by :mod:`places`, which finds the names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from medborgarloften.lib.months import MONTHS_EN, MONTHS_SV

from .lexicons import load
from .parties import classify_party, is_org_name
from .prefilter import prefiltered

_LEX = load("places")

_MONTHS = " ".join(MONTHS_SV) + " måndag tisdag onsdag torsdag fredag lördag söndag"
# English, on a kommun's page in English ("by the end of October")
_MONTHS += " " + " ".join(MONTHS_EN) + " monday tuesday wednesday thursday friday"
_MONTHS += " saturday sunday the"
# Capitalised words that are not places (organisations, programmes, media).
_STOP = set(
    (
        _MONTHS + " polisen polis polismyndigheten kommunen kommun region regionen "
        "länsstyrelsen trafikverket sverige grannsamverkan facebook instagram "
        "twitter youtube medborgarlöfte medborgarlöften medborgarlöftet brå "
        "lokalpolisområde lokalpolisområdet trygghetsmätningen socialtjänsten "
        "tillsammans vi det den detta under efter genom enligt med "
        # a determiner opening a sentence ("Varje skola får besök …")
        "varje alla samtliga "
        # an aim opening a heading ("Trygga torg och centrummiljöer", "Trygg
        # stadskärna"): a kind of place, no name
        "trygg trygga tryggt tryggare säker säkra säkert säkrare "
        # a web page's link or button ("Hitta polisstation", "Sök vårdcentral")
        "hitta sök läs kontakta tipsa anmäl ladda "
        # a slide's or focus area's title ("Trygg stadskärna", "Säker skolväg")
        "trygg trygga tryggt tryggare säker säkra säkert säkrare lugn lugnare "
        # a holiday or a day of the school year ("tillsyn vid Valborg")
        "valborg valborgsmässoafton midsommar midsommarafton lucia påsk påsken "
        "nyårsafton skolavslutning skolavslutningen "
        # people opening a focus area's title ("Unga ska inte dras in i …")
        "unga ungdomar äldre barn elever föräldrar "
        # a crime or problem opening a focus area's title in a list ("… i Norrby,
        # Narkotika bland unga", "… samt Bedrägerier mot äldre")
        "narkotika våld bedrägerier bedrägeri inbrott skadegörelse klotter otrygghet "
        "stölder rån hot"
    ).split()
)
_NOT_PLACE_SUFFIX = re.compile(
    rf"(?:{'|'.join(_LEX['not_place_suffixes'])})$", re.IGNORECASE
)


@lru_cache(maxsize=8192)
def _fold(value: str) -> str:
    return unicodedata.normalize("NFC", value).casefold()


_ORG_WORD = re.compile(
    # also in the genitive ("på Brå-rådets möten"), and a council's proper name
    # ("Ekby Trygghetsråd")
    r"(?:polis|kommun|region)\w*|[\w-]*(?:(?<!om)råd(?:et)?|tjänsten|verket|förvaltningen|nämnden|"
    r"styrelsen|myndigheten|förbundet|föreningen|bolaget|gruppen|mätningen|"
    r"undersökningen|enheten|avdelningen|projektet|programmet|modellen|metoden)s?$"
)
# "Kumla kommun", "Växjö lokalpolisområde", "Region Kalmar" are organisations.
_ORG_AFTER = re.compile(
    r"(?i)(?:s\s+)?(?:kommun|lokalpolisområde|polisområde|län\b|region)"
)
_NEXT_WORD = re.compile(r"[\w-]+")
# Stop words that are part of a name after its first word ("Södra Vi").
_NAME_PRONOUNS = frozenset(("vi", "det", "den"))
_TITLE_AFTER = re.compile(
    r"[ \t]*,[ \t]*\w*(?:chef|ordförande|råd|direktör|samordnare|sekreterare)\b",
    re.IGNORECASE,
)
# … and a name in a title or a police district: "polisområdeschef i Mora",
# "Polisen i Östra Norrbotten".
_ORG_BEFORE = prefiltered(
    re.compile(
        r"(?i)(?:lokalpolisområde|lpo|region|kommunpolis|"
        r"(?:chef|ordförande|råd|direktör|polisen)\s+i(?:\s+[\w-]+(?:,|\s+och))*)\s*$"
    )
)


@lru_cache(maxsize=8192)
def _is_org_word(word: str) -> bool:
    """An organisation word ("Polisen", "Brottsförebyggande rådet"); names repeat, so cached."""
    return _ORG_WORD.fullmatch(_fold(word)) is not None


@lru_cache(maxsize=8192)
def _word_excluded(value: str) -> bool:
    """The parts of :func:`_is_excluded` that depend on the name alone."""
    words = value.split()
    if any(_is_org_word(w) for w in words if w != "i"):
        return True
    if any(
        _fold(w) in _STOP and not (i and _fold(w) in _NAME_PRONOUNS)
        for i, w in enumerate(words)
    ):
        return True  # … but "Södra Vi" is a place
    if any(_NOT_PLACE_SUFFIX.search(w) for w in words):
        return True  # "Ekbybladet": a newspaper
    if len(words) >= 2 and words[-1] == "Stad" and words[-2].endswith("s"):
        return True  # "Ekby Stad" as a kommun calls itself: an organisation
    return value.isupper()


# "i Ekbyhus", "i Ekby och Åshus", "i Åby, Ekbyhem och Ås": a name that looks like a company's ("-hus",
# "-hem") but stands where something is, after the locative "i", is a place.
_IN_BEFORE = re.compile(
    r"(?:^|\s)i[ \t]+(?:[\w-]+(?:,[ \t]*|[ \t]+(?:och|samt)[ \t]+)(?:i[ \t]+)?){0,4}$"
)


def _is_excluded(text: str, value: str, end: int, muni: set[str]) -> bool:
    party = classify_party(value)
    if (
        party == "annan"
        and is_org_name(value)
        and _IN_BEFORE.search(text, max(0, end - len(value) - 40), end - len(value))
    ):
        party = None
    if party == "both" and " " in value and _fold(value.split()[-1]) in _NAME_PRONOUNS:
        party = None  # "Södra Vi" is a place, not "vi"
    if _word_excluded(value) or party:
        return True  # … and "Skola, Socialtjänst, Polis och Fritid" are parties
    if _TITLE_AFTER.match(text, end):
        return True  # "Agneta Holm, lokalpolisområdeschef": a person
    if _fold(value) in muni:  # names are matched without surrounding space
        return True
    after = "" if text.startswith("\t", end) else text[end : end + 30].lstrip()
    if _ORG_AFTER.match(after):
        return True
    next_word = _NEXT_WORD.match(after)
    if next_word and _is_org_word(next_word.group(0)):
        return True
    before = text[max(0, end - len(value) - 60) : end - len(value)]
    return bool(_ORG_BEFORE.search(before))
