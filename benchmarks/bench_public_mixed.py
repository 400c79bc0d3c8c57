"""The mixed load of bench_public.py: writers log one activity a second, spread over
kommuner, through the real write path (``followup.services.activity_create``, so the
page cache's scoped invalidation runs as it does for staff), while wrk reads.

``writer_plan`` is plain Python (tested in tests/test_bench_public.py); ``Writer``
runs the plan in a thread of the benchmark's own process, which only waits for wrk
meanwhile. Not a test.
"""

from __future__ import annotations

import datetime as dt
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


def writer_plan(
    targets: Sequence[tuple[str, int]],
    writes: int,
    *,
    first: str | None = None,
    offset: int = 0,
) -> list[tuple[str, int]]:
    """``writes`` (kommunkod, commitment id) pairs, one a second: round-robin over
    the kommuner so that consecutive writes land in different kommuner, and over
    each kommun's commitments in turn. ``targets`` lists every (kommunkod,
    commitment id) that may be written to; ``first`` puts that kommun first in the
    rotation (the kommun whose page is being read, so the run sees at least one
    write to it), and the others follow from the ``offset``-th on (runs after one
    another write to other kommuner)."""
    by_kommun: dict[str, list[int]] = {}
    for code, commitment in targets:
        by_kommun.setdefault(code, []).append(commitment)
    order = sorted(by_kommun)
    if not order:
        return []
    if first in by_kommun:
        order.remove(first)
    if order:
        shift = offset % len(order)
        order = order[shift:] + order[:shift]
    if first in by_kommun:
        order.insert(0, first)
    turns: dict[str, int] = dict.fromkeys(order, 0)
    plan = []
    for n in range(writes):
        code = order[n % len(order)]
        commitments = by_kommun[code]
        plan.append((code, commitments[turns[code] % len(commitments)]))
        turns[code] += 1
    return plan


@dataclass
class WriterResult:
    """What the writer did: writes saved, writes refused (an error: the run's write
    path broke) and how long each write took, in ms."""

    saved: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    durations_ms: list[float] = field(default_factory=list)
    kommuner: set[str] = field(default_factory=set)

    def summary(self) -> dict[str, Any]:
        durations = sorted(self.durations_ms)
        return {
            "writes": self.saved,
            "failed_writes": self.failed,
            "kommuner_written": len(self.kommuner),
            "write_ms_median": round(statistics.median(durations), 1)
            if durations
            else None,
            "write_ms_max": round(durations[-1], 1) if durations else None,
            "errors": self.errors[:5],
        }


class Writer(threading.Thread):
    """Runs ``plan`` at ``rate`` writes a second until the plan ends or ``stop()``;
    ``write(code, commitment_id)`` does one write (``activity_writer`` in the
    benchmark). Ticks are kept on a fixed schedule: a slow write is not followed by
    a catch-up burst, the missed ticks are skipped."""

    def __init__(
        self,
        plan: Sequence[tuple[str, int]],
        write: Callable[[str, int], None],
        *,
        rate: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(daemon=True)
        self.plan = list(plan)
        self.write = write
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self.result = WriterResult()
        self._stop_event = threading.Event()

    def stop(self) -> WriterResult:
        self._stop_event.set()
        if self.is_alive():
            self.join()
        return self.result

    def run(self) -> None:
        start = self.clock()
        for n, (code, commitment) in enumerate(self.plan):
            if self._stop_event.is_set():
                break
            due = start + n * self.interval
            wait = due - self.clock()
            if wait < -self.interval:
                continue  # more than a tick late: skip it, no burst
            if wait > 0:
                self.sleep(wait)
            if self._stop_event.is_set():
                break
            began = self.clock()
            try:
                self.write(code, commitment)
            except Exception as exc:  # the figure must say the write path broke
                self.result.failed += 1
                self.result.errors.append(f"{code}/{commitment}: {exc!r}"[:300])
            else:
                self.result.saved += 1
                self.result.kommuner.add(code)
            self.result.durations_ms.append((self.clock() - began) * 1000)


def activity_writer(today: dt.date | None = None) -> Callable[[str, int], None]:
    """One activity against a commitment, by the service staff's form calls (Django
    must be set up). The thread's database connection is its own."""
    # Imported here: the plan and the writer above are tested without Django set up.
    from django.db import close_old_connections

    from medborgarloften.followup.services.activities import activity_create
    from medborgarloften.promises.models import Commitment

    def write(code: str, commitment_id: int) -> None:
        close_old_connections()
        commitment = Commitment.objects.select_related("promise").get(pk=commitment_id)
        activity_create(
            commitment=commitment,
            date=today or dt.date.today(),
            kind="trygghetsvandring",
            description=f"Blandad last: aktivitet i {code}.",
            source="benchmark",
        )

    return write


def write_targets(today: dt.date | None = None) -> list[tuple[str, int]]:
    """Every (kommunkod, commitment id) of a published promise whose period holds
    today: where an activity logged today is accepted."""
    # Imported here, as in activity_writer: the module loads without Django set up.
    from django.db.models import Q

    from medborgarloften.promises.models import Commitment

    today = today or dt.date.today()
    rows = (
        Commitment.objects.filter(
            promise__status="published",
            promise__parties__kind="kommun",
            promise__period_start__lte=today,
        )
        .filter(Q(promise__period_end__isnull=True) | Q(promise__period_end__gte=today))
        .values_list("promise__parties__code", "pk")
        .order_by("promise__parties__code", "pk")
    )
    return [(code, pk) for code, pk in rows if code]
