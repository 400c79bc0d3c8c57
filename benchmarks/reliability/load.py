"""Load: staff logging activities through the real web form while the public reads.

Run:  .venv/bin/python benchmarks/reliability/load.py [--duration 300] [--short]

Builds the bench_public data set (290 kommuner × 10 published promises) in its own
PostgreSQL database and serves it the way docs/deploy.md deploys it: nginx with
``deploy/nginx.conf`` (ports, upstream and a self-signed certificate substituted, by
``tests/deployment.py``) in front of ``medborgarloften serve --production`` (waitress).
``--via direct`` leaves nginx out (the clients then send the headers nginx would), and
``--server gunicorn`` serves with gunicorn instead of waitress. It runs from one asyncio
process

- ``--staff`` (50) staff clients, each a distinct user of a different kommun (role
  rapportör), who sign in through the login form (CSRF token from the page, secure
  session cookie), then repeatedly open the activity form of one of their promise's
  commitments and post an activity whose description carries a unique marker;
- ``--readers`` (200) public readers fetching promise pages, kommun pages, the home
  page and the API (promises, activities, one promise).

Every client waits a random think time between requests (``--staff-think``,
``--reader-think``). Through nginx each client speaks TLS from its own loopback address
(127.x.y.z), so nginx's ``X-Real-IP`` tells them apart as it would tell real visitors
apart; direct, each sends ``X-Forwarded-Proto: https`` and its own ``X-Real-IP``.

A request counts as a success only when it got what it was for: a page (2xx; a
redirect where a page was expected is a failure, ``redirect301`` …), a sign-in or an
activity post answered by the redirect to where it leads on success. Afterwards the
activities in the database are counted by marker against what the clients saw
acknowledged: none may be lost or duplicated. The run fails (exit 1) on any failed
request, any staff client that never signed in, an activity lost or duplicated, fewer
activities acknowledged than posted, or none at all. p50/p95/p99 per kind of request
are printed, and with ``--json`` written to a file.

``--restart-db-at SECONDS`` restarts PostgreSQL once during the run (faults.py uses
it): requests in that window must fail with an error page, not hang, and the clients
must succeed again afterwards without anything being restarted by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import ssl
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from load_clients import Target, drive  # noqa: E402
from load_report import count_markers, failures, report  # noqa: E402

from tests import deployment  # noqa: E402  (common put the repository on the path)


def run_load(args) -> dict:
    database = args.database
    common.recreate_database(database)
    https_port = common.free_port()
    site = f"{deployment.SITE_NAME}:{https_port}"
    extra = {}
    if args.via == "nginx":
        # As deploy/medborgarloften.env: the public host name and origin.
        extra = {
            "ALLOWED_HOSTS": f"127.0.0.1,localhost,{deployment.SITE_NAME}",
            "CSRF_TRUSTED_ORIGINS": f"https://{site}",
        }
    env = common.environment(database, **extra)
    common.django_setup(env)
    started = time.perf_counter()
    common.prepare(kommuner=args.kommuner)
    day = dt.date.today() - dt.timedelta(days=1)
    staff = common.make_staff(args.staff, day)
    from django.db import connection

    from medborgarloften.places.models import Organisation
    from medborgarloften.promises.models import Promise

    targets = {
        "promises": [str(u) for u in Promise.objects.values_list("uid", flat=True)],
        "kommuner": list(
            Organisation.objects.kommuner().values_list("code", flat=True)
        ),
    }
    connection.close()
    print(f"data set built in {time.perf_counter() - started:.0f} s", flush=True)
    port = common.free_port()
    server = common.start_server(
        env, port, kind=args.server, workers=args.workers, threads=args.threads
    )
    nginx = None
    run = uuid.uuid4().hex[:8]
    try:
        common.wait_for(f"http://127.0.0.1:{port}/")
        if args.via == "nginx":
            nginx = deployment.start_nginx(
                Path(env["DATA_DIR"]) / f"nginx-{port}", port, https_port=https_port
            )
            target = Target(
                base=f"https://127.0.0.1:{https_port}",
                origin=f"https://{site}",
                headers={"Host": site},
                tls=ssl.create_default_context(cafile=str(nginx.cert)),
            )
        else:
            target = Target(
                base=f"http://127.0.0.1:{port}", origin=f"https://127.0.0.1:{port}"
            )
        preflight(target)
        print(
            f"serving: {'nginx (deploy/nginx.conf) → ' if nginx else ''}"
            f"{args.server} on 127.0.0.1:{port}",
            flush=True,
        )
        stats = asyncio.run(drive(args, target, staff, targets, day, run))
        stats.peak_memory_mb = common.peak_memory_mb(server)  # type: ignore[attr-defined]
    finally:
        if nginx is not None:
            nginx.stop()
        common.stop_server(server)
        if args.restart_db_at is not None:
            ensure_postgres_up()
    counts = count_markers(run)
    result = report(args, stats, counts)
    result["timeline"] = stats.timeline
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    if not args.keep:
        connection.close()
        common.drop_database(database)
    return result


def preflight(target: Target) -> None:
    """The home page must answer 200 through the path under test before any load:
    a redirect here (the proxy not trusted) would make every request a failure."""
    import httpx

    headers = dict(target.headers) or common.proxy_headers(1)
    response = httpx.get(
        target.base + "/",
        headers=headers,
        verify=target.tls or True,
        timeout=60,
        follow_redirects=False,
    )
    if response.status_code != 200:
        raise SystemExit(
            f"{target.base}/ answers {response.status_code} "
            f"{response.headers.get('location', '')} instead of the home page"
        )


def ensure_postgres_up() -> None:
    """The shared server must be running when we leave, whatever happened."""
    cluster = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    for _ in range(60):
        status = subprocess.run(
            ["pg_ctlcluster", cluster, "main", "status"],
            capture_output=True,
            check=False,
        )
        if status.returncode == 0:
            return
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"],
            check=False,
        )
        time.sleep(1)
    raise SystemExit("PostgreSQL is not running; start it by hand")


def parser() -> argparse.ArgumentParser:
    def pair(text: str) -> tuple[float, float]:
        low, _, high = text.partition(",")
        return float(low), float(high or low)

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/medborgarloften_reliability",
    )
    p.add_argument("--duration", type=int, default=300)
    p.add_argument("--staff", type=int, default=50)
    p.add_argument("--readers", type=int, default=200)
    p.add_argument("--kommuner", type=int, default=290)
    p.add_argument("--staff-think", type=pair, default=(5.0, 15.0))
    p.add_argument("--reader-think", type=pair, default=(5.0, 15.0))
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument(
        "--via",
        choices=["nginx", "direct"],
        default="nginx",
        help="nginx with deploy/nginx.conf in front (the deployment), or the "
        "clients straight to the server with the headers nginx would add",
    )
    p.add_argument(
        "--server",
        choices=["waitress", "gunicorn"],
        default="waitress",
        help="waitress: `serve --production`, as deploy/medborgarloften.service",
    )
    p.add_argument("--workers", type=int, default=5)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--restart-db-at", type=float, default=None)
    p.add_argument("--json", help="write the figures (and the timeline) here")
    p.add_argument("--keep", action="store_true", help="keep the database")
    p.add_argument(
        "--short",
        action="store_true",
        help="try it: 30 s, 60 kommuner, 10 staff, 40 readers",
    )
    return p


def main() -> None:
    args = parser().parse_args()
    if args.short:
        args.duration, args.kommuner = 30, 60
        args.staff, args.readers = min(args.staff, 10), min(args.readers, 40)
    result = run_load(args)
    reasons = failures(result)
    for reason in reasons:
        print(f"FAIL: {reason}")
    if not reasons:
        print(
            "OK: every request got what it was for; every post acknowledged and "
            "stored once"
        )
    sys.exit(1 if reasons else 0)


if __name__ == "__main__":
    main()
