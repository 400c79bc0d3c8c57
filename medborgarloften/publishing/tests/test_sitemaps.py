"""robots.txt and sitemap.xml: every public page listed with an absolute address,
nothing a visitor cannot open, staff pages kept from crawlers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from medborgarloften.coordination.services import (
    meeting_create,
    meeting_minutes_save,
    meeting_publish,
)
from medborgarloften.places.models import Area

from .apidata import build

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def data(superuser, kalmar, lpo_kalmar, nybro):
    return build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)


def _locations(client, **extra) -> list[str]:
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own XML
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def _meeting(kommun, actor, *, title: str, publish: bool):
    meeting = meeting_create(
        actor=actor,
        kommun=kommun,
        kind="styrgrupp",
        title=title,
        held_on=date(2025, 10, 1),
        today=date(2025, 10, 1),
    )
    meeting_minutes_save(
        actor=actor, meeting=meeting, minutes="Internt.", public_summary="Vi beslutade."
    )
    if publish:
        meeting_publish(actor=actor, meeting=meeting, published=True)
    return meeting


@pytest.mark.django_db
def test_the_sitemap_lists_every_public_page_and_nothing_else(
    client, data, kalmar, nybro, superuser
):
    public_meeting = _meeting(kalmar, superuser, title="Styrgruppen", publish=True)
    hidden_meeting = _meeting(kalmar, superuser, title="Internt möte", publish=False)
    # An area named only by the draft: no public page links to it.
    secret = Area.objects.create(kommun=kalmar, name="Hemliga gården")
    data.draft.areas.add(secret)

    paths = [loc.removeprefix("http://testserver") for loc in _locations(client)]
    assert all(loc.startswith("http://testserver/") for loc in _locations(client)), (
        "absolute addresses"
    )
    expected = {
        "/",
        reverse("publishing:overview"),
        reverse("api:docs"),
        reverse("publishing:accessibility"),
        reverse("publishing:kommun", args=[kalmar.code]),
        reverse("publishing:kommun", args=[nybro.code]),
        reverse("publishing:promise", args=[data.published.uid]),
        reverse("publishing:promise", args=[data.closed.uid]),
        reverse("publishing:area", args=[kalmar.code, data.area.pk]),
        reverse("publishing:report", args=[data.report.uid]),
        reverse("coordination_public:meeting", args=[kalmar.code, public_meeting.uid]),
    }
    nybro_area = Area.objects.get(kommun=nybro)
    expected.add(reverse("publishing:area", args=[nybro.code, nybro_area.pk]))
    assert set(paths) == expected
    assert len(paths) == len(expected), "each page once"
    for hidden in (
        reverse("publishing:promise", args=[data.draft.uid]),
        reverse("publishing:report", args=[data.draft_report.uid]),
        reverse("publishing:area", args=[kalmar.code, secret.pk]),
        reverse("coordination_public:meeting", args=[kalmar.code, hidden_meeting.uid]),
    ):
        assert hidden not in paths
    # Every listed page opens for an anonymous visitor.
    for path in paths:
        assert client.get(path, follow=True).status_code == 200, path


@pytest.mark.django_db
def test_promises_and_reports_carry_their_last_change(client, data):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    dated = {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS)
        for url in root.findall("s:url", NS)
    }
    promise = f"http://testserver/lofte/{data.published.uid}/"
    assert dated[promise] is not None
    assert dated[promise].text == data.published.updated_at.date().isoformat()


@pytest.mark.django_db
def test_addresses_follow_the_configured_public_site(client, data, settings):
    settings.PUBLIC_SITE_URL = "https://trygghet.example.se/loften/"
    locations = _locations(client)
    assert locations
    assert all(
        loc.startswith("https://trygghet.example.se/loften/") for loc in locations
    )
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://trygghet.example.se/loften/sitemap.xml" in robots


@pytest.mark.django_db
def test_the_sitemap_keeps_a_non_default_port(client, data):
    locations = _locations(client, HTTP_HOST="127.0.0.1:8101")
    assert locations and all(
        loc.startswith("http://127.0.0.1:8101/") for loc in locations
    )


@pytest.mark.django_db
def test_robots_keeps_crawlers_from_staff_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/personal/", "/konto/", "/django-admin/", "/embed/"):
        assert f"Disallow: {path}" in lines
    # published reports are public pages, outside /personal/
    assert not any(line.startswith("Allow:") for line in lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_robots_and_sitemap_answer_only_reads(client):
    assert client.post("/robots.txt").status_code == 405
    assert client.post("/sitemap.xml").status_code == 405
