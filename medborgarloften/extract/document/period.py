"""The promise period: start and end dates and the exact phrase(s) they come from.

SCHEMA's rules, in the order this module prefers them: an explicit validity
statement ("gäller från 1 maj 2021 till och med 30 april 2022", an ISO date
range), then the promise's statement of its one year ("Medborgarlöftet gäller under
2016"), then the first year or month range ("2024–2025", "2022/2023", "2018 och
2019", "januari - december 2022", "perioden mars-maj" dated by the nearest year),
then an end-only statement ("fram till 2024-03-01", start from a title year if
any), then a single year ("Medborgarlöfte 2020", "under 2019", "för 2018"; not one
told in the past tense, an earlier promise's), and last a season ("under hösten
2015": both dates null). Statements about the samverkansöverenskommelse or an avtal
are not the promise period and are skipped. Month names: dateparser's Swedish locale.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from dateparser.languages.loader import default_loader

from medborgarloften.lib.months import MONTHS_EN

from ..prefilter import fold, holds_any, prefiltered
from .period_evidence import EVIDENCE_SENTENCE, data_years


def _swedish_months() -> dict[str, int]:
    info = default_loader.get_locale("sv").info
    out: dict[str, int] = {}
    for number, key in enumerate(MONTHS_EN, start=1):
        for name in info.get(key, []):
            name = name.casefold().rstrip(".")
            if len(name) >= 3:
                out[name] = number
    return out


MONTHS = _swedish_months()
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"[-–—−‒]"
_ISO = rf"{_YEAR}-[01]\d-[0-3]\d"
_DAY_MONTH_YEAR = rf"\d{{1,2}}(?::[ae])?\s+{_MONTH}\s+{_YEAR}"
_MONTH_YEAR = rf"{_MONTH}\s+{_YEAR}"
_DATE = rf"(?:{_ISO}|{_DAY_MONTH_YEAR}|{_MONTH_YEAR}|{_YEAR}(?![\d-]))"
# "1 januari–31 december 2023": the start shares the end's year.
_DAY_MONTH = rf"\d{{1,2}}(?::[ae])?\s+{_MONTH}"
_FLAGS = re.IGNORECASE
FROM_TO = prefiltered(
    re.compile(
        rf"\b(?:från|fr\.\s?o\.\s?m\.?|fr\s?o\s?m|påbörja\w*|tiden|mellan|gäller|gälla|"
        rf"löper|pågå\w*|starta\w*|perioden|period:|giltighetstid(?:en)?:?|giltig\w*)\s+"
        rf"(?:och\s+med\s+)?(?:den\s+)?"
        rf"(?P<a>{_DATE}|{_DAY_MONTH}(?!\s*{_YEAR}))[\s,]*(?:\S+\s+){{0,4}}?"
        rf"(?:till\s+och\s+med|till|t\.\s?o\.\s?m\.?|t\s?o\s?m|{_DASH}{{1,2}})\s*(?:den\s+)?"
        rf"(?P<b>{_DATE})",
        _FLAGS,
    )
)
# Two full dates joined by a dash need no cue word: "2018-07-01—2020-06-30",
# "1 juni 2023 – 31 maj 2025".
_FULL_DATE = rf"(?:{_ISO}|{_DAY_MONTH_YEAR})"
ISO_RANGE = re.compile(
    rf"(?P<a>{_FULL_DATE})\s*(?:{_DASH}{{1,2}}|till)\s*(?P<b>{_FULL_DATE})", _FLAGS
)
YEAR_RANGE = prefiltered(
    re.compile(
        rf"(?<![\d/.-])(?P<a>{_YEAR})\s*(?:{_DASH}+|/|\s+och\s+|\s+till\s+)\s*"
        rf"(?P<b>{_YEAR})(?![\d])(?!-[01]\d)",
        _FLAGS,
    )
)
MONTH_RANGE = prefiltered(
    re.compile(
        rf"(?P<cue>\b(?:period(?:en)?|under|gäller|mellan|från|medborgarlöft\w*|löfte\w*)"
        rf"\s+(?:\S+\s+){{0,2}}?"  # or a title's places: "Medborgarlöfte för Ekby och Åby, maj–juni 2031"
        rf"|\bmedborgarlöfte\s+(?:för|i)\s+[^.,\n]{{2,40}},\s+(?=[^\n]*\d{{4}}))"
        rf"(?P<a>{_MONTH})\s*(?:{_DASH}|till(?:\s+och\s+med)?)\s*(?P<b>{_MONTH})"
        rf"(?:\s+(?P<y>{_YEAR}))?",
        _FLAGS,
    )
)
_WEEKDAY = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?"
END_ONLY = prefiltered(
    re.compile(
        rf"\b(?:fram\s+till(?:\s+och\s+med)?|till\s+och\s+med|t\.\s?o\.\s?m\.?|"
        rf"längst\s+till)\s+{_WEEKDAY}(?:den\s+)?(?P<b>{_DATE})",
        _FLAGS,
    )
)
# "Med början torsdagen den 17 november 2016": a start written on its own.
START_ONLY = prefiltered(
    re.compile(
        rf"\b(?:med\s+början|från\s+och\s+med|fr\.\s?o\.\s?m\.?|startar|börjar)\s+"
        rf"{_WEEKDAY}(?:den\s+)?(?P<a>{_ISO}|{_DAY_MONTH_YEAR})",
        _FLAGS,
    )
)
PROMISE_YEAR = prefiltered(
    re.compile(
        rf"\b(?:medborgarlöft\w*|löfte\w*|citizens?['’]?[ \t]+promises?)"
        rf"(?:[ \t]+[\wåäöÅÄÖ-]+){{0,3}}?"  # a cover's year may have a line of its own
        rf"(?:[ \t]+|[ \t]*\n[ \t]*(?={_YEAR}[ \t]*(?:\n|\Z)))"
        rf"(?:för[ \t]+|under[ \t]+|år[ \t]+|for[ \t]+)?(?P<y>{_YEAR})(?![\d-])|"
        rf"(?<![\d-])(?P<y2>{_YEAR})[ \t]+års[ \t]+medborgarlöft",
        _FLAGS,
    )
)
UNDER_YEAR = prefiltered(
    re.compile(
        rf"\b(?:under|för|gäller)\s+(?:hela\s+)?(?:år(?:et)?\s+)?(?P<y>{_YEAR})(?![\d-])",
        _FLAGS,
    )
)
# "Medborgarlöftet gäller under 2016", "Löftet gäller för år 2025": the promise's
# own statement of its year, above a month range or dates in the background text.
VALIDITY_YEAR = prefiltered(
    re.compile(
        rf"\b(?:medborgar)?löfte(?:t|na|n)?\s+(?:\w+\s+)?gäller\s+"
        rf"(?:(?:under|för|hela|år|året)\s+)*(?P<y>{_YEAR})(?![\d-])"
        rf"(?!\s*(?:{_DASH}|/|och\s+{_YEAR}|till\s+{_YEAR}))",
        _FLAGS,
    )
)
# "I medborgarlöftet för 2024 hade vi fokus på …": an earlier promise's year (past).
PAST_TENSE = re.compile(
    r"\b(?:hade|var|låg|stod|gällde|löpte|omfattade|avsåg|handlade|lovade)\b",
    re.IGNORECASE,
)
SEASON = re.compile(
    rf"\b(?:under\s+)?(?:hösten|våren|sommaren|vintern|höstterminen|vårterminen)\s+"
    rf"(?P<y>{_YEAR})",
    _FLAGS,
)
# A heading that starts the older promises of a page ("Tidigare medborgarlöften").
PAST_SECTION = re.compile(
    r"^[ \t#*]*(?:tidigare|äldre|förra|föregående|arkiverade)\s+(?:\w+\s+)?(?:medborgar)?löften?\b",
    re.IGNORECASE | re.MULTILINE,
)
EARLIER_PROMISE = re.compile(
    r"\b(?:senaste|förra|tidigare|föregående)\s+(?:\w+\s+)?(?:medborgar)?löfte\w*"
    r"\s+(?:gällde|löpte|omfattade|avsåg)\b",
    re.IGNORECASE,
)
ABOUT_A_PROMISE = prefiltered(
    re.compile(
        r"\b(?:överenskommelse|avtal)\w*\s+om\s+(?:ett\s+|nytt\s+|gemensamt\s+)?"
        r"(?:medborgar)?löfte",
        re.IGNORECASE,
    )
)
AGREEMENT_TITLE = re.compile(r"\A\W*samverkansöverenskommelse", re.IGNORECASE)


def is_agreement_document(text: str) -> bool:
    """True when the document is itself a samverkansöverenskommelse: its first line
    says so and its opening lines do not present a medborgarlöfte."""
    head = [line for line in text[:1500].splitlines() if line.strip()][:3]
    opening = "\n".join(head)
    return (
        bool(AGREEMENT_TITLE.search(opening))
        and "medborgarlöft" not in opening.casefold()
    )


# Words that tie a year range to the promise ("Medborgarlöfte 2024–2025", "under åren").
PROMISE_CUE = prefiltered(
    re.compile(
        r"löfte|löften|gäller|gälla|period|\bunder\b|\bför\b|\båren\b|\bår\b|löper|tecknat",
        re.IGNORECASE,
    )
)
# A sentence about the cooperation agreement or another contract, not the promise.
NOT_PROMISE = prefiltered(
    re.compile(
        r"samverkansöverenskommelse|överenskommelse|\bavtal|ärendebeteckning|diarie",
        _FLAGS,
    )
)


@dataclass(frozen=True)
class Period:
    """Start and end (ISO dates or None), the exact phrase(s) and their spans."""

    start: str | None
    end: str | None
    text: str | None
    spans: tuple[tuple[int, int], ...] = ()
    rule: str | None = None

    def as_record(self) -> dict[str, str | None]:
        """The SCHEMA ``period`` object."""
        return {"start": self.start, "end": self.end, "text": self.text}


NO_PERIOD = Period(start=None, end=None, text=None)


def _clamped(year: int, month: int, day: int) -> date:
    """An impossible day ("31 juni") becomes the last valid day of that month."""
    last = calendar.monthrange(year, month)[1]
    return date(year, month, max(1, min(day, last)))


def parse_date(phrase: str, *, end: bool) -> date | None:
    """Resolve one date phrase; a month or year alone gives its first or last day."""
    s = phrase.strip().casefold()
    m = re.fullmatch(r"((?:19|20)\d{2})-([01]\d)-([0-3]\d)", s)
    if m:
        year, month, day = (int(g) for g in m.groups())
        return _clamped(year, month, day) if 1 <= month <= 12 else None
    m = re.fullmatch(r"(\d{1,2})(?::[ae])?\s+(\S+?)\.?\s+((?:19|20)\d{2})", s)
    if m and m.group(2) in MONTHS:
        return _clamped(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    m = re.fullmatch(r"(\S+?)\.?\s+((?:19|20)\d{2})", s)
    if m and m.group(1) in MONTHS:
        year, month = int(m.group(2)), MONTHS[m.group(1)]
        return _clamped(year, month, 31 if end else 1)
    if re.fullmatch(r"(?:19|20)\d{2}", s):
        return date(int(s), 12, 31) if end else date(int(s), 1, 1)
    return None


def _in_year_of(phrase: str, end: date | None) -> date | None:
    """A day and month without a year ("1 januari") in the year of the end date,
    or the year before when it would fall after the end."""
    if end is None:
        return None
    start = parse_date(f"{phrase} {end.year}", end=False)
    if start is not None and start > end:
        start = parse_date(f"{phrase} {end.year - 1}", end=False)
    return start


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start))
    right_candidates = [
        i for i in (text.find(".", end), text.find("\n", end)) if i >= 0
    ]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


def _about_promise(text: str, m: re.Match[str]) -> bool:
    """False for a sentence about an agreement or avtal — unless the document is
    itself a samverkansöverenskommelse, whose own period is then the one wanted."""
    if PAST_SECTION.search(text, 0, m.start()):
        return False  # under "Tidigare medborgarlöften": an older promise
    sentence = _sentence_around(text, m.start(), m.end())
    if EARLIER_PROMISE.search(sentence):
        return False  # "Det förra medborgarlöftet gällde 2024–2025": an older promise
    hit = NOT_PROMISE.search(sentence)
    if hit and "avtal" not in hit.group(0).casefold() and is_agreement_document(text):
        return True
    if hit and ABOUT_A_PROMISE.search(sentence):
        return True  # "Överenskommelse om medborgarlöfte 2025": the promise itself
    return not hit


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _phrase(m: re.Match[str], first: str, last: str) -> tuple[str, int, int]:
    return m.string[m.start(first) : m.end(last)], m.start(first), m.end(last)


# Every match of ISO_RANGE starts with an ISO date or a day, a month's name and a
# year: a text with neither is not scanned (its digits are everywhere).
_ISO_DATE = re.compile(_ISO, _FLAGS)
_MONTH_LITERALS = tuple(sorted({fold(name) for name in MONTHS}))


def _may_hold_full_date(text: str) -> bool:
    return _ISO_DATE.search(text) is not None or holds_any(fold(text), _MONTH_LITERALS)


def _from_to(text: str) -> Period | None:
    found: list[tuple[int, Period]] = []
    for rx, rule in ((FROM_TO, "period.from_to"), (ISO_RANGE, "period.iso_range")):
        if rx is ISO_RANGE and not _may_hold_full_date(text):
            continue
        for m in rx.finditer(text):
            if not _about_promise(text, m) or data_years(text, m.start()):
                continue  # … or the years of a data source ("anmälda brott under …")
            b = parse_date(m.group("b"), end=True)
            a = parse_date(m.group("a"), end=False) or _in_year_of(m.group("a"), b)
            if not a or not b or b < a or (b.year - a.year) > 8:
                continue
            phrase_start = m.start() if rule == "period.from_to" else m.start("a")
            phrase = text[phrase_start : m.end("b")]
            found.append(
                (
                    phrase_start,
                    Period(
                        _iso(a),
                        _iso(b),
                        phrase,
                        ((phrase_start, m.end("b")),),
                        rule,
                    ),
                )
            )
            break
    if not found:
        return None
    return min(found, key=lambda item: item[0])[1]


def _in_list_item(text: str, pos: int) -> bool:
    """The line holding ``pos`` is a list item ("- …", "• …", "3. …", "b) …")."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos].lstrip()
    return bool(re.match(r"(?:[-–•*▪]|\d{1,2}[.)]|[a-h]\))\s", line))


def _nearest_year(text: str, pos: int) -> int | None:
    """The year a month range without a year refers to: the closest year before it."""
    years = [
        (m.start(), int(m.group(0)))
        for m in re.finditer(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)
    ]
    before = [y for p, y in years if p < pos]
    if before:
        return before[-1]
    return years[0][1] if years else None


# A sentence in which a party promises an action.
_PROMISES = re.compile(
    r"\b(?:ska|skall|lovar|kommer\s+att|åtar\s+sig)\b", re.IGNORECASE
)


def _ranges(text: str) -> Period | None:
    best: tuple[int, Period] | None = None
    plain: tuple[int, Period] | None = None
    for m in YEAR_RANGE.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if not (0 < b - a <= 6) or not _about_promise(text, m):
            continue
        phrase, s, e = _phrase(m, "a", "b")
        found = (
            s,
            Period(f"{a}-01-01", f"{b}-12-31", phrase, ((s, e),), "period.years"),
        )
        sentence = _sentence_around(text, m.start(), m.end())
        if EVIDENCE_SENTENCE.search(sentence) and (
            "löfte" not in sentence.casefold() or data_years(text, m.start())
        ):
            continue
        # A range in a statistics sentence must not beat the promise's own range.
        if PROMISE_CUE.search(sentence):
            best = found
            break
        plain = plain or found
    best = best or plain
    for m in MONTH_RANGE.finditer(text):
        if best and m.start() > best[0]:
            break
        if not _about_promise(text, m):
            continue
        if not m.group("y") and not re.search(
            r"period|gäller|löfte", _sentence_around(text, m.start(), m.end()), re.I
        ):
            continue  # "nattvandringar från april till oktober": an activity's season
        if not m.group("y"):
            sentence = _sentence_around(text, m.start(), m.end())
            if not re.search(r"gäller|löfte", sentence, re.I) and (
                _in_list_item(text, m.start()) or _PROMISES.search(sentence)
            ):
                # "- kontroller … under perioden april till september,", "Polisen
                # ska patrullera … under perioden mars–oktober.": an activity's season
                continue
        first = MONTHS[m.group("a").casefold().rstrip(".")]
        last = MONTHS[m.group("b").casefold().rstrip(".")]
        year = int(m.group("y")) if m.group("y") else _nearest_year(text, m.start())
        if year is None:
            continue
        start_year = year - 1 if (m.group("y") and last < first) else year
        end_year = start_year + 1 if last < first else start_year
        end_last = "y" if m.group("y") else "b"
        phrase, s, e = _phrase(m, "a", end_last)
        period = Period(
            _clamped(start_year, first, 1).isoformat(),
            _clamped(end_year, last, 31).isoformat(),
            phrase,
            ((s, e),),
            "period.months",
        )
        if m.group("y") is None and re.search(r"period", m.group("cue"), re.I):
            phrase, s = text[m.start("cue") : m.end("b")], m.start("cue")
            period = Period(period.start, period.end, phrase, ((s, e),), period.rule)
        best = (s, period)
        break
    return best[1] if best else None


# "Redovisning av medborgarlöfte 2018": a report on a promise, whose year is that of
# the promise reported on; a new promise under its own heading after it gives the
# period (one only announced, "ett nytt löfte för 2019 tas fram", does not).
REPORT_OF = re.compile(
    r"\b(?:redovisning|uppföljning|utvärdering|återrapportering|resultat(?:et)?)"
    r"\s+(?:av|för)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


_SEASON_BEFORE = re.compile(r"\b(?:hösten|våren|sommaren|vintern)\s+$", re.I)


def _single_year(text: str) -> tuple[int, str, int, int] | None:
    reported = None
    for rx in (PROMISE_YEAR, UNDER_YEAR):
        for m in rx.finditer(text):
            if not _about_promise(text, m):
                continue
            if PAST_TENSE.search(_sentence_around(text, m.start(), m.end())):
                continue
            group = "y" if m.group("y") else "y2"
            if _SEASON_BEFORE.search(text, max(0, m.start(group) - 16), m.start(group)):
                continue  # "Medborgarlöfte hösten 2019": a season only (SCHEMA)
            found = int(m.group(group)), m.group(0), m.start(), m.end()
            line_start = text.rfind("\n", 0, m.start()) + 1
            if REPORT_OF.search(text, line_start, m.start()):
                reported = reported or found
                continue
            if reported is None:
                return found
            if found[0] > reported[0] and _heading_line(text, m.start(), m.end()):
                return found  # the new promise's own heading below the report
    return reported


def _heading_line(text: str, start: int, end: int) -> bool:
    """The match is most of a short line of its own ("Medborgarlöfte 2031")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip(" #*\t")
    return len(line.split()) <= 6 and line[-1:] not in ".!?"


def find_period(text: str) -> Period:
    """Return the promise period of ``text`` per SCHEMA, or an all-null period."""
    explicit = _from_to(text)
    if explicit:
        return explicit
    valid = next(
        (m for m in VALIDITY_YEAR.finditer(text) if _about_promise(text, m)), None
    )
    if valid:
        y, where = valid.group("y"), (valid.start(), valid.end())
        return Period(
            f"{y}-01-01", f"{y}-12-31", valid.group(0), (where,), "period.valid_year"
        )
    ranged = _ranges(text)
    if ranged:
        return ranged
    single = _single_year(text)
    for m in END_ONLY.finditer(text):
        if not _about_promise(text, m):
            continue
        end = parse_date(m.group("b"), end=True)
        if end is None:
            continue
        start_m = next(
            (
                sm
                for sm in START_ONLY.finditer(text, 0, m.start())
                if _about_promise(text, sm)
            ),
            None,
        )
        begin = parse_date(start_m.group("a"), end=False) if start_m else None
        if start_m and begin and begin <= end:
            joined = f"{start_m.group(0)} … {m.group(0)}"
            spans = ((start_m.start(), start_m.end()), (m.start(), m.end()))
            return Period(_iso(begin), _iso(end), joined, spans, "period.start_until")
        if single and single[0] <= end.year:
            year, phrase, s, e = single
            joined = f"{phrase} … {m.group(0)}"
            spans = ((s, e), (m.start(), m.end()))
            return Period(
                f"{year}-01-01", _iso(end), joined, spans, "period.year_until"
            )
        span = ((m.start(), m.end()),)
        return Period(None, _iso(end), m.group(0), span, "period.until")
    if single:
        year, phrase, s, e = single
        return Period(
            f"{year}-01-01", f"{year}-12-31", phrase, ((s, e),), "period.year"
        )
    season = SEASON.search(text)
    if season:
        span = ((season.start(), season.end()),)
        return Period(None, None, season.group(0), span, "period.season")
    return NO_PERIOD
