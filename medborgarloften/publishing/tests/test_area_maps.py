"""The read-only map on the public area and promise pages, with its list."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from medborgarloften.places.models import Area

from .test_views import _promise

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.36, 56.66], [16.37, 56.66], [16.37, 56.67], [16.36, 56.67], [16.36, 56.66]]
    ],
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _config(html: str, map_id: str) -> dict:
    found = re.search(
        rf'<script id="{map_id}-config" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert found, f"no configuration for {map_id}"
    return json.loads(found.group(1))


def test_an_area_with_a_boundary_gets_a_read_only_map_and_a_list(client, kalmar):
    area = Area.objects.create(
        kommun=kalmar, name="Centrum", geometry=SQUARE, geometry_source="Kalmar kommun"
    )
    html = client.get(
        reverse("publishing:area", args=["0880", area.pk])
    ).content.decode()
    config = _config(html, "omrade-karta")
    assert config["pick"] is None  # read-only: nothing to mark
    assert [f["properties"]["name"] for f in config["areas"]] == ["Centrum"]
    assert config["focus"] == ["Centrum"]
    assert "Områdena på kartan, med samma nummer som på kartan:" in html
    assert re.search(r"<li>Centrum <a [^>]*data-map-area=\"Centrum\"", html)
    assert "leaflet.js" in html and "js/map.js" in html


def test_an_area_without_a_boundary_keeps_the_page_without_a_map(client, kalmar):
    area = Area.objects.create(kommun=kalmar, name="Centrum")
    html = client.get(
        reverse("publishing:area", args=["0880", area.pk])
    ).content.decode()
    assert "omrade-karta" not in html and "leaflet.js" not in html


def test_a_promise_shows_its_areas_on_a_map_with_links_to_their_pages(
    client, superuser, kalmar, lpo_kalmar
):
    promise = _promise(superuser, [kalmar, lpo_kalmar])
    area = Area.objects.get(kommun=kalmar, name="Centrum")
    area.geometry = SQUARE
    area.save()
    html = client.get(
        reverse("publishing:promise", args=[promise.uid])
    ).content.decode()
    config = _config(html, "lofte-karta")
    assert [f["properties"]["name"] for f in config["areas"]] == ["Centrum"]
    link = reverse("publishing:area", args=["0880", area.pk])
    assert f'<li><a href="{link}">Centrum</a> ' in html


def test_the_promise_maps_areas_are_numbered_and_named_as_the_list_under_it(
    client, superuser, kalmar, lpo_kalmar
):
    """A resident tells which outline is which: each area's number (and name where
    it fits) is written on the map, the list under it is numbered the same, and
    each entry moves the map to its area (keyboard and screen reader too)."""
    promise = _promise(superuser, [kalmar, lpo_kalmar])
    centrum = Area.objects.get(kommun=kalmar, name="Centrum")
    centrum.geometry = SQUARE
    centrum.save()
    other = Area.objects.create(kommun=kalmar, name="Norrliden", geometry=SQUARE)
    promise.areas.add(other)
    html = client.get(
        reverse("publishing:promise", args=[promise.uid])
    ).content.decode()
    config = _config(html, "lofte-karta")
    assert config["labels"] is True
    numbered = [
        (f["properties"]["number"], f["properties"]["name"]) for f in config["areas"]
    ]
    assert [n for n, _name in numbered] == list(range(1, len(numbered) + 1))
    listed = re.search(r'<ol class="map-area-list"[^>]*>(.*?)</ol>', html, re.S)
    assert listed, "the areas are an ordered list"
    items = re.findall(r'data-map-area="([^"]+)"', listed.group(1))
    assert items == [name for _n, name in numbered]
    assert {"Centrum", "Norrliden"} <= set(items)
    assert '<span class="visually-hidden">: Norrliden</span>' in listed.group(1)
