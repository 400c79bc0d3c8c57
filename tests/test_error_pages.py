"""Error pages speak Swedish and keep the site's layout."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import page_not_found, permission_denied, server_error


@pytest.mark.django_db
def test_it_answers_a_missing_page_in_swedish(client):
    response = client.get("/finns-inte-alls/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.django_db
def test_it_answers_a_refusal_in_swedish_with_the_reason():
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = permission_denied(
        request, PermissionDenied("Bara redaktörer får ändra.")
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "inte behörighet" in body and "Bara redaktörer får ändra." in body


def test_it_renders_the_server_error_page_without_any_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


@pytest.mark.django_db
def test_it_uses_the_same_page_for_the_404_handler():
    request = RequestFactory().get("/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = page_not_found(request, Exception("x"))
    assert "Till alla medborgarlöften" in response.content.decode()


def test_a_bad_host_gets_the_sites_own_400_page_in_swedish_and_english(
    client, settings
):
    # A request whose Host header is not ours (a scanner, a misrouted proxy) used
    # to get Django's bare English "Bad Request (400)". The page is the site's own
    # look, in Swedish with English, and needs neither the database (no db mark:
    # a query would raise) nor the host.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["trygg.kalmar.se"]
    response = client.get("/", HTTP_HOST="angripare.example")
    body = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="sv">' in body and "Felaktig förfrågan" in body
    assert '<p lang="en">Bad request' in body
    assert "medborgarloften/css/error.css" in body
    assert "angripare.example" not in body
    assert "<h1>Bad Request (400)</h1>" not in body
