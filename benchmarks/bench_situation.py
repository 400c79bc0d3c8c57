"""Speed of the lägesbild at scale (not a test: nothing here can fail).

Run:
  .venv/bin/python benchmarks/bench_situation.py                       # SQLite in /tmp
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_situation \
      .venv/bin/python benchmarks/bench_situation.py                   # PostgreSQL
Options: --kommun-rows 1000000 --national-rows 10000000 --skip-national --keep
         --national  (PostgreSQL: the whole national volume of ten years, below)

Generates its own data into a fresh database (SQLite file in a temporary directory,
or the PostgreSQL database named in DATABASE_URL, which is emptied first):

- one kommun (Kalmar's code, 12 areas with square geometry) with ``--kommun-rows``
  rows — 80 % EST observations, 20 % police events — spread over three years;
  then renders the analysis page (tertial, and year) through Django's test client;
- ``--national-rows`` observations across all 290 kommuner, and times the national
  aggregation kommun × month × category (the SQL the selectors use), beside a plain
  pandas group-by of the same rows held in memory as the reference ratio.

``--national`` (issue #20's capacity note) spreads the rows over ten years
(2016–2025) and adds the rest of a national installation (benchmarks/national.py):
police events for every kommun, and the promise cycle — five published promises per
kommun with commitments, activities and yearly reports; then prints the database's
size by table and the public pages' build times at that size, page cache off.

pandas is only needed here: ``pip install -e '.[bench]'``.
Targets (issue 5): analysis page < 500 ms at 1 M rows; national aggregation < 5 s at
10 M rows, on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench_situation_data
from bench_situation_data import (
    drop_lookup_tables,
    generate_kommun,
    generate_national,
)
from bench_situation_timing import (
    analyze,
    check_months,
    load_line,
    report_page,
    time_national,
    time_pandas,
    time_trigger_cost,
    total_rows,
)


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


def drop_data(vendor: str) -> None:
    from django.db import connection

    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        print("dropped the benchmark database's tables")
    else:
        import shutil

        directory = Path(connection.settings_dict["NAME"]).parent
        connection.close()
        shutil.rmtree(directory)
        print(f"removed {directory}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kommun-rows", type=int, default=1_000_000)
    parser.add_argument("--national-rows", type=int, default=10_000_000)
    parser.add_argument("--skip-national", action="store_true")
    parser.add_argument(
        "--national",
        action="store_true",
        help="Ten years of the whole country: EST reports, police events, promises, "
        "activities and reports (benchmarks/national.py); PostgreSQL.",
    )
    parser.add_argument("--events-per-kommun-year", type=int, default=100)
    parser.add_argument("--activities-per-promise", type=int, default=150)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="Keep the data (default: drop it at the end).",
    )
    parser.add_argument(
        "--naive",
        action="store_true",
        help="Also time the GROUP BY over the observations themselves (no rollup).",
    )
    parser.add_argument(
        "--time-only",
        action="store_true",
        help="Reuse the data in DATABASE_URL from an earlier --keep run; only time.",
    )
    args = parser.parse_args()
    if args.national:
        import national

        # Ten years instead of three; public pages built, never from the cache.
        bench_situation_data.START = national.START
        bench_situation_data.SPAN_SECONDS = national.SPAN_SECONDS
        os.environ["PAGE_CACHE"] = "0"
    vendor = setup_django(args.keep, args.time_only)
    print(
        f"# lägesbild benchmark — {vendor}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, {load_line()}"
    )
    if not args.time_only:
        started = time.perf_counter()
        _kommun_id, steps = generate_kommun(args.kommun_rows)
        print(
            f"generated {args.kommun_rows:,} rows for one kommun in "
            f"{time.perf_counter() - started:.1f} s ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
            + ")"
        )
        print(f"month ≠ local month in a sample of 2 000: {check_months()}")
        analyze()
        report_page(f"{total_rows():,} rows in the database")
    if args.skip_national:
        if not args.keep:
            drop_data(vendor)
        return
    if not args.time_only:
        extra = max(0, args.national_rows - int(args.kommun_rows * 0.8))
        started = time.perf_counter()
        steps = generate_national(extra)
        print(
            f"generated {extra:,} more observations across 290 kommuner in "
            f"{time.perf_counter() - started:.1f} s ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items())
            + ")"
        )
        if args.national:
            events = national.generate_events(
                per_kommun_year=args.events_per_kommun_year
            )
            promises = national.generate_promises(
                activities_per_promise=args.activities_per_promise
            )
        drop_lookup_tables()
        analyze()
        if args.national:
            national.report(vendor, promises, events, promises["uid"])
    report_page(f"{total_rows():,} rows in the database")
    print(load_line())
    seconds, groups, naive = time_national(args.naive)
    print(
        f"national aggregation kommun × month × category: {seconds:.3f} s "
        f"({groups:,} groups)"
    )
    if naive is not None:
        print(
            f"  the same as one GROUP BY over the observations (no rollup): {naive:.2f} s"
        )
    with_triggers, without = time_trigger_cost()
    print(
        f"single-row insert: {with_triggers:.3f} ms with the rollup triggers, "
        f"{without:.3f} ms without"
    )
    started = time.perf_counter()
    from medborgarloften.situation import counts

    counts.rebuild()
    print(
        f"manage rebuildcounts (recount both rollups): {time.perf_counter() - started:.1f} s"
    )
    reference = time_pandas()
    if reference is None:
        print("pandas not installed: pip install -e '.[bench]' for the reference")
    else:
        group_seconds, load_seconds, pandas_groups = reference
        print(
            f"pandas group-by of the same rows in memory: {group_seconds:.2f} s "
            f"({pandas_groups:,} groups; loading them from the database took "
            f"{load_seconds:.1f} s); ratio database/pandas = "
            f"{seconds / group_seconds:.2f}"
            + (f" (no rollup: {naive / group_seconds:.1f})" if naive else "")
        )
    print(load_line())
    if not args.keep:
        drop_data(vendor)


if __name__ == "__main__":
    main()
