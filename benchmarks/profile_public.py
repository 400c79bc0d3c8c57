"""CPU per uncached request of the five benchmarked public pages, in-process (not a
test: nothing here can fail).

Run:  .venv/bin/python benchmarks/profile_public.py --build   (once: the data set)
      .venv/bin/python benchmarks/profile_public.py [--requests 50] [--profile]

Uses the data set of bench_public.py in a PostgreSQL database (``--database``;
``--build`` drops, re-creates and fills it), the production settings with the page
cache off (``PAGE_CACHE=0``), and sends each page's request through Django's whole
middleware stack (the test client's WSGI handler) ``--requests`` times after one
warm-up request. Reports, per page: CPU milliseconds of this process per request
(``time.process_time``: Python, templates, the database driver; PostgreSQL's own
time is in its process), wall milliseconds, and the queries one request makes.
The fragment cache (publishing/fragments.py) stays on unless ``FRAGMENT_CACHE=0`` is
set: with it on, the timed requests reuse the fragments the warm-up built (the
figure of a page cache miss whose data did not change); with it off, every request
builds everything.
``--save DIR`` writes each page's body there, to compare a change's output byte for
byte. ``--profile`` prints a pyinstrument profile of each page (``pip install
pyinstrument``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_public_data import build, recreate_database  # noqa: E402


def _part(filename: str) -> str:
    """Which package a profiled function belongs to (own time summed per part)."""
    for marker in ("site-packages/", "medborgarloften/"):
        if marker in filename:
            rest = filename.split(marker, 1)[1].split("/")
            return "/".join(rest[:2]) if marker == "site-packages/" else rest[0]
    return "python" if filename.startswith("/") else filename[:30]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default="postgres://postgres@127.0.0.1:5432/medborgarloften_profile_public",
    )
    parser.add_argument("--build", action="store_true", help="(re)build the data")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--profile", action="store_true", help="pyinstrument")
    parser.add_argument(
        "--cprofile", action="store_true", help="cProfile on CPU time, by own time"
    )
    parser.add_argument("--only", default="", help="pages whose label has this")
    parser.add_argument(
        "--save", default="", help="write each page's body to this directory"
    )
    args = parser.parse_args()
    os.environ.update(
        {
            "DATABASE_URL": args.database,
            "DATA_DIR": tempfile.mkdtemp(prefix="profile_public_"),
            "DEBUG": "0",
            "SECRET_KEY": "profile-public-not-secret",
            "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
            "MEDBORGARLOFTEN_PRODUCTION": "1",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_PROXY_SSL": "0",
            "RATELIMIT_API": "1000000000",
            "RATELIMIT_PUBLIC": "1000000000",
            "PAGE_CACHE": os.environ.get("PAGE_CACHE", "0"),
        }
    )
    if args.build:
        recreate_database(args.database)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from medborgarloften.promises.models import Promise

    if args.build:
        call_command("migrate", verbosity=0)
        build()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    call_command("collectstatic", "--noinput", verbosity=0)
    ids = list(Promise.objects.order_by("pk").values_list("uid", flat=True))
    uid = ids[len(ids) // 2]
    pages = [
        ("promise", f"/lofte/{uid}/"),
        ("api list", "/api/v1/promises"),
        ("kommun", "/kommun/9145/"),
        ("search", "/sok/?q=trygghetsvandringar"),
        ("overview", "/oversikt/"),
        # Not benchmarked: a small page that is never cached, for the fixed cost of
        # the middleware, base template and context processors.
        ("fixed cost", "/tillganglighet/"),
    ]
    client = Client()
    queries: list[str] = []

    def count(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        queries.append(sql)
        return execute(sql, params, many, context)

    print(f"{'page':10} {'cpu ms':>8} {'wall ms':>8} {'queries':>8} {'bytes':>8}")
    for label, path in pages:
        if args.only and args.only not in label:
            continue
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if args.save:
            # To compare a change's output byte for byte (diff -r before/ after/).
            Path(args.save).mkdir(parents=True, exist_ok=True)
            (Path(args.save) / f"{label.replace(' ', '_')}.html").write_bytes(
                response.content
            )
        queries.clear()
        with connection.execute_wrapper(count):
            client.get(path)
        n_queries = len(queries)
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(args.requests):
            client.get(path)
        cpu = (time.process_time() - cpu) / args.requests * 1000
        wall = (time.perf_counter() - wall) / args.requests * 1000
        size = len(response.content)
        print(f"{label:10} {cpu:8.2f} {wall:8.2f} {n_queries:8d} {size:8d}")
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            with profiler:
                for _ in range(10):
                    client.get(path)
            print(profiler.output_text(unicode=True, show_all=False))
        if args.cprofile:
            import cProfile
            import pstats

            cpu_profile = cProfile.Profile(time.process_time)
            cpu_profile.enable()
            for _ in range(10):
                client.get(path)
            cpu_profile.disable()
            stats = pstats.Stats(cpu_profile)
            by_part: dict[str, float] = {}
            for (filename, _line, _name), row in stats.stats.items():  # type: ignore[attr-defined]
                part = _part(filename)
                by_part[part] = by_part.get(part, 0.0) + row[2]
            total = sum(by_part.values()) or 1.0
            for part, own in sorted(by_part.items(), key=lambda kv: -kv[1])[:12]:
                print(f"  {part:40} {own / total:6.1%}")
            stats.sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(
                os.environ.get("PROFILE_FILTER", ""), 35
            )
        if os.environ.get("PROFILE_SQL"):
            print("\n".join(q[:300] for q in queries))


if __name__ == "__main__":
    main()
