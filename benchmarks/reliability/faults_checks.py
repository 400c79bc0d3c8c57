"""What the fault runs (faults.py) share: their databases, the checks they print and
count, and the SQL they inspect the database with. Not a test."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

DB = "postgres://postgres@127.0.0.1:5432/medborgarloften_faults"
DB_REF = "postgres://postgres@127.0.0.1:5432/medborgarloften_faults_ref"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FAILED: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)
    if not ok:
        FAILED.append(what)


def sql(url: str, query: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def open_transaction(url: str, application: str = "") -> bool:
    """Whether a client of this database (other than us) is inside a transaction."""
    name = url.rsplit("/", 1)[1]
    rows = sql(
        common.PG_ADMIN,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL "
        "AND backend_type = 'client backend'",
        (name,),
    )
    return rows[0][0] > 0
