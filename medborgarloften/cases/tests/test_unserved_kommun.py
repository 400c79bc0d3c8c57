"""A kommun that nobody in the installation handles reports for (no admin, editor
or reporter of the kommun) takes no reports: no button on its page, a form page that
says where to turn instead and accepts nothing, an Open311 POST refused. Before, the
report was thanked, said "Hos ansvarig", mailed a confirmation and reached nobody."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from medborgarloften.places.models import Area
from medborgarloften.publishing.api.services import api_token_create

from ..models import Case
from .conftest import KALMAR_POINT, member

pytestmark = pytest.mark.django_db

FORM = {
    "theme": "trygghet_offentlig_miljo",
    "text": "Mörk gångväg bakom skolan.",
    "latitude": str(KALMAR_POINT[0]),
    "longitude": str(KALMAR_POINT[1]),
    "area": "",
    "place_text": "",
    "email": "boende@example.org",
    "website": "",
}


def test_the_form_of_an_unserved_kommun_says_where_to_turn_and_takes_nothing(
    client, kalmar
):
    url = reverse("cases:report", args=[kalmar.code])
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "tar inte emot" in body and "polisen.se" in body and "112" in body
    assert 'name="text"' not in body and "Skicka" not in body
    sent = client.post(url, FORM)
    assert sent.status_code == 403
    assert not Case.objects.exists() and not mail.outbox


def test_a_viewer_alone_does_not_make_a_kommun_served(client, kalmar, kommun_viewer):
    client.post(reverse("cases:report", args=[kalmar.code]), FORM)
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", ["admin", "editor", "reporter"])
def test_a_member_who_handles_cases_opens_the_form(client, kalmar, role):
    member("handler", kalmar, role)
    response = client.post(reverse("cases:report", args=[kalmar.code]), FORM)
    assert response.status_code == 302
    assert Case.objects.get().owner == kalmar


def test_the_kommun_page_offers_no_report_button_until_someone_handles_them(
    client, kalmar
):
    url = reverse("publishing:kommun", args=[kalmar.code])
    report = reverse("cases:report", args=[kalmar.code])
    body = client.get(url).content.decode()
    assert f'href="{report}"' not in body
    assert "tar inte emot" in body
    member("handler", kalmar, "editor")
    body = client.get(url).content.decode()  # the cached page is replaced too
    assert f'href="{report}"' in body
    assert "tar inte emot" not in body


def test_open311_post_for_an_unserved_kommun_is_refused(client, kalmar, nybro):
    editor = member("handler", kalmar, "editor")
    key = api_token_create(user=editor, organisation=kalmar, name="app")[1]
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "jurisdiction_id": nybro.code,
            "service_code": "trafik",
            "description": "Trasig lampa",
            "address_string": "Storgatan 1",
        },
    )
    assert response.status_code == 403
    assert "tar inte emot" in response.content.decode()
    assert not Case.objects.exists()


def test_the_area_list_hint_shows_only_when_the_kommun_has_areas(client, kalmar):
    member("handler", kalmar, "editor")
    url = reverse("cases:report", args=[kalmar.code])
    hint = "Området kan också väljas i listan över områden."
    body = client.get(url).content.decode()
    assert hint not in body and 'name="area"' not in body
    Area.objects.create(kommun=kalmar, name="Berga")
    body = client.get(url).content.decode()
    assert hint in body and 'name="area"' in body
