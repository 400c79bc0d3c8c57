"""The map component's data and the installation's own background tiles."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image

from medborgarloften.places.maps import map_config, tile_source
from medborgarloften.places.services import area_create

from .tiles import lonlat_to_tile, write_mbtiles

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[16.33, 56.68], [16.34, 56.68], [16.34, 56.69], [16.33, 56.69], [16.33, 56.68]]
    ],
}


@pytest.fixture
def mbtiles(settings, tmp_path):
    path = tmp_path / "kalmar.mbtiles"
    write_mbtiles(path, bounds=(16.33, 56.68, 16.34, 56.69), zooms=range(12, 14))
    settings.MAP_TILE_MBTILES = str(path)
    settings.MAP_TILE_URL = ""
    settings.MAP_TILE_ATTRIBUTION = "Testkarta"
    return path


def test_it_has_no_background_map_unless_the_installation_sets_one(settings):
    settings.MAP_TILE_MBTILES = settings.MAP_TILE_URL = ""
    assert tile_source() is None


def test_an_external_tile_service_is_used_as_configured(settings):
    settings.MAP_TILE_MBTILES = ""
    settings.MAP_TILE_URL = "https://tiles.example.se/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Exempel"
    settings.MAP_TILE_MAX_ZOOM = 17
    source = tile_source()
    assert (source.url, source.attribution, source.max_zoom) == (
        "https://tiles.example.se/{z}/{x}/{y}.png",
        "© Exempel",
        17,
    )


def test_the_tile_service_origin_is_allowed_in_the_csp_img_src():
    from medborgarloften.settings.public import _tile_origin

    assert _tile_origin("https://tiles.example.se/{z}/{x}/{y}.png") == (
        "https://tiles.example.se"
    )
    assert _tile_origin("/kartor/{z}/{x}/{y}") == ""  # our own: 'self' covers it


@pytest.mark.django_db
def test_it_serves_tiles_from_the_installations_own_mbtiles_file(client, mbtiles):
    assert tile_source().url == "/kartor/{z}/{x}/{y}"
    x, y = (int(v) for v in lonlat_to_tile(16.335, 56.685, 13))
    response = client.get(f"/kartor/13/{x}/{y}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (256, 256)
    # The row is flipped (MBTiles counts from the south): the tile north of it is
    # outside the file, and so is anything absurd.
    assert client.get(f"/kartor/13/{x}/{y - 5}").status_code == 404
    assert client.get(f"/kartor/13/{2**13}/{y}").status_code == 404
    assert client.get("/kartor/40/1/1").status_code == 404


@pytest.mark.django_db
def test_tiles_are_404_when_no_file_is_configured(client, settings):
    settings.MAP_TILE_MBTILES = ""
    assert client.get("/kartor/13/4467/2520").status_code == 404


@pytest.mark.django_db
def test_the_map_config_carries_areas_sources_and_tiles(kalmar, mbtiles):
    berga = area_create(
        kommun=kalmar, name="Berga", geometry=SQUARE, geometry_source="stadsdelar.gpkg"
    )
    area_create(kommun=kalmar, name="Utan gräns")
    config = map_config(
        title="Karta", kommun_code="0880", areas=list(kalmar.areas.all())
    )
    assert [f["properties"]["name"] for f in config.areas] == ["Berga"]
    assert config.areas[0]["properties"]["id"] == berga.pk
    assert config.sources == ["stadsdelar.gpkg"]
    assert config.outline["type"] in ("Polygon", "MultiPolygon")
    assert config.tiles["attribution"] == "Testkarta"
    # only a map to mark a place on needs more than the zoom buttons' titles
    assert set(config.texts) == {"zoom_in", "zoom_out"}


@pytest.mark.django_db
def test_the_lagesbild_page_passes_the_map_as_json_without_inline_script(
    client, kalmar, kommun_viewer, mbtiles
):
    area_create(kommun=kalmar, name="Berga", geometry=SQUARE)
    client.force_login(kommun_viewer)
    page = client.get("/personal/lagesbild/0880/karta/").content.decode()
    for attributes in re.findall(r"<script([^>]*)>", page):
        assert "src=" in attributes or 'type="application/json"' in attributes
    config = json.loads(
        re.search(
            r'id="lagesbild-karta-config" type="application/json">(.*?)<', page, re.S
        ).group(1)
    )
    assert config["areas"][0]["properties"]["name"] == "Berga"
    assert config["tiles"]["url"] == "/kartor/{z}/{x}/{y}"
    assert "vendor/leaflet-1.9.4/leaflet.js" in page


def test_the_staff_area_list_shows_the_areas_with_boundaries_on_a_map(
    client, kalmar, kommun_editor
):
    area_create(kommun=kalmar, name="Berga", geometry=SQUARE)
    area_create(kommun=kalmar, name="Centrum")
    client.force_login(kommun_editor)
    page = client.get("/personal/organisationer/kommun/0880/omraden/").content.decode()
    config = json.loads(
        re.search(
            r'id="omraden-karta-config" type="application/json">(.*?)<', page, re.S
        ).group(1)
    )
    assert [f["properties"]["name"] for f in config["areas"]] == ["Berga"]
    assert config["pick"] is None
    assert "Tabellen visar samma områden." in page  # the table is the alternative
    assert '<th scope="row">Centrum</th>' in page


def test_an_area_list_without_boundaries_has_no_map(client, kalmar, kommun_editor):
    area_create(kommun=kalmar, name="Centrum")
    client.force_login(kommun_editor)
    page = client.get("/personal/organisationer/kommun/0880/omraden/").content.decode()
    assert "omraden-karta" not in page and "leaflet.js" not in page
