"""The lokalpolisområde serving a kommun reads its samordning, and finds the
decisions assigned to it on "Att göra"; writing stays with the kommun."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.coordination.models import Decision
from medborgarloften.coordination.services import decision_record, meeting_create

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(kalmar, kommun_editor):
    return meeting_create(
        actor=kommun_editor,
        kommun=kalmar,
        kind="styrgrupp",
        title="Styrgruppen oktober",
        held_on=TODAY,
        today=TODAY,
    )


def test_a_police_member_reads_the_kommuns_samordning_but_does_not_write(
    client, kalmar, meeting, polis_editor
):
    client.force_login(polis_editor)
    assert client.get(reverse("coordination:index")).status_code == 302
    page = client.get(reverse("coordination:kommun", args=[kalmar.code]))
    assert page.status_code == 200
    assert "Styrgruppen oktober" in page.text
    page = client.get(reverse("coordination:meeting", args=[meeting.pk]))
    assert page.status_code == 200
    assert reverse("coordination:decision_new", args=[meeting.pk]) not in page.text
    client.post(
        reverse("coordination:decision_new", args=[meeting.pk]),
        {"text": "Polisen skriver själv"},
    )
    assert not Decision.objects.exists()


def test_another_police_area_does_not_read_it(client, kalmar, meeting, lpo_nybro):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username="nybropolis", password="x-123456789")
    Membership.objects.create(user=user, organisation=lpo_nybro, role="editor")
    client.force_login(user)
    page = client.get(reverse("coordination:kommun", args=[kalmar.code]))
    assert page.status_code == 403
    assert (
        client.get(reverse("coordination:meeting", args=[meeting.pk])).status_code
        == 403
    )


def test_a_decision_assigned_to_the_police_is_on_its_att_gora(
    client, meeting, lpo_kalmar, kommun_editor, polis_editor
):
    decision = decision_record(
        actor=kommun_editor,
        meeting=meeting,
        text="Polisen kartlägger buskörningen vid hamnen",
        owner_organisation=lpo_kalmar,
        due=TODAY + dt.timedelta(days=30),
    )
    decision_record(
        actor=kommun_editor,
        meeting=meeting,
        text="Kommunen lagar belysningen",
        owner_organisation=meeting.kommun,
        due=TODAY + dt.timedelta(days=30),
    )
    client.force_login(polis_editor)
    page = client.get(reverse("followup:reminders")).text
    assert "Polisen kartlägger buskörningen vid hamnen" in page
    assert "Kommunen lagar belysningen" not in page
    assert (
        reverse("coordination:meeting", args=[meeting.pk]) + f"#beslut-{decision.pk}"
        in page
    )
    decision.status = "done"
    decision.save()
    page = client.get(reverse("followup:reminders")).text
    assert "Polisen kartlägger buskörningen vid hamnen" not in page
