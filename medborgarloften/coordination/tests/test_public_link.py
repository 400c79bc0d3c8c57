"""The kommun's public page links the published summaries of its samordning
meetings, and only those; publishing one shows at once (the page cache)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from medborgarloften.coordination.services import (
    meeting_create,
    meeting_minutes_save,
    meeting_publish,
)

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def _meeting(kalmar, editor, title, summary):
    meeting = meeting_create(
        actor=editor,
        kommun=kalmar,
        kind="lokala_bra",
        title=title,
        held_on=TODAY,
        today=TODAY,
    )
    meeting_minutes_save(
        actor=editor, meeting=meeting, minutes="Internt", public_summary=summary
    )
    return meeting


def test_the_kommun_page_links_published_meeting_summaries(
    client, kalmar, kommun_editor
):
    shown = _meeting(kalmar, kommun_editor, "Lokala Brå i oktober", "Vi gick igenom")
    hidden = _meeting(kalmar, kommun_editor, "Styrgruppen internt", "Ännu inte ute")
    page = client.get(reverse("publishing:kommun", args=[kalmar.code])).text
    assert 'id="coordination-heading"' not in page  # nothing published yet
    meeting_publish(actor=kommun_editor, meeting=shown, published=True)
    page = client.get(reverse("publishing:kommun", args=[kalmar.code])).text
    assert 'id="coordination-heading"' in page
    assert reverse("coordination_public:meeting", args=[kalmar.code, shown.uid]) in page
    assert "Styrgruppen internt" not in page
    assert str(hidden.uid) not in page
    assert (
        client.get(
            reverse("coordination_public:meeting", args=[kalmar.code, shown.uid])
        ).status_code
        == 200
    )
