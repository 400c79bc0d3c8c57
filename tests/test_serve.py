"""``medborgarloften serve`` and ``make run``: the first thing a new user tries.

The slow test runs ``make run`` exactly as the README says, in a fresh data directory,
and reads the demo back over HTTP. It passes ``-o <venv>/.installed`` so that make never
reinstalls the virtualenv under the other tests' feet (and needs no network): the
install step is the Makefile's, tested by CI's ``make install``; everything after it
(migrate, loadref, demo, serve) runs for real.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from medborgarloften.operations.management.commands.serve import (
    proxy_address,
    url_for,
)
from tests import deployment

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env(data_dir: Path) -> dict[str, str]:
    """The user's environment with our data directory and no database URL, so the test
    never touches a PostgreSQL database that CI points the suite at."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "MEDBORGARLOFTEN_PRODUCTION",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    env["DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    return env


# --- argument errors, in-process -----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--port", "0"], "1–65535"),
        (["--port", "70000"], "1–65535"),
        (["--port", "http"], "ogiltig port"),
        (["--threads", "0"], "1–256"),
        (["--threads", "många"], "ogiltigt antal"),
    ],
)
def test_it_refuses_bad_arguments(args, words):
    with pytest.raises(CommandError, match=words):
        call_command("serve", *args)


@pytest.mark.django_db
def test_it_refuses_a_port_that_is_taken():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"Porten {port} är upptagen"):
            call_command("serve", "--host", "127.0.0.1", "--port", str(port))


def test_it_refuses_an_unmigrated_database(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "medborgarloften", "serve", "--port", str(_free_port())],
        capture_output=True,
        text=True,
        env=_clean_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode != 0
    assert "inte migrerad" in result.stderr
    assert "medborgarloften migrate" in result.stderr
    assert "körs på" not in result.stdout


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("0.0.0.0", "http://127.0.0.1:8000/"),  # noqa: S104
        ("::1", "http://[::1]:8000/"),
        ("localhost", "http://localhost:8000/"),
    ],
)
def test_it_prints_an_address_a_browser_can_open(host, url):
    assert url_for(host, 8000) == url


# --- make run, end to end --------------------------------------------------------------


def _reader(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _wait_for(lines: queue.Queue, needle: str, seen: list[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            return False
        seen.append(line)
        if needle in line:
            return True
    return False


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


@pytest.mark.slow
def test_make_run_serves_the_demo(tmp_path):
    from medborgarloften.operations.demo import DEMO_PASSWORD, demo_promise_ids

    venv = Path(sys.prefix)
    assert (venv / "bin" / "medborgarloften").exists(), (
        f"run the suite with the project's virtualenv (no script in {venv}/bin)"
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-o",
            f"{venv}/.installed",
            "run",
            f"VENV={venv}",
            "HOST=127.0.0.1",
            f"PORT={port}",
        ],
        cwd=ROOT,
        env=_clean_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        started = _wait_for(lines, f"Medborgarlöften körs på {base}", seen, 120)
        assert started, "no address printed:\n" + "".join(seen)
        assert _wait_for(
            lines, f"Demo-inloggning: samordnare / {DEMO_PASSWORD}", seen, 10
        ), "".join(seen)

        home = _get(base)
        assert "Kalmar" in home
        current = demo_promise_ids()[1]
        page = _get(base + reverse("publishing:promise", args=[current]).lstrip("/"))
        assert "Medborgarlöfte Kalmar 2025–2026" in page
        assert "Polisen är synlig till fots på Kvarnholmen" in page
        css = _get(base + "static/medborgarloften/css/site.css")
        assert ":root" in css
        assert (tmp_path / "medborgarloften.sqlite3").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


# --- serve --production ----------------------------------------------------------------


def _production_env(data_dir: Path) -> dict[str, str]:
    env = _clean_env(data_dir)
    env.pop("DEBUG", None)
    env.update(
        {
            "SECRET_KEY": "test-" + "k3y-ä" * 12,
            "ALLOWED_HOSTS": "127.0.0.1",
        }
    )
    return env


def _fetch(url: str, **headers: str):
    """A request as nginx passes it on: plain HTTP from 127.0.0.1, TLS ended at the
    proxy (deploy/nginx.conf sets X-Forwarded-Proto)."""
    request = urllib.request.Request(
        url, headers={"X-Forwarded-Proto": "https", **headers}
    )
    return urllib.request.urlopen(request, timeout=30)


@pytest.mark.slow
def test_serve_production_collects_and_serves_compressed_hashed_static_files(
    tmp_path,
):
    env = _production_env(tmp_path)
    script = [sys.executable, "-m", "medborgarloften"]
    subprocess.run(
        [*script, "migrate", "--verbosity", "0"],
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=300,
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [*script, "serve", "--production", "--port", str(port)],
        cwd=tmp_path,
        env={**env, "MEDBORGARLOFTEN_PRODUCTION": ""},  # the flag alone must do it
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        started = _wait_for(lines, f"Medborgarlöften körs på {base}", seen, 180)
        assert started, "no address printed:\n" + "".join(seen)
        assert (tmp_path / "static" / "staticfiles.json").exists()
        with _fetch(base) as response:
            assert response.status == 200
            page = response.read().decode("utf-8")
            assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        css = re.search(r"/static/medborgarloften/css/site\.[0-9a-f]{12}\.css", page)
        assert css, "the page does not link the hashed site.css"
        with _fetch(
            base + css.group(0).lstrip("/"), **{"Accept-Encoding": "gzip"}
        ) as r:
            assert r.headers["Content-Encoding"] == "gzip"
            assert "immutable" in r.headers["Cache-Control"]
        # DEBUG is off: an unknown page is a plain 404, not Django's debug page.
        with pytest.raises(urllib.error.HTTPError) as missing:
            _fetch(base + "finns-inte/")
        assert missing.value.code == 404
        assert "Traceback" not in missing.value.read().decode("utf-8", "replace")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def test_serve_production_refuses_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "medborgarloften", "serve", "--production"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# --- behind the proxy: the documented production set-up (issue #13, C1) ---------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _answer(url: str, **headers: str) -> tuple[int, dict[str, str]]:
    """Status and headers of one request, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """A migrated data directory with the static files collected, as the unit's
    ExecStartPre leaves it; the deploy example's host names allowed."""
    data_dir = tmp_path_factory.mktemp("production")
    env = deployment.production_env(data_dir, ALLOWED_HOSTS="127.0.0.1,example.se")
    deployment.prepare_site(env)
    return env


@pytest.mark.slow
def test_serve_production_answers_what_the_proxy_passes_and_redirects_plain_http(
    production_site,
):
    # Exactly the reproduction of issue #13: the documented unit's command line, a
    # request as nginx forwards it. It used to be a 301 to the very same URL.
    with deployment.running_server(production_site, "--threads", "8") as server:
        status, headers = _answer(
            server.base, Host="example.se", **{"X-Forwarded-Proto": "https"}
        )
        assert status == 200, headers
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        # Without the proxy's word the request came over plain http: to https.
        status, headers = _answer(server.base, Host="example.se")
        assert status == 301
        assert headers["Location"] == "https://example.se/"


@pytest.mark.slow
def test_serve_believes_the_proxy_headers_only_from_the_trusted_proxy(
    production_site,
):
    elsewhere = {**production_site, "TRUSTED_PROXY": "192.0.2.1"}
    https = {"Host": "example.se", "X-Forwarded-Proto": "https"}
    # A client that is not the proxy cannot claim https: waitress drops the header.
    with deployment.running_server(elsewhere) as server:
        status, headers = _answer(server.base, **https)
        assert status == 301
        assert headers["Location"] == "https://example.se/"
    # --trusted-proxy wins over the variable.
    with deployment.running_server(elsewhere, "--trusted-proxy", "127.0.0.1") as server:
        assert _answer(server.base, **https)[0] == 200


@pytest.mark.parametrize("value", ["nginx", "10.0.0.0/8", "127.0.0.1:80", ""])
def test_it_refuses_a_trusted_proxy_that_is_not_an_address(value):
    with pytest.raises(CommandError, match="IP"):
        call_command("serve", "--trusted-proxy", value)


def test_it_refuses_a_trusted_proxy_variable_that_is_not_an_address(settings):
    settings.TRUSTED_PROXY = "proxy.kommun.example"
    with pytest.raises(CommandError, match="TRUSTED_PROXY: ingen IP-adress"):
        call_command("serve", "--port", str(_free_port()))


def test_the_trusted_proxy_is_written_as_waitress_compares_it():
    assert proxy_address(" [::1] ") == "::1"
    assert proxy_address("0:0:0:0:0:0:0:1") == "::1"
    assert proxy_address("127.0.0.1") == "127.0.0.1"
