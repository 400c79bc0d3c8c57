"""Every page names an icon that exists, and /favicon.ico (asked for by browsers where
no page names one: a PDF, the API) leads to it — no 404 in the logs on every visit."""

from __future__ import annotations

import re

import pytest


@pytest.mark.django_db
def test_every_page_links_an_icon_that_is_served(client):
    body = client.get("/").content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', body)
    assert link, "no icon in <head>"
    icon = client.get(link[1])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == link[1]
