"""Periods the lägesbild is read in: ISO week, month, tertial and year.

A period is written as EST writes it: ``2025-W45``, ``2025-11``, ``2025-T3``, ``2025``.
Tertials are January–April, May–August and September–December.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

_PATTERNS = (
    ("week", re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)),
    ("tertial", re.compile(r"^(\d{4})-T([123])$", re.IGNORECASE)),
    ("month", re.compile(r"^(\d{4})-(\d{1,2})$")),
    ("year", re.compile(r"^(\d{4})$")),
)


@dataclass(frozen=True)
class Period:
    """A half-open span of local dates ``[start, end)`` with its EST name."""

    kind: str
    year: int
    number: int
    start: dt.date
    end: dt.date

    @property
    def code(self) -> str:
        if self.kind == "week":
            return f"{self.year}-W{self.number:02d}"
        if self.kind == "tertial":
            return f"{self.year}-T{self.number}"
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == "week":
            return _("vecka %(week)d %(year)d") % {
                "week": self.number,
                "year": self.year,
            }
        if self.kind == "tertial":
            return _("tertial %(n)d %(year)d") % {"n": self.number, "year": self.year}
        if self.kind == "month":
            # Django's month names in the page's language ("december", "December").
            return f"{MONTHS[self.number]} {self.year}"
        return str(self.year)

    def aware_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Start and end as aware datetimes in the current (Swedish) time zone."""
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(self.end, dt.time.min, tzinfo=tz),
        )

    @property
    def months(self) -> list[int]:
        """The months (yyyymm) the period touches."""
        result = []
        day = self.start.replace(day=1)
        while day < self.end:
            result.append(day.year * 100 + day.month)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return result

    def previous(self) -> Period:
        return period_containing(self.kind, self.start - dt.timedelta(days=1))

    def following(self) -> Period:
        return period_containing(self.kind, self.end)


def _make(kind: str, year: int, number: int) -> Period:
    if kind == "week":
        start = dt.date.fromisocalendar(year, number, 1)
        return Period(kind, year, number, start, start + dt.timedelta(days=7))
    if kind == "month":
        start = dt.date(year, number, 1)
        end = dt.date(year + (number == 12), number % 12 + 1, 1)
        return Period(kind, year, number, start, end)
    if kind == "tertial":
        first = 4 * (number - 1) + 1
        start = dt.date(year, first, 1)
        end = dt.date(year + 1, 1, 1) if number == 3 else dt.date(year, first + 4, 1)
        return Period(kind, year, number, start, end)
    return Period("year", year, 0, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))


def period_containing(kind: str, day: dt.date) -> Period:
    """The week, month, tertial or year that holds ``day``."""
    if kind == "week":
        iso = day.isocalendar()
        return _make("week", iso.year, iso.week)
    if kind == "month":
        return _make("month", day.year, day.month)
    if kind == "tertial":
        return _make("tertial", day.year, (day.month - 1) // 4 + 1)
    return _make("year", day.year, 0)


def parse_period(text: str) -> Period:
    """Parse ``2025-W45``, ``2025-11``, ``2025-T3`` or ``2025``; ValueError otherwise."""
    text = (text or "").strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            year = int(match.group(1))
            number = int(match.group(2)) if kind != "year" else 0
            try:
                return _make(kind, year, number)
            except ValueError:
                break
    raise ValueError(
        _(
            "Period: skriv vecka (2025-W45), månad (2025-11), tertial (2025-T3) "
            "eller år (2025), inte %(text)r."
        )
        % {"text": text}
    )


def local_month(moment: dt.datetime) -> int:
    """yyyymm of an aware datetime in the current time zone."""
    local = timezone.localtime(moment)
    return local.year * 100 + local.month
