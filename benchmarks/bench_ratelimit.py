"""What counting every public request costs (not a test: nothing here can fail).

Run:  .venv/bin/python benchmarks/bench_ratelimit.py [--requests 5000]

Rate limits are counted in counters every process shares (lib/counters.py:
a small file per client and window under DATA_DIR, incremented under flock) and,
since issue #13, every anonymous GET of the public site counts. This measures, in a
fresh SQLite demo installation (migrate, loadref, demo) in a temporary directory:

- one ``counters.increment`` on its own, and from two processes at once;
- a page-cache hit of the home page and of a promise page through the whole
  middleware stack (Django's test client, so the same overhead both ways), with the
  rate limiter off and on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "reliability"))


def _per_call(fn, n: int, rounds: int = 5) -> float:
    """Median over ``rounds`` of the mean time per call, in microseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(n):
            fn()
        times.append((time.perf_counter() - started) / n * 1e6)
    return statistics.median(times)


_TWO = """
import os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "medborgarloften.settings"
import django
django.setup()
from medborgarloften.lib import counters
n, start = int(sys.argv[1]), float(sys.argv[2])
while time.time() < start:
    time.sleep(0.001)
t = time.perf_counter()
for i in range(n):
    counters.increment(f"public-client{i % 200}", 60)
print((time.perf_counter() - t) / n * 1e6)
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=5000)
    args = p.parse_args()
    data = tempfile.mkdtemp(prefix="bench_ratelimit_")
    Path(data, "static").mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}},
        "DATA_DIR": data,
        "ALLOWED_HOSTS": "testserver",
        "RATELIMIT_PUBLIC": "1000000000",
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
        "PYTHONPATH": str(ROOT),
    }
    script = [sys.executable, "-m", "medborgarloften"]
    for command in (["migrate", "-v0"], ["loadref"], ["demo"]):
        subprocess.run(
            [*script, *command], env=env, cwd=data, check=True, capture_output=True
        )
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from medborgarloften.lib import counters
    from medborgarloften.operations.demo import demo_promise_ids

    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load {load}")
    n = args.requests
    i = iter(range(10**9))
    alone = _per_call(lambda: counters.increment(f"public-c{next(i) % 200}", 60), n)
    print(f"counters.increment, one process: {alone:.1f} µs")
    start = str(time.time() + 2)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _TWO, str(n), start],
            env=env,
            cwd=data,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    both = [float(proc.communicate()[0]) for proc in procs]
    print(
        f"counters.increment, two processes at once: {both[0]:.1f} / {both[1]:.1f} µs"
    )

    client = Client()
    promise = demo_promise_ids()[1]
    for path in ("/", f"/lofte/{promise}/"):
        client.get(path)  # fill the page cache
        figures: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(7):  # alternate, so a busy moment hits both alike
            for enabled in (False, True):
                settings.RATELIMIT_ENABLED = enabled
                assert client.get(path)["X-Page-Cache"] == "hit"
                figures[enabled].append(
                    _per_call(lambda p=path: client.get(p), n // 10, rounds=1)
                )
        figures = {k: statistics.median(v) for k, v in figures.items()}
        print(
            f"cache hit {path}: limiter off {figures[False]:.0f} µs, "
            f"on {figures[True]:.0f} µs (+{figures[True] - figures[False]:.0f} µs)"
        )


if __name__ == "__main__":
    main()
