"""The national volume for ``bench_situation.py --national`` (issue #20, capacity).

Ten years (2016–2025) of everything 290 kommuner produce, on the real kommuner of
``loadref``: the lägesbild's EST reports (observations, by bench_situation's own SQL
over the ten years) and police events, and the promise cycle — a published promise
per kommun every two years with its focus areas, commitments, signatories, a
follow-up report per year and the activities logged against it. Then the database's
size, table by table, and the public pages built at that size with the page cache
off (what a request costs when the cache is cold or invalidated).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from bench_public_data import KINDS, THEME_CYCLE, promise_contents, published_promise
from bench_situation_timing import time_page

YEARS = 10
START = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = YEARS * 365 * 24 * 3600
THEMES = THEME_CYCLE


def generate_promises(*, activities_per_promise: int = 150) -> dict[str, Any]:
    """Five two-year promises per kommun (with the kommun and its local police area
    as parties), 8 commitments, 3 focus areas, 4 signatories, 2 published reports and
    ``activities_per_promise`` activities each. Returns counts and seconds."""
    from medborgarloften.followup.models import Activity, Report
    from medborgarloften.places.models import Organisation, OrganisationKind
    from medborgarloften.promises.models import (
        Promise,
    )

    started = time.perf_counter()
    kommuner = list(Organisation.objects.kommuner().order_by("code"))
    lpos = Organisation.objects.bulk_create(
        Organisation(
            kind=OrganisationKind.LOKALPOLISOMRADE,
            name=f"Lokalpolisområde {kommun.name} (bench)",
            county_id=kommun.county_id,
        )
        for kommun in kommuner
    )
    now = dt.datetime.now(dt.UTC)
    per = YEARS // 2
    promises = Promise.objects.bulk_create(
        published_promise(
            f"Medborgarlöfte {2016 + 2 * p}–{2017 + 2 * p} för {kommun.name}",
            2016 + 2 * p,
            p,
            now,
        )
        for kommun in kommuner
        for p in range(per)
    )
    commitments = promise_contents(promises, kommuner, lpos, per, batch_size=5000)
    step = max(1, 730 // activities_per_promise)
    Activity.objects.bulk_create(
        (
            Activity(
                commitment=commitments[i * 8 + a % 8],
                date=promise.period_start + dt.timedelta(days=(a * step) % 730),
                kind=KINDS[a % len(KINDS)],
                description="Genomförd enligt plan.",
                participants=5 + a % 20,
                hours=2,
            )
            for i, promise in enumerate(promises)
            for a in range(activities_per_promise)
        ),
        batch_size=10_000,
    )
    Report.objects.bulk_create(
        (
            Report(
                promise=promise,
                title=f"Uppföljning år {y + 1}",
                period_start=dt.date(promise.period_start.year + y, 1, 1),
                period_end=dt.date(promise.period_start.year + y, 12, 31),
                status="published",
                published_at=now,
                summary="Det mesta blev gjort.",
            )
            for promise in promises
            for y in range(2)
        ),
        batch_size=5000,
    )
    return {
        "promises": len(promises),
        "commitments": len(commitments),
        "activities": len(promises) * activities_per_promise,
        "reports": len(promises) * 2,
        "seconds": time.perf_counter() - started,
        "uid": str(promises[len(promises) // 2].uid),
    }


def generate_events(*, per_kommun_year: int) -> dict[str, Any]:
    """Police events for every kommun over the ten years (PostgreSQL SQL, like
    bench_situation's); event ids unique across kommuner."""
    from django.db import connection

    from medborgarloften.places.models import Organisation

    started = time.perf_counter()
    start = int(START.timestamp())
    rows = per_kommun_year * YEARS
    kommuner = list(Organisation.objects.kommuner().order_by("code"))
    with connection.cursor() as cursor:
        for n, kommun in enumerate(kommuner):
            cursor.execute(
                f"""
INSERT INTO situation_policeevent
  (event_id, published_at, month, name, summary, url, type, location_name, latitude,
   longitude, kommun_id, county_id, is_summary, fetched_at)
SELECT {20_000_000 + n * rows} + g.i, p.at,
  to_char(p.at AT TIME ZONE 'Europe/Stockholm', 'YYYYMM')::int,
  t.type || ', ' || %s, '', '', t.type, %s, 57.0, 16.0, %s, %s,
  t.type LIKE 'Sammanfattning%%', now()
FROM (SELECT i, floor(random() * 100)::int AS ts FROM generate_series(1, {rows}) AS s(i)) g
CROSS JOIN LATERAL (SELECT to_timestamp({start} + (g.i * 104729) %% {SPAN_SECONDS}) AS at) p
JOIN bench_event_type t ON t.slot = g.ts
""",
                [kommun.name, kommun.name, kommun.pk, kommun.county_id],
            )
    return {"events": rows * len(kommuner), "seconds": time.perf_counter() - started}


def database_size(top: int = 8) -> tuple[int, list[tuple[str, int]]]:
    """The database's size on disk and its largest tables (with indexes, TOAST)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'r' "
            "ORDER BY 2 DESC LIMIT %s",
            [top],
        )
        return total, list(cursor.fetchall())


def time_public_pages(
    uid: str, repeats: int = 9
) -> dict[str, tuple[float, float, int]]:
    """Median and slowest seconds, and queries, of each public page built with the
    page cache off, in this process (no HTTP, no contention with a load generator)."""
    from django.test import Client

    client = Client()
    pages = {
        "promise page": f"/lofte/{uid}/",
        "kommun page (Kalmar)": "/kommun/0880/",
        "search": "/sok/?q=trygghetsvandringar",
        "API list": "/api/v1/promises",
        "API list, one kommun": "/api/v1/promises?kommun=0880",
        "national overview": "/oversikt/",
        "home": "/",
    }
    results = {}
    for name, url in pages.items():
        median, slowest, executed = time_page(client, url, repeats)
        results[name] = (median, slowest, len(executed))
    return results


def report(
    vendor: str, promises: dict[str, Any], events: dict[str, Any], uid: str
) -> None:
    from medborgarloften.followup.models import Activity
    from medborgarloften.situation.models import Observation, PoliceEvent

    print(
        f"promise cycle: {promises['promises']:,} promises, "
        f"{promises['commitments']:,} commitments, {promises['activities']:,} "
        f"activities, {promises['reports']:,} reports in {promises['seconds']:.1f} s"
    )
    print(f"police events: {events['events']:,} in {events['seconds']:.1f} s")
    print(
        f"rows: {Observation.objects.count():,} observations (EST reports), "
        f"{PoliceEvent.objects.count():,} police events, "
        f"{Activity.objects.count():,} activities"
    )
    if vendor == "postgresql":
        total, tables = database_size()
        print(f"database size: {total / 2**30:.2f} GiB; largest tables:")
        for name, size in tables:
            print(f"  {name}: {size / 2**20:,.0f} MiB")
    print("public pages, page cache off (median / slowest of 9, queries):")
    for name, (median, worst, queries) in time_public_pages(uid).items():
        print(
            f"  {name}: {median * 1000:.0f} ms / {worst * 1000:.0f} ms, {queries} queries"
        )
