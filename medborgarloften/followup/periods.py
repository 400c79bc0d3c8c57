"""The promise period cut into years, months, ISO weeks and terms, for
``progress``: pure date arithmetic, no Django. Years are period years (they start
on the period's first day); terms are half years (vårtermin January–June,
hösttermin July–December)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

ONE_DAY = dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _term_start(day: dt.date) -> dt.date:
    return day.replace(month=1 if day.month <= 6 else 7, day=1)


def _next_term(day: dt.date) -> dt.date:
    if day.month <= 6:
        return day.replace(month=7, day=1)
    return dt.date(day.year + 1, 1, 1)


def _days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


@dataclass(frozen=True)
class _Span:
    label: str
    start: dt.date
    end: dt.date
    full_days: int  # days of the whole unit the span was cut from
    prorate: bool = True


def time_spans(per: str, start: dt.date, end: dt.date) -> list[_Span]:
    """The period cut into the units of ``per`` (år, månad, vecka, termin)."""
    spans: list[_Span] = []
    if per in ("år", "år_och_område"):
        index = 0
        while True:
            unit_start = add_years(start, index)
            if unit_start > end:
                break
            unit_end = add_years(start, index + 1) - ONE_DAY
            label = (
                str(unit_start.year)
                if unit_start.month == 1 and unit_start.day == 1
                else f"{unit_start.isoformat()} – {min(unit_end, end).isoformat()}"
            )
            spans.append(
                _Span(
                    label, unit_start, min(unit_end, end), _days(unit_start, unit_end)
                )
            )
            index += 1
    elif per == "månad":
        cursor = _month_start(start)
        while cursor <= end:
            unit_end = _next_month(cursor) - ONE_DAY
            spans.append(
                _Span(
                    f"{cursor:%Y-%m}",
                    max(cursor, start),
                    min(unit_end, end),
                    _days(cursor, unit_end),
                )
            )
            cursor = unit_end + ONE_DAY
    elif per == "vecka":
        cursor = start - dt.timedelta(days=start.weekday())
        while cursor <= end:
            unit_end = cursor + dt.timedelta(days=6)
            year, week, _ = cursor.isocalendar()
            spans.append(
                _Span(f"{year}-v{week:02d}", max(cursor, start), min(unit_end, end), 7)
            )
            cursor = unit_end + ONE_DAY
    elif per == "termin":
        cursor = _term_start(start)
        while cursor <= end:
            unit_end = _next_term(cursor) - ONE_DAY
            name = "VT" if cursor.month == 1 else "HT"
            spans.append(
                _Span(
                    f"{name} {cursor.year}",
                    max(cursor, start),
                    min(unit_end, end),
                    _days(cursor, unit_end),
                    prorate=False,
                )
            )
            cursor = unit_end + ONE_DAY
    else:
        raise ValueError(f"unknown per: {per!r}")
    return spans


def _share(quantity: int, span: _Span) -> int:
    """The target of a span cut short, in proportion to its days, rounded up."""
    days = _days(span.start, span.end)
    if not span.prorate or days >= span.full_days:
        return quantity
    return max(1, math.ceil(quantity * days / span.full_days))
