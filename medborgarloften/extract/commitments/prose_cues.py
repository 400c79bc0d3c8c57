"""Sentences of a prose promise (a news item, a web page) that look like promises
but are not, and a few that are though the usual verbs miss them (sentences.py
asks these before its own tests).

- an effect goal stated as a goal ("Målet är att färre ska …", "Det här vill vi
  uppnå: …"): SCHEMA (b), no activity;
- a question ("Vad gör vi då?"): it introduces the promises that follow;
- a report of how it went, in the present tense or the passive ("I oktober
  berättar vi hur hösten gick", "Hur det går redovisas två gånger per år"):
  follow-up, no activity ("Vi ska berätta hur det går" promises the report);
- "kommer … överens om": how the promise is made, "kommer" without "att";
- a party that "har lovat att" / "har åtagit sig att" (perfect tense): a promise
  reported in a news item, as "lovar att" is;
- a party's staff as the subject ("Kommunens fältassistenter kommer att …"): the
  genitive party and its head noun stand before the verb.
"""

from __future__ import annotations

import re

from ..parties import chain_at
from ..prefilter import prefiltered

_I = re.IGNORECASE

# "Målet är att …", "Vårt gemensamma mål är att …", "Syftet med insatserna är att
# …", "Det här vill vi uppnå: …", "Detta vill vi nå: …".
_GOAL_OPENING = re.compile(
    r"\s*(?:(?:det\s+här|detta|det|så\s+här)\s+vill\s+vi\s+(?:uppnå|nå|se)\b"
    r"|(?:(?:vårt|vår|det|ett)\s+)?(?:(?:gemensamma|övergripande|långsiktiga)\s+)?"
    r"(?:mål(?:et)?|målsättning(?:en)?|syfte(?:t)?)"
    r"(?:\s+(?:med|för)\s+(?:\w+\s+){0,3}?\w+)?\s+är\s+att\b)",
    _I,
)


def states_goal(sentence: str) -> bool:
    """An effect goal said as a goal, not an activity a party undertakes."""
    return bool(_GOAL_OPENING.match(sentence))


def is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


# "hur det gick", "hur sommaren har gått", "hur arbetet går" (not "hur det går till").
_HOW_IT_WENT = prefiltered(
    re.compile(
        r"\bhur\s+(?:\w+\s+){0,2}?(?:gick|går|har\s+gått|blev|har\s+blivit|"
        r"fungerade|fungerar|har\s+fungerat)\b(?!\s+till\b)",
        _I,
    )
)
# … in the past only: "hur sommaren gick" is told once it is over.
_HOW_IT_WENT_PAST = prefiltered(
    re.compile(r"\bhur\s+(?:\w+\s+){0,2}?(?:gick|blev|fungerade)\b(?!\s+till\b)", _I)
)
_REPORT_VERB = prefiltered(
    re.compile(
        r"\b(?:berätta|redovis|rapporter|återrapporter|återkoppla|presenter|"
        r"informera)\w*",
        _I,
    )
)


def reports_progress(sentence: str, *, past: bool = False) -> bool:
    """A sentence telling how the promise goes (``past``: went) is follow-up, not
    an activity. Only where no party promises it: "Vi ska berätta hur det går" is
    a promise to report (sentences.py asks this of a passive or a present tense)."""
    how = _HOW_IT_WENT_PAST if past else _HOW_IT_WENT
    return bool(how.search(sentence) and _REPORT_VERB.search(sentence))


# "Varje år kommer kommunen och polisen överens om …": no "att" after "kommer".
_AGREE = re.compile(r"\bkommer\s+(?:[\w-]+\s+){0,6}?överens\b", _I)


def without_agreeing(sentence: str) -> str:
    """The sentence with its "kommer … överens" taken out."""
    return _AGREE.sub(" ", sentence) if "överens" in sentence.casefold() else sentence


# "… har lovat att", "… har också åtagit sig att", "… har tagit på sig att".
_PERFECT_PROMISE = re.compile(
    r"[\s,]*har\s+(?:(?:också|även|nu|därför)\s+)*"
    r"(?:lovat|utlovat|åtagit\s+sig|förbundit\s+sig|tagit\s+på\s+sig)\s+att\b",
    _I,
)


def perfect_promise(sentence: str, subject_end: int) -> bool:
    """The subject ending at ``subject_end`` "har lovat att" do something."""
    return bool(_PERFECT_PROMISE.match(sentence, subject_end))


# The head noun after a genitive party: "Kommunens fältassistenter", "Polisens
# personal", "Hemtjänstens medarbetare".
_HEAD_NOUN = re.compile(r"\s+(?-i:[a-zåäö])[\w-]+(?=\s)")


def past_genitive_head(sentence: str, subject_end: int) -> int:
    """Where the verb may start when the subject is a genitive party with its head
    noun after it; ``subject_end`` otherwise."""
    if subject_end < 2 or sentence[subject_end - 1] not in "sS":
        return subject_end
    m = _HEAD_NOUN.match(sentence, subject_end)
    return m.end() if m else subject_end


# ", och kommunen anställer …": a second main clause whose subject is a party.
_CLAUSE_JOIN = re.compile(r",\s+(?:och|samt|medan)\s+", _I)
_FINITE_NEXT = re.compile(
    r"\s+(?:(?:också|även|i\s+sin\s+tur|för\s+sin\s+del)\s+)?"
    r"(?:ska|skall|kommer|lovar|åtar|(?-i:[a-zåäö])\w+(?:ar|er|ör|år))\b",
    _I,
)


def coordinated_parties(sentence: str) -> set[str]:
    """The parties that are the subjects of the sentence's coordinated main
    clauses ("Polisen besöker X, och kommunen anställer två värdar")."""
    if ", " not in sentence:
        return set()
    out: set[str] = set()
    for m in _CLAUSE_JOIN.finditer(sentence):
        if sentence[m.end() : m.end() + 3].casefold() == "vi ":
            continue  # "…, och vi gör det": the same "we", no new party
        found = chain_at(sentence, m.end())
        if found is not None and _FINITE_NEXT.match(sentence, found[1]):
            parties = set(found[0])
            if "both" in parties:
                parties = (parties - {"both"}) | {"polis", "kommun"}
            out |= parties
    return out
