"""Progress against a target: pure arithmetic, no Django, no database.

A target is "at least ``quantity`` per ``per``" within the promise period, optionally
"by ``deadline``". The period is cut into buckets — the whole period, each year, month,
ISO week or term, each area, each area in each year — and every bucket gets:

- ``done``: the sum of the quantities of activities dated inside it (an activity over
  a date range counts on its first day);
- ``target``: the quantity (1 when only a unit, a ``per`` or a deadline is given);
  a bucket cut short by the period's start or end gets a proportional share, rounded
  up — except terms, whose work happens whatever day the period starts;
- ``expected``: what should be done by ``today`` if the work is spread evenly over the
  bucket's days (0 before it starts, the whole target once it has ended); in whole
  units (``expected_whole``, rounded down) it is both what pages show as "förväntat
  hittills" and what the status compares with: behind means done < expected_whole;
- a status, see ``Status``.

A target that is only a deadline ("senast 2025-12-31") is done or not done, not a
count: its one bucket counts 1 once any activity is logged by the deadline.

Years are period years: they start on the period's first day ("2025-07-01 –
2026-06-30"), so a period that does not start on 1 January is not cut at New Year. A
period year that starts on 29 February continues on 28 February in common years.
Terms are Swedish school terms as half years: vårtermin January–June, hösttermin
July–December. Weeks are ISO weeks, Monday to Sunday.

The overall status is the worst status among the buckets that have started (overdue,
then behind), "done" only when every bucket is done, and "not started" while nothing
has started. A deadline makes the target due on that day: after it, an unreached
target is overdue. Without a period (no start or end), time-sliced targets cannot be
judged and are "not measurable"; so is a per-area target without any named area.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from medborgarloften.vocabulary import is_time_limit

from .periods import ONE_DAY as ONE_DAY
from .periods import _days, _share
from .periods import add_years as add_years  # re-exported for callers of progress
from .periods import time_spans as time_spans


class Status(enum.StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_STARTED = "not_started"
    OVERDUE = "overdue"
    NOT_MEASURABLE = "not_measurable"
    #: Not computed here: the selectors give it to the commitments of a promise
    #: whose follow-up is not in the system (a historical record, or a period that
    #: ended without one activity recorded), so nothing is called late.
    UNRECORDED = "unrecorded"


def gettext_noop(text: str) -> str:
    """Marks Swedish text for makemessages; views and templates translate it where
    they show it (this module stays free of Django)."""
    return text


#: Swedish labels (msgids); pages translate them ({% translate %}, gettext).
STATUS_LABELS: dict[str, str] = {
    Status.DONE: gettext_noop("Genomfört"),
    Status.ON_TRACK: gettext_noop("I fas"),
    Status.BEHIND: gettext_noop("Efter plan"),
    Status.NOT_STARTED: gettext_noop("Inte påbörjat"),
    Status.OVERDUE: gettext_noop("Försenat"),
    Status.NOT_MEASURABLE: gettext_noop("Inte mätbart"),
    Status.UNRECORDED: gettext_noop("Ingen uppföljning registrerad i systemet"),
}

#: What each status means to a reader, in the order a legend explains them (msgids;
#: "Inte mätbart" and "ingen uppföljning" say it in their labels).
STATUS_MEANINGS: dict[str, str] = {
    Status.ON_TRACK: gettext_noop(
        "Det som har gjorts räcker för hur långt in i perioden vi är."
    ),
    Status.BEHIND: gettext_noop(
        "Tiden för målet pågår, men mindre är gjort än vad som borde vara gjort "
        "hittills om arbetet sprids jämnt. Det går fortfarande att hinna ikapp."
    ),
    Status.OVERDUE: gettext_noop(
        "Tiden för målet (eller för en del av det, till exempel en termin) har gått "
        "ut utan att målet nåddes."
    ),
    Status.NOT_STARTED: gettext_noop(
        "Inget är registrerat än, och inget behövde vara gjort än."
    ),
    Status.DONE: gettext_noop("Målet är nått."),
}


def status_legend(shown: Iterable[str]) -> list[tuple[str, str]]:
    """(label, meaning) msgids of the statuses in ``shown`` that need telling apart;
    none where the only one is "done", which needs no legend."""
    shown = set(shown)
    if not shown & (STATUS_MEANINGS.keys() - {Status.DONE}):
        return []
    return [
        (STATUS_LABELS[status], meaning)
        for status, meaning in STATUS_MEANINGS.items()
        if status in shown
    ]


#: Worst first: the overall status of started buckets is the first one found here.
_SEVERITY = (Status.OVERDUE, Status.BEHIND)

TIME_PERS = {"år", "månad", "vecka", "termin", "år_och_område"}
AREA_PERS = {"område", "år_och_område"}


@dataclass(frozen=True)
class Entry:
    """One activity as progress sees it."""

    date: dt.date
    quantity: int = 1
    area_id: int | None = None


@dataclass(frozen=True)
class AreaRef:
    id: int
    name: str


@dataclass
class Bucket:
    """One slice of the target: a time span, an area, or both."""

    label: str
    start: dt.date | None
    end: dt.date | None
    target: int
    area: AreaRef | None = None
    done: int = 0
    expected: float | None = None
    status: Status = Status.NOT_STARTED
    binary: bool = False  # a deadline alone: done or not, no count

    @property
    def expected_whole(self) -> int | None:
        """Whole units expected by today: what is shown, and what status checks."""
        return None if self.expected is None else math.floor(self.expected + 1e-9)

    @property
    def percent(self) -> int:
        """Share of the target reached, 0–100, for a progress bar."""
        if self.target <= 0:
            return 0
        return min(100, round(100 * self.done / self.target))

    @property
    def label_status(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Progress:
    """Everything the dashboard and the report say about one commitment's target."""

    status: Status
    per: str
    buckets: list[Bucket] = field(default_factory=list)
    done: int = 0
    counted: int = 0
    target: int = 0
    expected: float | None = None
    deadline: dt.date | None = None
    missing_areas: list[AreaRef] = field(default_factory=list)
    #: The parts that have started and have nothing yet, by name: the areas of a
    #: per-area target, each area in each year ("Funkabo 2026") of a per-area-
    #: and-year one (an area done last year is still missing this year).
    missing_parts: list[str] = field(default_factory=list)
    reason: str = ""
    binary: bool = False  # a deadline alone: done or not, no count

    @property
    def expected_whole(self) -> int | None:
        """The buckets' whole expected units summed: with ``counted`` it agrees with
        the status (no bucket behind means counted >= expected_whole)."""
        wholes = [b.expected_whole for b in self.buckets]
        if not wholes or any(w is None for w in wholes):
            return None
        return sum(w for w in wholes if w is not None)

    @property
    def late_buckets(self) -> list[Bucket]:
        """The parts behind or overdue: what makes the whole late, named."""
        return [b for b in self.buckets if b.status in _SEVERITY]

    @property
    def measurable(self) -> bool:
        return self.status != Status.NOT_MEASURABLE

    @property
    def percent(self) -> int:
        """Share of the whole target reached (each bucket counted up to its own
        target, so extra work in one area does not hide a missing one), 0–100."""
        if self.target <= 0:
            return 0
        return min(100, round(100 * self.counted / self.target))

    @property
    def expected_percent(self) -> int:
        expected = self.expected_whole
        if not self.target or expected is None:
            return 0
        return min(100, round(100 * expected / self.target))

    @property
    def label_status(self) -> str:
        return STATUS_LABELS[self.status]


# --- Status ----------------------------------------------------------------------


def expected_by(
    *, target: int, start: dt.date | None, end: dt.date | None, today: dt.date
) -> float | None:
    """What should be done by ``today`` (inclusive) if the work is spread evenly."""
    if start is None or end is None:
        return None
    if today < start:
        return 0.0
    if today >= end:
        return float(target)
    return target * _days(start, today) / _days(start, end)


def bucket_status(bucket: Bucket, today: dt.date) -> Status:
    """Done once the target is reached; overdue once the bucket ended short of it;
    behind when fewer than the whole number expected by today are done."""
    if bucket.done >= bucket.target:
        return Status.DONE
    if bucket.end is not None and today > bucket.end:
        return Status.OVERDUE
    if bucket.start is not None and today < bucket.start:
        return Status.NOT_STARTED
    expected = bucket.expected_whole
    if expected is not None and bucket.done < expected:
        return Status.BEHIND
    if bucket.done == 0:
        return Status.NOT_STARTED
    return Status.ON_TRACK


def overall_status(buckets: Sequence[Bucket], today: dt.date) -> Status:
    if not buckets:
        return Status.NOT_MEASURABLE
    if all(b.status == Status.DONE for b in buckets):
        return Status.DONE
    started = [b for b in buckets if b.start is None or b.start <= today]
    if not started:
        return Status.NOT_STARTED
    for status in _SEVERITY:
        if any(b.status == status for b in started):
            return status
    if all(b.status == Status.NOT_STARTED for b in started):
        return Status.NOT_STARTED
    return Status.ON_TRACK


# --- The entry point ---------------------------------------------------------------


def _not_measurable(
    entries: list[Entry], reason: str, per: str = "", deadline: dt.date | None = None
) -> Progress:
    """A target that cannot be followed up, for ``reason``: only what was done."""
    return Progress(
        status=Status.NOT_MEASURABLE,
        per=per,
        deadline=deadline,
        done=sum(e.quantity for e in entries),
        reason=reason,
    )


def commitment_progress(
    *,
    quantity: int | None,
    per: str,
    deadline: dt.date | None,
    period_start: dt.date | None,
    period_end: dt.date | None,
    entries: Iterable[Entry],
    areas: Sequence[AreaRef] = (),
    today: dt.date,
    unit: str = "",
) -> Progress:
    """Done, target, expected-by-today and status for one commitment, per bucket
    and overall. A time limit ("inom 48 timmar": a unit of time and no ``per``) is
    a standard each case must meet, not a count: not measured here."""
    entries = list(entries)
    if is_time_limit(quantity, unit, per):
        return _not_measurable(
            entries,
            gettext_noop(
                "Målet är en tidsgräns, inget antal: följ upp i rapporten hur väl "
                "den hålls."
            ),
            deadline=deadline,
        )
    if quantity is None and not per and deadline is None:
        return _not_measurable(
            entries, gettext_noop("Åtagandet har inget mätbart mål.")
        )
    amount = quantity if quantity is not None else 1
    per = per or "period"
    start = period_start
    # A deadline closes the count: the target is due on that day.
    end = deadline if deadline is not None else period_end
    if start is not None and end is not None and end < start:
        start = None  # a deadline before the period: judged by the deadline alone
    if per in TIME_PERS and (start is None or end is None):
        return _not_measurable(
            entries,
            "Löftet saknar period; målet per tidsenhet kan inte följas upp.",
            per,
            deadline,
        )
    if per in AREA_PERS and not areas:
        return _not_measurable(
            entries, "Varken åtagandet eller löftet anger några områden.", per, deadline
        )

    buckets: list[Bucket] = []
    if per in ("år", "månad", "vecka", "termin"):
        assert start is not None and end is not None
        for span in time_spans(per, start, end):
            buckets.append(
                Bucket(span.label, span.start, span.end, _share(amount, span))
            )
    elif per == "år_och_område":
        assert start is not None and end is not None
        for span in time_spans(per, start, end):
            for area in areas:
                buckets.append(
                    Bucket(
                        f"{area.name} {span.label}",
                        span.start,
                        span.end,
                        _share(amount, span),
                        area=area,
                    )
                )
    elif per == "område":
        for area in areas:
            buckets.append(Bucket(area.name, start, end, amount, area=area))
    elif quantity is None and per == "period" and deadline is not None:
        label = f"Senast {deadline.isoformat()}"
        buckets.append(Bucket(label, start, end, 1, binary=True))
    else:  # "period"
        buckets.append(Bucket("Hela perioden", start, end, amount))

    _fill(buckets, entries, by_area=per in AREA_PERS)
    for bucket in buckets:
        if bucket.binary:
            bucket.done = min(bucket.done, 1)
    for bucket in buckets:
        bucket.expected = expected_by(
            target=bucket.target, start=bucket.start, end=bucket.end, today=today
        )
        bucket.status = bucket_status(bucket, today)

    expectations = [b.expected for b in buckets]
    progress = Progress(
        status=overall_status(buckets, today),
        per=per,
        buckets=buckets,
        done=sum(e.quantity for e in entries),
        counted=sum(min(b.done, b.target) for b in buckets),
        target=sum(b.target for b in buckets),
        expected=(
            None
            if any(x is None for x in expectations)
            else sum(x for x in expectations if x is not None)
        ),
        deadline=deadline,
        binary=any(b.binary for b in buckets),
    )
    if per in AREA_PERS:
        reached = {b.area.id for b in buckets if b.area is not None and b.done > 0}
        progress.missing_areas = [a for a in areas if a.id not in reached]
        if per == "år_och_område":
            progress.missing_parts = [
                b.label
                for b in buckets
                if b.done == 0 and (b.start is None or b.start <= today)
            ]
        else:
            progress.missing_parts = [a.name for a in progress.missing_areas]
    return progress


def _fill(buckets: list[Bucket], entries: list[Entry], *, by_area: bool) -> None:
    """Add each entry's quantity to the bucket it falls in.

    Buckets for one area (or for all) do not overlap, so a binary search over their
    starts finds the bucket: linear in the entries, also for weekly targets.
    """
    lanes: dict[int | None, tuple[list[dt.date], list[Bucket]]] = {}
    for bucket in sorted(buckets, key=lambda b: b.start or dt.date.min):
        key = bucket.area.id if by_area and bucket.area is not None else None
        starts, lane = lanes.setdefault(key, ([], []))
        starts.append(bucket.start or dt.date.min)
        lane.append(bucket)
    for entry in entries:
        found = lanes.get(entry.area_id if by_area else None)
        if found is None:
            continue
        starts, lane = found
        index = bisect.bisect_right(starts, entry.date) - 1
        if index < 0:
            continue
        bucket = lane[index]
        if bucket.end is not None and entry.date > bucket.end:
            continue
        bucket.done += entry.quantity


def trend(entries: Iterable[Entry], today: dt.date, days: int = 30) -> int:
    """Quantity in the last ``days`` days minus the ``days`` before: >0 rising."""
    recent = previous = 0
    recent_start = today - dt.timedelta(days=days - 1)
    previous_start = recent_start - dt.timedelta(days=days)
    for entry in entries:
        if recent_start <= entry.date <= today:
            recent += entry.quantity
        elif previous_start <= entry.date < recent_start:
            previous += entry.quantity
    return recent - previous


def report_due_dates(start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """When each of ``count`` reports promised for the period falls due, if spread
    evenly: "redovisa två gånger" over 2025–2026 gives 2025-12-31 and 2026-12-31."""
    if count < 1 or end < start:
        return []
    days = _days(start, end)
    return [
        start + dt.timedelta(days=math.ceil(days * k / count) - 1)
        for k in range(1, count + 1)
    ]
