"""Reminders: overdue commitments and due reports, per organisation, page and mail."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from medborgarloften.followup.reminders import reminders
from medborgarloften.followup.services import activity_create

AFTER_2025 = dt.date(2026, 1, 5)


@pytest.fixture
def overdue(promise, walks, patrols, dialogue, kalmar):
    # 2025's hundred evenings were not reached; walks are still open until 2026-12-31.
    activity_create(
        commitment=patrols,
        date=dt.date(2025, 3, 1),
        kind="fotpatrullering",
        quantity=20,
    )
    return patrols


@pytest.mark.django_db
def test_it_reminds_the_responsible_party_of_an_overdue_commitment(
    overdue, kalmar, lpo_kalmar
):
    groups = {g.organisation: g.items for g in reminders(today=AFTER_2025)}
    police = [i.text for i in groups[lpo_kalmar]]
    assert any("Åtagande 2 är försenat: 20 av 200" in t for t in police)
    assert any("missat: 2025" in t for t in police)
    # The report promised for 2025 is overdue for both parties.
    kommun = [i.text for i in groups[kalmar]]
    assert not any("Åtagande 2" in t for t in kommun)
    assert any("1 uppföljningsrapport har inte publicerats" in t for t in kommun)


@pytest.mark.django_db
def test_it_says_when_the_next_report_is_due_soon(promise, walks):
    groups = reminders(today=dt.date(2025, 12, 10))
    texts = [i.text for g in groups for i in g.items]
    assert any("ska publiceras senast 2025-12-31" in t for t in texts)


@pytest.mark.django_db
def test_it_ignores_draft_and_closed_promises(promise, overdue):
    promise.status = "draft"
    promise.save()
    assert reminders(today=AFTER_2025) == []


@pytest.mark.django_db
def test_it_mails_admins_and_editors_per_organisation(
    overdue, kommun_editor, polis_editor, kommun_viewer
):
    kommun_editor.email = "samordnare@kalmar.example"
    kommun_editor.save()
    polis_editor.email = "kommunpolis@polisen.example"
    polis_editor.save()
    kommun_viewer.email = "lasare@kalmar.example"
    kommun_viewer.save()
    out = io.StringIO()
    call_command("reminders", "--today", AFTER_2025.isoformat(), stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kommunpolis@polisen.example",
        "samordnare@kalmar.example",
    ]
    police_mail = next(m for m in mail.outbox if "polisen" in m.to[0])
    assert "Åtagande 2 är försenat" in police_mail.body
    assert "Skickade påminnelser till 2 organisationer" in out.getvalue()


@pytest.mark.django_db
def test_it_prints_without_sending_on_a_dry_run(overdue, kommun_editor):
    kommun_editor.email = "samordnare@kalmar.example"
    kommun_editor.save()
    out = io.StringIO()
    call_command("reminders", "--dry-run", "--today", "2026-01-05", stdout=out)
    assert mail.outbox == []
    assert "Åtagande 2 är försenat" in out.getvalue()


@pytest.mark.django_db
def test_it_refuses_a_bad_date():
    with pytest.raises(CommandError, match="inget datum"):
        call_command("reminders", "--today", "i morgon")


@pytest.mark.django_db
def test_it_shows_only_the_users_organisations_on_the_page(
    client, promise, overdue, kommun_editor, other_kommun_editor
):
    promise.reports_per_period = 4  # the first falls due 2025-07-02
    promise.save()
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:reminders")).content.decode()
    assert "Uppföljningsrapport 1 av 4 ska publiceras senast 2025-07-02" in body
    client.force_login(other_kommun_editor)
    body = client.get(reverse("followup:reminders")).content.decode()
    assert "Inga påminnelser" in body


def test_it_prints_mail_to_the_console_when_no_mail_is_configured(tmp_path):
    """A cron job on a fresh install prints its mail instead of failing on a
    missing SMTP server; setting EMAIL_HOST switches to SMTP."""
    import subprocess
    import sys

    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='medborgarloften.settings';"
        "import django; django.setup();"
        "from django.core.mail import get_connection;"
        "print(type(get_connection()).__module__)"
    )

    def backend(env: dict[str, str]) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path), **env},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert backend({}) == "django.core.mail.backends.console"
    assert backend({"EMAIL_HOST": "smtp.example.se"}) == (
        "django.core.mail.backends.smtp"
    )


@pytest.mark.django_db
def test_it_asks_the_named_kommun_to_answer_on_the_page_and_by_mail(
    client, kommun_editor, other_kommun_editor, kalmar, nybro
):
    """Issue 13 (M3): the kommun a promise of others names hears of it, so that it
    can accept or decline, until it has answered."""
    from medborgarloften.promises.services import (
        PromiseFields,
        promise_create,
        promise_party_accept,
    )

    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Tillsammans med Nybro", parties=[kalmar, nybro]),
    )
    client.force_login(other_kommun_editor)
    page = client.get(reverse("followup:reminders")).content.decode()
    assert "Att svara på" in page
    assert reverse("promises:detail", args=[promise.pk]) in page
    other_kommun_editor.email = "redaktor@nybro.example"
    other_kommun_editor.save()
    call_command("reminders", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.to == ["redaktor@nybro.example"]
    assert "Nybro kommun är tillfrågad som part" in message.body
    promise_party_accept(
        actor=other_kommun_editor, request=promise.party_requests.get()
    )
    assert (
        "Att svara på" not in client.get(reverse("followup:reminders")).content.decode()
    )
