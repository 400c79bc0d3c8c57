"""Logging in and out: where staff land, and what a wrong password says."""

from __future__ import annotations

from django.urls import reverse


def test_it_shows_the_login_page_in_swedish(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Användarnamn" in html and "Lösenord" in html


def test_it_says_so_when_the_password_is_wrong(client, kommun_editor):
    response = client.post(
        reverse("accounts:login"), {"username": "kommun_editor", "password": "fel"}
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_returns_to_the_page_asked_for_after_login(client, kommun_editor):
    target = reverse("promises:create")
    response = client.get(target)
    assert response["Location"] == f"{reverse('accounts:login')}?next={target}"
    response = client.post(
        f"{reverse('accounts:login')}?next={target}",
        {"username": "kommun_editor", "password": "test-losenord-123", "next": target},
    )
    assert response["Location"] == target


def test_it_logs_out_to_the_public_start_page(client, kommun_editor):
    client.force_login(kommun_editor)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("publishing:home")
    assert client.get(reverse("promises:list")).status_code == 302
