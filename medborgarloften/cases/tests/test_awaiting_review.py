"""A case handed to the police, answered there and awaiting review stays in the
coordinator's "Öppna" list and is on their "Att göra" (new-user tester)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..handling import case_answer, case_hand_on
from ..models import CaseStatus
from ..services import case_create, case_moderate
from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_by_police(kalmar, lpo_kalmar, kommun_editor):
    case = case_create(
        kommun=kalmar,
        source="form",
        theme="narkotika",
        text="Langning vid busstationen på kvällarna.",
    )
    case_hand_on(actor=kommun_editor, case=case, owner=lpo_kalmar, note="Polisen")
    police = member("polis_handlaggare", lpo_kalmar, "editor")
    case_answer(actor=police, case=case, answer="Vi har ökat närvaron där.")
    case.refresh_from_db()
    assert case.status == CaseStatus.ANSWERED
    return case, police


def test_awaiting_review_stays_in_the_coordinators_open_list(
    client, kommun_editor, answered_by_police
):
    case, _police = answered_by_police
    client.force_login(kommun_editor)
    body = client.get(reverse("cases:staff_list")).content.decode()
    assert reverse("cases:staff_detail", args=[case.pk]) in body
    assert "Inga ärenden." not in body
    assert "Väntar på granskning" in body
    only = client.get(reverse("cases:staff_list"), {"status": "granska"})
    assert reverse("cases:staff_detail", args=[case.pk]) in only.content.decode()


def test_reviewed_answered_case_leaves_the_open_list(
    client, kommun_editor, answered_by_police
):
    case, _police = answered_by_police
    case_moderate(actor=kommun_editor, case=case, publish=True)
    client.force_login(kommun_editor)
    body = client.get(reverse("cases:staff_list")).content.decode()
    assert reverse("cases:staff_detail", args=[case.pk]) not in body


def test_the_police_do_not_review(client, answered_by_police):
    case, police = answered_by_police
    client.force_login(police)
    body = client.get(reverse("cases:staff_list")).content.decode()
    assert reverse("cases:staff_detail", args=[case.pk]) not in body


def test_awaiting_review_is_on_the_coordinators_to_do(
    client, kommun_editor, answered_by_police
):
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:reminders")).content.decode()
    assert "1 ärende i Kalmar kommun väntar på granskning" in body
    assert reverse("cases:staff_list") + "?status=granska" in body
    assert "Inga påminnelser" not in body


def test_nothing_to_review_nothing_on_the_to_do(client, kommun_editor):
    client.force_login(kommun_editor)
    body = client.get(reverse("followup:reminders")).content.decode()
    assert "väntar på granskning" not in body
