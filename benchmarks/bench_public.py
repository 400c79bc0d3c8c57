"""Load benchmark of the public site (not a test: nothing here can fail).

Run:  .venv/bin/python benchmarks/bench_public.py [--duration 20] [--connections 50]

Needs PostgreSQL (``--database``, a database it drops and re-creates), gunicorn
(``pip install gunicorn``) and wrk (``apt-get install wrk``). It builds 290 kommuner
× 10 published promises (8 commitments, 3 focus areas, 4 signatories, 20 activities
and one published report each) with ``bulk_create``, then serves the production setup
— gunicorn, DEBUG off, PostgreSQL — and runs wrk from a second process on loopback
against

- the promise page (``/lofte/<uid>/``);
- the API list endpoint (``/api/v1/promises``) when the API is installed;
- the search page (``/sok/?q=trygghetsvandringar``) and the national overview;
- a static copy of the same promise page served by WhiteNoise under the same
  gunicorn settings: the ceiling the promise page is compared with.

Target (issue 6): ≥ 300 requests/s and p99 < 100 ms at 50 concurrent clients, on the
machine that also runs wrk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ["trygghetsvandring", "fotpatrullering", "medborgardialog", "kontroll"]
TEXTS = [
    "Polisen och kommunen genomför trygghetsvandringar, åtagande {c}.",
    "Kommunen förbättrar belysningen i parker och gångtunnlar ({c}).",
    "Polisen är synlig vid skolorna på eftermiddagarna ({c}).",
    "Fältassistenter rör sig i centrum på helgkvällar ({c}).",
    "Grannsamverkan startas i nya bostadsområden ({c}).",
    "Klotter saneras inom ett dygn ({c}).",
    "Medborgardialog hålls två gånger per år ({c}).",
    "Trafikkontroller vid skolor under höstterminen ({c}).",
]
THEME_CYCLE = ["narkotika", "trafik", "inbrott", "vald", "trygghet_offentlig_miljo"]


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def build(kommuner: int = 290, per_kommun: int = 10) -> str:
    """The data set; returns the uid of one promise in the middle of it."""
    from medborgarloften.followup.models import Activity, Report
    from medborgarloften.places.models import County, Organisation, OrganisationKind
    from medborgarloften.promises.models import (
        Commitment,
        FocusArea,
        Promise,
        Signatory,
    )

    counties = [
        County.objects.create(code=f"{n:02d}", name=f"Län {n}") for n in range(1, 22)
    ]
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                kind=OrganisationKind.KOMMUN,
                code=f"{9000 + k}",
                name=f"Bänkeby {k}",
                county=counties[k % len(counties)],
            )
            for k in range(kommuner)
        ]
        + [
            Organisation(
                kind=OrganisationKind.LOKALPOLISOMRADE,
                name=f"Lokalpolisområde Bänkeby {k}",
                county=counties[k % len(counties)],
            )
            for k in range(kommuner)
        ]
    )
    kommun_orgs, lpos = orgs[:kommuner], orgs[kommuner:]
    now = dt.datetime.now(dt.UTC)
    promises = Promise.objects.bulk_create(
        [
            Promise(
                title=f"Medborgarlöfte {p + 1} för {kommun.name}",
                period_start=dt.date(2017 + p, 1, 1),
                period_end=dt.date(2018 + p, 12, 31),
                status="published",
                published_at=now,
                situation_summary="Lägesbilden visar otrygghet kring centrum på "
                "kvällarna och oro för narkotika bland unga. " * 3,
                themes=[THEME_CYCLE[p % len(THEME_CYCLE)]],
                reports_per_period=2,
            )
            for kommun in kommun_orgs
            for p in range(per_kommun)
        ]
    )
    through = Promise.parties.through
    through.objects.bulk_create(
        [
            through(promise_id=promise.pk, organisation_id=org.pk)
            for i, promise in enumerate(promises)
            for org in (kommun_orgs[i // per_kommun], lpos[i // per_kommun])
        ]
    )
    focus = FocusArea.objects.bulk_create(
        [
            FocusArea(promise=promise, title=f"Fokusområde {f + 1}", position=f)
            for promise in promises
            for f in range(3)
        ]
    )
    commitments = Commitment.objects.bulk_create(
        [
            Commitment(
                promise=promise,
                focus_area=focus[i * 3 + c % 3],
                text=TEXTS[c % len(TEXTS)].format(c=c),
                responsible=["polis", "kommun"],
                themes=[THEME_CYCLE[c % len(THEME_CYCLE)]],
                target_quantity=4 if c % 2 else None,
                target_unit="vandringar" if c % 2 else "",
                target_per="år" if c % 2 else "",
                position=c,
            )
            for i, promise in enumerate(promises)
            for c in range(8)
        ]
    )
    Signatory.objects.bulk_create(
        [
            Signatory(promise=promise, name=f"Person {s}", title="Kommundirektör")
            for promise in promises
            for s in range(4)
        ]
    )
    Activity.objects.bulk_create(
        [
            Activity(
                commitment=commitments[i * 8 + a % 8],
                date=promise.period_start + dt.timedelta(days=30 * a),
                kind=KINDS[a % len(KINDS)],
                description="Genomförd enligt plan.",
            )
            for i, promise in enumerate(promises)
            for a in range(20)
        ],
        batch_size=5000,
    )
    Report.objects.bulk_create(
        [
            Report(
                promise=promise,
                title="Uppföljning år 1",
                period_start=promise.period_start,
                period_end=promise.period_start + dt.timedelta(days=364),
                status="published",
                published_at=now,
                summary="Det mesta blev gjort.",
            )
            for promise in promises
        ]
    )
    return str(promises[len(promises) // 2].uid)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def gunicorn(app: str, port: int, workers: int, env: dict[str, str], cwd: str):
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app,
        ],
        env=env,
        cwd=cwd,
    )


def wrk(url: str, duration: int, connections: int) -> tuple[float, float, int]:
    """Requests per second, p99 in ms, and failures (non-2xx/3xx responses and
    requests that took over 10 s, which wrk leaves out of its percentiles)."""
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if os.environ.get("BENCH_VERBOSE"):
        print(out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    failures = (int(bad.group(1)) if bad else 0) + (
        int(timeouts.group(1)) if timeouts else 0
    )
    return rps, p99, failures


STATIC_APP = """
from whitenoise import WhiteNoise

def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]

application = WhiteNoise(not_found, root={root!r}, index_file=True, autorefresh=False)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/medborgarloften_bench_public",
    )
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk saknas / missing: apt-get install wrk")

    data_dir = tempfile.mkdtemp(prefix="bench_public_")
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "DATA_DIR": data_dir,
        "DEBUG": "0",
        "SECRET_KEY": "bench-public-not-secret",
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
        # The production settings: persistent database connections, collected
        # static files, host checking.
        "MEDBORGARLOFTEN_PRODUCTION": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    recreate_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    started = time.perf_counter()
    uid = build()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load
    connection.close()
    print(f"data set built in {time.perf_counter() - started:.1f} s")

    port, static_port = free_port(), free_port()
    base = f"http://127.0.0.1:{port}"
    promise_url = f"{base}/lofte/{uid}/"
    server = gunicorn(
        "medborgarloften.wsgi:application", port, args.workers, env, data_dir
    )
    static_root = Path(data_dir) / "static_copy"
    try:
        wait_for(promise_url)
        (static_root / "lofte").mkdir(parents=True)
        with urllib.request.urlopen(promise_url) as response:
            (static_root / "lofte" / "index.html").write_bytes(response.read())
        Path(data_dir, "static_app.py").write_text(
            STATIC_APP.format(root=str(static_root))
        )
        targets = [("Promise page", promise_url)]
        api = f"{base}/api/v1/promises"
        if status_of(api) == 200:
            targets.append(("API list /api/v1/promises", api))
        targets += [
            (
                "Search /sok/?q=trygghetsvandringar",
                f"{base}/sok/?q=trygghetsvandringar",
            ),
            ("National overview /oversikt/", f"{base}/oversikt/"),
        ]
        rows = []
        for label, url in targets:
            wrk(url, 3, args.connections)  # warm up every worker
            rows.append((label, *wrk(url, args.duration, args.connections)))
    finally:
        server.terminate()
        server.wait()
    static = gunicorn(
        "static_app:application", static_port, args.workers, env, data_dir
    )
    try:
        static_url = f"http://127.0.0.1:{static_port}/lofte/"
        wait_for(static_url)
        wrk(static_url, 3, args.connections)
        rows.append(
            (
                "Static copy of the promise page (WhiteNoise)",
                *wrk(static_url, args.duration, args.connections),
            )
        )
    finally:
        static.terminate()
        static.wait()

    ceiling = rows[-1][1]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nload average at the end (other processes share the CPUs): {load}")
    print(
        f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, gunicorn {args.workers} sync workers, "
        f"wrk -t2 -c{args.connections} -d{args.duration}s on the same machine\n"
    )
    print("| Page | req/s | p99 (ms) | failed | of static |")
    print("|---|---:|---:|---:|---:|")
    for label, rps, p99, bad in rows:
        print(f"| {label} | {rps:.0f} | {p99:.1f} | {bad} | {rps / ceiling:.0%} |")
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
