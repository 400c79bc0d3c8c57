"""An action decided at a samordning meeting and assigned to an organisation that
does not read the kommun's samordning (a housing company) is on that
organisation's "Att göra", has a page of its own for it, and its admins and
editors report its status; nothing else of the samordning opens to them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from medborgarloften.accounts.models import Membership, User
from medborgarloften.coordination.services import (
    decision_record,
    decision_status_set,
    meeting_create,
)
from medborgarloften.places.models import Organisation, OrganisationKind

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _member(username, organisation, role, email=""):
    user = User.objects.create_user(
        username=username, password="x-123456789", email=email
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def housing(kalmar):
    return Organisation.objects.create(
        name="Kalmarhem", kind=OrganisationKind.BOSTADSBOLAG
    )


@pytest.fixture
def decision(kalmar, kommun_editor, housing):
    meeting = meeting_create(
        actor=kommun_editor,
        kommun=kalmar,
        kind="styrgrupp",
        title="Styrgruppen oktober",
        held_on=TODAY,
        today=TODAY,
    )
    return decision_record(
        actor=kommun_editor,
        meeting=meeting,
        text="Kalmarhem byter belysningen i Norrlidens gångtunnel",
        owner_organisation=housing,
        due=TODAY + dt.timedelta(days=30),
    )


def test_the_owner_finds_it_on_att_gora_and_reports_its_status(
    client, decision, housing
):
    editor = _member("kalmarhem", housing, "editor")
    client.force_login(editor)
    page = client.get(reverse("followup:reminders")).text
    own = reverse("coordination:decision", args=[decision.pk])
    assert "Kalmarhem byter belysningen" in page and own in page
    # Not a link to the meeting, which the housing company does not read.
    assert reverse("coordination:meeting", args=[decision.meeting_id]) not in page
    assert client.get(own).status_code == 200
    assert (
        client.get(
            reverse("coordination:meeting", args=[decision.meeting_id])
        ).status_code
        == 403
    )
    response = client.post(
        reverse("coordination:decision_status", args=[decision.pk]),
        {"status": "done"},
    )
    assert response.status_code == 302 and response.url == own
    decision.refresh_from_db()
    assert decision.status == "done"
    assert decision.status_changed_by == editor
    assert (
        "Kalmarhem byter belysningen"
        not in client.get(reverse("followup:reminders")).text
    )


def test_only_the_owners_writers_and_the_kommuns_change_the_status(
    client, decision, housing, polis_editor, kommun_viewer
):
    viewer = _member("kalmarhem-lasare", housing, "viewer")
    for user in (viewer, polis_editor, kommun_viewer):
        with pytest.raises(PermissionDenied):
            decision_status_set(actor=user, decision=decision, status="done")
    stranger_org = Organisation.objects.create(
        name="Annat bolag", kind=OrganisationKind.BOSTADSBOLAG
    )
    client.force_login(_member("annat", stranger_org, "editor"))
    own = reverse("coordination:decision", args=[decision.pk])
    assert client.get(own).status_code == 403
    decision.refresh_from_db()
    assert decision.status != "done"


def test_the_daily_reminder_mail_names_the_owners_actions_due_soon(
    decision, housing, mailoutbox
):
    from django.core.management import call_command

    from medborgarloften.coordination.todo import MAIL_DUE_DAYS

    _member("kalmarhem-red", housing, "editor", email="red@kalmarhem.example")
    far = (decision.due - dt.timedelta(days=MAIL_DUE_DAYS + 1)).isoformat()
    call_command("reminders", "--today", far, stdout=io.StringIO())
    assert not [m for m in mailoutbox if "red@kalmarhem.example" in m.to]
    soon = (decision.due - dt.timedelta(days=3)).isoformat()
    call_command("reminders", "--today", soon, stdout=io.StringIO())
    mail = next(m for m in mailoutbox if "red@kalmarhem.example" in m.to)
    assert "Kalmarhem byter belysningen" in mail.body
    assert "Beslut att genomföra" in mail.body and "Styrgruppen oktober" in mail.body
    assert "1 påminnelser" in mail.subject
