"""The årshjul: month by month over a promise's period, what is planned, when reports
are due, what is communicated and the kommun's own recurring dates — and the same
entries as iCalendar (RFC 5545, written with the ``icalendar`` library) so staff
can subscribe in their own calendars.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext

from medborgarloften.lib.months import MONTHS_SV
from medborgarloften.lib.text import names_place
from medborgarloften.promises.models import Promise

from .models import CommunicationActivity, PlannedActivity, RecurringEvent
from .plans import window
from .selectors import report_plan

__all__ = ["Entry", "Month", "arshjul", "arshjul_entries", "ical_bytes"]


@dataclass(frozen=True)
class Entry:
    """One thing on the årshjul; ``end`` is inclusive."""

    kind: str  # planned, report, communication, event
    title: str
    start: dt.date
    end: dt.date
    detail: str = ""
    key: str = ""

    @property
    def kind_label(self) -> str:
        return {
            "planned": gettext("Planerad aktivitet"),
            "report": gettext("Uppföljningsrapport"),
            "communication": gettext("Kommunikation"),
            "event": gettext("Händelse"),
        }[self.kind]


@dataclass
class Month:
    year: int
    month: int
    entries: list[Entry] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{MONTHS_SV[self.month - 1]} {self.year}"


def _shift(day: dt.date, year: int) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def arshjul_entries(*, promise: Promise) -> list[Entry]:
    """Every dated thing in the promise's period, in date order."""
    if not (promise.period_start and promise.period_end):
        return []
    first, last = promise.period_start, promise.period_end
    entries: list[Entry] = []
    planned = PlannedActivity.objects.filter(
        commitment__promise=promise
    ).select_related("area", "organisation")
    for item in planned:
        start, end = window(item.when, item.starts_on)
        where = (
            f" i {item.area.name}"
            if item.area and not names_place(item.kind, item.area.name)
            else ""
        )
        who = ", ".join(
            x for x in (str(item.organisation or ""), item.responsible) if x
        )
        entries.append(
            Entry(
                "planned",
                f"{item.kind}{where} ({item.quantity})",
                start,
                end,
                gettext("Ansvarig: %(who)s") % {"who": who} if who else "",
                f"planned-{item.pk}",
            )
        )
    plan = report_plan(promise=promise, today=timezone.localdate())
    for number, due in enumerate(plan.due_dates, start=1):
        entries.append(
            Entry(
                "report",
                gettext("Uppföljningsrapport %(n)s av %(total)s senast")
                % {"n": number, "total": plan.promised},
                due,
                due,
                promise.report_audience,
                f"report-{number}",
            )
        )
    for message in CommunicationActivity.objects.filter(promise=promise):
        entries.append(
            Entry(
                "communication",
                f"{message.title} ({message.get_channel_display().lower()})",
                message.planned_on,
                message.planned_on,
                ", ".join(x for x in (message.audience, message.responsible) if x),
                f"communication-{message.pk}",
            )
        )
    events = RecurringEvent.objects.filter(
        organisation__in=promise.parties.all()
    ).order_by("starts_on", "pk")
    for event in events:
        years = range(first.year, last.year + 1) if event.yearly else [None]
        for year in years:
            start = event.starts_on if year is None else _shift(event.starts_on, year)
            length = (event.ends_on - event.starts_on) if event.ends_on else None
            end = start + length if length is not None else start
            if end < first or start > last:
                continue
            entries.append(
                Entry("event", event.title, start, end, "", f"event-{event.pk}-{start}")
            )
    entries = [e for e in entries if not (e.end < first or e.start > last)]
    return sorted(entries, key=lambda e: (e.start, e.kind, e.title))


def arshjul(*, promise: Promise) -> list[Month]:
    """The period month by month; an entry spanning months shows in each."""
    if not (promise.period_start and promise.period_end):
        return []
    months: list[Month] = []
    year, month = promise.period_start.year, promise.period_start.month
    while (year, month) <= (promise.period_end.year, promise.period_end.month):
        months.append(Month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    index = {(m.year, m.month): m for m in months}
    for entry in arshjul_entries(promise=promise):
        y, m = entry.start.year, entry.start.month
        while (y, m) <= (entry.end.year, entry.end.month):
            if (y, m) in index:
                index[(y, m)].entries.append(entry)
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def ical_bytes(*, promise: Promise, host: str = "medborgarloften") -> bytes:
    """The årshjul as an iCalendar file of all-day events. A plan with no planned
    activity and no communication is refused: a calendar of report deadlines and
    holidays alone would look like a successful export of the plan."""
    from icalendar import Calendar, Event

    entries = arshjul_entries(promise=promise)
    if not any(e.kind in ("planned", "communication") for e in entries):
        raise ValidationError(
            gettext(
                "Planen är tom: lägg in planerade aktiviteter eller kommunikation "
                "innan årshjulet exporteras till kalendern."
            )
        )
    calendar = Calendar()
    calendar.add("prodid", "-//medborgarloften//arshjul//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add(
        "x-wr-calname", gettext("Årshjul: %(title)s") % {"title": promise.title}
    )
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for entry in entries:
        event = Event()
        digest = hashlib.sha1(  # noqa: S324 - a stable id, not security
            f"{promise.uid}:{entry.key}".encode()
        ).hexdigest()[:20]
        event.add("uid", f"{digest}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + dt.timedelta(days=1))
        event.add("categories", [entry.kind_label])
        if entry.detail:
            event.add("description", entry.detail)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
