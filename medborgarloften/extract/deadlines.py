"""Deadlines in a commitment's text (SCHEMA "deadline"): explicit dates and months,
resolved to the last day they allow, and ISO weeks; read by ``targets``."""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from medborgarloften.lib.months import MONTHS_EN, MONTHS_SV, month_number

from .prefilter import fold, holds_any
from .target_patterns import _DEADLINE_RE, _MONTH_ALT, _WEEK_RE


def period_years(period: dict[str, Any] | None) -> tuple[int | None, int | None]:
    """First and last calendar year of a SCHEMA period dict, if known."""
    if not period:
        return None, None
    start = str(period.get("start") or "")[:4]
    end = str(period.get("end") or "")[:4]
    return (
        int(start) if start.isdecimal() else None,
        int(end) if end.isdecimal() else None,
    )


# every month the deadline expression reads (_MONTH_ALT: Swedish and English)
_MONTH_LITERALS = tuple(fold(month) for month in (*MONTHS_SV, *MONTHS_EN))
_ISO_DATE = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")
_MONTH_BEFORE = re.compile(rf"(?:{_MONTH_ALT})\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(
    rf"\s*(?:[-–—]|till(?:\s+och\s+med)?|t\.o\.m\.?)\s*(?:{_MONTH_ALT})\b",
    re.IGNORECASE,
)
# "från midsommar till och med", "från och med": the start of a span before the month.
_FROM_BEFORE = re.compile(
    r"\bfrån\s+(?:[\w-]+\s+){1,3}(?:till(?:\s+och\s+med)?|t\.\s?o\.\s?m\.)?\s*$",
    re.IGNORECASE,
)


def find_deadline(
    text: str, period: dict[str, Any] | None
) -> tuple[str | None, tuple[int, int] | None]:
    """The deadline a commitment states (a date, a month, "vecka 34", "senast
    2026-05-31") as an ISO date at the last day it allows, with its span; the span
    alone when the year is unknown; (None, None) when it names none. A season
    ("april till september", "från midsommar till och med augusti") is no deadline."""
    start_year, end_year = period_years(period)
    # Every match holds "vecka" or "v." (the prefilter's own literal would be "v").
    folded = fold(text)
    wm = _WEEK_RE.search(text) if "vecka" in folded or "v." in folded else None
    if wm:
        year = start_year or end_year
        week = int(wm.group("week"))
        if year is None or not 1 <= week <= 53:
            return None, (wm.start(), wm.end())
        try:
            sunday = datetime.date.fromisocalendar(year, week, 7)
        except ValueError:
            return None, (wm.start(), wm.end())
        return sunday.isoformat(), (wm.start(), wm.end())
    # Every match names a month or holds an ISO date; the expression's own
    # prefilter also lets through every text with a year ("20").
    dated = holds_any(folded, _MONTH_LITERALS) or (
        "-" in text and _ISO_DATE.search(text) is not None  # each match holds "-"
    )
    for m in _DEADLINE_RE.finditer(text) if dated else ():
        if m.group("iso"):
            return m.group("iso"), (m.start(), m.end())
        prefix = text[max(0, m.start() - 8) : m.start()]
        if re.search(r"varje\s*$|från\s*$", prefix, re.IGNORECASE):
            continue
        if _MONTH_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            continue  # "april till september": an activity's season, no deadline
        if not m.group("day") and _MONTH_AFTER.match(text, m.end()):
            continue  # "under april–september": the first month of a season
        if _FROM_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "från midsommar till och med augusti": a season, too
        month = month_number(m.group("month")) or 1
        year = int(m.group("year")) if m.group("year") else (start_year or end_year)
        if year is None:
            return None, (m.start(), m.end())
        last = calendar.monthrange(year, month)[1]
        day = int(m.group("day")) if m.group("day") else last
        day = min(max(day, 1), last)
        return f"{year:04d}-{month:02d}-{day:02d}", (m.start(), m.end())
    return None, None
