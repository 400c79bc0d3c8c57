"""Speed of the lägesbild at scale (not a test: nothing here can fail).

Run:
  .venv/bin/python benchmarks/bench_situation.py                       # SQLite in /tmp
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_situation \
      .venv/bin/python benchmarks/bench_situation.py                   # PostgreSQL
Options: --kommun-rows 1000000 --national-rows 10000000 --skip-national --keep

Generates its own data into a fresh database (SQLite file in a temporary directory,
or the PostgreSQL database named in DATABASE_URL, which is emptied first):

- one kommun (Kalmar's code, 12 areas with square geometry) with ``--kommun-rows``
  rows — 80 % EST observations, 20 % police events — spread over three years;
  then renders the analysis page (tertial, and year) through Django's test client;
- ``--national-rows`` observations across all 290 kommuner, and times the national
  aggregation kommun × month × category (the SQL the selectors use), beside a plain
  pandas group-by of the same rows held in memory as the reference ratio.

pandas is only needed here: ``pip install -e '.[bench]'``.
Targets (issue 5): analysis page < 500 ms at 1 M rows; national aggregation < 5 s at
10 M rows, on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CATEGORIES = [
    "skadegorelse",
    "klotter",
    "nedskrapning",
    "otrygg_plats",
    "belysning",
    "narkotika",
    "ordningsstorning",
    "buskorning",
    "folksamling",
    "brand",
    "hot_vald",
    "annat",
]
EVENT_TYPES = ["Misshandel", "Stöld", "Skadegörelse", "Trafikolycka", "Brand", "Rån"]
START = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = 3 * 365 * 24 * 3600
CHUNK = 50_000


def setup_django(keep: bool, time_only: bool = False) -> str:
    if not os.environ.get("DATABASE_URL"):
        directory = tempfile.mkdtemp(prefix="bench_situation_")
        os.environ["DATA_DIR"] = directory
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if time_only:
        return connection.vendor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")
    call_command("migrate", verbosity=0)
    call_command("loadref", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return connection.vendor


STOCKHOLM = ZoneInfo("Europe/Stockholm")
VENDOR = {"name": "sqlite"}


def _local_month(moment: dt.datetime) -> int:
    local = moment.astimezone(STOCKHOLM)
    return local.year * 100 + local.month


def _ts(moment: dt.datetime) -> object:
    """SQLite stores aware datetimes as UTC text; PostgreSQL's COPY takes them as is."""
    if VENDOR["name"] == "sqlite":
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["?"] * len(columns))
            connection.connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )


def _observation_rows(
    rng: random.Random, n: int, kommun_ids: list[int], areas: dict[int, list[int]]
):
    now = _ts(dt.datetime.now(dt.UTC))
    rows = []
    for _ in range(n):
        kommun = kommun_ids[rng.randrange(len(kommun_ids))]
        at = START + dt.timedelta(seconds=rng.randrange(SPAN_SECONDS))
        kommun_areas = areas.get(kommun)
        area = kommun_areas[rng.randrange(len(kommun_areas))] if kommun_areas else None
        rows.append(
            (
                kommun,
                CATEGORIES[rng.randrange(len(CATEGORIES))],
                area,
                None,
                None,
                _ts(at),
                _local_month(at),
                "",
                now,
            )
        )
        if len(rows) >= CHUNK:
            yield rows
            rows = []
    if rows:
        yield rows


OBS_COLUMNS = [
    "kommun_id",
    "category",
    "area_id",
    "latitude",
    "longitude",
    "observed_at",
    "month",
    "text",
    "created_at",
]


def generate_kommun(rng: random.Random, rows: int) -> tuple[int, float]:
    from django.db import transaction

    from medborgarloften.places.models import Area, Organisation

    kalmar = Organisation.objects.kommuner().get(code="0880")
    area_ids = []
    for i in range(12):
        lon, lat = 16.30 + 0.01 * (i % 4), 56.65 + 0.01 * (i // 4)
        ring = [
            [lon, lat],
            [lon + 0.01, lat],
            [lon + 0.01, lat + 0.01],
            [lon, lat + 0.01],
            [lon, lat],
        ]
        area_ids.append(
            Area.objects.create(
                kommun=kalmar,
                name=f"Område {i + 1}",
                geometry={"type": "Polygon", "coordinates": [ring]},
            ).pk
        )
    started = time.perf_counter()
    observations = int(rows * 0.8)
    with transaction.atomic():
        for chunk in _observation_rows(
            rng, observations, [kalmar.pk], {kalmar.pk: area_ids}
        ):
            _insert("situation_observation", OBS_COLUMNS, chunk)
        events = []
        now = _ts(dt.datetime.now(dt.UTC))
        for i in range(rows - observations):
            at = START + dt.timedelta(seconds=rng.randrange(SPAN_SECONDS))
            type_ = EVENT_TYPES[rng.randrange(len(EVENT_TYPES))]
            events.append(
                (
                    10_000_000 + i,
                    _ts(at),
                    _local_month(at),
                    f"{type_}, Kalmar",
                    "",
                    "",
                    type_,
                    "Kalmar",
                    56.66,
                    16.36,
                    kalmar.pk,
                    kalmar.county_id,
                    False,
                    now,
                )
            )
            if len(events) >= CHUNK:
                _insert("situation_policeevent", EVENT_COLUMNS, events)
                events = []
        if events:
            _insert("situation_policeevent", EVENT_COLUMNS, events)
    return kalmar.pk, time.perf_counter() - started


EVENT_COLUMNS = [
    "event_id",
    "published_at",
    "month",
    "name",
    "summary",
    "url",
    "type",
    "location_name",
    "latitude",
    "longitude",
    "kommun_id",
    "county_id",
    "is_summary",
    "fetched_at",
]


def analyze() -> None:
    """What an operator does after a bulk load: fresh planner statistics and, on
    PostgreSQL, a visibility map so the covering index is read index-only."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE situation_observation")
            cursor.execute("VACUUM ANALYZE situation_policeevent")
        else:
            cursor.execute("ANALYZE")


def time_analysis_page(repeats: int = 5) -> dict[str, float]:
    from django.test import Client
    from django.test.utils import setup_test_environment

    from medborgarloften.accounts.models import User

    setup_test_environment()
    user = User.objects.filter(
        username="bench"
    ).first() or User.objects.create_superuser(
        "bench", "bench@example.org", "bench-losenord"
    )
    client = Client()
    client.force_login(user)
    results = {}
    for period in ("2025-T2", "2025"):
        url = f"/personal/lagesbild/0880/analys/?period={period}"
        response = client.get(url)  # warm caches (geometry, templates)
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
        results[period] = sorted(timings)[len(timings) // 2]
    return results


def generate_national(rng: random.Random, rows: int) -> float:
    from django.db import transaction

    from medborgarloften.places.models import Organisation

    ids = list(Organisation.objects.kommuner().values_list("pk", flat=True))
    started = time.perf_counter()
    with transaction.atomic():
        for chunk in _observation_rows(rng, rows, ids, {}):
            _insert("situation_observation", OBS_COLUMNS, chunk)
    return time.perf_counter() - started


def time_national(naive: bool) -> tuple[float, int, float | None]:
    """The selector (grouped in index order, summed per area in Python) and, for
    comparison, the naive GROUP BY kommun, month, category that needs a sort."""
    from django.db.models import Count

    from medborgarloften.situation.models import Observation
    from medborgarloften.situation.selectors import national_counts

    started = time.perf_counter()
    groups = national_counts()
    seconds = time.perf_counter() - started
    if not naive:
        return seconds, len(groups), None
    started = time.perf_counter()
    list(
        Observation.objects.values_list("kommun_id", "month", "category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return seconds, len(groups), time.perf_counter() - started


def time_pandas() -> tuple[float, float, int] | None:
    try:
        import pandas as pd
    except ImportError:
        return None
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT kommun_id, month, category FROM situation_observation")
        frame = pd.DataFrame(
            cursor.fetchall(), columns=["kommun_id", "month", "category"]
        )
    load = time.perf_counter() - started
    started = time.perf_counter()
    grouped = frame.groupby(["kommun_id", "month", "category"]).size()
    return time.perf_counter() - started, load, len(grouped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kommun-rows", type=int, default=1_000_000)
    parser.add_argument("--national-rows", type=int, default=10_000_000)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--naive", action="store_true", help="Also time the GROUP BY with a sort."
    )
    parser.add_argument(
        "--time-only",
        action="store_true",
        help="Reuse the data in DATABASE_URL from an earlier run; only time.",
    )
    args = parser.parse_args()
    vendor = setup_django(args.keep, args.time_only)
    VENDOR["name"] = vendor
    rng = random.Random(args.seed)
    print(
        f"# lägesbild benchmark — {vendor}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    if not args.time_only:
        _kommun_id, seconds = generate_kommun(rng, args.kommun_rows)
        print(f"generated {args.kommun_rows:,} rows for one kommun in {seconds:.1f} s")
    analyze()
    for period, seconds in time_analysis_page().items():
        print(f"analysis page, period {period}: {seconds * 1000:.0f} ms (median of 5)")
    if args.skip_national:
        return
    if not args.time_only:
        extra = max(0, args.national_rows - int(args.kommun_rows * 0.8))
        seconds = generate_national(rng, extra)
        print(
            f"generated {extra:,} more observations across 290 kommuner "
            f"in {seconds:.1f} s"
        )
    analyze()
    seconds, groups, naive = time_national(args.naive)
    print(
        f"national aggregation kommun × month × category: {seconds:.2f} s "
        f"({groups:,} groups)"
    )
    if naive is not None:
        print(f"  the same as one GROUP BY kommun, month, category: {naive:.2f} s")
    reference = time_pandas()
    if reference is None:
        print("pandas not installed: pip install -e '.[bench]' for the reference")
        return
    group_seconds, load_seconds, pandas_groups = reference
    print(
        f"pandas group-by of the same rows in memory: {group_seconds:.2f} s "
        f"({pandas_groups:,} groups; loading them from the database took "
        f"{load_seconds:.1f} s); ratio database/pandas = "
        f"{seconds / group_seconds:.1f}"
    )


if __name__ == "__main__":
    main()
