"""The read replica (lib/replica.py) with two real databases: public reads come from
the replica, requests with a session, staff URLs, writes and the worker use the
primary. Run in a process of its own (tests/replica_check.py), on two SQLite files
and on two PostgreSQL databases in one server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

from tests.conformance_tools import missing_tool

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get(
    "MEDBORGARLOFTEN_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432"
)


def _check(tmp_path: Path, primary: str, replica: str) -> dict:
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URL": replica,
        "REPLICA_MIGRATE": "1",
        "PAGE_CACHE": "0",
        "CACHE_URL": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "replica_check.py")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_routed(results: dict) -> None:
    assert results["aliases"] == ["default", "replica"]
    # An anonymous visitor's page and API answer: read from the replica.
    assert "Replikkommunen" in results["public_api"]
    assert "Replikkommunen" in results["public_page"]
    assert "Primärkommunen" not in results["public_page"]
    # A request with a session (someone signed in): the primary.
    assert "Primärkommunen" in results["with_session"]
    assert results["staff_login_page_status"] == 200
    # Writes, and reads outside a public request (commands, the worker): primary.
    assert results["write_alias"] == "default"
    assert results["read_alias_outside_requests"] == "default"


def test_public_reads_go_to_the_replica_on_two_sqlite_files(tmp_path):
    results = _check(
        tmp_path,
        f"sqlite:///{tmp_path / 'primary.sqlite3'}",
        f"sqlite:///{tmp_path / 'replica.sqlite3'}",
    )
    _assert_routed(results)


def _postgres_databases() -> tuple[str, str]:
    try:
        import psycopg
    except ImportError:  # pragma: no cover
        missing_tool("psycopg saknas / is not installed")
    suffix = uuid.uuid4().hex[:8]
    names = (f"mbl_replica_test_p_{suffix}", f"mbl_replica_test_r_{suffix}")
    try:
        with psycopg.connect(
            f"{POSTGRES}/postgres", autocommit=True, connect_timeout=5
        ) as conn:
            for name in names:
                conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        missing_tool(
            f"PostgreSQL på / at {POSTGRES} svarar inte / is not available: {exc}"
        )
    return names


def _drop(names: tuple[str, str]) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_public_reads_go_to_the_replica_on_two_postgresql_databases(tmp_path):
    names = _postgres_databases()
    try:
        results = _check(tmp_path, f"{POSTGRES}/{names[0]}", f"{POSTGRES}/{names[1]}")
    finally:
        _drop(names)
    _assert_routed(results)


def test_without_a_replica_url_there_is_no_router(settings):
    assert "replica" not in settings.DATABASES
    assert not settings.DATABASE_ROUTERS
    assert "medborgarloften.lib.replica.ReplicaMiddleware" not in settings.MIDDLEWARE
