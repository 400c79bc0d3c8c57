"""The load run's clients (load.py): simulated browsers — staff who sign in and post
activities, public readers — what counts as a request that got what it was for, and
the asyncio run that drives them (and restarts PostgreSQL once when asked). Not a
test."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import re
import ssl
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

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
