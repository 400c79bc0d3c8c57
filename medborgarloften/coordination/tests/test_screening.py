"""A meeting's public summary and its decisions are read by residents: contact
details and personnummer are refused, a possible name is pointed out."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medborgarloften.coordination.models import Meeting
from medborgarloften.coordination.services import (
    decision_record,
    meeting_create,
    meeting_minutes_save,
    meeting_publish,
)

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(kalmar, kommun_editor):
    return meeting_create(
        actor=kommun_editor,
        kommun=kalmar,
        kind="lokala_bra",
        title="Lokala Brå oktober",
        held_on=TODAY,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("summary", "named"),
    [
        ("Frågor till samordnaren på 0480-12 34 56.", "telefonnummer"),
        ("Skriv till samordnare@example.org om vandringen.", "e-postadress"),
        ("Anmälaren 19811224-1234 har hörts.", "personnummer"),
    ],
)
def test_a_summary_with_contact_details_is_refused(
    client, meeting, kommun_editor, summary, named
):
    with pytest.raises(ValidationError) as refused:
        meeting_minutes_save(
            actor=kommun_editor, meeting=meeting, minutes="", public_summary=summary
        )
    assert named in refused.value.message_dict["public_summary"][0]
    client.force_login(kommun_editor)
    page = client.post(
        reverse("coordination:minutes", args=[meeting.pk]),
        {"minutes": "Internt", "public_summary": summary},
    )
    assert page.status_code == 200
    assert named in page.text
    meeting.refresh_from_db()
    assert meeting.public_summary == ""


def test_a_decision_with_a_phone_number_is_refused(meeting, kommun_editor):
    with pytest.raises(ValidationError) as refused:
        decision_record(
            actor=kommun_editor,
            meeting=meeting,
            text="Föreningen nås på 070-765 43 21 för nattvandring.",
        )
    assert "telefonnummer" in refused.value.message_dict["text"][0]


def test_an_older_summary_with_an_email_is_not_published(meeting, kommun_editor):
    Meeting.objects.filter(pk=meeting.pk).update(
        public_summary="Kontakt: kim.exempel@example.org"
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        meeting_publish(actor=kommun_editor, meeting=meeting, published=True)
    meeting.refresh_from_db()
    assert not meeting.published


def test_a_possible_name_is_pointed_out_on_the_meeting_page(
    client, meeting, kommun_editor
):
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=meeting,
        minutes="",
        public_summary="Gruppen lyssnade på Kim Exempelsson om belysningen.",
    )
    client.force_login(kommun_editor)
    page = client.get(reverse("coordination:meeting", args=[meeting.pk])).text
    assert 'id="summary-names"' in page
    assert "Kim Exempelsson" in page
