"""The expressions that find parties in a sentence (``parties`` reads them): the
lexicon's party words, chains and enumerations of parties, subjects before and after
the verb, clauses of a second party, and names that promise. Kept apart from the
functions so each module stays readable; nothing here runs on import but compiling.
"""

from __future__ import annotations

import re

from .lexicons import load, spaced
from .prefilter import prefiltered

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
    r"(?:kommunens|kommuns|stadens|polisens|lokalpolisområdets)\s+"
    rf"(?!(?:{_alt(_LEX['not_annan'])}|och|samt|eller)\b)(?-i:[a-zåäö][\w-]+)"
)
_PARTY = (
    rf"(?:{_OWNED}\b"
    rf"|(?:{_NAME}s?\s+){{1,2}}{_FIRM}\b"
    # "AB Ekbybostäder", "AB Bostäder i Ekby": the company form written first
    rf"|(?-i:AB)\s+{_NAME}(?:\s+i\s+{_NAME})?\b|AB\b"
    rf"|{_NAME}s?\s+{_NAMED_TERM}\b"
    rf"|(?:(?:det|den|de|vårt|vår|våra|båda|bägge)\s+|{_NAME}s\s+)?(?:{_ADJ}\s+)?{_TERM}\b"
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
# A name may go on with the kind of unit it names ("Ekby fältgrupp", "Åby
# räddningstjänst"): one item, not a name and a party.
_PROPER = (
    rf"(?-i:(?:[A-ZÅÄÖ]{{2,6}}|{_NAME}(?:\s+{_NAME}){{0,2}}))\b"
    rf"(?:\s+(?=(?-i:[a-zåäö])){_TERM}\b)?{_ACRONYM_TAG}?"
)
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
# "LLT sätter upp …", "ELT har trygghetsvärdar …": an organisation's acronym alone
# as the subject of a present-tense verb.
# Acronyms of councils, methods, surveys and notices are no such organisation.
_ACRONYM_START_RE = re.compile(
    r"\s*(?!(?:BRÅ|EU|OBS|TV|SMS|CAN|EST|SSPF|SIP|PS)\b)"
    r"(?P<chain>(?-i:[A-ZÅÄÖ]{2,5}))(?=\s+(?-i:har|[a-zåäö]+(?:ar|er|ör|år))\b)"
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
    # nor a name inside the adverbial ("Tillsammans med Ekbybostäder AB …")
    r"(?!(?-i:[A-ZÅÄÖ]))"
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
# "Skolorna får besök av kommunpolisen": the subject receives what the party after
# "av" delivers (a visit, a lecture, information), so that party does the work.
_RECEIVES_RE = re.compile(
    r"\s*(?:att\s+)?[^.;:\n]{0,80}?\bfår\s+(?:\w+\s+){0,2}?"
    r"(?:besök|information|utbildning|föreläsning(?:ar)?|undervisning)\s+(?:av|från)\s+"
    rf"(?P<chain>{_CHAIN})",
    re.IGNORECASE,
)
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
