"""The header links each signed-in user to the staff sections their role opens."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_it_shows_no_staff_links_to_a_visitor(client):
    body = client.get("/").content.decode()
    assert "Arbeta med löften" not in body
    assert "Logga in" in body


def test_it_links_an_editor_to_import_but_not_to_organisations(client, kommun_editor):
    client.force_login(kommun_editor)
    body = client.get("/").content.decode()
    assert "Arbeta med löften" in body and "Lägesbild" in body
    assert "Importera" in body
    assert "/personal/organisationer/" not in body


def test_it_hides_import_from_a_viewer(client, kommun_viewer):
    client.force_login(kommun_viewer)
    body = client.get("/").content.decode()
    assert "Arbeta med löften" in body
    assert "/personal/import/" not in body


def test_it_links_an_admin_to_organisations(client, kommun_admin):
    client.force_login(kommun_admin)
    assert "/personal/organisationer/" in client.get("/").content.decode()
