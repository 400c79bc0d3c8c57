"""Faults: a killed import, a killed CSV import, a database restart, a full disk.

Run:  .venv/bin/python benchmarks/reliability/faults.py [import-kill] [csv-kill]
                                                        [db-restart] [disk-full]

(no argument runs all four). Each prints its checks and exits non-zero when one fails.

import-kill  ``medborgarloften import DIR`` over ``--documents`` (120) generated
             promises; SIGKILL while it holds an open transaction past half-way;
             no half-made draft (every document has its run, every draft its run and
             the same content as in an uninterrupted reference run in a second
             database), no torn file; the re-run exits 0 and ends with exactly the
             reference result, each document imported once.
csv-kill     The staff CSV import of 5 000 activities through the real web form
             (sign-in, preview, confirm) on gunicorn; SIGKILL of the whole server
             while the confirm's transaction is open; none of the rows exist; after a
             restart the same confirm saves each row exactly once.
db-restart   load.py for ``--restart-seconds`` (120) with 10 staff and 60 readers,
             PostgreSQL restarted at 40 s: failed requests get a clean error page
             (503), none hangs past the client timeout, requests succeed again
             without anything restarted by hand, no acknowledged activity is lost.
             The shared PostgreSQL is checked to be running at the end.
disk-full    a 1 MB tmpfs mounted as the upload directory, filled to 40 kB free; a
             200 kB document uploaded through the import form gets a clear message
             and 503, leaves no file and no row; after freeing space the same upload
             works and the stored file has the document's sha256.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from faults_checks import FAILED  # noqa: E402
from faults_import import import_kill  # noqa: E402
from faults_web import csv_kill, db_restart, disk_full  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "faults",
        nargs="*",
        choices=["import-kill", "csv-kill", "db-restart", "disk-full"],
    )
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--restart-seconds", type=int, default=120)
    args = parser.parse_args()
    chosen = args.faults or ["import-kill", "csv-kill", "db-restart", "disk-full"]
    print(common.machine())
    try:
        if "import-kill" in chosen:
            import_kill(args.documents)
        if "csv-kill" in chosen:
            csv_kill(args.rows)
        if "disk-full" in chosen:
            disk_full()
        if "db-restart" in chosen:
            db_restart(args.restart_seconds, at=args.restart_seconds / 3)
    finally:
        import load

        load.ensure_postgres_up()
    print(f"\n{len(FAILED)} check(s) failed" if FAILED else "\nall checks passed")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
