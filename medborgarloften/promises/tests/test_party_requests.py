"""A promise in another kommun's name (issue 13, M3).

An editor of Kalmar names Nybro kommun as a party and publishes. Until an admin or
editor of Nybro accepts, the promise must not appear on Nybro's public page, its area
pages, the API, the feeds, the search or the mails to Nybro's subscribers; staff see it
as "väntar på godkännande av Nybro kommun", and Nybro's editors accept or decline it.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.places.models import Area
from medborgarloften.promises.models import PartyRequest, Promise
from medborgarloften.promises.services import (
    CommitmentRow,
    PromiseFields,
    promise_create,
    promise_party_accept,
    promise_party_decline,
    promise_set_status,
    promise_update,
)
from medborgarloften.publishing.services import (
    subscription_confirm,
    subscription_request,
    subscriptions_notify,
)

TITLE = "Tryggare Kalmarsund i Nybros namn"
BASE = "https://loften.example.se"


@pytest.fixture
def nybro_centrum(nybro):
    return Area.objects.create(kommun=nybro, name="Nybro centrum")


@pytest.fixture
def nybro_admin(nybro):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username="nybro_admin", password="x")
    Membership.objects.create(user=user, organisation=nybro, role="admin")
    return user


@pytest.fixture
def nybro_viewer(nybro):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username="nybro_viewer", password="x")
    Membership.objects.create(user=user, organisation=nybro, role="viewer")
    return user


@pytest.fixture
def in_nybros_name(kommun_editor, kalmar, nybro, nybro_centrum):
    """Kalmar's editor publishes a promise naming Nybro, with an activity."""
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(
            title=TITLE,
            parties=[kalmar, nybro],
            period_start=date(2024, 1, 1),
            period_end=date(2030, 12, 31),
        ),
        commitments=[
            CommitmentRow(
                text="Trygghetsvandringar i Nybro centrum",
                responsible=["kommun"],
                areas=[nybro_centrum],
            )
        ],
    )
    promise = promise_set_status(actor=kommun_editor, promise=promise, status="adopted")
    return promise_set_status(actor=kommun_editor, promise=promise, status="published")


def _public_texts(client, nybro_centrum) -> dict[str, str]:
    urls = {
        "kommun": reverse("publishing:kommun", args=["0881"]),
        "area": reverse("publishing:area", args=["0881", nybro_centrum.pk]),
        "feed": reverse("publishing:kommun_feed", args=["0881"]),
        "api": "/api/v1/promises?kommun=0881",
        "api_csv": "/api/v1/promises.csv?kommun=0881",
        "api_commitments": "/api/v1/commitments?kommun=0881",
        "api_activities": "/api/v1/activities?kommun=0881",
        "search": reverse("publishing:search") + "?q=trygghetsvandringar&kommun=0881",
    }
    texts = {}
    for key, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (key, response.status_code)
        texts[key] = response.content.decode()
    return texts


def test_it_keeps_a_promise_in_another_kommuns_name_off_that_kommuns_public_site(
    client, in_nybros_name, nybro, nybro_centrum
):
    commitment = in_nybros_name.commitments.get()
    activity_create(
        commitment=commitment,
        date=date(2025, 3, 1),
        kind="Trygghetsvandring",
        today=date(2025, 3, 2),
    )
    texts = _public_texts(client, nybro_centrum)
    for key, text in texts.items():
        assert TITLE not in text, key
        assert "Trygghetsvandring" not in text, key
    api_kommun = json.loads(client.get("/api/v1/kommuner/0881").content)
    assert api_kommun["public_promise_count"] == 0
    detail = json.loads(client.get(f"/api/v1/promises/{in_nybros_name.uid}").content)
    assert "0881" not in json.dumps(detail)
    page = client.get(reverse("publishing:promise", args=[in_nybros_name.uid]))
    assert "Nybro kommun" not in page.content.decode()
    # Kalmar, whose editor published it, shows it.
    kalmar_page = client.get(reverse("publishing:kommun", args=["0880"]))
    assert TITLE in kalmar_page.content.decode()


def test_it_mails_nybros_subscribers_nothing_until_nybro_accepts(
    in_nybros_name, nybro, nybro_centrum, nybro_admin
):
    subscription_confirm(
        subscription=subscription_request(
            email="nybro@example.se", target=nybro, base_url=BASE
        )
    )
    subscription_confirm(
        subscription=subscription_request(
            email="centrum@example.se", target=nybro_centrum, base_url=BASE
        )
    )
    mail.outbox.clear()
    activity_create(
        commitment=in_nybros_name.commitments.get(),
        date=date(2025, 3, 1),
        kind="Trygghetsvandring",
        area=None,
        today=date(2025, 3, 2),
    )
    summary = subscriptions_notify(base_url=BASE)
    assert (summary.mails, len(mail.outbox)) == (0, 0)
    promise_party_accept(actor=nybro_admin, request=in_nybros_name.party_requests.get())
    summary = subscriptions_notify(base_url=BASE)
    assert summary.mails == 2
    assert all(TITLE in m.body for m in mail.outbox)


def test_it_shows_staff_whose_acceptance_the_promise_awaits(
    client, in_nybros_name, kommun_editor
):
    client.force_login(kommun_editor)
    detail = client.get(reverse("promises:detail", args=[in_nybros_name.pk]))
    page = detail.content.decode()
    assert "Väntar på godkännande av Nybro kommun" in page
    assert "Godkänn för Nybro kommun" not in page  # Kalmar cannot answer for Nybro
    listing = client.get(reverse("promises:list")).content.decode()
    assert "väntar på godkännande av Nybro kommun" in listing
    edit = client.get(reverse("promises:edit", args=[in_nybros_name.pk]))
    assert "Väntar på godkännande av Nybro kommun." in edit.content.decode()


def test_it_lets_nybros_editor_find_and_accept_the_promise(
    client, in_nybros_name, other_kommun_editor, nybro, nybro_centrum
):
    client.force_login(other_kommun_editor)
    listing = client.get(reverse("promises:list")).content.decode()
    assert "Väntar på svar från Nybro kommun" in listing and TITLE in listing
    url = reverse("promises:detail", args=[in_nybros_name.pk])
    page = client.get(url).content.decode()
    assert "Godkänn för Nybro kommun" in page
    answer = reverse("promises:party_answer", args=[in_nybros_name.pk, nybro.pk])
    response = client.post(answer, {"svar": "godkann"})
    assert response.status_code == 302
    assert list(in_nybros_name.parties.order_by("code")) == [
        in_nybros_name.parties.get(code="0880"),
        nybro,
    ]
    request = in_nybros_name.party_requests.get()
    assert (request.status, request.decided_by) == ("accepted", other_kommun_editor)
    revision = in_nybros_name.revisions.first()
    assert revision.summary == "Nybro kommun godkände att stå som part i löftet"
    client.logout()
    texts = _public_texts(client, nybro_centrum)
    assert TITLE in texts["kommun"] and TITLE in texts["api"]
    assert TITLE in texts["area"]


def test_it_lets_nybro_decline_and_later_take_back_a_yes(
    client, in_nybros_name, nybro_admin, nybro, nybro_centrum
):
    client.force_login(nybro_admin)
    answer = reverse("promises:party_answer", args=[in_nybros_name.pk, nybro.pk])
    assert client.post(answer, {"svar": "avboj"}).status_code == 302
    page = client.get(reverse("promises:detail", args=[in_nybros_name.pk]))
    assert "Nybro kommun har avböjt att stå som part" in page.content.decode()
    assert not in_nybros_name.parties.filter(pk=nybro.pk).exists()
    client.post(answer, {"svar": "godkann"})
    assert in_nybros_name.parties.filter(pk=nybro.pk).exists()
    client.post(answer, {"svar": "avboj"})
    assert not in_nybros_name.parties.filter(pk=nybro.pk).exists()
    client.logout()
    assert TITLE not in _public_texts(client, nybro_centrum)["kommun"]


@pytest.mark.parametrize("persona", ["kommun_editor", "nybro_viewer", "polis_editor"])
def test_it_refuses_an_answer_from_anyone_but_the_kommuns_editors(
    client, request, persona, in_nybros_name, nybro
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    answer = reverse("promises:party_answer", args=[in_nybros_name.pk, nybro.pk])
    response = client.post(answer, {"svar": "godkann"})
    assert response.status_code in (403, 404)
    assert in_nybros_name.party_requests.get().status == "pending"
    assert not in_nybros_name.parties.filter(pk=nybro.pk).exists()
    with pytest.raises(PermissionDenied):
        promise_party_accept(actor=user, request=in_nybros_name.party_requests.get())


def test_it_lets_a_superuser_accept_for_a_kommun_without_staff(
    in_nybros_name, superuser, nybro
):
    promise_party_accept(actor=superuser, request=in_nybros_name.party_requests.get())
    assert in_nybros_name.parties.filter(pk=nybro.pk).exists()


def test_it_keeps_an_asked_kommun_asked_when_the_author_saves_again(
    in_nybros_name, kommun_editor, kalmar, nybro
):
    fields = PromiseFields(title=TITLE, parties=[kalmar, nybro])
    commitment = in_nybros_name.commitments.get()
    rows = [CommitmentRow(text=commitment.text, id=commitment.pk)]
    promise_update(
        actor=kommun_editor, promise=in_nybros_name, fields=fields, commitments=rows
    )
    assert in_nybros_name.party_requests.get().status == "pending"
    assert list(in_nybros_name.parties.all()) == [kalmar]
    # Declined stays declined: the author cannot turn a no into a yes by saving.
    promise_party_decline(
        actor=_nybro_editor(nybro),
        request=in_nybros_name.party_requests.get(),
    )
    promise_update(
        actor=kommun_editor, promise=in_nybros_name, fields=fields, commitments=rows
    )
    assert in_nybros_name.party_requests.get().status == "declined"
    assert list(in_nybros_name.parties.all()) == [kalmar]
    # Leaving Nybro out drops the request with it.
    promise_update(
        actor=kommun_editor,
        promise=in_nybros_name,
        fields=PromiseFields(title=TITLE, parties=[kalmar]),
        commitments=[CommitmentRow(text=commitment.text, id=commitment.pk)],
    )
    assert not PartyRequest.objects.exists()


def _nybro_editor(nybro):
    from medborgarloften.accounts.models import Membership, User

    user = User.objects.create_user(username="nybro_redaktor")
    Membership.objects.create(user=user, organisation=nybro, role="editor")
    return user


def test_it_asks_the_police_when_a_kommuns_editor_names_them(
    kommun_editor, polis_editor, kalmar, lpo_kalmar
):
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Gemensamt", parties=[kalmar, lpo_kalmar]),
    )
    assert list(promise.parties.all()) == [kalmar]
    promise_party_accept(actor=polis_editor, request=promise.party_requests.get())
    assert set(promise.parties.all()) == {kalmar, lpo_kalmar}


def test_it_names_own_organisations_and_other_parties_at_once(
    kommun_editor, kalmar, superuser, nybro
):
    from medborgarloften.places.models import Organisation, OrganisationKind

    kalmarhem = Organisation.objects.create(
        kind=OrganisationKind.BOSTADSBOLAG, name="Kalmarhem"
    )
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(title="Med bostadsbolaget", parties=[kalmar, kalmarhem]),
    )
    assert set(promise.parties.all()) == {kalmar, kalmarhem}
    assert not promise.party_requests.exists()
    by_superuser = promise_create(
        actor=superuser, fields=PromiseFields(title="Av admin", parties=[nybro])
    )
    assert list(by_superuser.parties.all()) == [nybro]


def test_it_asks_the_kommun_when_an_editor_imports_a_promise_in_its_name(
    kommun_editor, kalmar, nybro
):
    from medborgarloften.promises.services import promise_load_record

    record = {
        "id": "import-1",
        "title": "Importerat löfte",
        "municipalities": ["Kalmar", "Nybro"],
        "commitments": [{"text": "Polisen patrullerar.", "responsible": ["polis"]}],
    }
    promise = promise_load_record(record=record, actor=kommun_editor, source="test")
    assert list(promise.parties.all()) == [kalmar]
    assert [r.organisation for r in promise.party_requests.all()] == [nybro]
    # The operator's command line (no actor) speaks for every party.
    other = promise_load_record(
        record={**record, "id": "import-2"}, actor=None, source="cli"
    )
    assert set(other.parties.all()) == {kalmar, nybro}


def test_it_lets_the_asked_kommun_read_but_not_edit_the_promise(
    client, in_nybros_name, nybro_viewer, other_kommun_editor
):
    client.force_login(nybro_viewer)
    assert (
        client.get(reverse("promises:detail", args=[in_nybros_name.pk])).status_code
        == 200
    )
    client.force_login(other_kommun_editor)
    edit = client.get(reverse("promises:edit", args=[in_nybros_name.pk]))
    assert edit.status_code == 403
    assert Promise.objects.get().title == TITLE
