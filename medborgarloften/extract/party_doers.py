"""Who does an activity when the promise names the doers after it, as a phrase of
their own: "… i maj – kommunerna", "… (Ekby kommun tillsammans med Trafikverket)",
a record's "Genomförs av: Polisen tillsammans med PRO Ekby".

Such a phrase is a list of doers and nothing more: each item a party the lexicon
knows ("polisen", "Tanums kommuner", "Region Ekby"), a party word with the name it
goes by ("Föreningen Vuxna på stan"), or an organisation's own name ("Ekby Handel",
"PRO Ekby"), joined by commas, "och", "samt", or "tillsammans med" / "i samverkan
med" (SCHEMA: a party so joined is co-responsible). A tail that is anything else
("– en satsning för unga", "– information till polisen") names no doer.
"""

from __future__ import annotations

import re

from .parties import (
    _ENUM_STOP,
    PartyResult,
    _classify_item,
    canonical_kommun,
    chain_at,
    classify_party,
    is_org_name,
)
from .party_patterns import _FIRM

# The joins between the doers of one activity.
_JOINS = re.compile(
    r"\s*,\s*|\s+(?:och|samt|&)\s+"
    r"|\s+(?:tillsammans|i\s+samverkan|i\s+samarbete|gemensamt|i\s+samråd)\s+med\s+",
    re.IGNORECASE,
)
# "Parterna gemensamt", "polisen och kommunerna tillsammans": how, not who.
_HOW = re.compile(r"\s+(?:gemensamt|tillsammans)$", re.IGNORECASE)
# "tekniska förvaltningarna i respektive kommun": where each party acts.
_WHERE = re.compile(
    r"\s+i\s+(?:respektive|båda|bägge|alla|samtliga|de\s+\w+)\s+\w+$", re.IGNORECASE
)
# Words a name may hold besides capitalised ones ("Föräldrar på stan", "Hem för alla").
_NAME_LINK = frozenset(("på", "i", "för", "mot", "av", "och", "&"))
_DIGIT = re.compile(r"\d")


def _item_kinds(item: str) -> set[str] | None:
    """The parties one doer stands for, or None when it is no doer."""
    found = chain_at(item)
    if found is not None and found[1] == len(item):
        return set(found[0])
    kind = _named_kind(item)
    return {kind} if kind else None


def _named_kind(item: str) -> str | None:
    """polis / kommun / annan for a doer named by its own name, else None."""
    words = item.split()
    if not words or _DIGIT.search(item) or len(words) > 5:
        return None
    if not words[0][0].isupper() and classify_party(words[0]) is None:
        return None
    if (
        len(words) >= 2
        and classify_party(words[0]) == "annan"
        and words[1][0].isupper()
    ):
        return "annan"  # "Föreningen Vuxna på stan": a kind of party, then its name
    if not all(w[0].isupper() or w.casefold() in _NAME_LINK for w in words):
        return None
    if item.casefold() in _ENUM_STOP:
        return None
    if len(words) == 1 and canonical_kommun(item):
        return "kommun"  # "Ydres och Kindas kommuner": a kommun by its name
    return _classify_item(item)


def _known(item: str) -> bool:
    """A party the lexicon knows, or an organisation by the form of its name
    ("Ekbytrafiken", "Ekbyhem AB"); not an unknown name or acronym alone ("(EST)")."""
    found = chain_at(item)
    return (found is not None and found[1] == len(item)) or bool(
        is_org_name(item) or is_org_name(item.split()[-1]) or _FIRM_END.search(item)
    )


_FIRM_END = re.compile(rf"\b{_FIRM}$")


def doer_list(phrase: str, *, named: bool = True) -> frozenset[str] | None:
    """The parties of a phrase that lists doers and nothing more, else None; unless
    ``named`` (a label says the phrase names doers) one of them must be known."""
    phrase = phrase.strip().rstrip(".;,").strip()
    if not phrase or len(phrase) > 140 or "\n" in phrase:
        return None
    phrase = _WHERE.sub("", _HOW.sub("", phrase))
    out: set[str] = set()
    known = named
    for item in _JOINS.split(phrase):
        kinds = _item_kinds(item.strip())
        if not kinds:
            return None
        out |= kinds
        known = known or _known(item.strip())
    if not known:
        return None
    if "both" in out:
        out = (out - {"both"}) | {"polis", "kommun"}
    return frozenset(out) or None


# "… under sommaren – Västtrafik": the doers after a spaced dash that ends the item.
_DASH_TAIL = re.compile(r"\S\s+[–—-]\s+(?P<tail>[^–—\n]{2,140}?)\s*[.;]?\s*$")
# "… (Ekby kommun tillsammans med Trafikverket).": the doers in a closing bracket.
_BRACKET_TAIL = re.compile(
    r"\(\s*(?:ansvar(?:ig|iga)?\s*:?\s*)?(?P<tail>[^()\n]{2,140}?)\s*\)\s*[.,;]?\s*$",
    re.IGNORECASE,
)


def trailing_doers(text: str) -> PartyResult | None:
    """The doers an activity names at its end, after a dash or in a bracket."""
    for pattern, rule in (
        (_DASH_TAIL, "responsible.dash_tail"),
        (_BRACKET_TAIL, "responsible.label_list"),
    ):
        m = pattern.search(text) if ("(" in text or pattern is _DASH_TAIL) else None
        if m is None or len(text[: m.start("tail")].split()) < 3:
            continue
        found = doer_list(m.group("tail"), named=False)
        if found:
            return PartyResult(found, m.span("tail"), rule)
    return None
