"""Planned against done, without Django: the arithmetic of an aktivitetsplan.

A planned line covers a window (a day, an ISO week or a month) and expects a
quantity. Done activities tick lines off through explicit links, never by guessing
from the kind or the date. One done activity may cover several planned lines (one
evening that was both a trygghetsvandring and a dialogue); it then counts fully
towards each line, but only once towards a total, so "planned 4, held 3" never
turns into "held 5".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from medborgarloften.lib.months import MONTHS_SV

__all__ = [
    "DoneItem",
    "GroupSummary",
    "LineStatus",
    "PlanLine",
    "line_statuses",
    "parse_when",
    "quarter_of",
    "shift_year",
    "summarise",
    "window",
]


def window(when: str, starts_on: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day a planned line covers."""
    if when == "week":
        monday = starts_on - dt.timedelta(days=starts_on.weekday())
        return monday, monday + dt.timedelta(days=6)
    if when == "month":
        last = calendar.monthrange(starts_on.year, starts_on.month)[1]
        return starts_on.replace(day=1), starts_on.replace(day=last)
    return starts_on, starts_on


_WEEK = re.compile(r"^(?:(\d{4})\s*[-‐ ]?\s*)?(?:v\.?|vecka|w)\s*(\d{1,2})$", re.I)
_WEEK_ISO = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.I)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_when(text: str, *, year: int) -> tuple[str, dt.date]:
    """Read "2025-05-14", "v. 20", "2025-W20", "2025-05" or "maj" as (when,
    first day); a week or month without a year is in ``year``. Raises ValueError
    with a Swedish message."""
    value = " ".join((text or "").split()).casefold()
    if not value:
        raise ValueError("Skriv när: ett datum, en vecka (v. 20) eller en månad.")
    try:
        if match := _DATE.match(value):
            y, m, d = (int(g) for g in match.groups())
            return "date", dt.date(y, m, d)
        if match := (_WEEK_ISO.match(value) or _WEEK.match(value)):
            y = int(match.group(1)) if match.group(1) else year
            return "week", dt.date.fromisocalendar(y, int(match.group(2)), 1)
        if match := _MONTH.match(value):
            return "month", dt.date(int(match.group(1)), int(match.group(2)), 1)
        parts = value.split()
        if parts and parts[0] in MONTHS_SV and len(parts) <= 2:
            # Four ASCII digits: "maj 99999999999999999999" overflowed dt.date.
            four = len(parts) == 2 and re.fullmatch(r"[0-9]{4}", parts[1])
            y = int(parts[1]) if four else year
            if len(parts) == 2 and not four:
                raise ValueError
            return "month", dt.date(y, MONTHS_SV.index(parts[0]) + 1, 1)
    except ValueError:
        pass
    raise ValueError(
        f"Förstår inte ”{text.strip()}”: skriv ett datum (2025-05-14), en vecka "
        "(v. 20 eller 2025-W20) eller en månad (2025-05 eller maj)."
    )


def shift_year(when: str, starts_on: dt.date, years: int) -> dt.date:
    """The same day, week number or month ``years`` later (29 February → 28th;
    week 53 → week 52 in a year without one)."""
    target = starts_on.year + years
    if when == "week":
        iso_year, week, _ = starts_on.isocalendar()
        target = iso_year + years
        weeks = dt.date(target, 12, 28).isocalendar()[1]
        return dt.date.fromisocalendar(target, min(week, weeks), 1)
    day = min(starts_on.day, calendar.monthrange(target, starts_on.month)[1])
    return starts_on.replace(year=target, day=day)


def quarter_of(day: dt.date) -> str:
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


@dataclass(frozen=True)
class PlanLine:
    id: int
    kind: str
    when: str
    starts_on: dt.date
    quantity: int
    group: str = ""


@dataclass(frozen=True)
class DoneItem:
    id: int
    quantity: int
    covers: frozenset[int] = frozenset()


@dataclass
class LineStatus:
    line: PlanLine
    start: dt.date
    end: dt.date
    done: int
    activity_ids: list[int] = field(default_factory=list)
    status: str = "planned"  # done, late, planned, partly

    @property
    def label(self) -> str:
        return {
            "done": "Genomförd",
            "partly": "Delvis genomförd",
            "late": "Inte genomförd",
            "planned": "Planerad",
        }[self.status]


@dataclass
class GroupSummary:
    group: str
    planned: int = 0
    done: int = 0
    lines: int = 0
    lines_done: int = 0

    @property
    def text(self) -> str:
        return f"{self.group}: planerat {self.planned}, genomfört {self.done}"


def line_statuses(
    lines: Iterable[PlanLine], done: Iterable[DoneItem], *, today: dt.date
) -> list[LineStatus]:
    """Each planned line with what ticked it off. A line is done when the activities
    linked to it reach its quantity, late when its window has passed without that."""
    done = list(done)
    result = []
    for line in lines:
        start, end = window(line.when, line.starts_on)
        covering = [d for d in done if line.id in d.covers]
        count = sum(d.quantity for d in covering)
        if count >= line.quantity:
            status = "done"
        elif end < today:
            status = "late"
        elif count:
            status = "partly"
        else:
            status = "planned"
        result.append(
            LineStatus(
                line, start, end, min(count, line.quantity), [d.id for d in covering]
            )
        )
        result[-1].status = status
    return result


def summarise(
    statuses: Iterable[LineStatus], done: Iterable[DoneItem]
) -> list[GroupSummary]:
    """Planned and done per group (e.g. "trygghetsvandring Q2 2025"). A done
    activity counts once per group however many of its lines it covers, and never
    more than the group planned."""
    quantities = {d.id: d.quantity for d in done}
    groups: dict[str, GroupSummary] = {}
    seen: dict[str, set[int]] = {}
    for status in statuses:
        key = status.line.group
        summary = groups.setdefault(key, GroupSummary(key))
        summary.planned += status.line.quantity
        summary.lines += 1
        summary.lines_done += status.status == "done"
        seen.setdefault(key, set()).update(status.activity_ids)
    for key, summary in groups.items():
        held = sum(quantities.get(i, 0) for i in seen[key])
        summary.done = min(held, summary.planned)
    return list(groups.values())
