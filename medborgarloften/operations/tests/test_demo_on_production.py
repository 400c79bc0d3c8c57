"""The demo's accounts share a published password: ``demo`` refuses a production
installation unless told it is a demo server, and ``check --deploy --database``
fails while such accounts exist (docs/deploy.md)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from medborgarloften.accounts.models import User
from medborgarloften.operations.checks import check_no_demo_accounts
from medborgarloften.operations.demo import DEMO_PASSWORD
from medborgarloften.promises.models import Promise


@pytest.mark.django_db
def test_demo_refuses_a_production_installation_and_saves_nothing(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as raised:
        call_command("demo")
    message = str(raised.value)
    assert "produktionsinstallation" in message and "production installation" in message
    assert "--on-production" in message
    assert not User.objects.exists()
    assert not Promise.objects.exists()


@pytest.mark.django_db
def test_the_deploy_check_fails_while_a_demo_account_keeps_its_password():
    user = User.objects.create_user(username="samordnare", password=DEMO_PASSWORD)
    User.objects.create_user(username="lasare", password="ett-eget-langt-losenord")
    errors = check_no_demo_accounts(databases=["default"])
    assert [e.id for e in errors] == ["medborgarloften.E004"]
    assert "samordnare" in errors[0].msg and "lasare" not in errors[0].msg

    user.set_password("ett-annat-langt-losenord")
    user.save()
    assert check_no_demo_accounts(databases=["default"]) == []


@pytest.mark.django_db
def test_the_deploy_check_ignores_inactive_accounts_and_runs_only_when_asked():
    User.objects.create_user(username="admin", password=DEMO_PASSWORD, is_active=False)
    assert check_no_demo_accounts(databases=["default"]) == []
    User.objects.create_user(username="kommunpolis", password=DEMO_PASSWORD)
    assert check_no_demo_accounts(databases=None) == []  # no --database: no reads
    assert check_no_demo_accounts(databases=["default"])
