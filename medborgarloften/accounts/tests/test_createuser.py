"""``medborgarloften createuser`` and the service under it."""

from __future__ import annotations

import io
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from medborgarloften.accounts.models import Membership, User
from medborgarloften.cli import main as cli_main
from medborgarloften.places.members import (
    organisation_resolve,
    user_create_with_membership,
)

PASSWORD = "Trygghet-i-Berga-2025"


@pytest.fixture(autouse=True)
def keep_db_connection(monkeypatch):
    """The console script closes connections after a command; keep the test's open."""
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def password_env(monkeypatch):
    monkeypatch.setenv("NY_ANVANDARE_LOSEN", PASSWORD)
    return "NY_ANVANDARE_LOSEN"


def createuser(*args: str, **options: Any) -> str:
    out = StringIO()
    call_command("createuser", *args, stdout=out, **options)
    return out.getvalue()


def test_it_creates_a_user_with_a_role_in_a_kommun(kalmar, password_env):
    out = createuser(
        "anna",
        "--organisation",
        "0880",
        "--role",
        "editor",
        "--email",
        "anna@example.se",
        "--first-name",
        "Anna",
        "--last-name",
        "Åkesson",
        "--password-env",
        password_env,
    )

    user = User.objects.get(username="anna")
    assert user.check_password(PASSWORD)
    assert (user.email, user.get_full_name()) == ("anna@example.se", "Anna Åkesson")
    assert list(user.memberships.values_list("organisation", "role")) == [
        (kalmar.pk, "editor")
    ]
    assert "Skapade anna: Redaktör i Kalmar kommun" in out


def test_it_reads_the_password_from_stdin(kalmar, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))

    createuser("bo", "--organisation", "Kalmar", "--role", "viewer", "--password-stdin")

    assert User.objects.get(username="bo").check_password(PASSWORD)


def test_it_asks_twice_for_the_password_on_a_terminal(kalmar, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    createuser("cia", "--organisation", "Kalmar", "--role", "reporter")

    assert User.objects.get(username="cia").check_password(PASSWORD)


def test_it_refuses_two_different_passwords(kalmar, monkeypatch):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError, match="lösenorden är olika"):
        createuser("cia", "--organisation", "Kalmar", "--role", "reporter")

    assert not User.objects.exists()


def test_it_refuses_to_guess_a_password_without_a_terminal(kalmar, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    with pytest.raises(CommandError, match="--password-stdin eller --password-env"):
        createuser("dan", "--organisation", "Kalmar", "--role", "viewer")

    assert not User.objects.exists()


@pytest.mark.parametrize(
    "name", ["Lokalpolisområde Kalmar", "LPO Kalmar", "kalmar lokalpolisområde"]
)
def test_it_finds_a_police_area_by_name(lpo_kalmar, password_env, name):
    createuser(
        "erik",
        "--organisation",
        name,
        "--role",
        "editor",
        "--password-env",
        password_env,
    )

    assert Membership.objects.get().organisation == lpo_kalmar


def test_it_prefers_the_exact_name_over_looser_readings(kalmar, lpo_kalmar):
    assert organisation_resolve("Kalmar") == kalmar
    assert organisation_resolve("Kalmar kommun") == kalmar
    assert organisation_resolve("LPO Kalmar") == lpo_kalmar


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "Atlantis", "--role", "editor"], "okänd organisation"),
        (["--organisation", "9999", "--role", "editor"], "okänd kommunkod 9999"),
        (["--organisation", "Kalmar", "--role", "chef"], "okänd roll 'chef'"),
    ],
)
def test_it_refuses_unknown_organisation_or_role_and_creates_nothing(
    kalmar, password_env, capsys, args, message
):
    code = cli_main(["createuser", "fia", *args, "--password-env", password_env])

    assert code == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Inget skapades" in err
    assert not User.objects.exists()


def test_it_refuses_a_weak_password_naming_the_field(kalmar, monkeypatch):
    monkeypatch.setenv("SVAGT", "12345")

    with pytest.raises(CommandError, match="password: ") as info:
        createuser(
            "gun",
            "--organisation",
            "Kalmar",
            "--role",
            "viewer",
            "--password-env",
            "SVAGT",
        )

    assert "nothing was created" in str(info.value)
    assert not User.objects.exists()


def test_it_refuses_an_unset_password_variable(kalmar, monkeypatch):
    monkeypatch.delenv("FINNS_INTE", raising=False)

    with pytest.raises(CommandError, match="FINNS_INTE är inte satt"):
        createuser(
            "gun",
            "--organisation",
            "Kalmar",
            "--role",
            "viewer",
            "--password-env",
            "FINNS_INTE",
        )


def test_it_adds_a_membership_to_an_existing_user(kommun_editor, lpo_kalmar):
    out = createuser(
        "kommun_editor", "--organisation", "LPO Kalmar", "--role", "viewer"
    )

    roles = dict(kommun_editor.memberships.values_list("organisation__name", "role"))
    assert roles == {"Kalmar": "editor", "Lokalpolisområde Kalmar": "viewer"}
    assert "membership added" in out
    assert kommun_editor.check_password("test-losenord-123")


def test_it_changes_a_role_only_when_asked(kommun_editor):
    with pytest.raises(CommandError, match="--update-role"):
        createuser("kommun_editor", "--organisation", "0880", "--role", "admin")
    assert kommun_editor.memberships.get().role == "editor"

    out = createuser(
        "kommun_editor", "--organisation", "0880", "--role", "admin", "--update-role"
    )

    assert kommun_editor.memberships.get().role == "admin"
    assert "role changed" in out


def test_it_does_not_change_an_existing_users_password(kommun_editor, password_env):
    with pytest.raises(CommandError, match="lösenordet ändras inte"):
        createuser(
            "kommun_editor",
            "--organisation",
            "Kalmar",
            "--role",
            "viewer",
            "--password-env",
            password_env,
        )

    kommun_editor.refresh_from_db()
    assert kommun_editor.check_password("test-losenord-123")


def test_the_service_validates_the_password_against_the_user(kalmar):
    with pytest.raises(ValidationError) as info:
        user_create_with_membership(
            username="berga-anna",
            organisation=kalmar,
            role="editor",
            password="berga-anna",
        )

    assert "password" in info.value.message_dict
    assert not User.objects.exists()


def test_the_service_refuses_an_ambiguous_name(kalmar, db):
    from medborgarloften.places.models import Organisation

    Organisation.objects.create(kind="forening", name="Kalmar kommun")
    Organisation.objects.create(kind="skola", name="Kalmar kommun")

    with pytest.raises(ValidationError, match="kan vara flera"):
        organisation_resolve("Kalmar kommun")
