"""Revision reminders by mail, at the kommun's cadence."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from .conftest import adopt_report

pytestmark = pytest.mark.django_db


def test_it_mails_the_kommuns_editors_when_a_revision_is_due(world):
    world.editor.email = "samordnare@kalmar.example"
    world.editor.save()
    adopt_report(world)  # adopted 2026-01-20, every 12 months
    out = StringIO()
    call_command("planning_reminders", "--today", "2026-12-01", stdout=out)
    assert mail.outbox == []
    call_command("planning_reminders", "--today", "2027-01-10", stdout=out)
    [message] = mail.outbox
    assert message.to == ["samordnare@kalmar.example"]
    assert "ska revideras senast 2027-01-20" in message.body


def test_a_dry_run_sends_nothing(world):
    adopt_report(world)
    out = StringIO()
    call_command("planning_reminders", "--dry-run", "--today", "2027-02-01", stdout=out)
    assert "skulle ha reviderats 2027-01-20" in out.getvalue()
    assert mail.outbox == []
