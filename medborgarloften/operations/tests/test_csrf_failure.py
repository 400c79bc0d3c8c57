"""A form refused by the CSRF check (cookies cleared before Send) gets the site's own
page in plain words with a way back, not Django's bare 403 page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _refused(referer: str = "", path: str = "") -> tuple[int, str]:
    client = Client(enforce_csrf_checks=True)
    path = path or reverse("publishing:subscribe")
    extra = {"HTTP_REFERER": referer} if referer else {}
    response = client.post(path, {"email": "boende@example.org"}, **extra)
    return response.status_code, response.content.decode()


def test_a_refused_form_gets_the_sites_page_with_a_way_back(kalmar):
    form = "http://testserver" + reverse("cases:report", args=[kalmar.code])
    status, body = _refused(referer=form)
    assert status == 403
    assert "CSRF verification failed" not in body
    assert "Sidan hade hunnit bli för gammal" in body
    assert "bakåtknapp" in body
    assert f'href="{form}"' in body
    assert 'href="/"' in body  # the site's own layout, with its start page


def test_another_sites_referer_is_not_offered_as_the_way_back():
    status, body = _refused(referer="https://elak.example/form")
    assert status == 403
    assert "elak.example" not in body
    assert "Tillbaka till formuläret" not in body


def test_the_page_is_english_in_english():
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("publishing:subscribe"), {}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    assert '<html lang="en"' in response.content.decode()
