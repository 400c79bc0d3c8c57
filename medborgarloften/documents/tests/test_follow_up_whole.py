"""An imported promise keeps its whole follow-up paragraph: every sentence of it
reaches the draft and the public page's Uppföljning part, not only the sentences
that name follow-up themselves (examples written here)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from medborgarloften.documents.services import (
    document_upload,
    extraction_run_draft_create,
)
from medborgarloften.promises.services import promise_set_status

FOLLOW_UP = [
    "Löftet följs upp två gånger per år i det lokala brottsförebyggande rådet.",
    "Boende bjuds in till ett öppet möte varje höst där arbetet diskuteras.",
    "Resultaten redovisas därefter på kommunens webbplats.",
]

TEXT = "\n\n".join(
    [
        "Medborgarlöfte för Kalmar kommun 2031–2032",
        "Lokalpolisområde Kalmar och Kalmar kommun har tagit fram lägesbilden "
        "utifrån trygghetsmätningen och dialoger med boende.",
        "Polisen lovar att:",
        "- genomföra minst tre trygghetsvandringar i Norrliden per år",
        "Kommunen lovar att:",
        "- ordna två dialogmöten med boende senast 30 juni 2032",
        "Uppföljning",
        " ".join(FOLLOW_UP),
        "Anna Andersson",
        "Kommunstyrelsens ordförande",
    ]
)


@pytest.mark.django_db
def test_a_follow_up_paragraph_reaches_the_public_page_whole(
    client, kalmar, lpo_kalmar, kommun_editor, superuser, media_root
):
    outcome = document_upload(
        kommun=kalmar, data=TEXT.encode(), filename="kalmar.txt", actor=kommun_editor
    )
    assert outcome.ok, outcome.error
    assert outcome.run.record["follow_up"]["text"] == " ".join(FOLLOW_UP)

    promise = extraction_run_draft_create(
        run=outcome.run, record=outcome.run.record, actor=kommun_editor
    )
    assert promise.follow_up_text == " ".join(FOLLOW_UP)
    promise = promise_set_status(actor=superuser, promise=promise, status="adopted")
    promise = promise_set_status(actor=superuser, promise=promise, status="published")

    page = client.get(reverse("publishing:promise", args=[promise.uid]))
    part = re.search(
        r'<h2 id="follow-up-heading">.*?</section>', page.content.decode(), re.S
    )
    assert part is not None
    for sentence in FOLLOW_UP:
        assert sentence in part.group(0)
