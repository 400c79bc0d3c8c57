"""Targets in a commitment: quantity, counted unit, rate (per) and deadline.

SCHEMA: a commitment is measurable only if it states a number, a frequency or an
explicit deadline/month. The quantity is the first checkable count (a range gives
its lower bound), the unit is the counted noun as written, and ``per`` uses the
vocabulary period, år, månad, vecka, termin, område, år_och_område or null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from medborgarloften.lib.months import MONTHS_SV
from medborgarloften.vocabulary import is_duration_unit

from .deadlines import find_deadline, period_years
from .lexicons import load
from .numbers import NUMBER_TOKEN, parse_number
from .prefilter import fold, prefiltered
from .target_events import held_event, hired
from .target_patterns import (
    _AREA_RE,
    _ARTICLE_OK_BEFORE,
    _DURATION_ATTRIBUTE,
    _EXCLUDE_BEFORE,
    _MONTH_ALT,
    _ONE_BEFORE_RATE,
    _QTY_RE,
    _TIME_UNITS,
    _UNDER_YEAR_RE,
    _UNIT_STOP,
    _VERB_STOP,
    _WHOLE_PERIOD_RE,
    MORE_ON_DAYS,
    NOT_MEASURABLE_RE,
    RATES,
    counted_at_rate,
    identifier_before,
    per_area,
    rates_for_count,
)

_MORE_PRESENCE = prefiltered(
    re.compile(
        r"\b(?:öka|ökar|utöka|utökar|förstärka|förstärker)\s+(?:\w+\s+){0,3}?"
        r"(?:närvaro\w*|synlighet\w*)",
        re.IGNORECASE,
    )
)


@dataclass(frozen=True)
class TargetResult:
    """A target (or None) with the spans and rules that produced it."""

    target: dict[str, Any] | None
    evidence: dict[str, Any]


def extract_target(
    text: str,
    *,
    period: dict[str, Any] | None = None,
    places: list[str] | None = None,
) -> TargetResult:
    """Read quantity, unit, per and deadline from one commitment's text."""
    rates = _find_rates(text)
    deadline, dspan = find_deadline(text, period)
    quantity, unit, qspan = _find_quantity(
        text, rates, dated=dspan is not None or _SEASON.search(text) is not None
    )
    limit = _WITHIN_ONE.search(text) if quantity is None else None
    if (
        limit is not None
        and is_duration_unit(limit.group("unit"))
        and not _TIME_UNITS.match(limit.group("unit"))
    ):
        # "inom en arbetsvecka": a time limit of one unit, like "inom två
        # arbetsdagar" ("inom en vecka" stays no count, as "inom två veckor" is)
        quantity, unit, qspan = 1, limit.group("unit"), limit.span("num")
    if qspan is not None and rates:
        rates = rates_for_count(text, qspan, rates)
    if quantity == 1 and unit in ("gång", "tillfälle") and qspan and rates:
        # "ett öppet samtalsforum en gång i månaden": the forum is counted, not "gång"
        obj = _single_object(text, qspan)
        if obj is not None:
            unit = obj
    if quantity is None and (_MORE_PRESENCE.search(text) or MORE_ON_DAYS.search(text)):
        # "öka polisens närvaro … på fredagskvällar": more of something on the
        # days named, with nothing counted, is not measurable.
        rates = [r for r in rates if not r[2]]
    weekday_rate = next((r for r in rates if r[2]), None)
    if quantity is None and weekday_rate is not None:
        quantity = 1
        unit = _unit_before(text, weekday_rate[1][0])
        qspan = weekday_rate[1]
    if quantity is None and not rates and dspan is None:
        return TargetResult(None, {})
    start_year, end_year = period_years(period)
    multi_year = (
        start_year is not None and end_year is not None and end_year > start_year
    )
    per: str | None
    rule = "per.period"
    if rates and quantity is not None and _distributes(text, qspan, rates[0][1]):
        # "vid två tillfällen, ett per termin": the rate spreads the count over the
        # period; the count itself is for the whole period.
        per = "period"
        rule = "per.distributed"
    elif (
        rates
        and quantity is not None
        and all(r[2] for r in rates)
        and _WHOLE_PERIOD_RE.search(text)
    ):
        # "20 kvällar under året … fredagar": the weekdays say when, the count is
        # for the whole period.
        per = "år" if multi_year and _UNDER_YEAR_RE.search(text) else "period"
        rule = "per.weekdays_in_period"
    elif rates:
        per = rates[0][0]
        rule = "per.rate"
    elif _UNDER_YEAR_RE.search(text) and multi_year:
        per = "år"
        rule = "per.under_året_multi_year"
    elif quantity is not None and _response_time(text, qspan, unit):
        # "inom 48 timmar från anmälan": a time to respond, no count over the period.
        per = None
        rule = "per.response_time"
    elif quantity is not None:
        per = "period"
    else:
        per = None
        rule = "per.none"
    if quantity is not None and (
        per_area(text, quantity)
        or (
            quantity == 1
            and len(places or []) >= 2
            # "genomföra en trygghetsvandring på X och Y": one event held in the
            # period, not one per place ("minst en dialog för X och Y", "en
            # vandring per år i X och i Y" are one per place)
            and not (per == "period" and _lone_event(text, qspan))
        )
    ):
        if per == "år":
            per = "år_och_område"
        elif per in ("period", None):
            per = "område"
        rule = "per.area"
    if quantity is None and rates and _ONE_RECURRING.search(text[: rates[0][1][1]]):
        # "den årliga trygghetsvandringen": one, every year.
        quantity, unit = 1, _unit_after(text, rates[0][1][1])
    if quantity is None and unit is None and rates:
        unit = _unit_before(text, rates[0][1][0]) or _unit_after(text, rates[0][1][1])
        if unit is not None and unit.casefold() in MONTHS_SV:
            unit = None  # "varje helg från maj till och med augusti": no noun counted
    evidence: dict[str, Any] = {}
    if qspan:
        evidence["quantity"] = {"span": list(qspan), "rule": "quantity.number"}
    if rates:
        evidence["per"] = {"span": list(rates[0][1]), "rule": rule}
    if dspan:
        evidence["deadline"] = {"span": list(dspan), "rule": "deadline.month"}
    target = {"quantity": quantity, "unit": unit, "per": per, "deadline": deadline}
    return TargetResult(target, evidence)


def _lone_event(text: str, qspan: tuple[int, int] | None) -> bool:
    """The count is a lone article before one event held ("genomföra en …")."""
    if qspan is None or text[qspan[0] : qspan[1]].casefold() not in ("en", "ett"):
        return False
    before = text[: qspan[0]]
    return not _ARTICLE_OK_BEFORE.search(before) and bool(
        held_event(before, text[qspan[1] :])
    )


# "inom 24 timmar", "inom två arbetsdagar": how soon something is done.
_WITHIN = re.compile(r"(?<![\w-])inom\s+$", re.IGNORECASE)
_WITHIN_ONE = prefiltered(  # a look-behind first: tried at every character
    re.compile(
        r"(?<![\w-])inom\s+(?P<num>en|ett)\s+(?P<unit>[^\W\d]+)\b", re.IGNORECASE
    )
)


def _response_time(text: str, qspan: tuple[int, int] | None, unit: str | None) -> bool:
    """The count is a response time ("inom 48 timmar"), not a count of events."""
    return (
        qspan is not None
        and unit is not None
        and is_duration_unit(unit)
        and _WITHIN.search(text, 0, qspan[0]) is not None
    )


_SINGLE_EVENT = re.compile(
    r"(?:" + "|".join(load("frequency")["single_event"]["suffixes"]) + r")(?:en|et)?$",
    re.IGNORECASE,
)


# "under hösten", "våren 2025": one event held in a season is as checkable as one
# held in a month (no deadline: a season is no month).
_SEASON = prefiltered(
    re.compile(
        r"(?<![\w-])(?:under\s+(?:hösten|våren|sommaren|vintern|höstterminen|vårterminen)"
        r"|(?:hösten|våren|sommaren|vintern)\s+(?:19|20)\d\d)(?![\w-])",
        re.IGNORECASE,
    )
)


_ONE_RECURRING = re.compile(
    r"(?<![\w-])(?:den|det)\s+(?:årliga|årligt|månatliga|månatligt)\s*$", re.IGNORECASE
)


_SINGLE_OBJECT = re.compile(r"(?<![\w-])(?:en|ett)\s+(?=[^\W\d])", re.IGNORECASE)


def _single_object(text: str, qspan: tuple[int, int]) -> str | None:
    """The noun phrase of an "en/ett …" object in the sentence of a once-per rate."""
    sentence_end = re.search(r"[.!?](?:\s|$)|\n\s*\n", text[qspan[1] :])
    stop = qspan[1] + sentence_end.start() if sentence_end else len(text)
    for m in _SINGLE_OBJECT.finditer(text, 0, stop):
        if qspan[0] <= m.start() < qspan[1] + 6:
            continue  # the "en gång" itself
        unit, _ = _unit_after_number(text[m.end() - 1 :])
        if unit and not re.match(
            r"(?:gång|gånger|tillfälle|annan|av|del|viss|sådan)\b", unit, re.IGNORECASE
        ):
            return unit
    return None


_DISTRIBUTING = re.compile(
    r"[,(–-]\s*(?:" + NUMBER_TOKEN + r")\s*(?:\w+\s+)?$", re.IGNORECASE
)


def _distributes(
    text: str, qspan: tuple[int, int] | None, rate: tuple[int, int]
) -> bool:
    """True when the rate belongs to a second number after the count (", ett per …")."""
    if qspan is None or qspan[1] >= rate[0]:
        return False
    between = text[qspan[1] : rate[0]]
    return "\n" not in between and bool(_DISTRIBUTING.search(between))


# The checks after a number in ``_find_quantity`` and ``_unit_after_number``,
# compiled once (they ran through ``re``'s cache lookup for every number).
_DATE_AFTER = re.compile(r"\s*(?:" + _MONTH_ALT + r")\b", re.IGNORECASE)
# "… kronor"; a speed ("sänka gränsen till 40 km/h") is no count either
_AMOUNT_AFTER = re.compile(
    r"\s*(?:kr\b|kronor|km/h\b|km/tim\b|kilometer\s+i\s+timmen\b)", re.IGNORECASE
)
_YEARS_AFTER = re.compile(r"\s*år\b")
_PERCENT_AFTER = re.compile(r"\s*(%|procent)", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+[^\W\d][\w-]*\s+")
_TIMES_AFTER = re.compile(r"\s*(?:gång|gånger|tillfälle)(?![\w-])", re.IGNORECASE)
_OPENING_QUOTE = re.compile(r"^(\s*)[\"”“'’«»]")  # .match: .sub tried each character
_OF_THE = re.compile(r"\s*av\s+(?:de\s+|dem\s+)?", re.IGNORECASE)
_HEAD_NOUN = re.compile(r"(?:[^\W\d][\w-]*(?:a|e)\s+)?([^\W\d][\w-]*)")
_WORD_OR_SIGN = re.compile(r"[^\W\d][\w-]*|\S")
_LETTER = re.compile(r"[^\W\d]")


def _find_rates(text: str) -> list[tuple[str | None, tuple[int, int], bool]]:
    found: list[tuple[str | None, tuple[int, int], bool]] = []
    folded = fold(text)
    # No check of every rate's literals first: most sentences hold one ("under",
    # "år", "dag"), and a text holding none is ruled out by the loop as fast.
    for rate in RATES:
        for literal in rate.literals:  # the rate's own prefilter, inlined
            if literal in folded:
                break
        else:
            continue
        # … which has let the text through: the expression is run as its own
        # prefilter would (from its start literals, or as it is), not checked again.
        rx = rate.regex
        matches = (
            rx.regex.finditer(text)
            if rx.starts is None or rx.literals is None
            else rx.finditer_at_starts(text, folded)
        )
        for m in matches:
            if any(m.start() < e and s < m.end() for _, (s, e), _ in found):
                continue
            found.append((rate.per, (m.start(), m.end()), rate.weekday))
    found.sort(key=lambda r: r[1][0])
    return found


def _find_quantity(
    text: str,
    rates: list[tuple[str | None, tuple[int, int], bool]],
    *,
    dated: bool = False,
) -> tuple[int | None, str | None, tuple[int, int] | None]:
    """The first checkable count; ``dated``: the commitment names a month."""
    for m in _QTY_RE.finditer(text):
        token = m.group("num")
        if token.isdecimal() and len(token) == 4 and token[:2] in ("19", "20"):
            continue  # a year (asked first: nothing below is needed for it)
        value = parse_number(token)
        if value is None:
            continue
        before = text[: m.start()]
        after = text[m.end() :]
        low = token.casefold()
        if _DATE_AFTER.match(after):
            continue  # a date
        if _AMOUNT_AFTER.match(after) or (
            m.group("high") and _YEARS_AFTER.match(after)
        ):
            continue  # an amount or an age range
        pct = _PERCENT_AFTER.match(after)
        if pct:
            return value, pct.group(1), (m.start(), m.end())
        # ``before`` read in place (endpos: as if the text ended there), so its
        # prefilter reads the text's cached fold instead of folding each prefix
        if _EXCLUDE_BEFORE.search(text, 0, m.start()):
            continue
        if (
            token.isdecimal()
            and identifier_before(before)
            and not counted_at_rate(after)
        ):
            continue  # "LOV 3", "Storgatan (2)": a name's number, not a count
        if _DURATION_ATTRIBUTE.match(after):
            continue  # "15 minuters metoden": how long, not how many
        if low in ("en", "ett", "ena"):
            rate_before = any(0 <= m.start() - e <= 2 for _, (_, e), _ in rates)
            # "en trygghetsvandring varje vår": one, at the rate that follows
            rate_before = (
                rate_before
                or any(
                    rs >= m.end()
                    and "\n" not in text[m.end() : rs]
                    # "varje vecka"; "varje kvartal" (the rate is the noun alone)
                    and (
                        text[rs:re_].lower().startswith("varje")
                        or _EVERY_BEFORE.search(text, max(0, rs - 8), rs) is not None
                    )
                    # "en kontaktpolis … som besöker skolan varje vecka": the rate
                    # belongs to the relative clause, not to the one object
                    and not re.search(r"\bsom\b", text[m.end() : rs])
                    # "en kommunpolis … en förmiddag varje vecka": the rate counts
                    # the "en" right before it
                    and not _ONE_BEFORE_RATE.search(text, m.end(), rs)
                    for _, (rs, re_), _ in rates
                )
            )
            # "genomföra en trygghetsvandring", "anställa en områdesvärd": one event
            # held, or one person taken on, is a count of one for the period
            event = held_event(before, after) if low != "ena" else None
            # "en dag i veckan", "en kväll per månad": one of a time unit, at a rate
            noun = _NOUN_AFTER.match(after)
            rate_after_noun = noun is not None and any(
                rs == m.end() + noun.end() for _, (rs, _e), _ in rates
            )
            if not (
                _ARTICLE_OK_BEFORE.search(before)
                or rate_before
                or rate_after_noun
                # "en trygghetsvandring i oktober": one event held by a date (a
                # lone article with no date or rate is no count)
                or (dated and _one_event(after))
                or _TIMES_AFTER.match(after)
                # "en trygghetsvandring i respektive stadsdel": one per area counts.
                or _AREA_RE.search(_sentence_rest(after))
                # "en dialog i Ekby och en i Lillby": one in each named place
                or _ONE_EACH.search(_sentence_rest(after))
                or event is not None
                or (low != "ena" and hired(before))
            ):
                continue
        else:
            event = None
        unit, unit_ok = (event, True) if event else _unit_after_number(after)
        if not unit_ok:
            continue
        if unit in ("st", "stycken") and before.rstrip().endswith("("):
            # "tillsyn av alkohol (2 st)": the count in brackets after its noun.
            unit = _phrase_before(before.rstrip()[:-1]) or unit
        if unit is not None and _TIME_UNITS.match(unit.split()[0]):
            continue
        if unit is not None and _PARTIES_COUNTED.match(unit):
            continue  # "de fyra parterna bjuder in …": who, not how many
        if unit is None and low in ("en", "ett"):
            continue
        return value, unit, (m.start(), m.end())
    return None, None, None


_EVERY_BEFORE = re.compile(r"\bvarje\s+$", re.IGNORECASE)
_ONE_EACH = re.compile(
    r"\b(?:och|samt)\s+(?:en|ett)\s+(?:i|på|vid)\s+(?-i:[A-ZÅÄÖ])", re.IGNORECASE
)
_PARTIES_COUNTED = re.compile(r"parter(?:na|nas)?\b", re.IGNORECASE)


def _one_event(after: str) -> bool:
    """Is the phrase after "en/ett" a single event ("öppen dialog", "möte")?"""
    unit, _ = _unit_after_number(after)
    return unit is not None and bool(_SINGLE_EVENT.search(unit.split()[-1]))


def _phrase_before(text: str) -> str | None:
    """The noun phrase that ends ``text``, back to its verb ("tillsyn av alkohol")."""
    words = re.findall(r"[^\W\d][\w-]*", text)[-5:]
    picked: list[str] = []
    for w in reversed(words):
        lw = w.casefold()
        if lw in _VERB_STOP or lw in ("att", "ska", "och", "samt") or w[0].isupper():
            break
        picked.insert(0, w)
    while picked and picked[0].casefold() in _UNIT_STOP:
        picked.pop(0)
    return " ".join(picked) or None


def _unit_after_number(after: str) -> tuple[str | None, bool]:
    """The counted noun phrase after a number ("nya föräldrastödsgrupper")."""
    quote = _OPENING_QUOTE.match(after)  # minst två ”riskkvällar”
    rest = after if quote is None else quote.group(1) + after[quote.end() :]
    m = _OF_THE.match(rest)
    if m:
        rest = rest[m.end() :]
        # "två av de prioriterade stadsdelarna": the head noun is what is counted.
        head = _HEAD_NOUN.match(rest)
        if head and head.group(1).casefold() not in _UNIT_STOP:
            return head.group(1), True
    words: list[str] = []
    for wm in _WORD_OR_SIGN.finditer(rest):
        gap = rest[: wm.start()] if not words else ""
        if words == [] and gap.strip():
            break
        w = wm.group(0)
        if not _LETTER.match(w):
            break
        if w.casefold() in _UNIT_STOP or (words and parse_number(w) is not None):
            break
        words.append(w)
        if len(words) == 3:
            break
        # stop when the next char is not a simple space
        nxt = rest[wm.end() : wm.end() + 1]
        if nxt != " ":
            break
    if not words:
        return None, True
    return " ".join(words), True


def _unit_before(text: str, pos: int) -> str | None:
    words = re.findall(r"[^\W\d][\w-]*", text[:pos])
    picked: list[str] = []
    for w in reversed(words):
        lw = w.casefold()
        if lw in ("minst", "cirka", "ca", "centrum"):
            if picked:
                break
            continue
        if lw in _UNIT_STOP or lw in _VERB_STOP or w[0].isupper():
            break
        picked.insert(0, w)
        if len(picked) == 2:
            break
    return " ".join(picked) or None


def _sentence_rest(after: str) -> str:
    """What follows, up to the end of its sentence."""
    end = re.search(r"[.!?](?:\s|$)|\n", after)
    return after[: end.start()] if end else after


def _unit_after(text: str, pos: int) -> str | None:
    """The counted noun after a rate: "årliga trygghetsvandringar" gives the noun
    itself; "varje vecka genomföra kontroller" the word after the verb. Never looks
    past the end of the sentence."""
    words = re.findall(r"[^\W\d][\w-]*", _sentence_rest(text[pos : pos + 80]))
    if words and words[0].casefold() not in _UNIT_STOP | _VERB_STOP:
        return words[0]
    for i, w in enumerate(words):
        if w.casefold() in _VERB_STOP and i + 1 < len(words):
            return words[i + 1]
    return None


def is_not_measurable_phrase(text: str) -> bool:
    """True when the text only has words such as "regelbundet" or "löpande"."""
    return bool(NOT_MEASURABLE_RE.search(text))
