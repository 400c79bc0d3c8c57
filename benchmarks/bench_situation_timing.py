"""The lägesbild benchmark's timings and figures (bench_situation.py): the analysis
page through Django's test client, the national aggregation, the trigger cost, the
pandas reference, and the lines it prints. Not a test."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from bench_situation_data import CATEGORIES


def time_trigger_cost(rows: int = 20_000) -> tuple[float, float]:
    """Seconds per 1 000 single-row inserts (one statement each, as the services
    write) with the rollup triggers and without; rolled back afterwards."""
    from django.db import connection, transaction

    from medborgarloften.situation import counts

    kalmar = connection.cursor()
    kalmar.execute("SELECT id FROM places_organisation WHERE code = '0880'")
    kommun_id = kalmar.fetchone()[0]
    now = dt.datetime.now(dt.UTC)
    stamp = (
        now if connection.vendor == "postgresql" else now.strftime("%Y-%m-%d %H:%M:%S")
    )
    result = []
    for with_triggers in (True, False):
        with transaction.atomic(), connection.cursor() as cursor:
            if not with_triggers:
                counts.drop_triggers()
            started = time.perf_counter()
            for i in range(rows):
                cursor.execute(
                    "INSERT INTO situation_observation (kommun_id, category, area_id, "
                    "observed_at, month, text, created_at) "
                    "VALUES (%s, %s, NULL, %s, %s, '', %s)",
                    [kommun_id, CATEGORIES[i % 12], stamp, 202506 + i % 3, stamp],
                )
            result.append((time.perf_counter() - started) * 1000 / rows)
            transaction.set_rollback(True)
    counts.install_triggers()
    return result[0], result[1]


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


TEST_ENVIRONMENT: list[bool] = []


def time_analysis_page(repeats: int = 7) -> dict[str, tuple[float, float, int]]:
    from django.test import Client
    from django.test.utils import setup_test_environment

    from medborgarloften.accounts.models import User

    if not TEST_ENVIRONMENT:
        setup_test_environment()
        TEST_ENVIRONMENT.append(True)
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
        median, slowest, executed = time_page(client, url, repeats)
        if os.environ.get("BENCH_SHOW_QUERIES"):
            for sql in executed:
                print(f"  {sql[:150]}")
        results[period] = (median, slowest, len(executed))
    return results


def time_page(client, url: str, repeats: int) -> tuple[float, float, list[str]]:
    """Median and slowest seconds of ``repeats`` requests for ``url``, after one to
    warm the caches (geometry, templates) and one whose queries are recorded."""
    from django.db import connection

    response = client.get(url)  # warm caches (geometry, templates)
    assert response.status_code == 200, (url, response.status_code)
    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(url)
        timings.append(time.perf_counter() - started)
    timings.sort()
    return timings[len(timings) // 2], timings[-1], executed


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
        .annotate(n=Count("*"))
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


def check_months(sample: int = 2000) -> int:
    """The generated ``month`` must be the local month of the time, as the services
    store it: count the rows of a sample where it is not."""
    from medborgarloften.situation.models import Observation
    from medborgarloften.situation.periods import local_month

    rows = Observation.objects.order_by("?").values_list("observed_at", "month")[
        :sample
    ]
    return sum(1 for at, month in rows if local_month(at) != month)


def load_line() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def total_rows() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM situation_observation) + "
            "(SELECT COUNT(*) FROM situation_policeevent)"
        )
        return cursor.fetchone()[0]


def report_page(label: str) -> None:
    for period, (median, worst, queries) in time_analysis_page().items():
        print(
            f"analysis page, period {period}, {label}: {median * 1000:.0f} ms median "
            f"of 7 (slowest {worst * 1000:.0f} ms; {queries} queries), {load_line()}"
        )
