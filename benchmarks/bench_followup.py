"""Speed of the follow-up (not a test: nothing here can fail).

Run:  .venv/bin/python benchmarks/bench_followup.py [--activities 100000] [--runs 7]

Builds a kommun in a fresh SQLite database under a temporary DATA_DIR: 10 promises ×
30 commitments (every ``per``, some with deadlines, areas), and 100 000 activities
spread over the promises' two-year periods, then measures

- the staff dashboard of one promise, a full request through Django's test client
  (middleware, session, permission checks, selector, template);
- the same page's selector alone (``promise_dashboard``);
- a PDF follow-up report for one promise over its whole period (WeasyPrint);
- a DOCX of the same report.

Targets (issue 4): dashboard < 300 ms, PDF < 5 s. The activities are written with
``bulk_create`` to build the data set quickly; the services validate the same rows
one by one in the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PER_CYCLE = ["år", "månad", "vecka", "termin", "område", "år_och_område", "period", ""]
KINDS = ["trygghetsvandring", "fotpatrullering", "medborgardialog", "kontroll", "möte"]


def build(activities: int, seed: int = 4) -> tuple[list[int], int]:
    from medborgarloften.accounts.models import User
    from medborgarloften.followup.models import Activity
    from medborgarloften.places.models import Area, Organisation, OrganisationKind
    from medborgarloften.promises.models import Commitment, Promise

    rng = random.Random(seed)
    kommun = Organisation.objects.create(
        kind=OrganisationKind.KOMMUN, code="0880", name="Bänkeby"
    )
    police = Organisation.objects.create(
        kind=OrganisationKind.LOKALPOLISOMRADE, name="Lokalpolisområde Bänkeby"
    )
    areas = [
        Area.objects.create(kommun=kommun, name=f"Stadsdel {n}") for n in range(12)
    ]
    start = dt.date(2025, 7, 1)
    end = dt.date(2027, 6, 30)
    promise_ids: list[int] = []
    commitments: list[Commitment] = []
    for p in range(10):
        promise = Promise.objects.create(
            title=f"Medborgarlöfte {p + 1}",
            period_start=start,
            period_end=end,
            status="published",
            reports_per_period=2,
        )
        promise.parties.add(kommun, police)
        promise.areas.add(*areas[:4])
        promise_ids.append(promise.pk)
        for c in range(30):
            per = PER_CYCLE[c % len(PER_CYCLE)]
            commitment = Commitment.objects.create(
                promise=promise,
                text=f"Åtagande {c + 1}: insatser i stadsdelarna.",
                responsible=["kommun" if c % 2 else "polis"],
                target_quantity=rng.choice([None, 4, 12, 50, 100]) if per else None,
                target_per=per,
                target_deadline=end - dt.timedelta(days=30) if c % 7 == 0 else None,
                position=c,
            )
            if per in ("område", "år_och_område"):
                commitment.areas.add(*rng.sample(areas, 3))
            commitments.append(commitment)
    days = (dt.date(2026, 11, 1) - start).days
    batch = []
    for n in range(activities):
        commitment = commitments[n % len(commitments)]
        batch.append(
            Activity(
                commitment=commitment,
                date=start + dt.timedelta(days=rng.randrange(days)),
                kind=rng.choice(KINDS),
                quantity=rng.choice([1, 1, 1, 2, 3]),
                area=rng.choice(areas),
                organisation=kommun if n % 2 else police,
                participants=rng.choice([None, 5, 12, 30]),
                hours=rng.choice([None, 2, 4]),
            )
        )
        if len(batch) == 10_000:
            Activity.objects.bulk_create(batch)
            batch = []
    Activity.objects.bulk_create(batch)
    user = User.objects.create_superuser("bench", "bench@example.org", "x")
    return promise_ids, user.pk


def timed(fn, runs: int) -> tuple[float, float, float]:
    """Median and best wall time, and median CPU time of this process, in ms.

    The machine is shared: CPU time is the figure that does not depend on what
    else runs (everything measured runs in this one process and thread)."""
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="bench-followup-")
    os.environ["DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)

    t0 = time.perf_counter()
    promise_ids, user_id = build(args.activities)
    build_s = time.perf_counter() - t0

    from django.test import Client
    from django.utils import timezone

    from medborgarloften.accounts.models import User
    from medborgarloften.followup.models import Activity
    from medborgarloften.followup.reports import report_docx_bytes, report_pdf_bytes
    from medborgarloften.followup.selectors import (
        promise_dashboard,
        promise_for_followup,
    )
    from medborgarloften.followup.services import report_create

    today = dt.date(2026, 11, 1)
    promise_id = promise_ids[3]
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    url = f"/personal/uppfoljning/lofte/{promise_id}/"
    assert client.get(url).status_code == 200  # warm-up (templates, caches)

    page_ms = timed(lambda: client.get(url), args.runs)
    promise = promise_for_followup(pk=promise_id)
    selector_ms = timed(
        lambda: promise_dashboard(promise=promise, today=today).rows, args.runs
    )
    report = report_create(
        promise=promise,
        title="Uppföljning 2025–2026",
        period_start=promise.period_start,
        period_end=today,
    )
    pdf_ms = timed(lambda: report_pdf_bytes(report=report), max(3, args.runs // 2))
    docx_ms = timed(lambda: report_docx_bytes(report=report), max(3, args.runs // 2))
    pdf_size = len(report_pdf_bytes(report=report))

    per_promise = Activity.objects.filter(commitment__promise_id=promise_id).count()
    print(
        f"machine: nproc={os.cpu_count()} {platform.machine()} "
        f"Python {platform.python_version()} ({platform.system()}), "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
    print(
        f"data: 10 promises × 30 commitments, {args.activities} activities "
        f"({per_promise} in the measured promise), built in {build_s:.1f} s"
    )
    print(f"{'measure':<28}{'median ms':>12}{'best ms':>12}{'CPU ms':>10}")
    for name, (median, best, cpu) in [
        ("dashboard page (request)", page_ms),
        ("dashboard selector", selector_ms),
        ("report PDF (WeasyPrint)", pdf_ms),
        ("report DOCX", docx_ms),
    ]:
        print(f"{name:<28}{median:>12.0f}{best:>12.0f}{cpu:>10.0f}")
    print(
        f"PDF size: {pdf_size // 1024} KiB; measured {timezone.now():%Y-%m-%d}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
