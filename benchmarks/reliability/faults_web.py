"""The faults through the running site (faults.py): csv-kill, db-restart and
disk-full. Not a test."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from faults_checks import (  # noqa: E402
    CSRF,
    DB,
    check,
    open_transaction,
    sql,
)
from faults_import import PROMISE  # noqa: E402

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
