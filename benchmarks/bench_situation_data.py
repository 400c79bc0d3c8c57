"""The lägesbild benchmark's data (bench_situation.py): weights, helper tables and the
INSERT … SELECT that generates observations and police events in the database, loaded
the way an operator bulk-loads (indexes and rollup triggers off, then rebuilt).
Not a test."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

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


#: Category weights (per 100 reports): litter, graffiti and damage dominate EST rounds.
CATEGORY_WEIGHTS = {
    "nedskrapning": 18,
    "klotter": 16,
    "skadegorelse": 14,
    "belysning": 10,
    "otrygg_plats": 10,
    "ordningsstorning": 8,
    "narkotika": 6,
    "buskorning": 5,
    "folksamling": 5,
    "annat": 4,
    "hot_vald": 2,
    "brand": 2,
}
#: Event type weights (per 100 events); 2 % are nightly digests ("Sammanfattning").
EVENT_WEIGHTS = {
    "Trafikolycka": 20,
    "Stöld": 16,
    "Misshandel": 14,
    "Skadegörelse": 12,
    "Brand": 10,
    "Rattfylleri": 8,
    "Narkotikabrott": 8,
    "Ordningslagen": 6,
    "Rån": 4,
    "Sammanfattning natt": 2,
}
KOMMUN_SLOTS = 10_000
AREA_SLOTS = 16  # per kommun: areas weighted 1..n, and two slots with no area
KOMMUNER_WITH_AREAS = 30
LOCATED_PERCENT = 3
# Well-spread, deterministic "random" numbers from the row number (a multiplicative
# hash), so a value used twice in one row (the time and its month) is the same.
HASH_TIME, HASH_LAT, HASH_LON, HASH_LOC = 2654435761, 104729, 15485863, 7919


def _now_sql() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _month_starts() -> list[tuple[int, int]]:
    """(UTC epoch of the local month's first instant, yyyymm) over the span."""
    stockholm = ZoneInfo("Europe/Stockholm")
    result = []
    for year in range(START.year - 1, START.year + 5):
        for month in range(1, 13):
            local = dt.datetime(year, month, 1, tzinfo=stockholm)
            result.append((int(local.timestamp()), year * 100 + month))
    return result


def _fill(cursor, table: str, columns: str, rows: list[tuple]) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TABLE {table} ({columns})")
    marks = ", ".join(["%s"] * len(rows[0]))
    cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _slots(weights: dict, total: int) -> list:
    """Spread ``total`` slots over the keys in proportion to their weight (≥ 1)."""
    whole = sum(weights.values())
    slots = []
    for key, weight in weights.items():
        slots += [key] * max(1, round(total * weight / whole))
    return slots[:total] + [slots[-1]] * (total - len(slots))


def prepare_lookup_tables(kalmar_id: int, kalmar_areas: list[int]) -> None:
    """Helper tables the generating SQL joins on (dropped by ``drop_lookup_tables``):
    categories and kommuner by weight (kommuner by population), each kommun's areas
    with a corner to place points in, and the local month boundaries."""
    from django.db import connection

    from medborgarloften.places.models import Area, Organisation
    from medborgarloften.situation.services import population

    kommuner = list(Organisation.objects.kommuner().order_by("code"))
    people = {
        k.pk: population(kommun_code=k.code, year=2024) or 10_000 for k in kommuner
    }
    ranked = sorted(kommuner, key=lambda k: -people[k.pk])
    rank = {k.pk: i for i, k in enumerate(ranked)}
    areas: dict[int, list[tuple[int, float, float]]] = {
        kalmar_id: [
            (pk, 16.30 + 0.01 * (i % 4), 56.65 + 0.01 * (i // 4))
            for i, pk in enumerate(kalmar_areas)
        ]
    }
    # The largest kommuner have areas of their own (without geometry).
    for kommun in ranked[:KOMMUNER_WITH_AREAS]:
        if kommun.pk in areas:
            continue
        count = 6 + rank[kommun.pk] % 7
        existing = list(
            Area.objects.filter(kommun=kommun, name__startswith="Bench ").values_list(
                "pk", flat=True
            )
        )
        if not existing:
            existing = [
                Area.objects.create(kommun=kommun, name=f"Bench {i + 1}").pk
                for i in range(count)
            ]
        areas[kommun.pk] = [(pk, None, None) for pk in existing]
    area_rows = []
    for kommun_id, kommun_areas in areas.items():
        weights = {i: len(kommun_areas) - i for i in range(len(kommun_areas))}
        for k, index in enumerate(_slots(weights, AREA_SLOTS - 2)):
            pk, lon, lat = kommun_areas[index]
            area_rows.append((rank[kommun_id] * AREA_SLOTS + k, pk, lon, lat))
    with connection.cursor() as cursor:
        _fill(
            cursor,
            "bench_category",
            "slot integer primary key, category varchar(20)",
            list(enumerate(_slots(CATEGORY_WEIGHTS, 100))),
        )
        _fill(
            cursor,
            "bench_event_type",
            "slot integer primary key, type varchar(100)",
            list(enumerate(_slots(EVENT_WEIGHTS, 100))),
        )
        by_people = {k.pk: people[k.pk] for k in kommuner}
        _fill(
            cursor,
            "bench_kommun",
            "slot integer primary key, kommun_id integer, rank integer",
            [(i, pk, rank[pk]) for i, pk in enumerate(_slots(by_people, KOMMUN_SLOTS))],
        )
        _fill(
            cursor,
            "bench_area",
            "slot integer primary key, area_id integer, lon0 float, lat0 float",
            area_rows,
        )
        _fill(
            cursor,
            "bench_month",
            "start_epoch bigint primary key, month integer",
            _month_starts(),
        )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_indexes (name varchar(200), sql text)"
        )


def drop_lookup_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "bench_category",
            "bench_event_type",
            "bench_kommun",
            "bench_area",
            "bench_month",
            "bench_indexes",
        ):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        return list(cursor.fetchall())


def bulk_load(load) -> dict[str, float]:
    """Run ``load`` (SQL inserts) with the observation table's secondary indexes and
    the rollup triggers off, then rebuild the indexes and recount the rollups: what
    an operator does for a bulk import. Returns the seconds of each step."""
    from django.db import connection, transaction

    from medborgarloften.situation import counts

    indexes = _secondary_indexes("situation_observation")
    timings = {}
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        counts.drop_triggers()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {name}")
        load(cursor)
    timings["insert"] = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _name, sql in indexes:
            cursor.execute(sql)
    timings["indexes"] = time.perf_counter() - started
    started = time.perf_counter()
    counts.install_triggers()
    counts.rebuild()
    timings["rollups"] = time.perf_counter() - started
    return timings


def _observation_sql(vendor: str, rows: int, kommun_id: int | None) -> str:
    """INSERT … SELECT generating ``rows`` observations in the database: one kommun
    (``kommun_id``) or every kommun by population; categories and areas by weight;
    times spread over three years; ``LOCATED_PERCENT`` % of reports in an area with
    a corner carry a position inside it."""
    start = int(START.timestamp())
    if vendor == "postgresql":
        # The random draws in a subquery, one per row, then hash joins: a volatile
        # random() in the join condition is drawn once per scan, not per row.
        series = (
            f"(SELECT i, floor(random() * {KOMMUN_SLOTS})::int AS ks, "
            f"floor(random() * 100)::int AS cs, "
            f"floor(random() * {AREA_SLOTS})::int AS asl "
            f"FROM generate_series(1::bigint, {rows}) AS s(i)) AS g"
        )
        rand = "floor(random() * {n})::int"
        observed = f"to_timestamp({start} + (g.i * {HASH_TIME}) % {SPAN_SECONDS})"
        month = f"to_char({observed} AT TIME ZONE 'Europe/Stockholm', 'YYYYMM')::int"
        now = "now()"
    else:
        series = (
            f"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s "
            f"WHERE i < {rows}) SELECT i FROM s) AS g"
        )
        rand = "(abs(random()) % {n})"
        epoch = f"({start} + (g.i * {HASH_TIME}) % {SPAN_SECONDS})"
        observed = f"datetime({epoch}, 'unixepoch')"
        month = (
            f"(SELECT m.month FROM bench_month m WHERE m.start_epoch <= {epoch} "
            "ORDER BY m.start_epoch DESC LIMIT 1)"
        )
        now = f"'{_now_sql()}'"
    located = f"a.lat0 IS NOT NULL AND (g.i * {HASH_LOC}) % 100 < {LOCATED_PERCENT}"
    category = f"c.slot = {rand.format(n=100)}"
    area = rand.format(n=AREA_SLOTS)
    if vendor == "postgresql":
        category, area = "c.slot = g.cs", "g.asl"
    if kommun_id is None:
        kommun = f"k.slot = {rand.format(n=KOMMUN_SLOTS)}"
        if vendor == "postgresql":
            kommun = "k.slot = g.ks"
    else:
        kommun = f"k.slot = (SELECT MIN(slot) FROM bench_kommun WHERE kommun_id = {kommun_id})"
    return f"""
INSERT INTO situation_observation
  (kommun_id, category, area_id, latitude, longitude, observed_at, month, text,
   created_at)
SELECT k.kommun_id, c.category, a.area_id,
  CASE WHEN {located} THEN a.lat0 + ((g.i * {HASH_LAT}) % 1000) / 100000.0 END,
  CASE WHEN {located} THEN a.lon0 + ((g.i * {HASH_LON}) % 1000) / 100000.0 END,
  {observed}, {month}, '', {now}
FROM {series}
CROSS JOIN bench_kommun k
CROSS JOIN bench_category c
LEFT JOIN bench_area a ON a.slot = k.rank * {AREA_SLOTS} + {area}
WHERE {kommun} AND {category}
"""


def _event_sql(vendor: str, rows: int, kommun_id: int, county_id: int) -> str:
    start = int(START.timestamp())
    if vendor == "postgresql":
        series = (
            "(SELECT i, floor(random() * 100)::int AS ts "
            f"FROM generate_series(1::bigint, {rows}) AS s(i)) AS g"
        )
        rand = "floor(random() * {n})::int"
        published = f"to_timestamp({start} + (g.i * {HASH_LAT}) % {SPAN_SECONDS})"
        month = f"to_char({published} AT TIME ZONE 'Europe/Stockholm', 'YYYYMM')::int"
        now, false = "now()", "FALSE"
        name = "t.type || ', Kalmar'"
    else:
        series = (
            f"(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s "
            f"WHERE i < {rows}) SELECT i FROM s) AS g"
        )
        rand = "(abs(random()) % {n})"
        epoch = f"({start} + (g.i * {HASH_LAT}) % {SPAN_SECONDS})"
        published = f"datetime({epoch}, 'unixepoch')"
        month = (
            f"(SELECT m.month FROM bench_month m WHERE m.start_epoch <= {epoch} "
            "ORDER BY m.start_epoch DESC LIMIT 1)"
        )
        now, false = f"'{_now_sql()}'", "0"
        name = "t.type || ', Kalmar'"
    return f"""
INSERT INTO situation_policeevent
  (event_id, published_at, month, name, summary, url, type, location_name, latitude,
   longitude, kommun_id, county_id, is_summary, fetched_at)
SELECT 10000000 + g.i, {published}, {month}, {name}, '', '', t.type, 'Kalmar',
  56.66, 16.36, {kommun_id}, {county_id},
  CASE WHEN t.type LIKE 'Sammanfattning%' THEN NOT {false} ELSE {false} END, {now}
FROM {series}
CROSS JOIN bench_event_type t
WHERE t.slot = {"g.ts" if vendor == "postgresql" else rand.format(n=100)}
"""


def generate_kommun(rows: int) -> tuple[int, dict[str, float]]:
    """One kommun (Kalmar's code, 12 square areas): 80 % observations, 20 % events."""
    from django.db import connection

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
    prepare_lookup_tables(kalmar.pk, area_ids)
    observations = int(rows * 0.8)

    def load(cursor) -> None:
        cursor.execute(_observation_sql(connection.vendor, observations, kalmar.pk))
        cursor.execute(
            _event_sql(
                connection.vendor, rows - observations, kalmar.pk, kalmar.county_id
            )
        )

    return kalmar.pk, bulk_load(load)


def generate_national(rows: int) -> dict[str, float]:
    """``rows`` more observations across all 290 kommuner, by population."""
    from django.db import connection

    def load(cursor) -> None:
        step = 2_000_000
        for done in range(0, rows, step):
            cursor.execute(
                _observation_sql(connection.vendor, min(step, rows - done), None)
            )

    return bulk_load(load)
