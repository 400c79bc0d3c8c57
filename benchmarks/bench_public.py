"""Load benchmark of the public site (not a test: nothing here can fail).

Run:  .venv/bin/python benchmarks/bench_public.py [--duration 20] [--connections 50]

Needs PostgreSQL (``--database``, a database it drops and re-creates), gunicorn
(``pip install gunicorn``) and wrk (``apt-get install wrk``). It builds 290 kommuner
× 10 published promises (8 commitments, 3 focus areas, 4 signatories, 20 activities
and one published report each) with ``bulk_create``, then serves the production setup
— gunicorn, DEBUG off, PostgreSQL — and runs wrk from a second process on loopback
against

- the promise page (``/lofte/<uid>/``), the API list endpoint (``/api/v1/promises``),
  a kommun page, the search page (``/sok/?q=trygghetsvandringar``) and the national
  overview, first with the page cache warm (publishing/pagecache.py), then with it
  switched off (``PAGE_CACHE=0``: every request builds its page, from the page
  fragments kept in the fragment cache, publishing/fragments.py: the issue's "cache
  off"), then with both off (``FRAGMENT_CACHE=0`` too: every request builds
  everything, the cold figure);
- a static copy of the same promise page served by nginx and by WhiteNoise under the
  same gunicorn settings: the ceiling the pages are compared with.

One client address sends everything, so the per-client rate limits of the API and
the public pages are raised for the run (``RATELIMIT_API``, ``RATELIMIT_PUBLIC``); the
limiter still counts every request.

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
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_public_data import build, recreate_database  # noqa: E402
from bench_public_mixed import (  # noqa: E402
    Writer,
    activity_writer,
    write_targets,
    writer_plan,
)
from bench_public_report import Row, Run  # noqa: E402

#: ``--port-base``: servers take ports from here on instead of free ones.
_next_port: list[int] = []


def free_port() -> int:
    if _next_port:
        _next_port[0] += 1
        return _next_port[0] - 1
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
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def gunicorn(
    app: str, port: int, workers: int, env: dict[str, str], cwd: str, threads: int = 1
):
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--backlog",
            "2048",
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

NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


def nginx(root: Path, port: int, workdir: Path) -> subprocess.Popen:
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=workdir, port=port, root=root))
    return subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )


def cache_state(url: str) -> str:
    """The page cache's verdict on one more request (``hit`` after a warm run)."""
    # A loaded machine may still be working off the requests wrk left queued.
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            return response.headers.get("X-Page-Cache", "-")
    except OSError as exc:
        return f"error: {exc}"[:60]


def measure(url: str, duration: int, connections: int) -> tuple[float, float, int]:
    wrk(url, 3, connections)  # warm up every worker and the cache
    return wrk(url, duration, connections)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/medborgarloften_bench_public",
    )
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    # Two cores shared with wrk: three processes keep both busy while one waits.
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--skip-uncached", action="store_true", help="only the warm page cache"
    )
    parser.add_argument("--skip-mixed", action="store_true", help="no run with writers")
    parser.add_argument(
        "--write-rate", type=float, default=1.0, help="mixed: writes a second"
    )
    parser.add_argument("--json", metavar="FILE", help="write every row as JSON")
    parser.add_argument(
        "--port-base", type=int, help="servers on ports from here (else any free)"
    )
    args = parser.parse_args()
    if args.port_base:
        _next_port.append(args.port_base)
    if not shutil.which("wrk"):
        sys.exit("wrk saknas / missing: apt-get install wrk")
    load_start = ", ".join(f"{x:.2f}" for x in os.getloadavg())

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
        # Plain http on loopback: no redirect to https.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_PROXY_SSL": "0",
        # wrk is one client; the limiter still runs for every API request.
        "RATELIMIT_API": "1000000000",
        "RATELIMIT_PUBLIC": "1000000000",
        "PYTHONPATH": str(ROOT),
    }
    # BENCH_CACHE_URL=redis://… measures the page cache in Redis instead of files.
    env.pop("CACHE_URL", None)
    if os.environ.get("BENCH_CACHE_URL"):
        env["CACHE_URL"] = os.environ["BENCH_CACHE_URL"]
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
    targets = write_targets()
    connection.close()
    print(f"data set built in {time.perf_counter() - started:.1f} s")

    kommun = "9145"
    paths = [
        ("Promise page `/lofte/<uid>/`", f"/lofte/{uid}/"),
        ("API list `/api/v1/promises`", "/api/v1/promises"),
        (f"Kommun page `/kommun/{kommun}/`", f"/kommun/{kommun}/"),
        ("Search `/sok/?q=trygghetsvandringar`", "/sok/?q=trygghetsvandringar"),
        ("National overview `/oversikt/`", "/oversikt/"),
    ]
    run = Run()
    static_root = Path(data_dir) / "static_copy"
    # nginx's workers (user nobody when started by root) must reach the copy.
    os.chmod(data_dir, 0o711)
    # The page cache stays on in the mixed run: what writes cost is what they empty.
    modes: list[tuple[str, dict[str, str]]] = [("warm cache", {})]
    if not args.skip_mixed:
        modes.append(("mixed", {}))
    if not args.skip_uncached:
        modes.append(("uncached", {"PAGE_CACHE": "0"}))
        modes.append(("no caches", {"PAGE_CACHE": "0", "FRAGMENT_CACHE": "0"}))
    # Writes per row: one a second over the warm-up and the measured run.
    writes_per_row = int((args.duration + 3) * args.write_rate) + 1
    for mode, extra in modes:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = gunicorn(
            "medborgarloften.wsgi:application",
            port,
            args.workers,
            {**env, **extra},
            data_dir,
            args.threads,
        )
        try:
            wait_for(base + paths[0][1])
            if not static_root.exists():
                (static_root / "lofte").mkdir(parents=True)
                with urllib.request.urlopen(base + paths[0][1]) as response:
                    (static_root / "lofte" / "index.html").write_bytes(response.read())
                for part in (static_root, static_root / "lofte"):
                    part.chmod(0o755)
                (static_root / "lofte" / "index.html").chmod(0o644)
            for index, (label, path) in enumerate(paths):
                url = base + path
                if status_of(url) != 200:
                    continue
                writer = None
                if mode == "mixed":
                    status_of(url)  # the read-only run left it cached; make sure
                    plan = writer_plan(
                        targets,
                        writes_per_row,
                        first=kommun,
                        offset=index * writes_per_row,
                    )
                    writer = Writer(plan, activity_writer(), rate=args.write_rate)
                    writer.start()
                try:
                    measured = measure(url, args.duration, args.connections)
                finally:
                    done = writer.stop().summary() if writer else None
                run.rows.append(
                    Row(label, path, mode, *measured, cache_state(url), done)
                )
        finally:
            server.terminate()
            server.wait()

    Path(data_dir, "static_app.py").write_text(STATIC_APP.format(root=str(static_root)))
    static_port, nginx_port = free_port(), free_port()
    statics = [
        (
            "Static copy of the promise page (nginx, 1 worker)",
            lambda: nginx(static_root, nginx_port, Path(data_dir) / "nginx"),
            f"http://127.0.0.1:{nginx_port}/lofte/",
        ),
        (
            "Static copy of the promise page (WhiteNoise, same gunicorn)",
            lambda: gunicorn(
                "static_app:application",
                static_port,
                args.workers,
                env,
                data_dir,
                args.threads,
            ),
            f"http://127.0.0.1:{static_port}/lofte/",
        ),
    ]
    for label, start, url in statics:
        if "nginx" in label and not shutil.which("nginx"):
            continue
        process = start()
        try:
            wait_for(url)
            measured = measure(url, args.duration, args.connections)
            run.rows.append(Row(label, "/lofte/ (static)", "static", *measured))
        finally:
            process.terminate()
            process.wait()

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, gunicorn {args.workers} workers × "
        f"{args.threads} threads, wrk -t2 -c{args.connections} -d{args.duration}s "
        f"on the same machine; page cache: "
        f"{'Redis' if env.get('CACHE_URL') else 'files under DATA_DIR'}"
    )
    run.meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
        "machine": machine,
        "load_average_start": load_start,
        "load_average_end": load,
        "connections": args.connections,
        "duration_s": args.duration,
        "workers": args.workers,
        "threads": args.threads,
        "write_rate_per_s": args.write_rate,
    }
    print(f"\nload average at the start: {load_start}; at the end: {load}")
    print(f"\n{machine}\n")
    print(run.table())
    if args.json:
        run.write_json(args.json)
        print(f"\nJSON summary: {args.json}")
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
