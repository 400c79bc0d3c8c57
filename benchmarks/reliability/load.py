"""Load: staff logging activities through the real web form while the public reads.

Run:  .venv/bin/python benchmarks/reliability/load.py [--duration 300] [--short]

Builds the bench_public data set (290 kommuner × 10 published promises) in its own
PostgreSQL database, serves the production settings (gunicorn, or ``serve
--production`` with ``--server waitress``) and runs from one asyncio process

- ``--staff`` (50) staff clients, each a distinct user of a different kommun (role
  rapportör), who sign in through the login form (CSRF token from the page, secure
  session cookie), then repeatedly open the activity form of one of their promise's
  commitments and post an activity whose description carries a unique marker;
- ``--readers`` (200) public readers fetching promise pages, kommun pages, the home
  page and the API (promises, activities, one promise).

Every client waits a random think time between requests (``--staff-think``,
``--reader-think``) and sends the headers nginx would (``X-Forwarded-Proto: https``,
its own ``X-Real-IP``). Afterwards the activities in the database are counted by
marker against what the clients saw acknowledged (the 302 after the post): none may
be lost or duplicated. Errors (5xx, transport errors, timeouts) and p50/p95/p99 per
kind of request are printed, and with ``--json`` written to a file.

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

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CLEAN_ERROR_PAGE = ("Något gick fel", "Tjänsten är tillfälligt otillgänglig")


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    # (seconds since start, kind, outcome, latency) for every request
    timeline: list[tuple[float, str, str, float]] = field(default_factory=list)
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
    cookies are Secure and the proxy in front is simulated), its own address."""

    def __init__(self, http, base: str, number: int, stats: Stats, timeout: float):
        self.http = http
        self.base = base
        self.origin = base.replace("http://", "https://", 1)
        self.headers = common.proxy_headers(number)
        self.cookies: dict[str, str] = {}
        self.stats = stats
        self.timeout = timeout

    async def request(self, kind: str, method: str, path: str, **kwargs):
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
        if response.status_code >= 500:
            clean = any(text in response.text for text in CLEAN_ERROR_PAGE) or (
                response.headers.get("content-type", "").startswith(
                    "application/problem+json"
                )
            )
            if not clean:
                self.stats.unclean += 1
            self.stats.record(kind, f"http{response.status_code}", latency)
        elif response.status_code >= 400:
            self.stats.record(kind, f"http{response.status_code}", latency)
        else:
            self.stats.record(kind, "ok", latency)
        return response


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
                data={
                    "username": who["username"],
                    "password": common.PASSWORD,
                    "csrfmiddlewaretoken": token.group(1),
                    "next": "",
                },
                headers={"Origin": client.origin, "Referer": client.origin + "/"},
            )
            if done is not None and done.status_code == 302:
                break
        await think((1, 3))
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
        posted = await client.request(
            "staff activity post",
            "POST",
            path,
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
        elif posted.status_code == 302 and posted.headers.get("location", "").endswith(
            path
        ):
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


async def drive(args, base: str, staff: list, targets: dict, day, run: str) -> Stats:
    import httpx

    stats = Stats()
    deadline = time.monotonic() + args.duration
    limits = httpx.Limits(max_connections=args.staff + args.readers + 10)
    restart_log: list = []
    async with httpx.AsyncClient(limits=limits, cookies=None) as http:
        tasks = []
        for n, who in enumerate(staff):
            client = Client(http, base, 1000 + n, stats, args.timeout)
            tasks.append(
                staff_client(client, who, day, deadline, run, args.staff_think)
            )
        for n in range(args.readers):
            client = Client(http, base, 5000 + n, stats, args.timeout)
            tasks.append(reader_client(client, targets, deadline, args.reader_think))
        if args.restart_db_at is not None:
            tasks.append(restart_database(args.restart_db_at, stats, restart_log))
        await asyncio.gather(*tasks)
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
        "requests": len(stats.timeline),
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
        "restart": getattr(stats, "restart", []),
    }
    print(f"\n{result['machine']}")
    print(
        f"{args.staff} staff + {args.readers} readers, {args.duration} s, "
        f"{args.server}; {result['requests']} requests"
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
        f"\nactivities acknowledged {result['activities_acknowledged']}, in the "
        f"database {result['activities_in_database']}, lost {len(lost)}, "
        f"duplicated {len(duplicated)}, saved without being posted {len(unexpected)}; "
        f"posts without an answer {result['posted_without_answer']} (of them saved "
        f"{result['posted_without_answer_saved']}), refused {result['posts_refused']}; "
        f"5xx without the error page {stats.unclean}"
    )
    return result


def run_load(args) -> dict:
    database = args.database
    common.recreate_database(database)
    env = common.environment(database)
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
    base = f"http://127.0.0.1:{port}"
    run = uuid.uuid4().hex[:8]
    try:
        common.wait_for(base + "/")
        stats = asyncio.run(drive(args, base, staff, targets, day, run))
    finally:
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
    p.add_argument("--server", choices=["gunicorn", "waitress"], default="gunicorn")
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
    failed = (
        result["lost"]
        or result["duplicated"]
        or result["unexpected"]
        or any(row["errors"] for row in result["rows"])
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
