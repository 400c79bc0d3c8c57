"""The case page says what an action did, and a closed case offers no more
answering, handing on or closing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import CaseSource, CaseStatus
from ..services import case_create
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(kalmar, rules):
    return case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Buskarna skymmer gångvägen.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
    )


def test_each_action_says_it_went_through(client, case, kommun_editor):
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    response = client.post(
        url, {"action": "moderate", "publish": "1", "text": ""}, follow=True
    )
    assert "Granskningen är sparad." in response.content.decode()
    response = client.post(
        url, {"action": "answer", "answer": "Vi klipper buskarna."}, follow=True
    )
    body = response.content.decode()
    assert "Svaret är sparat." in body
    # Answered, not closed: it may still be answered again or closed.
    assert 'value="answer"' in body and 'value="close"' in body
    assert 'value="hand_on"' not in body  # handing on needs an open case


def test_a_closed_case_offers_no_more_answers(client, case, kommun_editor):
    client.force_login(kommun_editor)
    url = reverse("cases:staff_detail", args=[case.pk])
    # Closing is for good: the page asks once more before it closes.
    close = {"action": "close", "outcome": "answered", "reason": "Dubblett"}
    asked = client.post(url, close)
    assert "Avsluta ärende" in asked.content.decode()
    response = client.post(url, {**close, "confirmed": "1"}, follow=True)
    body = response.content.decode()
    assert "Ärendet är avslutat." in body
    for action in ("answer", "hand_on", "close"):
        assert f'value="{action}"' not in body
    # A form replayed from an old tab is refused with a reason, nothing saved.
    response = client.post(url, {"action": "answer", "answer": "Sent svar."})
    assert response.status_code == 400
    assert "Ärendet är redan avslutat." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.answer == ""
