"""Overlay layers on the lägesbild map: Leaflet's layer control is reached and
toggled with the keyboard alone, draws the layer, and axe-core finds no serious or
critical violations; the same map's tiles can come from a PMTiles file."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from shapely.geometry import box

from medborgarloften.places.boundaries import reproject
from medborgarloften.places.models import OverlayLayer
from medborgarloften.places.selectors import boundary_file_read
from medborgarloften.places.services import area_create, overlay_import
from medborgarloften.places.tests.tiles import write_pmtiles
from tests.browser.test_maps import BERGA, OXHAGEN, _polygon, _sign_in
from tests.browser.test_public_pages import _serious_violations


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def walk_areas(kalmar):
    return [
        area_create(kommun=kalmar, name=name, kind="stadsdel", geometry=_polygon(*box_))
        for name, box_ in (("Berga", BERGA), ("Oxhagen", OXHAGEN))
    ]


@pytest.fixture
def utsatt(kalmar):
    shape_3006 = box(581_200, 6_283_200, 582_200, 6_284_000)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"namn": "Norra Berga"},
                "geometry": reproject(shape_3006, 3006, 4326).__geo_interface__,
            }
        ],
    }
    boundaries = boundary_file_read(kommun=kalmar, data=json.dumps(collection).encode())
    overlay_import(kommun=kalmar, layer=OverlayLayer.UTSATT, boundaries=boundaries)


@pytest.fixture
def pmtiles_tiles(settings, tmp_path):
    path = tmp_path / "kalmar.pmtiles"
    assert write_pmtiles(path, bounds=(16.29, 56.66, 16.36, 56.70), zooms=range(12, 15))
    settings.MAP_TILE_MBTILES = settings.MAP_TILE_URL = ""
    settings.MAP_TILE_PMTILES = str(path)
    settings.MAP_TILE_ATTRIBUTION = "Testkarta ritad i testerna"
    return path


@pytest.mark.django_db(transaction=True)
def test_the_overlay_layer_is_switched_on_with_the_keyboard(
    live_server, page, kalmar, kommun_editor, walk_areas, utsatt, pmtiles_tiles
):
    _sign_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/")
    page.locator("#lagesbild-karta [data-map-canvas]").wait_for()
    # Background tiles from the PMTiles file, through /kartor/.
    page.locator("img.leaflet-tile-loaded").first.wait_for()
    assert "/kartor/" in page.locator("img.leaflet-tile-loaded").first.get_attribute(
        "src"
    )
    assert page.locator("path.map-overlay").count() == 0  # off until chosen
    box_name = "Utsatta områden (Polisen) (1)"
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.closest('label') ? "
            "document.activeElement.closest('label').textContent.trim() : ''"
        )
        if label == box_name:
            break
    else:
        pytest.fail("the layer control's checkbox cannot be reached with Tab")
    page.keyboard.press("Space")
    page.locator("path.map-overlay-utsatt").wait_for()
    assert page.locator("path.map-overlay-utsatt").count() == 1
    # Listed as text under the map too.
    page.get_by_text("Överlagringar som kan visas på kartan").click()
    assert page.get_by_text("Norra Berga").first.is_visible()
    assert _serious_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_layer_control_folds_on_a_phone_and_opens_with_enter(
    live_server, phone_page, kalmar, kommun_editor, walk_areas, utsatt
):
    page = phone_page
    _sign_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/")
    toggle = page.get_by_role(
        "button", name="Överlagringar: välj vilka lager kartan visar"
    )
    toggle.wait_for()
    assert not page.get_by_label("Utsatta områden (Polisen) (1)").is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    checkbox = page.get_by_label("Utsatta områden (Polisen) (1)")
    checkbox.wait_for()
    checkbox.focus()
    page.keyboard.press("Space")
    page.locator("path.map-overlay-utsatt").wait_for()
    assert checkbox.is_checked()
    assert _serious_violations(page) == []
