"""Settings come from the environment: safe defaults, loud production failures."""

from __future__ import annotations

import subprocess
import sys


def _settings(env: dict[str, str], tmp_path, expr: str) -> subprocess.CompletedProcess:
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='medborgarloften.settings';"
        "from django.conf import settings;"
        f"print({expr})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path), **env},
        timeout=60,
    )


def test_it_keeps_debug_off_unless_asked(tmp_path):
    assert _settings({}, tmp_path, "settings.DEBUG").stdout.strip() == "False"
    assert (
        _settings({"DEBUG": "1"}, tmp_path, "settings.DEBUG").stdout.strip() == "True"
    )


def test_it_uses_sqlite_in_the_data_directory_by_default(tmp_path):
    out = _settings({}, tmp_path, "settings.DATABASES['default']['NAME']").stdout
    assert out.strip() == str(tmp_path / "medborgarloften.sqlite3")


def test_it_switches_to_postgresql_with_database_url(tmp_path):
    out = _settings(
        {"DATABASE_URL": "postgres://u:p@db.example:5432/loften"},
        tmp_path,
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
    ).stdout
    assert "postgresql" in out and "loften" in out


def test_it_generates_and_keeps_a_development_secret_key(tmp_path):
    first = _settings({}, tmp_path, "settings.SECRET_KEY").stdout.strip()
    second = _settings({}, tmp_path, "settings.SECRET_KEY").stdout.strip()
    assert len(first) > 40 and first == second


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    result = _settings({"MEDBORGARLOFTEN_PRODUCTION": "1"}, tmp_path, "settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_reads_allowed_hosts_as_a_list(tmp_path):
    out = _settings({"ALLOWED_HOSTS": "a.se, b.se"}, tmp_path, "settings.ALLOWED_HOSTS")
    assert out.stdout.strip() == "['a.se', 'b.se']"


def test_it_rejects_a_malformed_boolean(tmp_path):
    result = _settings({"DEBUG": "kanske"}, tmp_path, "settings.DEBUG")
    assert result.returncode != 0 and "DEBUG" in result.stderr
