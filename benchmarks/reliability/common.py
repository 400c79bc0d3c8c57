"""Shared parts of the reliability scripts (issue #8): the environment, the data set,
the staff accounts, the production server and the HTTP headers a proxy would add.

Nothing here is a test. Each script drops and re-creates its own PostgreSQL database
(never the development or test database) and serves the production settings
(``MEDBORGARLOFTEN_PRODUCTION=1``: DEBUG off, persistent connections with health
checks, secure cookies, HTTPS behind a proxy that sets ``X-Forwarded-Proto``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
_DATA_DIR: str | None = None
PASSWORD = "Lastprov-2026-inte-hemligt"  # noqa: S105 - load-test accounts only


def machine() -> str:
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"load average {' '.join(load)} (shared machine)"
    )


def _drop(url: str, *, create: bool) -> None:
    """Drop the database of ``url`` (ending its connections), and with ``create``
    create it again, empty."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


def recreate_database(url: str) -> None:
    _drop(url, create=True)


def drop_database(url: str) -> None:
    _drop(url, create=False)


def environment(database: str, data_dir: str | None = None, **extra: str) -> dict:
    """The production environment for the server and for this process."""
    global _DATA_DIR
    if data_dir is None:
        # One per process: this process collects the static files once, and every
        # server it starts must find them.
        _DATA_DIR = _DATA_DIR or tempfile.mkdtemp(prefix="reliability_")
        data_dir = _DATA_DIR
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DATA_DIR": data_dir,
        "DEBUG": "0",
        "SECRET_KEY": "reliability-runs-are-not-secret-" + "x" * 30,
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
        "MEDBORGARLOFTEN_PRODUCTION": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Behind nginx: the client's address arrives in X-Real-IP, so the rate limits
        # count each simulated client on its own (docs/deploy.md).
        "RATELIMIT_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    return env


def django_setup(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def proxy_headers(client: int) -> dict[str, str]:
    """What nginx adds: TLS ended at the proxy, and a distinct client address."""
    return {
        "X-Forwarded-Proto": "https",
        "X-Real-IP": f"10.{(client >> 16) & 255}.{(client >> 8) & 255}.{client & 255}",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    env: dict, port: int, *, kind: str = "gunicorn", workers: int = 5, threads: int = 8
) -> subprocess.Popen:
    """The production server in its own process group (so a kill reaches all of it)."""
    bindir = Path(sys.executable).parent
    if kind == "gunicorn":
        argv = [
            str(bindir / "gunicorn"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
            "medborgarloften.wsgi:application",
        ]
    else:
        argv = [
            str(bindir / "medborgarloften"),
            "serve",
            "--production",
            "--no-collectstatic",
            "--port",
            str(port),
            "--threads",
            str(threads),
        ]
    log = open(Path(env["DATA_DIR"]) / f"server-{port}.log", "ab")  # noqa: SIM115
    return subprocess.Popen(
        argv,
        env=env,
        cwd=env["DATA_DIR"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def peak_memory_mb(server: subprocess.Popen) -> float:
    """The largest resident size any process of the server's group reached so far
    (VmHWM), in MB: what the unit's MemoryHigh/MemoryMax must leave room for."""
    peak = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != server.pid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            continue
    return round(peak / 1024, 1)


def stop_server(server: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, sig)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_for(url: str, timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        try:
            response = httpx.get(url, headers=proxy_headers(1), timeout=10)
            if response.status_code < 500:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"the server did not answer {url} in {timeout:.0f} s")
        time.sleep(0.3)


def prepare(kommuner: int, per_kommun: int = 10) -> str:
    """migrate, collectstatic and the bench_public data set; returns a promise uid."""
    from bench_public import build
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    uid = build(kommuner=kommuner, per_kommun=per_kommun)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    return uid


def current_promises(day: dt.date) -> list:
    """One published promise per kommun whose period covers ``day``."""
    from medborgarloften.promises.models import Promise

    seen: dict[int, object] = {}
    for promise in (
        Promise.objects.filter(period_start__lte=day, period_end__gte=day)
        .prefetch_related("parties")
        .order_by("pk")
    ):
        kommun = next(p for p in promise.parties.all() if p.is_kommun)
        seen.setdefault(kommun.pk, promise)
    return list(seen.values())


def make_staff(count: int, day: dt.date, role: str = "reporter") -> list[dict]:
    """``count`` distinct users, each a member of a different kommun, with the
    commitments of that kommun's current promise. One password hash for all (the
    hasher's cost is paid once here, and again by each real sign-in)."""
    from django.contrib.auth.hashers import make_password

    from medborgarloften.accounts.models import Membership, User

    promises = current_promises(day)
    if len(promises) < count:
        raise SystemExit(f"{count} staff need {count} kommuner; have {len(promises)}")
    encoded = make_password(PASSWORD)
    staff = []
    for n, promise in enumerate(promises[:count]):
        kommun = next(p for p in promise.parties.all() if p.is_kommun)
        user = User.objects.create(username=f"last{n:03d}", password=encoded)
        Membership.objects.create(user=user, organisation=kommun, role=role)
        staff.append(
            {
                "username": user.username,
                "promise_pk": promise.pk,
                "promise_uid": str(promise.uid),
                "kommun_code": kommun.code,
                "commitments": list(
                    promise.commitments.order_by("pk").values_list("pk", flat=True)
                ),
            }
        )
    return staff
