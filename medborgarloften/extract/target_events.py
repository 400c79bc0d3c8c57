"""One event held, written with the article, is a count of one.

SCHEMA and the corpus count "under perioden genomföra en trygghetsvandring" as
quantity 1 for the period (SCHEMA's own example: 1 "medborgardialog" per period).
Here the article counts when a verb of holding, arranging or carrying out stands
just before it (at most two words between) and an event noun follows ("hålla ett
öppet möte", "ordna en föräldrakväll", "erbjuda alla elever en kurs"), when an
invitation names its guests before "till" ("bjuda in föreningarna och skolorna till
en dialog"), when a verb of giving names its receivers first ("erbjuda alla
vårdnadshavare i årskurs 7 ett informationsmöte"), or when a verb of taking someone on does ("anställa en områdesvärd").
A thing built or written ("bygga en gångpassage", "ta fram en handlingsplan") and
"en" as "one of" or an amount ("en del kontroller", "ett antal möten", "en gång i
månaden") are no count. The words are in ``lexicons/events.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicons import load
from .numbers import NUMBER_TOKEN
from .target_patterns import _UNIT_STOP

_LEX = load("events")
_HELD = _LEX["held_event"]

_WORD = r"[^\W\d][\w-]*"


def _alternation(words: Iterable[str]) -> str:
    """Longest first, a space in a lexicon entry matching any run of whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


# A word between the verb and the article that ends the verb's clause or makes it
# another kind of clause: "genomföra att en …", "hålla som en …".
_GAP_WORD = r"(?!(?:att|som|när|där|om|inte|och|eller|men)\b)" + _WORD

# The verb, at most two words, and then the article (where ``before`` ends).
_HELD_BEFORE = re.compile(
    r"(?<![\w-])(?:" + _alternation(_HELD["verbs"]) + r")"
    r"(?:[ \t]+" + _GAP_WORD + r"){0,2}\s+$",
    re.IGNORECASE,
)
# An invitation: the verb, up to six words of guests (commas and "och" between
# them), "till" and the article.
_INVITE_BEFORE = re.compile(
    r"(?<![\w-])(?:" + _alternation(_HELD["invite_verbs"]) + r")"
    r"(?:,?\s+" + _WORD + r"){0,6}?\s+till\s+$",
    re.IGNORECASE,
)
# Giving: the verb, up to six words of receivers (a number among them: "i årskurs
# 7") and the article.
# An "och" inside the receivers joins them ("företagare i Ekby och Åby"); one right
# before the article joins a second thing given ("erbjuda stöd och en kurs").
_GIVE_BEFORE = re.compile(
    r"(?<![\w-])(?:" + _alternation(_HELD["give_verbs"]) + r")"
    r"(?:[ \t]+(?:" + _GAP_WORD + r"|\d{1,2}|och(?=[ \t]+" + _WORD + r"[ \t]))){0,6}?"
    r"\s+$",
    re.IGNORECASE,
)
# A list item that opens with the article ("• En trygghetsvandring i Ekby hamn före
# säsongen"): the item names the one event it holds.
_ITEM_START_BEFORE = re.compile(r"\A\s*\Z")
# A label opening the line ("Polisen och kommunen: en trafikdialog med boende",
# "Kommunen: ett öppet möte i maj"): the item names the one event it holds.
_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*[^\W\d][^:\n]{0,40}:[ \t]+$")
_HIRE_BEFORE = re.compile(
    r"(?<![\w-])(?:" + _alternation(_LEX["hire"]["verbs"]) + r")"
    r"(?:[ \t]+" + _GAP_WORD + r"){0,2}\s+$",
    re.IGNORECASE,
)

_NOUN = re.compile(r"[\w-]*(?:" + _alternation(_HELD["nouns"]) + r")")
_COMPOUND = re.compile(
    r"([\w-]{3,}?)-?(?:" + _alternation(_HELD["compound_nouns"]) + r")"
)
_NOT_BEFORE = frozenset(_HELD["not_before"])
_NO_EVENT = frozenset(_HELD["no_event_words"])

# A time of day or a day given to a subject ("en kväll om droger", "en dag om
# trafik"): a themed event; alone ("en kväll i veckan") it is a time.
_THEMED = re.compile(r"(?i:kväll|dag|eftermiddag|förmiddag|halvdag)")

# Up to three words after the article, on the same line.
_PHRASE = re.compile(
    r"[ \t]+(" + _WORD + r")(?:[ \t]+(" + _WORD + r"))?(?:[ \t]+(" + _WORD + r"))?"
)

# How far back the verb is looked for: a verb, two words and the spaces between.
_REACH = 120


def is_event_noun(word: str) -> bool:
    """Is ``word`` (singular, indefinite) a noun for one event held?"""
    low = word.casefold()
    if _NOUN.fullmatch(low):
        return True
    compound = _COMPOUND.fullmatch(low)
    return compound is not None and compound.group(1) not in _NOT_BEFORE


def _event_phrase(after: str) -> str | None:
    """The noun phrase of an event right after an article: "öppet möte" from
    " öppet möte om trygghet", or None when no event noun heads it."""
    m = _PHRASE.match(after)
    if m is None:
        return None
    words = [w for w in m.groups() if w]
    if len(words) > 1 and words[1].casefold() == "om" and _THEMED.fullmatch(words[0]):
        return words[0]  # "en kväll om droger": an evening given to a subject
    for i, word in enumerate(words):
        low = word.casefold()
        if low in _NO_EVENT or low in _UNIT_STOP:
            return None
        if is_event_noun(word):
            return " ".join(words[: i + 1])
    return None


# "ett forum två gånger per år": the times the event is held are the count.
_TIMES_LATER = re.compile(
    r"(?<![\w-])(?:" + NUMBER_TOKEN + r")\s+(?:gång|gånger|ggr|tillfälle|tillfällen)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def held_event(before: str, after: str) -> str | None:
    """The counted event when the article between ``before`` and ``after`` opens one
    event held ("genomföra | en | trygghetsvandring i Ekby" gives
    "trygghetsvandring"); None otherwise, and None when the sentence goes on to
    say how many times it is held ("ett forum två gånger per år")."""
    unit = _event_phrase(after)
    if unit is None:
        return None
    end = _SENTENCE_END.search(after)
    if _TIMES_LATER.search(after, 0, end.start() if end else len(after)):
        return None
    start = max(0, len(before) - _REACH)
    if (
        _HELD_BEFORE.search(before, start)
        or _LABEL_BEFORE.search(before, start)
        or _INVITE_BEFORE.search(before, start)
        or _GIVE_BEFORE.search(before, start)
        or _ITEM_START_BEFORE.match(before)
    ):
        return unit
    return None


def hired(before: str) -> bool:
    """A verb of taking someone on stands just before the article ("anställa en")."""
    return _HIRE_BEFORE.search(before, max(0, len(before) - _REACH)) is not None
