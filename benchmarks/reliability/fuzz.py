"""Bad input at volume: hypothesis over the extractor, the importer and every form;
schemathesis over the OpenAPI description the running server publishes.

Run:  .venv/bin/python benchmarks/reliability/fuzz.py [--examples 200] [--api-examples 100]

1. pytest runs the fuzz tests with ``FUZZ_EXAMPLES`` examples each:
   ``medborgarloften/extract/tests/test_fuzz.py`` (any text, mangled promises, any
   bytes behind the PDF/DOCX/HTML signatures), ``documents/tests/test_fuzz_import.py``
   (the whole importer) and ``tests/test_fuzz_forms.py`` (every post form the crawl
   of the demo installation finds, staff and public); they write their counts to a file.
2. A production server (gunicorn, PostgreSQL, DEBUG off, rate limits off so the fuzzer
   is not refused with 429) serves a small data set; ``schemathesis run`` fetches
   /api/v1/openapi.json from it and tests every operation, positive and negative
   inputs, every check, with a reporter's API token so the write endpoints are reached.
   Its ndjson report gives the number of generated cases and any 5xx.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

FUZZ_TESTS = [
    "medborgarloften/extract/tests/test_fuzz.py",
    "medborgarloften/documents/tests/test_fuzz_import.py",
    "tests/test_fuzz_forms.py",
]


def run_hypothesis(examples: int) -> tuple[int, list[dict]]:
    counts = Path(tempfile.mkstemp(prefix="fuzz_counts_", suffix=".jsonl")[1])
    env = {
        **os.environ,
        "FUZZ_EXAMPLES": str(examples),
        "FUZZ_COUNT_FILE": str(counts),
    }
    if os.environ.get("FUZZ_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["FUZZ_DATABASE_URL"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *FUZZ_TESTS],
        cwd=common.ROOT,
        env=env,
        check=False,
    )
    rows = [json.loads(line) for line in counts.read_text().splitlines() if line]
    counts.unlink()
    return proc.returncode, rows


def run_schemathesis(examples: int, workers: int) -> dict:
    database = "postgres://postgres@127.0.0.1:5432/medborgarloften_fuzz_api"
    common.recreate_database(database)
    env = common.environment(database, RATELIMIT_ENABLED="0")
    common.django_setup(env)
    common.prepare(kommuner=6, per_kommun=10)
    day = dt.date.today() - dt.timedelta(days=1)
    who = common.make_staff(1, day, role="reporter")[0]
    from django.db import connection

    from medborgarloften.accounts.models import User
    from medborgarloften.places.models import Organisation
    from medborgarloften.publishing.api.services import api_token_create

    _, secret = api_token_create(
        user=User.objects.get(username=who["username"]),
        organisation=Organisation.objects.get(code=who["kommun_code"]),
        name="fuzz",
    )
    connection.close()
    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    server = common.start_server(env, port, workers=3)
    report_dir = Path(tempfile.mkdtemp(prefix="schemathesis_"))
    try:
        common.wait_for(base + "/api/v1/openapi.json")
        argv = [
            str(Path(sys.executable).parent / "schemathesis"),
            "run",
            f"{base}/api/v1/openapi.json",
            # The description names https (we pose as the TLS proxy); talk http.
            "--url",
            f"{base}/api/v1",
            "--max-examples",
            str(examples),
            "--checks",
            "all",
            # "Schema-valid data must be accepted" cannot hold for ids of rows that
            # do not exist (area_id 1, kommun 0000): the API answers 422 naming the
            # field, as documented. Every other check runs.
            "--exclude-checks",
            "positive_data_acceptance",
            "--workers",
            str(workers),
            "--header",
            f"Authorization: Bearer {secret}",
            "--header",
            "X-Forwarded-Proto: https",
            "--report",
            "ndjson",
            "--report-dir",
            str(report_dir),
            "--seed",
            "8",
        ]
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        print(proc.stdout)
    finally:
        common.stop_server(server)
        connection.close()
        common.drop_database(database)
    return {"exit": proc.returncode, **_ndjson_counts(report_dir)}


def _ndjson_counts(report_dir: Path) -> dict:
    """Responses by status class, from schemathesis' ndjson event stream."""
    statuses: Counter = Counter()
    cases = 0
    for path in report_dir.rglob("*.ndjson"):
        for line in path.read_text().splitlines():
            if '"status_code"' not in line:
                continue
            cases += line.count('"status_code"')
            for code in _status_codes(json.loads(line)):
                statuses[f"{code // 100}xx"] += 1
    return {"responses": sum(statuses.values()), "by_class": dict(statuses)}


def _status_codes(node) -> list[int]:
    found: list[int] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "status_code" and isinstance(value, int):
                found.append(value)
            else:
                found += _status_codes(value)
    elif isinstance(node, list):
        for item in node:
            found += _status_codes(item)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--api-examples", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-forms", action="store_true")
    parser.add_argument("--skip-api", action="store_true")
    args = parser.parse_args()
    print(common.machine(), flush=True)
    failed = False
    if not args.skip_forms:
        code, rows = run_hypothesis(args.examples)
        failed |= code != 0
        print(f"\nhypothesis, {args.examples} examples per test: pytest exit {code}")
        for row in rows:
            print("  " + json.dumps(row, ensure_ascii=False))
    if not args.skip_api:
        result = run_schemathesis(args.api_examples, args.workers)
        failed |= result["exit"] != 0 or result["by_class"].get("5xx", 0) > 0
        print(
            f"\nschemathesis, up to {args.api_examples} cases per operation: exit "
            f"{result['exit']}, {result['responses']} responses {result['by_class']}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
