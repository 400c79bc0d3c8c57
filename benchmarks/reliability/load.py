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
import random
import re
import ssl
import statistics
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

from tests import deployment  # noqa: E402  (common put the repository on the path)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CLEAN_ERROR_PAGE = ("Något gick fel", "Tjänsten är tillfälligt otillgänglig")


@dataclass
class Target:
    """Where the clients send their requests and what a browser would say there."""

    base: str  # https://127.0.0.1:P through nginx, http://127.0.0.1:P direct
    origin: str  # Origin and Referer of the posts
    headers: dict[str, str] = field(default_factory=dict)  # Host through nginx
    tls: ssl.SSLContext | None = None  # trusts the run's self-signed certificate


def client_address(number: int) -> str:
    """A loopback address of the client's own (never 127.0.0.1, nginx's peer)."""
    return f"127.{1 + ((number >> 16) & 127)}.{(number >> 8) & 255}.{number & 255}"


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    # (seconds since start, kind, outcome, latency) for every request
    timeline: list[tuple[float, str, str, float]] = field(default_factory=list)
    posted: int = 0  # activity posts sent
    signed_in: int = 0  # staff clients that got past the sign-in
    acknowledged: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # posted, no acknowledgement
    refused: list[str] = field(default_factory=list)  # a clean refusal (4xx/5xx)
    unclean: int = 0  # 5xx without our error page

    def record(self, kind: str, outcome: str, latency: float) -> None:
        self.timeline.append((time.monotonic() - self.started, kind, outcome, latency))
        if outcome == "ok":
            self.latencies[kind].append(latency)
        else:
            self.errors[kind][outcome] += 1


class Client:
    """One simulated browser: its own cookies (kept by hand, since the production
    cookies are Secure) and its own address — through nginx a loopback address of its
    own, direct the ``X-Real-IP`` nginx would add."""

    def __init__(self, http, target: Target, number: int, stats: Stats, timeout: float):
        self.http = http
        self.base = target.base
        self.origin = target.origin
        self.headers = dict(target.headers) or common.proxy_headers(number)
        self.cookies: dict[str, str] = {}
        self.stats = stats
        self.timeout = timeout

    async def request(
        self, kind: str, method: str, path: str, *, expect: str | None = None, **kwargs
    ):
        """Send one request and record its outcome. ``expect`` None: a page (2xx);
        else the path a redirect must lead to (the sign-in's and a saved post's)."""
        import httpx

        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(kwargs.pop("headers", {}))
        started = time.monotonic()
        try:
            response = await self.http.request(
                method,
                self.base + path,
                headers=headers,
                timeout=self.timeout,
                follow_redirects=False,
                **kwargs,
            )
        except httpx.TimeoutException:
            self.stats.record(kind, "timeout", time.monotonic() - started)
            return None
        except httpx.HTTPError as exc:
            self.stats.record(
                kind, f"transport:{type(exc).__name__}", time.monotonic() - started
            )
            return None
        latency = time.monotonic() - started
        for name, value in response.headers.multi_items():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        self.stats.record(kind, outcome(response, expect, self.stats), latency)
        return response


def outcome(response, expect: str | None, stats: Stats) -> str:
    """ "ok", or what went wrong: httpNNN, redirectNNN where a page was expected,
    "no redirect" / "redirect elsewhere" where a redirect was."""
    status = response.status_code
    if status >= 500:
        clean = any(text in response.text for text in CLEAN_ERROR_PAGE) or (
            response.headers.get("content-type", "").startswith(
                "application/problem+json"
            )
        )
        if not clean:
            stats.unclean += 1
        return f"http{status}"
    if status >= 400:
        return f"http{status}"
    if expect is None:
        return f"redirect{status}" if status >= 300 else "ok"
    if not 300 <= status < 400:
        return "no redirect"
    location = response.headers.get("location", "")
    return "ok" if location.split("?")[0].endswith(expect) else "redirect elsewhere"


#: Where a successful sign-in leads (LOGIN_REDIRECT_URL).
SIGNED_IN = "/personal/"


def is_redirect_to(response, path: str) -> bool:
    return response.status_code == 302 and response.headers.get("location", "").split(
        "?"
    )[0].endswith(path)


async def think(bounds: tuple[float, float]) -> None:
    await asyncio.sleep(random.uniform(*bounds))  # noqa: S311


async def staff_client(
    client: Client, who: dict, day: dt.date, deadline: float, run: str, bounds
) -> None:
    # Sign in through the form, retrying until it works (the database may be
    # restarting in a fault run).
    while time.monotonic() < deadline:
        page = await client.request("staff sign-in", "GET", "/konto/logga-in/")
        token = CSRF.search(page.text) if page is not None else None
        if token:
            done = await client.request(
                "staff sign-in",
                "POST",
                "/konto/logga-in/",
                expect=SIGNED_IN,
                data={
                    "username": who["username"],
                    "password": common.PASSWORD,
                    "csrfmiddlewaretoken": token.group(1),
                    "next": "",
                },
                headers={"Origin": client.origin, "Referer": client.origin + "/"},
            )
            if done is not None and is_redirect_to(done, SIGNED_IN):
                client.stats.signed_in += 1
                break
        await think((1, 3))
    else:
        return  # never signed in: counted by the report
    sequence = 0
    while time.monotonic() < deadline:
        await think(bounds)
        if time.monotonic() >= deadline:
            break
        commitment = random.choice(who["commitments"])  # noqa: S311
        path = f"/personal/uppfoljning/atagande/{commitment}/logga/"
        form = await client.request("staff activity form", "GET", path)
        token = CSRF.search(form.text) if form is not None else None
        if token is None:
            continue
        sequence += 1
        marker = f"LAST-{run}-{who['username']}-{sequence:05d}"
        client.stats.posted += 1
        posted = await client.request(
            "staff activity post",
            "POST",
            path,
            expect=path,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "date": day.isoformat(),
                "kind": "trygghetsvandring",
                "quantity": "1",
                "description": f"Lastprov {marker}",
            },
            headers={"Origin": client.origin, "Referer": client.origin + path},
        )
        if posted is None:
            client.stats.unknown.append(marker)
        elif is_redirect_to(posted, path):
            client.stats.acknowledged.append(marker)
        else:
            client.stats.refused.append(marker)
        if sequence % 5 == 0:
            await client.request(
                "staff dashboard",
                "GET",
                f"/personal/uppfoljning/lofte/{who['promise_pk']}/",
            )


async def reader_client(client: Client, targets: dict, deadline: float, bounds) -> None:
    while time.monotonic() < deadline:
        await think(bounds)
        if time.monotonic() >= deadline:
            break
        roll = random.random()  # noqa: S311
        if roll < 0.40:
            uid = random.choice(targets["promises"])  # noqa: S311
            await client.request("public promise page", "GET", f"/lofte/{uid}/")
        elif roll < 0.60:
            code = random.choice(targets["kommuner"])  # noqa: S311
            await client.request("public kommun page", "GET", f"/kommun/{code}/")
        elif roll < 0.70:
            await client.request("public home page", "GET", "/")
        elif roll < 0.80:
            code = random.choice(targets["kommuner"])  # noqa: S311
            await client.request(
                "API promise list", "GET", f"/api/v1/promises?kommun={code}"
            )
        elif roll < 0.90:
            uid = random.choice(targets["promises"])  # noqa: S311
            await client.request("API promise", "GET", f"/api/v1/promises/{uid}")
        else:
            uid = random.choice(targets["promises"])  # noqa: S311
            await client.request(
                "API activity list", "GET", f"/api/v1/activities?promise={uid}"
            )


async def restart_database(at: float, stats: Stats, log: list) -> None:
    await asyncio.sleep(at)
    cluster = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    begun = time.monotonic() - stats.started
    proc = await asyncio.create_subprocess_exec(
        "pg_ctlcluster",
        "--skip-systemctl-redirect",
        cluster,
        "main",
        "restart",
    )
    code = await proc.wait()
    log.append(
        {
            "restart_started": round(begun, 2),
            "restart_finished": round(time.monotonic() - stats.started, 2),
            "exit_code": code,
        }
    )


async def drive(
    args, target: Target, staff: list, targets: dict, day, run: str
) -> Stats:
    import httpx

    stats = Stats()
    deadline = time.monotonic() + args.duration
    restart_log: list = []
    numbers = [1000 + n for n in range(len(staff))]
    numbers += [5000 + n for n in range(args.readers)]
    if target.tls is None:
        limits = httpx.Limits(max_connections=len(numbers) + 10)
        shared = httpx.AsyncClient(limits=limits, cookies=None)
        https = dict.fromkeys(numbers, shared)
        opened = [shared]
    else:
        # Each client its own connection from its own address, as browsers would.
        https = {
            n: httpx.AsyncClient(
                transport=httpx.AsyncHTTPTransport(
                    verify=target.tls, local_address=client_address(n)
                ),
                cookies=None,
            )
            for n in numbers
        }
        opened = list(https.values())
    try:
        tasks = []
        for n, who in zip(numbers, staff, strict=False):
            client = Client(https[n], target, n, stats, args.timeout)
            tasks.append(
                staff_client(client, who, day, deadline, run, args.staff_think)
            )
        for n in numbers[len(staff) :]:
            client = Client(https[n], target, n, stats, args.timeout)
            tasks.append(reader_client(client, targets, deadline, args.reader_think))
        if args.restart_db_at is not None:
            tasks.append(restart_database(args.restart_db_at, stats, restart_log))
        await asyncio.gather(*tasks)
    finally:
        for http in opened:
            await http.aclose()
    stats.restart = restart_log  # type: ignore[attr-defined]
    return stats


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(q * 10) - 1]


def count_markers(run: str) -> dict[str, int]:
    from django.db import connection

    from medborgarloften.followup.models import Activity

    connection.close()  # the database may have been restarted meanwhile
    counts: dict[str, int] = defaultdict(int)
    for text in Activity.objects.filter(
        description__startswith=f"Lastprov LAST-{run}-"
    ).values_list("description", flat=True):
        counts[text.removeprefix("Lastprov ")] += 1
    return counts


def report(args, stats: Stats, counts: dict[str, int]) -> dict:
    acknowledged = set(stats.acknowledged)
    lost = sorted(m for m in acknowledged if counts.get(m, 0) == 0)
    duplicated = sorted(m for m, n in counts.items() if n > 1)
    unexpected = sorted(
        m for m in counts if m not in acknowledged and m not in set(stats.unknown)
    )
    rows = []
    kinds = sorted(set(stats.latencies) | set(stats.errors))
    for kind in kinds:
        ok = stats.latencies.get(kind, [])
        errors = dict(stats.errors.get(kind, {}))
        rows.append(
            {
                "kind": kind,
                "ok": len(ok),
                "errors": errors,
                "p50_ms": round(percentile(ok, 50) * 1000, 1),
                "p95_ms": round(percentile(ok, 95) * 1000, 1),
                "p99_ms": round(percentile(ok, 99) * 1000, 1),
                "max_ms": round(max(ok) * 1000, 1) if ok else None,
            }
        )
    result = {
        "machine": common.machine(),
        "duration_s": args.duration,
        "staff": args.staff,
        "readers": args.readers,
        "server": args.server,
        "via": args.via,
        "requests": len(stats.timeline),
        "signed_in": stats.signed_in,
        "activities_posted": stats.posted,
        "rows": rows,
        "activities_acknowledged": len(acknowledged),
        "activities_in_database": sum(counts.values()),
        "posted_without_answer": len(stats.unknown),
        "posted_without_answer_saved": sum(1 for m in stats.unknown if m in counts),
        "posts_refused": len(stats.refused),
        "lost": lost,
        "duplicated": duplicated,
        "unexpected": unexpected,
        "unclean_5xx": stats.unclean,
        "server_peak_rss_mb": getattr(stats, "peak_memory_mb", None),
        "restart": getattr(stats, "restart", []),
    }
    print(f"\n{result['machine']}")
    print(
        f"{args.staff} staff + {args.readers} readers, {args.duration} s, "
        f"{'nginx → ' if args.via == 'nginx' else ''}{args.server}; "
        f"{result['requests']} requests; {stats.signed_in} of {args.staff} staff "
        "signed in"
    )
    print("\n| Request | ok | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for row in rows:
        errors = ", ".join(f"{k} {v}" for k, v in row["errors"].items()) or "0"
        print(
            f"| {row['kind']} | {row['ok']} | {errors} | {row['p50_ms']} | "
            f"{row['p95_ms']} | {row['p99_ms']} | {row['max_ms']} |"
        )
    print(
        f"\nactivities posted {stats.posted}, acknowledged "
        f"{result['activities_acknowledged']}, in the "
        f"database {result['activities_in_database']}, lost {len(lost)}, "
        f"duplicated {len(duplicated)}, saved without being posted {len(unexpected)}; "
        f"posts without an answer {result['posted_without_answer']} (of them saved "
        f"{result['posted_without_answer_saved']}), refused {result['posts_refused']}; "
        f"5xx without the error page {stats.unclean}; largest server process "
        f"{result['server_peak_rss_mb']} MB resident at its peak"
    )
    return result


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


def failures(result: dict) -> list[str]:
    """Why the run failed; empty when everything that was to happen happened."""
    reasons = []
    failed = {row["kind"]: row["errors"] for row in result["rows"] if row["errors"]}
    if failed:
        reasons.append(f"requests failed: {failed}")
    if result["signed_in"] < result["staff"]:
        reasons.append(
            f"{result['staff'] - result['signed_in']} of {result['staff']} staff "
            "clients never signed in"
        )
    acknowledged, posted = (
        result["activities_acknowledged"],
        result["activities_posted"],
    )
    if acknowledged == 0:
        reasons.append(f"no activity was acknowledged ({posted} posted)")
    elif acknowledged < posted:
        reasons.append(f"only {acknowledged} of {posted} activity posts acknowledged")
    for key, what in (
        ("lost", "acknowledged but not in the database"),
        ("duplicated", "in the database more than once"),
        ("unexpected", "in the database without having been posted"),
    ):
        if result[key]:
            reasons.append(f"{len(result[key])} activities {what}")
    return reasons


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
