"""What the review reads from the document reaches the draft (issue 14, items 3–5):
the signing date, a renamed focus area, the police party, a named third party; and
"Kontrollera" says what "Skapa utkast" would say."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.models import PartyRequest, Promise

from .test_review_views import _form_data, _review, _uploaded_run

SIGNED_TEXT = """Medborgarlöfte för Kalmar kommun 2031

Kalmar kommun och Lokalpolisområde Kalmar har tagit fram lägesbilden utifrån \
trygghetsmätningen. Boende i Norrliden känner sig otrygga om kvällarna.

Fokusområden: Trygghet i Norrliden och Klotter

Polisen lovar att:
- genomföra minst tre trygghetsvandringar i Norrliden per år senast 30 november 2031

Kommunen lovar att:
- hålla två dialogmöten med boende i Norrliden

Ekbohem sanerar klotter i sina hus inom en vecka från att det anmälts.

Uppföljning sker två gånger under perioden.

Kalmar den 4 mars 2031

Anna Andersson
Kommunstyrelsens ordförande

Per Persson
Lokalpolisområdeschef
"""


@pytest.fixture
def editor_client(client, kommun_editor, lpo_kalmar):
    client.force_login(kommun_editor)
    return client


def _url(run) -> str:
    return reverse("documents:review", args=[run.pk])


def test_it_offers_the_signing_date_and_saves_it(editor_client, kalmar):
    run = _uploaded_run(editor_client, kalmar, text=SIGNED_TEXT)
    response = _review(editor_client, run)
    signed = [f["signed_on"].value() for f in response.context["editor"].signatories]
    assert signed[:2] == [dt.date(2031, 3, 4)] * 2
    data = _form_data(response)
    data["signatories-1-signed_on"] = "2031-03-05"
    response = editor_client.post(_url(run), {**data, "create": "1"})
    assert response.status_code == 302
    promise = Promise.objects.get()
    assert sorted(
        (s.name, s.signed_on) for s in promise.signatories.order_by("name")
    ) == [
        ("Anna Andersson", dt.date(2031, 3, 4)),
        ("Per Persson", dt.date(2031, 3, 5)),
    ]


def test_it_says_at_kontrollera_what_skapa_utkast_would_refuse(
    editor_client, kalmar, nybro
):
    run = _uploaded_run(editor_client, kalmar, text=SIGNED_TEXT)
    data = _form_data(_review(editor_client, run))
    # Another kommun's promise, not kept as a reference: the writer refuses it.
    data["municipalities"] = "Nybro"
    data.pop("as_reference", None)
    checked = editor_client.post(_url(run), {**data, "check": "1"})
    created = editor_client.post(_url(run), {**data, "create": "1"})
    assert checked.status_code == created.status_code == 400
    said = [e.message for e in checked.context["editor"].error_summary]
    assert said == [e.message for e in created.context["editor"].error_summary]
    assert any("egen organisation" in m for m in said)
    assert not Promise.objects.exists()
    assert not PartyRequest.objects.exists()


def test_it_carries_a_renamed_focus_area_to_its_commitments(editor_client, kalmar):
    run = _uploaded_run(editor_client, kalmar, text=SIGNED_TEXT)
    data = _form_data(_review(editor_client, run))
    assert data["focus_areas_shown"] == "Trygghet i Norrliden\nKlotter"
    data["commitments-2-focus_area"] = "Klotter"
    # The reviewer renames both lines and checks: the commitments follow.
    data["focus_areas"] = "Trygga kvällar\nKlotter på husen"
    response = editor_client.post(_url(run), {**data, "check": "1"})
    assert response.status_code == 200, response.context["editor"].error_summary
    rows = response.context["editor"].commitments.forms
    assert [rows[i]["focus_area"].value() for i in range(3)] == [
        "Trygga kvällar",
        "Trygga kvällar",
        "Klotter på husen",
    ]
    # Renamed again after the check: they follow from the names shown then.
    data = _form_data(response)
    data["focus_areas"] = "Trygga kvällar i Norrliden\nKlotter på husen"
    response = editor_client.post(_url(run), {**data, "create": "1"})
    assert response.status_code == 302
    commitments = Promise.objects.get().commitments.order_by("position")
    assert [c.focus_area.title for c in commitments] == [
        "Trygga kvällar i Norrliden",
        "Trygga kvällar i Norrliden",
        "Klotter på husen",
    ]


def test_it_refuses_a_focus_area_that_is_not_among_them(editor_client, kalmar):
    run = _uploaded_run(editor_client, kalmar, text=SIGNED_TEXT)
    data = _form_data(_review(editor_client, run))
    data["focus_areas"] = data["focus_areas_shown"] = "Trygghet"
    data["commitments-0-focus_area"] = "Gäller: 2031"
    for button in ("check", "create"):
        response = editor_client.post(_url(run), {**data, button: "1"})
        assert response.status_code == 400
        assert any(
            "Gäller: 2031" in e.message
            for e in response.context["editor"].error_summary
        )
    assert not Promise.objects.exists()


def test_it_shows_the_police_party_it_asks_and_asks_it(
    editor_client, kalmar, lpo_kalmar
):
    run = _uploaded_run(editor_client, kalmar, text=SIGNED_TEXT)
    response = _review(editor_client, run)
    parties = response.context["editor"].parties
    assert [(p.name, p.asked) for p in parties] == [
        (str(kalmar), False),
        (lpo_kalmar.name, True),
    ]
    assert "blir part när" in response.content.decode()
    response = editor_client.post(
        _url(run), {**_form_data(response), "create": "1"}, follow=True
    )
    promise = Promise.objects.get()
    assert list(promise.parties.all()) == [kalmar]
    assert promise.party_requests.get().organisation == lpo_kalmar
    assert "tillfrågad att stå som part" in response.content.decode()


def test_it_carries_a_named_third_party_into_the_commitment(
    client, kommun_admin, kalmar, lpo_kalmar
):
    client.force_login(kommun_admin)
    run = _uploaded_run(client, kalmar, text=SIGNED_TEXT)
    response = _review(client, run)
    rows = response.context["editor"].commitments.forms
    assert [f["other_parties"].value() for f in rows[:3]] == ["", "", "Ekbohem"]
    response = client.post(_url(run), {**_form_data(response), "create": "1"})
    assert response.status_code == 302
    last = Promise.objects.get().commitments.order_by("position").last()
    assert [o.name for o in last.other_parties.all()] == ["Ekbohem"]


def test_it_names_a_stored_party_and_leaves_out_what_an_editor_cannot_add(
    editor_client, kalmar
):
    run = _uploaded_run(editor_client, kalmar, text=SIGNED_TEXT)
    data = _form_data(_review(editor_client, run))
    data["commitments-1-other_parties"] = "Kalmar Folkets hus"
    stored = Organisation.objects.create(kind=OrganisationKind.ANNAN, name="Ekbohem")
    response = editor_client.post(_url(run), {**data, "create": "1"}, follow=True)
    assert "togs inte med" in response.content.decode()
    commitments = Promise.objects.get().commitments.order_by("position")
    assert [list(c.other_parties.all()) for c in commitments] == [[], [], [stored]]
    assert not Organisation.objects.filter(name="Kalmar Folkets hus").exists()
