"""A promise of another kommun is imported FOR that kommun by whoever may act for it.

A national admin who picks one kommun at the upload (the form needs one) must not
have every other kommun's promise forced into a reference of the kommun picked: the
review offers a normal draft of the kommun the document names. An editor of only
the uploading kommun still gets the reference. A reference saved by mistake can be
made a normal draft of its own kommun by whoever may act for that kommun.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from medborgarloften.accounts.models import Membership
from medborgarloften.documents.forms import ReviewEditor, review_initial
from medborgarloften.documents.services import (
    document_upload,
    extraction_run_draft_create,
)
from medborgarloften.promises.models import Promise, PromiseStatus

from .test_import_structure import NYBRO_TEXT, _reviewed


@pytest.fixture
def nybro_run_by_national(kalmar, nybro, superuser):
    outcome = document_upload(
        kommun=kalmar, data=NYBRO_TEXT.encode(), filename="nybro.txt", actor=superuser
    )
    assert outcome.ok, outcome.error
    return outcome.run


def test_a_national_admin_reviews_another_kommuns_promise_as_its_draft(
    nybro_run_by_national, superuser, client
):
    assert (
        review_initial(nybro_run_by_national, user=superuser)["as_reference"] is False
    )
    client.force_login(superuser)
    page = client.get(reverse("documents:review", args=[nybro_run_by_national.pk]))
    assert page.status_code == 200
    assert page.context["editor"].form.initial["as_reference"] is False
    lead = page.content.decode().split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    assert "Nybro" in lead and "Kalmar" not in lead


def test_a_member_of_the_named_kommun_gets_a_normal_draft_too(
    nybro_run_by_national, nybro, kommun_editor
):
    assert review_initial(nybro_run_by_national, user=kommun_editor)["as_reference"]
    Membership.objects.create(user=kommun_editor, organisation=nybro, role="editor")
    fresh = type(kommun_editor).objects.get(pk=kommun_editor.pk)  # rights re-read
    editor = ReviewEditor(run=nybro_run_by_national, user=fresh)
    assert editor.form.initial["as_reference"] is False


def test_the_owner_turns_a_reference_into_a_draft_of_its_own_kommun(
    nybro_run_by_national, kalmar, nybro, kommun_editor, client
):
    reference = extraction_run_draft_create(
        run=nybro_run_by_national,
        record=_reviewed(nybro_run_by_national),
        actor=kommun_editor,
        as_reference=True,
    )
    assert reference.reference_for == kalmar
    url = reverse("promises:own_draft", args=[reference.pk])
    client.force_login(kommun_editor)  # Kalmar's editor: not Nybro's
    assert client.post(url).status_code == 403
    assert Promise.objects.get(pk=reference.pk).is_reference

    Membership.objects.create(user=kommun_editor, organisation=nybro, role="editor")
    page = client.get(reverse("promises:detail", args=[reference.pk]))
    assert url in page.content.decode()
    response = client.post(url, follow=True)
    assert response.status_code == 200
    promise = Promise.objects.get(pk=reference.pk)
    assert not promise.is_reference
    assert promise.status == PromiseStatus.DRAFT
    assert list(promise.parties.all()) == [nybro]
    assert PromiseStatus.ADOPTED in promise.allowed_transitions()
    assert client.post(url).status_code == 403  # no longer a reference
