"""The example deployment in deploy/ parses and points at commands that exist.

An IT department copies these files; a renamed command or a forgotten variable should
fail here, not on the kommun's server.
"""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands

from medborgarloften.cli import SUBCOMMANDS
from medborgarloften.documents.services import MAX_DOCUMENT_BYTES

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SCRIPT = "/opt/medborgarloften/venv/bin/medborgarloften"


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def _services() -> list[Path]:
    found = sorted(DEPLOY.glob("*.service"))
    assert found
    return found


@pytest.mark.parametrize("path", _services(), ids=lambda p: p.name)
def test_every_service_runs_an_existing_command_of_the_console_script(path):
    unit = _unit(path)
    service = unit["Service"]
    assert service["EnvironmentFile"] == "/etc/medborgarloften/medborgarloften.env"
    assert service["User"] == "medborgarloften"
    for key in ("ExecStart", "ExecStartPre"):
        if key not in service:
            continue
        argv = shlex.split(service[key])
        assert argv[0] == SCRIPT, key
        subcommand = argv[1]
        assert subcommand in SUBCOMMANDS, f"{path.name}: unknown {subcommand}"
        command = argv[2] if subcommand == "manage" else SUBCOMMANDS[subcommand][0]
        assert command in get_commands(), f"{path.name}: no command {command}"


def test_the_web_service_serves_in_production_on_loopback_where_nginx_looks():
    argv = shlex.split(
        _unit(DEPLOY / "medborgarloften.service")["Service"]["ExecStart"]
    )
    assert argv[1:3] == ["serve", "--production"]
    host, port = argv[argv.index("--host") + 1], argv[argv.index("--port") + 1]
    assert host == "127.0.0.1"
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert f"server {host}:{port};" in nginx


@pytest.mark.parametrize("path", sorted(DEPLOY.glob("*.timer")), ids=lambda p: p.name)
def test_every_timer_has_a_schedule_and_a_service(path):
    unit = _unit(path)
    assert unit["Timer"]["OnCalendar"]
    assert unit["Install"]["WantedBy"] == "timers.target"
    assert path.with_suffix(".service").exists()
    if shutil.which("systemd-analyze"):
        result = subprocess.run(
            ["systemd-analyze", "calendar", unit["Timer"]["OnCalendar"]],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_the_scheduled_jobs_cover_events_reminders_notify_backups_and_sessions():
    timers = {p.stem for p in DEPLOY.glob("*.timer")}
    expected = {"pollevents", "reminders", "notify", "backup", "purgetext"}
    expected |= {"clearsessions"}
    assert {f"medborgarloften-{n}" for n in expected} <= timers


def test_the_environment_file_sets_only_documented_variables():
    documented = set(
        re.findall(r"^#\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    env = {}
    for line in (
        (DEPLOY / "medborgarloften.env").read_text(encoding="utf-8").splitlines()
    ):
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    assert set(env) - documented == set()
    assert env["MEDBORGARLOFTEN_PRODUCTION"] == "1"
    assert "DEBUG" not in env
    assert env["DATABASE_URL"].startswith("postgres://")


def _nginx_blocks(text: str) -> int:
    depth = 0
    for char in re.sub(r"#.*", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    return depth


def test_the_nginx_config_ends_tls_and_passes_the_headers_the_app_trusts():
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert _nginx_blocks(text) == 0
    assert re.search(r"^\s*listen 443 ssl(?: http2)?;", text, re.MULTILINE)
    assert "return 301 https://$host$request_uri;" in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert "proxy_set_header X-Real-IP $remote_addr;" in text
    size = re.search(r"client_max_body_size (\d+)m;", text)
    assert size and int(size.group(1)) * 1024 * 1024 > MAX_DOCUMENT_BYTES


def test_the_nginx_config_passes_nginx_t_where_nginx_is_installed(tmp_path):
    if not shutil.which("nginx"):
        # The structural test above is all we can do; CI without nginx relies on it.
        return
    site = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    # Self-signed stand-ins for the certificates so nginx -t can open them.
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=medborgarloften.kommun.example",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    site = re.sub(r"ssl_certificate_key .*;", f"ssl_certificate_key {key};", site)
    site = re.sub(r"ssl_certificate .*;", f"ssl_certificate {cert};", site)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{site}\n}}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(conf), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_session_job_deletes_expired_sessions_and_keeps_live_ones():
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    argv = shlex.split(
        _unit(DEPLOY / "medborgarloften-clearsessions.service")["Service"]["ExecStart"]
    )
    assert argv[1:] == ["manage", "clearsessions"]
    expired, live = SessionStore(), SessionStore()
    expired["_auth_user_id"] = live["_auth_user_id"] = "1"
    expired.set_expiry(-60)
    expired.create()
    live.create()
    call_command(*argv[2:])
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        live.session_key
    ]


def _bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([KMG]?)", value).groups()
    return int(number) * {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}[unit]


@pytest.mark.parametrize("path", _services(), ids=lambda p: p.name)
def test_every_service_has_a_memory_limit(path):
    # A memory bomb (issue #13, M2) must cost the service, not the host.
    service = _unit(path)["Service"]
    high, limit = _bytes(service["MemoryHigh"]), _bytes(service["MemoryMax"])
    assert 256 * 2**20 <= high < limit


def test_the_web_service_memory_leaves_room_for_every_thread_hashing_a_password():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    service = _unit(DEPLOY / "medborgarloften.service")["Service"]
    argv = shlex.split(service["ExecStart"])
    threads = int(argv[argv.index("--threads") + 1])
    argon2 = Argon2PasswordHasher.memory_cost * 2**10  # KiB
    application = 256 * 2**20
    assert _bytes(service["MemoryHigh"]) >= threads * argon2 + application


def test_systemd_accepts_every_unit_where_systemd_is_installed(tmp_path):
    if not shutil.which("systemd-analyze"):
        return  # the parsing tests above are what CI without systemd has
    script = Path(sys.executable).parent / "medborgarloften"
    units = []
    for path in sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer")):
        copy = tmp_path / path.name
        copy.write_text(path.read_text(encoding="utf-8").replace(SCRIPT, str(script)))
        units.append(str(copy))
    result = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr
