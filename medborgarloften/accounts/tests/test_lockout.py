"""Password hashing and the lockout after repeated sign-in failures."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from medborgarloften.accounts.lockout import purge_sign_in_records
from medborgarloften.accounts.models import User

PASSWORD = "test-losenord-123"
LOCKED = "tillfälligt spärrad"


def _sign_in(client, username, password, ip="10.1.2.3"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def _fail(client, username, times, ip="10.1.2.3"):
    for _ in range(times):
        response = _sign_in(client, username, "fel-losenord", ip=ip)
    return response


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_production_settings_hash_passwords_with_argon2(tmp_path):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='medborgarloften.settings';"
        "from django.conf import settings; import argon2;"
        "print(settings.PASSWORD_HASHERS[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path)},
        timeout=60,
    )
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


@override_settings(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
)
def test_an_older_hash_is_upgraded_to_argon2_at_sign_in(client, kommun_editor):
    from django.contrib.auth.hashers import make_password

    User.objects.filter(pk=kommun_editor.pk).update(
        password=make_password(PASSWORD, hasher="md5")
    )
    _sign_in(client, "kommun_editor", PASSWORD)
    assert _signed_in(client)
    kommun_editor.refresh_from_db()
    assert kommun_editor.password.startswith("argon2$argon2id$")


def test_the_right_password_is_refused_while_locked_and_the_page_says_why(
    client, kommun_editor, caplog
):
    with caplog.at_level(logging.WARNING, logger="medborgarloften.security"):
        for _ in range(4):
            response = _sign_in(client, "kommun_editor", "fel")
            assert response.status_code == 200
            assert LOCKED not in response.content.decode()
        response = _sign_in(client, "kommun_editor", "fel")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "15 minuter" in html
    assert int(response["Retry-After"]) > 14 * 60
    assert any("sign-in locked" in r.getMessage() for r in caplog.records)

    response = _sign_in(client, "kommun_editor", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not _signed_in(client)
    # Another address does not help: the user name is locked.
    response = _sign_in(client, "kommun_editor", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429 and not _signed_in(client)


def test_the_lock_ends_after_the_window(client, kommun_editor):
    _fail(client, "kommun_editor", 5)
    assert _sign_in(client, "kommun_editor", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = _sign_in(client, "kommun_editor", PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


@override_settings(LOGIN_LOCKOUT_MINUTES=60)
def test_the_setting_sets_the_lockout_time(client, kommun_editor):
    response = _fail(client, "kommun_editor", 5)
    assert "60 minuter" in response.content.decode()
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=30))
    assert _sign_in(client, "kommun_editor", PASSWORD).status_code == 429


def test_unlock_command_lifts_the_lock_at_once(client, kommun_editor, caplog):
    _fail(client, "kommun_editor", 5)
    out = io.StringIO()
    with caplog.at_level(logging.WARNING, logger="medborgarloften.security"):
        call_command("unlock", "kommun_editor", stdout=out)
    assert "kommun_editor" in out.getvalue()
    assert any("sign-in unlocked" in r.getMessage() for r in caplog.records)
    response = _sign_in(client, "kommun_editor", PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


def test_a_user_name_that_does_not_exist_gets_the_same_answer(client, kommun_editor):
    known = _fail(client, "kommun_editor", 5, ip="10.0.0.1")
    unknown = _fail(client, "finns_inte", 5, ip="10.0.0.2")
    assert known.status_code == unknown.status_code == 429
    strip = lambda r, name: r.content.decode().replace(name, "NAME")  # noqa: E731
    assert (
        strip(known, "kommun_editor").split("csrfmiddlewaretoken")[0]
        == strip(unknown, "finns_inte").split("csrfmiddlewaretoken")[0]
    )


@override_settings(LOGIN_FAILURE_LIMIT_IP=6)
def test_one_address_trying_many_names_is_locked_at_its_own_limit(
    client, kommun_editor
):
    for name in ["anna", "bertil", "cecilia"]:
        _fail(client, name, 2)
    response = _sign_in(client, "kommun_editor", PASSWORD)
    assert response.status_code == 429 and not _signed_in(client)
    # Others, from other addresses, still get in.
    assert _sign_in(client, "kommun_editor", PASSWORD, ip="10.7.7.7").status_code == 302


def test_a_success_clears_the_count(client, kommun_editor):
    _fail(client, "kommun_editor", 4)
    assert _sign_in(client, "kommun_editor", PASSWORD).status_code == 302
    client.logout()
    response = _fail(client, "kommun_editor", 1)
    assert response.status_code == 200


def test_the_unlock_command_needs_a_name_or_address(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("unlock", stdout=io.StringIO())


def test_purge_removes_old_failures_and_old_sign_in_log(client, kommun_editor):
    _fail(client, "kommun_editor", 1)
    _sign_in(client, "kommun_editor", PASSWORD)
    assert AccessLog.objects.count() == 1
    _fail(client, "someone", 1)
    assert purge_sign_in_records() == {"failed sign-ins": 0, "sign-in log": 0}
    later = timezone.now() + timedelta(days=91)
    assert purge_sign_in_records(now=later, dry_run=True) == {
        "failed sign-ins": 1,
        "sign-in log": 1,
    }
    purge_sign_in_records(now=later)
    assert not AccessAttempt.objects.exists() and not AccessLog.objects.exists()
