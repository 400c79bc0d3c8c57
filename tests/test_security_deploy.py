"""The production settings: ``check --deploy`` is clean and the cookies and HSTS are on.

Settings are read once per process, so each case runs a fresh interpreter with the
production environment docs/deploy.md describes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests in this process; never in production.
ENV_REMOVED = {
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "EMAIL_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENV_REMOVED}
    env.update(
        {
            "DATA_DIR": str(tmp_path),
            "MEDBORGARLOFTEN_PRODUCTION": "1",
            "SECRET_KEY": "prod-" + "Zq8#källa-%d" * 6,
            "ALLOWED_HOSTS": "medborgarloften.kalmar.example",
            "CSRF_TRUSTED_ORIGINS": "https://medborgarloften.kalmar.example",
            "PUBLIC_SITE_URL": "https://medborgarloften.kalmar.example",
            "EMAIL_HOST": "smtp.kalmar.example",
            "RATELIMIT_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            # The open data's publisher and contact (publishing/checks.py).
            "API_PUBLISHER_KOMMUN": "0880",
            "API_PUBLISHER": "Kalmar kommun",
            "API_CONTACT_EMAIL": "oppnadata@kalmar.example",
            "ACCESSIBILITY_ORGANISATION": "Kalmar kommun",
            "ACCESSIBILITY_CONTACT_EMAIL": "tillganglighet@kalmar.example",
        }
    )
    return env


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "medborgarloften",
            "manage",
            "check",
            "--deploy",
            # as docs/deploy.md runs it: the database checks too (E004), here on a
            # database not migrated yet, as before the first start
            "--database",
            "default",
            "--fail-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        env=_production_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_check_deploy_fails_when_debug_is_left_on(tmp_path):
    env = {**_production_env(tmp_path), "DEBUG": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "medborgarloften",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_production_settings_secure_cookies_hsts_and_the_proxy_header(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT']}"
        ", default=str))"
    )
    env = {
        **_production_env(tmp_path),
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_SSL_REDIRECT"] is True


# --- what Django's own check lets through (issue #13) --------------------------------


def _check_deploy(
    env: dict[str, str], cwd, fail_level: str = "WARNING"
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "medborgarloften",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            fail_level,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def _example_env_file() -> dict[str, str]:
    values = {}
    text = (ROOT / "deploy" / "medborgarloften.env").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_check_deploy_fails_with_the_example_environment_file_as_shipped(tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in ENV_REMOVED}
    env = {**base, **_example_env_file(), "DATA_DIR": str(tmp_path)}
    result = _check_deploy(env, tmp_path)
    assert result.returncode != 0
    assert "medborgarloften.E001" in result.stderr  # the placeholder SECRET_KEY
    assert "medborgarloften.E003" in result.stderr  # database and mail passwords
    assert "DATABASE_URL (default), EMAIL_HOST_PASSWORD" in result.stderr
    assert "medborgarloften.W001" in result.stderr  # medborgarloften.kommun.example


def test_check_deploy_fails_with_the_placeholder_secret_key_alone(tmp_path):
    placeholder = _example_env_file()["SECRET_KEY"]
    env = {**_production_env(tmp_path), "SECRET_KEY": placeholder}
    result = _check_deploy(env, tmp_path)
    assert result.returncode != 0
    assert "medborgarloften.E001" in result.stderr
    assert "E002" not in result.stderr and "E003" not in result.stderr


def test_check_deploy_fails_when_mail_would_only_be_printed(tmp_path):
    env = _production_env(tmp_path)
    del env["EMAIL_HOST"]  # the console backend, the default without a host
    result = _check_deploy(env, tmp_path)
    assert result.returncode != 0
    assert "medborgarloften.E002" in result.stderr
    assert "console" in result.stderr
    # Fails without --fail-level too: it is an error, not a warning.
    plain = _check_deploy(env, tmp_path, fail_level="ERROR")
    assert plain.returncode != 0


def test_check_deploy_warns_when_the_accessibility_statement_names_nobody(tmp_path):
    env = _production_env(tmp_path)
    del env["ACCESSIBILITY_ORGANISATION"], env["ACCESSIBILITY_CONTACT_EMAIL"]
    result = _check_deploy(env, tmp_path)
    assert result.returncode != 0
    assert "medborgarloften.W002" in result.stderr
    assert "ACCESSIBILITY_ORGANISATION" in result.stderr
    assert "ACCESSIBILITY_CONTACT_EMAIL" in result.stderr


def test_check_deploy_warns_when_mail_links_would_point_at_the_development_server(
    tmp_path,
):
    env = {**_production_env(tmp_path), "PUBLIC_SITE_URL": ""}
    result = _check_deploy(env, tmp_path)
    assert result.returncode != 0
    assert "medborgarloften.W003" in result.stderr
    assert "PUBLIC_SITE_URL" in result.stderr
