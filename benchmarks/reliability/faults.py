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
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

DB = "postgres://postgres@127.0.0.1:5432/medborgarloften_faults"
DB_REF = "postgres://postgres@127.0.0.1:5432/medborgarloften_faults_ref"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FAILED: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  [{'ok' if ok else 'FAIL'}] {what}", flush=True)
    if not ok:
        FAILED.append(what)


def sql(url: str, query: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def open_transaction(url: str, application: str = "") -> bool:
    """Whether a client of this database (other than us) is inside a transaction."""
    name = url.rsplit("/", 1)[1]
    rows = sql(
        common.PG_ADMIN,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL "
        "AND backend_type = 'client backend'",
        (name,),
    )
    return rows[0][0] > 0


# --- import-kill -----------------------------------------------------------------

PROMISE = """Medborgarlöfte för Bänkeby kommun {year}

Lokalpolisområde Bänkeby och Bänkeby kommun har tagit fram lägesbilden tillsammans.
Dokument nummer {n}.

Polisen lovar att:
- genomföra minst {a} trygghetsvandringar i Norrby per år
- vara synlig vid skolorna i Söderby på eftermiddagarna

Kommunen lovar att:
- hålla {b} dialogmöten med boende i centrum under {year}
- sanera klotter inom ett dygn i Västby

Uppföljning sker två gånger per år.

Anna Andersson {n}
Kommunstyrelsens ordförande

Per Persson
Lokalpolisområdeschef
"""


def import_setup(url: str, data_dir: str) -> dict:
    common.recreate_database(url)
    env = common.environment(url, data_dir)
    subprocess.run(
        [str(Path(sys.executable).parent / "medborgarloften"), "migrate"],
        env=env,
        check=True,
        capture_output=True,
    )
    script = (
        "import django; django.setup()\n"
        "from medborgarloften.places.models import Organisation, OrganisationKind\n"
        "Organisation.objects.create(kind=OrganisationKind.KOMMUN, code='9990',"
        " name='Bänkeby')\n"
        "Organisation.objects.create(kind=OrganisationKind.LOKALPOLISOMRADE,"
        " name='Lokalpolisområde Bänkeby')\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    return env


def import_cli(env: dict, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "medborgarloften"),
            "import",
            str(folder),
            "--kommun",
            "9990",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )


FINGERPRINT = """
SELECT d.sha256, p.title,
  (SELECT count(*) FROM promises_commitment c WHERE c.promise_id = p.id),
  (SELECT count(*) FROM promises_focusarea f WHERE f.promise_id = p.id),
  (SELECT count(*) FROM promises_signatory s WHERE s.promise_id = p.id),
  (SELECT count(*) FROM promises_promise_parties x WHERE x.promise_id = p.id)
FROM documents_extractionrun r
JOIN documents_sourcedocument d ON d.id = r.document_id
JOIN promises_promise p ON p.id = r.promise_id
ORDER BY d.sha256
"""


def import_state(url: str, media: Path) -> dict:
    documents = sql(url, "SELECT sha256, raw FROM documents_sourcedocument")
    referenced = {raw for _, raw in documents}
    torn = [
        raw
        for sha, raw in documents
        if not (media / raw).is_file()
        or hashlib.sha256((media / raw).read_bytes()).hexdigest() != sha
    ]
    files = (
        {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}
        if media.exists()
        else set()
    )
    return {
        "documents": len(documents),
        "promises": sql(url, "SELECT count(*) FROM promises_promise")[0][0],
        "documents_without_run": sql(
            url,
            "SELECT count(*) FROM documents_sourcedocument d WHERE NOT EXISTS "
            "(SELECT 1 FROM documents_extractionrun r WHERE r.document_id = d.id)",
        )[0][0],
        "promises_without_run": sql(
            url,
            "SELECT count(*) FROM promises_promise p WHERE NOT EXISTS "
            "(SELECT 1 FROM documents_extractionrun r WHERE r.promise_id = p.id)",
        )[0][0],
        "failed_runs": sql(
            url, "SELECT count(*) FROM documents_extractionrun WHERE status <> 'ok'"
        )[0][0],
        "torn_files": torn,
        "orphan_files": sorted(files - referenced),
        "temporary_files": sorted(f for f in files if ".tmp-" in f),
        "fingerprint": sql(url, FINGERPRINT),
    }


def import_kill(documents: int) -> None:
    print(f"\nimport-kill: {documents} documents, SIGKILL past half-way", flush=True)
    work = Path(tempfile.mkdtemp(prefix="faults_import_"))
    folder = work / "in"
    folder.mkdir()
    for n in range(documents):
        (folder / f"lofte-{n:04d}.txt").write_text(
            PROMISE.format(year=2030 + n % 5, n=n, a=2 + n % 7, b=1 + n % 4),
            encoding="utf-8",
        )
    ref_env = import_setup(DB_REF, str(work / "ref"))
    started = time.monotonic()
    reference = import_cli(ref_env, folder)
    out, _ = reference.communicate()
    elapsed = time.monotonic() - started
    ref = import_state(DB_REF, work / "ref" / "media")
    print(
        f"  reference run: exit {reference.returncode}, {ref['promises']} drafts in "
        f"{elapsed:.0f} s",
        flush=True,
    )
    check(
        reference.returncode == 0 and ref["promises"] == documents,
        f"the uninterrupted run imports all {documents} (exit {reference.returncode})",
    )

    env = import_setup(DB, str(work / "run"))
    media = work / "run" / "media"
    victim = import_cli(env, folder)
    killed_at = None
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and victim.poll() is None:
        done = sql(DB, "SELECT count(*) FROM promises_promise")[0][0]
        if done >= documents // 2 and open_transaction(DB):
            os.killpg(victim.pid, signal.SIGKILL)
            killed_at = done
            break
        time.sleep(0.01)
    victim.wait()
    check(killed_at is not None, f"killed with a transaction open after {killed_at}")
    after = import_state(DB, media)
    print(
        f"  after the kill: {after['documents']} documents, {after['promises']} drafts,"
        f" {len(after['orphan_files'])} files without a row",
        flush=True,
    )
    check(after["documents_without_run"] == 0, "no document without its run")
    check(after["promises_without_run"] == 0, "no draft without its run")
    check(after["documents"] == after["promises"], "one draft per stored document")
    check(after["failed_runs"] == 0, "no failed run left by the kill")
    ref_by_sha = {row[0]: row for row in ref["fingerprint"]}
    check(
        all(ref_by_sha.get(row[0]) == row for row in after["fingerprint"]),
        "every draft present is complete (same title, commitments, focus areas, "
        "signatories and parties as in the reference run)",
    )
    check(not after["torn_files"], "no stored file differs from its sha256")
    check(not after["temporary_files"], "no temporary file left")

    rerun = import_cli(env, folder)
    out, _ = rerun.communicate()
    final = import_state(DB, media)
    check(rerun.returncode == 0, f"the re-run exits 0 ({out.strip().splitlines()[0]})")
    check(final["fingerprint"] == ref["fingerprint"], "the result equals the reference")
    check(final["promises"] == documents, f"{documents} drafts, each document once")
    check(not final["torn_files"] and not final["orphan_files"], "no stray file")
    common.drop_database(DB)
    common.drop_database(DB_REF)
    shutil.rmtree(work, ignore_errors=True)


# --- csv-kill ---------------------------------------------------------------------


class Browser:
    """httpx with cookies kept by hand (they are Secure; TLS is simulated)."""

    def __init__(self, base: str) -> None:
        import httpx

        self.base = base
        self.origin = base.replace("http://", "https://")
        self.http = httpx.Client(timeout=300)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, **kwargs):
        headers = {
            **common.proxy_headers(7),
            "Origin": self.origin,
            "Referer": self.origin + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method, self.base + path, headers=headers, **kwargs
        )
        for name, value in response.headers.multi_items():
            if name.lower() == "set-cookie":
                key, _, val = value.split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = val.strip()
        return response

    def sign_in(self, username: str) -> None:
        token = CSRF.search(self.request("GET", "/konto/logga-in/").text).group(1)
        done = self.request(
            "POST",
            "/konto/logga-in/",
            data={
                "username": username,
                "password": common.PASSWORD,
                "csrfmiddlewaretoken": token,
            },
        )
        if done.status_code != 302:
            raise SystemExit(f"sign-in failed: {done.status_code}")

    def token(self, path: str) -> str:
        return CSRF.search(self.request("GET", path).text).group(1)


def web_setup(kommuner: int, role: str) -> tuple[dict, dict]:
    import datetime as dt

    common.recreate_database(DB)
    env = common.environment(DB)
    common.django_setup(env)
    common.prepare(kommuner=kommuner, per_kommun=10)
    day = dt.date.today() - dt.timedelta(days=1)
    who = common.make_staff(1, day, role=role)[0]
    from django.db import connection

    connection.close()
    return env, who


def csv_kill(rows: int) -> None:
    import datetime as dt

    print(f"\ncsv-kill: {rows} activities in one CSV, SIGKILL during confirm")
    env, who = web_setup(kommuner=3, role="reporter")
    day = dt.date.today() - dt.timedelta(days=1)
    marker = f"CSV-{os.getpid()}"
    lines = ["åtagande;datum;typ;antal;beskrivning"]
    lines += [
        f"{1 + n % 8};{day.isoformat()};trygghetsvandring;1;{marker}-{n:05d}"
        for n in range(rows)
    ]
    data = ("\n".join(lines) + "\n").encode()
    path = f"/personal/uppfoljning/lofte/{who['promise_pk']}/import/"

    def count() -> tuple[int, int]:
        found = sql(
            DB,
            "SELECT count(*), count(DISTINCT description) FROM followup_activity "
            "WHERE description LIKE %s",
            (marker + "-%",),
        )[0]
        return found[0], found[1]

    def preview(browser: Browser) -> str:
        response = browser.request(
            "POST",
            path,
            data={"csrfmiddlewaretoken": browser.token(path)},
            files={"file": ("aktiviteter.csv", data, "text/csv")},
        )
        payload = re.search(r'name="payload" value="([^"]+)"', response.text)
        if payload is None:
            raise SystemExit(f"no preview: {response.status_code}")
        return payload.group(1)

    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    server = common.start_server(env, port, workers=2)
    common.wait_for(base + "/")
    browser = Browser(base)
    browser.sign_in(who["username"])
    payload = preview(browser)
    token = browser.token(path)
    result: dict = {}

    def confirm() -> None:
        try:
            result["response"] = browser.request(
                "POST",
                path,
                data={
                    "csrfmiddlewaretoken": token,
                    "payload": payload,
                    "filename": "aktiviteter.csv",
                },
            )
        except Exception as exc:  # noqa: BLE001 - the kill cuts the connection
            result["error"] = type(exc).__name__

    thread = threading.Thread(target=confirm)
    thread.start()
    seen = False
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and thread.is_alive():
        if open_transaction(DB):
            seen = True
            time.sleep(0.5)  # well inside: validation of the rows takes seconds
            if open_transaction(DB):
                common.stop_server(server, signal.SIGKILL)
                break
        time.sleep(0.02)
    thread.join()
    check(seen and server.poll() is not None, "server killed inside the transaction")
    check(
        "error" in result,
        f"the client saw the connection drop ({result.get('error', 'a response')})",
    )
    check(count() == (0, 0), f"no activity of the file exists after the kill {count()}")

    port = common.free_port()
    base = f"http://127.0.0.1:{port}"
    server = common.start_server(env, port, workers=2)
    try:
        common.wait_for(base + "/")
        browser = Browser(base)
        browser.sign_in(who["username"])
        payload = preview(browser)
        response = browser.request(
            "POST",
            path,
            data={
                "csrfmiddlewaretoken": browser.token(path),
                "payload": payload,
                "filename": "aktiviteter.csv",
            },
        )
        check(response.status_code == 302, f"re-run confirmed ({response.status_code})")
        check(
            count() == (rows, rows), f"each of the {rows} rows exactly once {count()}"
        )
    finally:
        common.stop_server(server)
    common.drop_database(DB)


# --- db-restart -------------------------------------------------------------------


def db_restart(seconds: int, at: float) -> None:
    import load

    print(f"\ndb-restart: load for {seconds} s, PostgreSQL restarted at {at:.0f} s")
    args = load.parser().parse_args(
        [
            "--duration",
            str(seconds),
            "--staff",
            "10",
            "--readers",
            "60",
            "--kommuner",
            "60",
            "--staff-think",
            "1,3",
            "--reader-think",
            "1,3",
            "--timeout",
            "30",
            "--restart-db-at",
            str(at),
            "--database",
            DB,
        ]
    )
    result = load.run_load(args)
    load.ensure_postgres_up()
    restart = result["restart"][0] if result["restart"] else {}
    check(restart.get("exit_code") == 0, f"PostgreSQL restarted: {restart}")
    begin = restart.get("restart_started", at)
    end = restart.get("restart_finished", at)
    timeline = result["timeline"]
    failures = [t for t in timeline if t[2] != "ok"]
    outcomes: dict[str, int] = {}
    for _, _, outcome, _ in failures:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(f"  failed requests: {len(failures)} {outcomes}")
    check(result["unclean_5xx"] == 0, "every 5xx was our error page")
    check("timeout" not in outcomes, "no request hung until the client timeout")
    late = [t for t in failures if t[0] > end + 10]
    check(not late, f"no failure later than 10 s after the restart ({len(late)})")
    if failures:
        print(
            f"  failures from {min(t[0] for t in failures) - begin:+.1f} s to "
            f"{max(t[0] for t in failures) - end:+.1f} s around the restart "
            f"({begin:.1f}–{end:.1f} s); slowest failed request "
            f"{max(t[3] for t in failures):.1f} s"
        )
    first_ok = min(
        (t[0] for t in timeline if t[0] > end and t[2] == "ok"), default=None
    )
    check(
        first_ok is not None,
        f"requests succeed again {first_ok - end:.1f} s after the restart finished"
        if first_ok
        else "requests never succeeded again",
    )
    window = [t for t in failures if begin - 1 <= t[0] <= end + 10]
    check(
        len(window) == len(failures),
        f"all failures fall in the restart window ({len(window)}/{len(failures)})",
    )
    check(
        not result["lost"] and not result["duplicated"],
        f"no acknowledged activity lost ({len(result['lost'])}) or duplicated "
        f"({len(result['duplicated'])}); {result['posted_without_answer']} posts "
        "without an answer",
    )


# --- disk-full --------------------------------------------------------------------


def disk_full() -> None:
    print("\ndisk-full: upload onto a nearly full 1 MB tmpfs")
    env, who = web_setup(kommuner=3, role="editor")
    media = Path(env["DATA_DIR"]) / "media"
    media.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(media)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        check(False, f"cannot mount a tmpfs ({mounted.stderr.strip()}); see the tests")
        return
    server = None
    try:
        free = shutil.disk_usage(media).free
        filler = media / "filler.bin"
        filler.write_bytes(b"\0" * (free - 40 * 1024))
        print(f"  free before the upload: {shutil.disk_usage(media).free} bytes")
        text = PROMISE.format(year=2031, n=1, a=3, b=2).replace("Bänkeby", "Bänkeby 0")
        padding = "\n".join(
            f"Bilaga rad {n}: trygghetsmätningen visar oro i området."
            for n in range(3500)
        )
        document = (text + "\n" + padding + "\n").encode()
        sha = hashlib.sha256(document).hexdigest()
        port = common.free_port()
        base = f"http://127.0.0.1:{port}"
        server = common.start_server(env, port, workers=2)
        common.wait_for(base + "/")
        browser = Browser(base)
        browser.sign_in(who["username"])
        kommun_pk = sql(
            DB,
            "SELECT id FROM places_organisation WHERE code = %s",
            (who["kommun_code"],),
        )[0][0]

        def upload():
            return browser.request(
                "POST",
                "/personal/import/",
                data={
                    "csrfmiddlewaretoken": browser.token("/personal/import/"),
                    "kommun": str(kommun_pk),
                },
                files={"file": ("lofte.txt", document, "text/plain")},
            )

        print(f"  document: {len(document)} bytes")
        response = upload()
        files = sorted(
            str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()
        )
        rows = sql(DB, "SELECT count(*) FROM documents_sourcedocument")[0][0]
        check(response.status_code == 503, f"answer {response.status_code} (503)")
        check(
            "slut på diskutrymme" in response.text,
            "the page says the disk is full",
        )
        check(files == ["filler.bin"], f"no file left behind: {files}")
        check(rows == 0, f"no document row ({rows})")
        filler.unlink()
        response = upload()
        stored = [p for p in media.rglob("*") if p.is_file()]
        check(response.status_code == 302, f"with room again: {response.status_code}")
        check(
            len(stored) == 1
            and hashlib.sha256(stored[0].read_bytes()).hexdigest() == sha,
            "the stored file has the document's sha256",
        )
    finally:
        if server is not None:
            common.stop_server(server)
        subprocess.run(["umount", str(media)], check=False)
    common.drop_database(DB)


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
