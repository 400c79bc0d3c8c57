"""The lägesbild's rollups, kept exact by database triggers.

``situation_observationcount`` holds observations per kommun × local month × area ×
category, ``situation_policeeventcount`` police events placed in a kommun per month
× type (digests left out). Triggers on the source tables change them in the same
transaction as the row itself, so no write path can forget them: the services, the
admin, the events loader, imports, cascading deletes of a kommun, ``SET NULL`` when
an area is deleted, retention jobs and raw SQL all go through the same trigger.

SQLite gets row-level triggers; PostgreSQL statement-level triggers with transition
tables, so a bulk insert or update costs one grouped upsert, not one per row.

``rebuild()`` recounts both from scratch (``manage rebuildcounts``); ``differences()``
compares them with a recount (``manage rebuildcounts --check``).
"""

# ruff: noqa: S608  (every name in the SQL below is a constant of this module)
from __future__ import annotations

from django.db import connection as default_connection
from django.db import transaction

OBS = "situation_observation"
OBS_COUNT = "situation_observationcount"
EVENT = "situation_policeevent"
EVENT_COUNT = "situation_policeeventcount"

#: (rollup table, source table, key columns in the rollup, the same read from a
#: source row (``{r}`` is the row alias), the condition for a row to count).
ROLLUPS = {
    OBS_COUNT: (
        OBS,
        ["kommun_id", "month", "area_key", "category"],
        ["{r}.kommun_id", "{r}.month", "COALESCE({r}.area_id, 0)", "{r}.category"],
        "TRUE",
    ),
    EVENT_COUNT: (
        EVENT,
        ["kommun_id", "month", "type"],
        ["{r}.kommun_id", "{r}.month", "{r}.type"],
        "{r}.kommun_id IS NOT NULL AND NOT {r}.is_summary",
    ),
}

TRIGGER_NAMES = {
    "sqlite": [
        f"{table}_{suffix}"
        for table in ROLLUPS
        for suffix in ("ins", "del", "upd_old", "upd_new")
    ],
    "postgresql": [
        f"{table}_{suffix}" for table in ROLLUPS for suffix in ("ins", "del", "upd")
    ],
}


def _sqlite_statements() -> list[str]:
    statements = []
    for table, (source, keys, exprs, cond) in ROLLUPS.items():

        def where(alias: str, keys=keys, exprs=exprs) -> str:
            return " AND ".join(
                f"{k} = {e.format(r=alias)}" for k, e in zip(keys, exprs, strict=True)
            )

        def add(alias: str, table=table, keys=keys, exprs=exprs) -> str:
            values = ", ".join(e.format(r=alias) for e in exprs)
            return (
                f"INSERT INTO {table} ({', '.join(keys)}, n) VALUES ({values}, 1) "
                f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = n + 1;"
            )

        def remove(alias: str, table=table) -> str:
            return (
                f"UPDATE {table} SET n = n - 1 WHERE {where(alias)}; "
                f"DELETE FROM {table} WHERE {where(alias)} AND n = 0;"
            )

        new_cond = cond.format(r="NEW").replace("TRUE", "1")
        old_cond = cond.format(r="OLD").replace("TRUE", "1")
        changed = " OR ".join(
            f"{e.format(r='OLD')} IS NOT {e.format(r='NEW')}" for e in exprs
        )
        if source == EVENT:
            changed += " OR OLD.is_summary IS NOT NEW.is_summary"
        statements += [
            f"CREATE TRIGGER {table}_ins AFTER INSERT ON {source} "
            f"WHEN {new_cond} BEGIN {add('NEW')} END",
            f"CREATE TRIGGER {table}_del AFTER DELETE ON {source} "
            f"WHEN {old_cond} BEGIN {remove('OLD')} END",
            f"CREATE TRIGGER {table}_upd_old AFTER UPDATE ON {source} "
            f"WHEN ({old_cond}) AND ({changed}) BEGIN {remove('OLD')} END",
            f"CREATE TRIGGER {table}_upd_new AFTER UPDATE ON {source} "
            f"WHEN ({new_cond}) AND ({changed}) BEGIN {add('NEW')} END",
        ]
    return statements


def _postgresql_statements() -> list[str]:
    statements = []
    for table, (source, keys, exprs, cond) in ROLLUPS.items():
        key_list = ", ".join(keys)
        match = " AND ".join(f"c.{k} = d.{k}" for k in keys)

        def grouped(alias: str, sign: int, exprs=exprs, keys=keys, cond=cond) -> str:
            cols = ", ".join(
                f"{e.format(r=alias)} AS {k}" for e, k in zip(exprs, keys, strict=True)
            )
            return (
                f"SELECT {cols}, {sign} AS d FROM {alias} WHERE {cond.format(r=alias)}"
            )

        function = f"{table}_apply"
        body = {}
        for op, parts in (
            ("ins", [grouped("new_rows", 1)]),
            ("del", [grouped("old_rows", -1)]),
            ("upd", [grouped("old_rows", -1), grouped("new_rows", 1)]),
        ):
            union = " UNION ALL ".join(parts)
            delta = (
                f"SELECT {key_list}, SUM(d)::integer AS d FROM ({union}) x "
                f"GROUP BY {key_list} HAVING SUM(d) <> 0"
            )
            returned = ", ".join(f"c.{k}" for k in keys)
            seen = " AND ".join(f"u.{k} = d.{k}" for k in keys)
            body[op] = f"""
CREATE OR REPLACE FUNCTION {function}_{op}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH d AS ({delta}),
  u AS (UPDATE {table} c SET n = c.n + d.d FROM d WHERE {match} RETURNING {returned})
  INSERT INTO {table} ({key_list}, n)
    SELECT {key_list}, d FROM d WHERE d > 0 AND NOT EXISTS (SELECT 1 FROM u WHERE {seen})
  ON CONFLICT ({key_list}) DO UPDATE SET n = {table}.n + EXCLUDED.n;
  DELETE FROM {table} c USING ({delta}) d WHERE {match} AND c.n = 0;
  RETURN NULL;
END $$"""
        statements += [
            body["ins"],
            body["del"],
            body["upd"],
            f"CREATE TRIGGER {table}_ins AFTER INSERT ON {source} "
            f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {function}_ins()",
            f"CREATE TRIGGER {table}_del AFTER DELETE ON {source} "
            f"REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {function}_del()",
            f"CREATE TRIGGER {table}_upd AFTER UPDATE ON {source} "
            f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}_upd()",
        ]
    return statements


def install_triggers(connection=default_connection) -> None:
    """Create the triggers (idempotent: existing ones are replaced)."""
    drop_triggers(connection)
    statements = (
        _postgresql_statements()
        if connection.vendor == "postgresql"
        else _sqlite_statements()
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_triggers(connection=default_connection) -> None:
    """Remove the triggers; only for bulk loads followed by ``rebuild()``."""
    with connection.cursor() as cursor:
        for name in TRIGGER_NAMES[connection.vendor]:
            if connection.vendor == "postgresql":
                table = OBS if name.startswith(OBS_COUNT) else EVENT
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _recount_sql(table: str) -> str:
    source, keys, exprs, cond = ROLLUPS[table]
    cols = ", ".join(e.format(r="r") for e in exprs)
    return (
        f"SELECT {cols}, COUNT(*) FROM {source} r WHERE {cond.format(r='r')} "
        f"GROUP BY {cols}"
    ).replace("WHERE TRUE", "WHERE 1 = 1")


def rebuild(connection=default_connection) -> dict[str, int]:
    """Recount both rollups from their source tables, in one transaction (writers
    wait). Returns the number of rollup rows per table."""
    result = {}
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {OBS}, {EVENT} IN SHARE MODE")
        for table, (_source, keys, _exprs, _cond) in ROLLUPS.items():
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(keys)}, n) {_recount_sql(table)}"
            )
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            result[table] = cursor.fetchone()[0]
    return result


def differences(connection=default_connection) -> dict[str, list[tuple]]:
    """Rows where a rollup differs from a recount: (key…, stored, recounted)."""
    result = {}
    with connection.cursor() as cursor:
        for table, (_source, keys, _exprs, _cond) in ROLLUPS.items():
            cursor.execute(f"SELECT {', '.join(keys)}, n FROM {table}")
            stored = {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}
            cursor.execute(_recount_sql(table))
            counted = {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}
            result[table] = sorted(
                (*key, stored.get(key, 0), counted.get(key, 0))
                for key in stored.keys() | counted.keys()
                if stored.get(key, 0) != counted.get(key, 0)
            )
    return result
