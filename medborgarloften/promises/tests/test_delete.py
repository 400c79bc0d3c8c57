"""Deleting a draft promise: a stray draft (one click from planning saves one and
asks the police to accept it) can be removed by an editor of a party, after a
confirmation; adopted and published promises cannot."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from medborgarloften.followup.reminders import reminders_for_user
from medborgarloften.promises.models import PartyRequest, Promise, PromiseStatus
from medborgarloften.promises.permissions import promises_visible_to
from medborgarloften.promises.services import (
    PromiseFields,
    promise_create,
    promise_delete,
    promise_set_status,
)

TITLE = "Trygghet i Oxhagen"


@pytest.fixture
def stray(kommun_editor, kalmar, lpo_kalmar):
    """A draft without a period naming the police area: the police are asked."""
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title=TITLE, parties=[kalmar, lpo_kalmar]),
        focus_areas=[],
        commitments=[],
        signatories=[],
    )
    assert PartyRequest.objects.filter(promise=promise, status="pending").exists()
    return promise


def _asked_of(user) -> list[str]:
    """Titles of the promises the user's reminders ask them to answer."""
    return [
        item.promise.title
        for group in reminders_for_user(user=user)
        for item in group.items
    ]


def test_it_deletes_a_stray_draft_after_confirmation_and_withdraws_its_requests(
    client, kommun_editor, polis_editor, stray
):
    assert list(promises_visible_to(polis_editor)) == [stray]
    assert _asked_of(polis_editor) == [TITLE]
    client.force_login(kommun_editor)
    detail = client.get(reverse("promises:detail", args=[stray.pk])).content.decode()
    url = reverse("promises:delete", args=[stray.pk])
    assert f'href="{url}"' in detail

    page = client.get(url).content.decode()
    assert "Lokalpolisområde Kalmar blir inte längre tillfrågad." in page
    assert "Ja, ta bort utkastet" in page
    assert Promise.objects.filter(pk=stray.pk).exists()  # GET deletes nothing

    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("promises:list")
    assert f"Utkastet ”{TITLE}” är borttaget." in response.content.decode()
    assert not Promise.objects.filter(pk=stray.pk).exists()
    assert not PartyRequest.objects.filter(promise_id=stray.pk).exists()
    # The police no longer see it, nor a reminder to answer.
    assert list(promises_visible_to(polis_editor)) == []
    assert _asked_of(polis_editor) == []


@pytest.mark.parametrize("status", ["adopted", "published", "closed"])
def test_it_never_deletes_an_adopted_or_public_promise(
    client, kommun_editor, kalmar_promise, status
):
    steps = {
        "adopted": ["adopted"],
        "published": ["adopted", "published"],
        "closed": ["adopted", "published", "closed"],
    }[status]
    promise = kalmar_promise
    for step in steps:
        promise = promise_set_status(actor=kommun_editor, promise=promise, status=step)
    with pytest.raises(ValidationError, match="Bara ett utkast kan tas bort"):
        promise_delete(actor=kommun_editor, promise=promise)

    client.force_login(kommun_editor)
    detail = client.get(reverse("promises:detail", args=[promise.pk])).content
    url = reverse("promises:delete", args=[promise.pk])
    assert url not in detail.decode()
    response = client.post(url, follow=True)
    assert "Bara ett utkast kan tas bort" in response.content.decode()
    assert Promise.objects.get(pk=promise.pk).status == status


@pytest.mark.parametrize(
    "persona", ["kommun_viewer", "kommun_reporter", "other_kommun_editor"]
)
def test_it_lets_only_an_editor_of_a_party_delete(
    client, request, kalmar_promise, persona
):
    user = request.getfixturevalue(persona)
    url = reverse("promises:delete", args=[kalmar_promise.pk])
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    with pytest.raises(PermissionDenied):
        promise_delete(actor=user, promise=kalmar_promise)
    assert Promise.objects.filter(pk=kalmar_promise.pk).exists()
    detail = client.get(reverse("promises:detail", args=[kalmar_promise.pk]))
    if detail.status_code == 200:
        assert url not in detail.content.decode()


def test_the_asked_police_may_not_delete_the_draft(client, polis_editor, stray):
    client.force_login(polis_editor)
    url = reverse("promises:delete", args=[stray.pk])
    assert client.post(url).status_code == 403
    assert Promise.objects.filter(pk=stray.pk).exists()
    assert Promise.objects.get(pk=stray.pk).status == PromiseStatus.DRAFT
