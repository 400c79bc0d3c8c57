"""The staff pages under /personal/samordning/ and the public meeting summary."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medborgarloften.coordination.models import Decision, Meeting
from medborgarloften.coordination.services import (
    decision_record,
    meeting_create,
    meeting_minutes_save,
    meeting_publish,
)

from .conftest import TODAY


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


@pytest.mark.django_db
def test_it_creates_a_meeting_from_the_kommun_page(client, kalmar, kommun_editor):
    client.force_login(kommun_editor)
    page = client.get(reverse("coordination:kommun", args=[kalmar.code]))
    assert "Ingen har samordningsfunktionen just nu." in page.content.decode()
    response = client.post(
        reverse("coordination:meeting_new", args=[kalmar.code]),
        {"kind": "lokala_bra", "title": "Lokala Brå", "held_on": "2030-03-01"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("coordination:meeting", args=[meeting.pk])


@pytest.mark.django_db
def test_it_shows_errors_and_saves_nothing_for_a_bad_meeting(
    client, kalmar, kommun_editor
):
    client.force_login(kommun_editor)
    response = client.post(
        reverse("coordination:meeting_new", args=[kalmar.code]),
        {"kind": "lokala_bra", "title": "", "held_on": "igår"},
    )
    assert response.status_code == 200
    assert "Inget sparades" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_meeting_in_the_year_9999_is_a_form_error_not_a_server_error(
    client, kalmar, kommun_editor
):
    """Found by tests/test_fuzz_forms.py: the agenda's date arithmetic overflowed."""
    client.force_login(kommun_editor)
    response = client.post(
        reverse("coordination:meeting_new", args=[kalmar.code]),
        {"kind": "lokala_bra", "title": "Lokala Brå", "held_on": "9999-12-31"},
    )
    assert response.status_code == 200
    assert "Inget sparades" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_it_lets_viewers_read_but_not_write(client, meeting, kommun_viewer):
    client.force_login(kommun_viewer)
    page = client.get(reverse("coordination:meeting", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Spara beslutet" not in page.content.decode()
    response = client.post(
        reverse("coordination:decision_new", args=[meeting.pk]), {"text": "Något"}
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_it_refuses_other_kommuners_staff(client, meeting, other_kommun_editor):
    client.force_login(other_kommun_editor)
    assert (
        client.get(reverse("coordination:meeting", args=[meeting.pk])).status_code
        == 403
    )


@pytest.mark.django_db
def test_it_records_a_decision_and_moves_its_status(
    client, kalmar, meeting, kommun_editor
):
    client.force_login(kommun_editor)
    client.post(
        reverse("coordination:decision_new", args=[meeting.pk]),
        {
            "text": "Belysning i gångtunneln.",
            "owner_organisation": kalmar.pk,
            "owner_role": "Gatuchef",
            "due": "2030-01-31",
        },
    )
    decision = Decision.objects.get()
    assert decision.tracked
    overview = client.get(reverse("coordination:kommun", args=[kalmar.code]))
    assert "Belysning i gångtunneln." in overview.content.decode()
    client.post(
        reverse("coordination:decision_status", args=[decision.pk]), {"status": "done"}
    )
    decision.refresh_from_db()
    assert decision.status == "done"


@pytest.mark.django_db
def test_it_shows_the_public_summary_without_the_minutes(
    client, meeting, kommun_editor
):
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=meeting,
        minutes="Närvarande: Anna Andersson",
        public_summary="Styrgruppen följde upp åtgärdsplanen.",
    )
    decision_record(
        actor=kommun_editor,
        meeting=meeting,
        text="Fler trygghetsvandringar.",
        owner_role="Samordnare",
        due=TODAY,
    )
    url = reverse(
        "coordination_public:meeting", args=[meeting.kommun.code, meeting.uid]
    )
    assert client.get(url).status_code == 404  # not published yet
    meeting_publish(actor=kommun_editor, meeting=meeting, published=True)
    body = client.get(url).content.decode()
    assert "Styrgruppen följde upp åtgärdsplanen." in body
    assert "Fler trygghetsvandringar." in body
    assert "Anna Andersson" not in body


@pytest.mark.django_db
def test_the_meeting_pages_read_like_their_siblings(client, meeting, kommun_editor):
    """Dates written out as on the rest of the site, breadcrumbs back to the
    kommun, the page's language on <html> and the meeting's own Swedish words
    marked lang=sv on an English page."""
    meeting_minutes_save(
        actor=kommun_editor,
        meeting=meeting,
        minutes="Internt",
        public_summary="Styrgruppen följde upp åtgärdsplanen.",
    )
    decision_record(
        actor=kommun_editor,
        meeting=meeting,
        text="Fler trygghetsvandringar.",
        owner_role="Samordnare",
        due=TODAY,
    )
    meeting_publish(actor=kommun_editor, meeting=meeting, published=True)
    public = reverse(
        "coordination_public:meeting", args=[meeting.kommun.code, meeting.uid]
    )
    kommun_page = reverse("publishing:kommun", args=[meeting.kommun.code])
    body = client.get(public, headers={"accept-language": "sv"}).content.decode()
    assert '<html lang="sv">' in body
    assert "1 oktober 2025" in body and "2025-10-01<" not in body
    assert 'class="breadcrumbs"' in body and f'href="{kommun_page}"' in body
    body = client.get(public, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in body
    assert "1 October 2025" in body
    assert '<span lang="sv">Fler trygghetsvandringar.</span>' in body

    client.force_login(kommun_editor)
    staff = reverse("coordination:meeting", args=[meeting.pk])
    body = client.get(staff, headers={"accept-language": "sv"}).content.decode()
    assert '<html lang="sv">' in body and 'class="breadcrumbs"' in body
    assert "1 oktober 2025" in body and "2025-10-01<" not in body
    assert "2025-10-01 " not in body and "2025-10-01)" not in body
    decision = Decision.objects.get()
    body = client.get(
        reverse("coordination:decision", args=[decision.pk]),
        headers={"accept-language": "sv"},
    ).content.decode()
    assert 'class="breadcrumbs"' in body and "1 oktober 2025" in body
    assert "2025-10-01" not in body
