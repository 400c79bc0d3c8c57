"""Overlay layers: SCB's DeSO/RegSO areas and Polisen's utsatta områden, imported
from GeoJSON (SWEREF 99 TM and WGS 84) by the CLI and the staff page, and drawn as
toggleable layers on the lägesbild and hot spot maps."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from shapely.geometry import box, shape

from medborgarloften.places.boundaries import reproject as _reproject
from medborgarloften.places.models import Area, Overlay, OverlayLayer
from medborgarloften.places.outlines import kommun_outline
from medborgarloften.places.overlays import overlay_layers
from medborgarloften.places.selectors import boundary_file_read
from medborgarloften.places.services import overlay_import

from .boundary_files import BOW_TIE_3006, geojson_bytes

#: Two DeSO in Kalmar and one in Nybro (a county file), SWEREF 99 TM.
DESO_3006 = {
    "0880C1010": box(583_000, 6_280_500, 584_000, 6_281_500),
    "0880C1020": box(582_000, 6_281_500, 583_000, 6_282_500),
    "0881C1010": box(560_000, 6_300_000, 561_000, 6_301_000),
}
#: One of Polisen's utsatta områden, drawn over a Kalmar district.
UTSATT_3006 = {"Norra Berga": box(581_200, 6_283_200, 582_200, 6_284_000)}


def _deso_file(crs: int = 3006) -> bytes:
    shapes = {code: _reproject(g, 3006, crs) for code, g in DESO_3006.items()}
    return geojson_bytes(shapes, crs=crs if crs != 4326 else None, field="deso")


def _utsatt_file(crs: int = 4326, **extra) -> bytes:
    shapes = {
        name: _reproject(g, 3006, crs) for name, g in {**UTSATT_3006, **extra}.items()
    }
    return geojson_bytes(shapes, crs=crs if crs != 4326 else None, field="namn")


@pytest.mark.django_db
@pytest.mark.parametrize("crs", [3006, 4326])
def test_it_imports_the_kommuns_deso_from_a_county_file(kalmar, crs):
    boundaries = boundary_file_read(kommun=kalmar, data=_deso_file(crs))
    summary = overlay_import(
        kommun=kalmar, layer=OverlayLayer.DESO, boundaries=boundaries
    )
    assert sorted(summary.imported) == ["0880C1010", "0880C1020"]
    assert summary.other_kommuner == 1
    shapes = Overlay.objects.filter(kommun=kalmar, layer="deso").order_by("code")
    assert [s.code for s in shapes] == ["0880C1010", "0880C1020"]
    outline = shape(kommun_outline("0880"))
    for s in shapes:
        assert s.geometry["type"] == "Polygon"
        assert outline.buffer(0.01).contains(shape(s.geometry))  # WGS 84, in Kalmar
    # Overlays are not the kommun's areas.
    assert not Area.objects.filter(kommun=kalmar).exists()


@pytest.mark.django_db
def test_a_new_file_replaces_the_layer_and_leaves_the_others(kalmar):
    deso = boundary_file_read(kommun=kalmar, data=_deso_file())
    overlay_import(kommun=kalmar, layer=OverlayLayer.DESO, boundaries=deso)
    utsatt = boundary_file_read(kommun=kalmar, data=_utsatt_file(3006))
    overlay_import(kommun=kalmar, layer=OverlayLayer.UTSATT, boundaries=utsatt)
    again = boundary_file_read(kommun=kalmar, data=_utsatt_file(4326))
    summary = overlay_import(kommun=kalmar, layer=OverlayLayer.UTSATT, boundaries=again)
    assert summary.replaced == 1
    assert Overlay.objects.filter(layer="utsatt").count() == 1
    assert Overlay.objects.filter(layer="deso").count() == 2


@pytest.mark.django_db
def test_an_invalid_shape_refuses_the_whole_file_and_keeps_the_layer(kalmar):
    good = boundary_file_read(kommun=kalmar, data=_utsatt_file())
    overlay_import(kommun=kalmar, layer=OverlayLayer.UTSATT, boundaries=good)
    bad = boundary_file_read(
        kommun=kalmar, data=_utsatt_file(3006, Rosett=BOW_TIE_3006)
    )
    with pytest.raises(ValidationError) as caught:
        overlay_import(kommun=kalmar, layer=OverlayLayer.UTSATT, boundaries=bad)
    text = " ".join(caught.value.messages)
    assert "Ingenting är inläst" in text and "Rosett" in text
    assert list(Overlay.objects.values_list("name", flat=True)) == ["Norra Berga"]


@pytest.mark.django_db
def test_the_cli_imports_an_overlay_and_dry_run_saves_nothing(kalmar, tmp_path):
    path = tmp_path / "deso.geojson"
    path.write_bytes(_deso_file())
    out = StringIO()
    call_command(
        "importareas",
        str(path),
        kommun="0880",
        overlay="deso",
        dry_run=True,
        stdout=out,
    )
    assert "2 områden inlästa" in out.getvalue()
    assert "provkörning" in out.getvalue()
    assert not Overlay.objects.exists()
    call_command("importareas", str(path), kommun="0880", overlay="deso", stdout=out)
    assert Overlay.objects.filter(kommun=kalmar, layer="deso").count() == 2
    with pytest.raises(CommandError):
        call_command("importareas", str(path), kommun="0880", overlay="stadsdel")


@pytest.mark.django_db
def test_the_staff_page_imports_a_layer_and_lists_it(client, kalmar, kommun_editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kommun_editor)
    url = reverse("places:overlays", kwargs={"code": "0880"})
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("utsatta.geojson", _utsatt_file(3006))
    response = client.post(url, {"layer": "utsatt", "file": upload})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Norra Berga" in page
    assert "utsatta.geojson" in page
    found = re.search(r'id="overlagringar-karta-config"[^>]*>(.*?)</script>', page)
    config = json.loads(found.group(1))
    assert config["overlays"][0]["layer"] == "utsatt"
    assert config["overlays"][0]["shown"] is True


@pytest.mark.django_db
def test_the_staff_page_refuses_a_bad_file_with_a_message(
    client, kalmar, kommun_editor
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(kommun_editor)
    url = reverse("places:overlays", kwargs={"code": "0880"})
    upload = SimpleUploadedFile("x.geojson", _utsatt_file(3006, Rosett=BOW_TIE_3006))
    response = client.post(url, {"layer": "utsatt", "file": upload})
    assert response.status_code == 400
    assert "Ingenting är inläst" in response.content.decode()
    assert not Overlay.objects.exists()


@pytest.mark.django_db
def test_only_the_kommuns_editors_may_import_overlays(
    client, kalmar, other_kommun_editor
):
    client.force_login(other_kommun_editor)
    url = reverse("places:overlays", kwargs={"code": "0880"})
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_layers_for_the_maps_carry_features_names_and_colours(kalmar):
    boundaries = boundary_file_read(kommun=kalmar, data=_deso_file())
    overlay_import(kommun=kalmar, layer=OverlayLayer.DESO, boundaries=boundaries)
    (layer,) = overlay_layers(kommun=kalmar)
    assert layer["layer"] == "deso"
    assert layer["names"] == ["0880C1010", "0880C1020"]
    assert len(layer["features"]) == 2
    assert layer["colour"].startswith("#")


def _config(page: str, config_id: str) -> dict:
    found = re.search(rf'id="{config_id}"[^>]*>(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, config_id",
    [
        ("/personal/lagesbild/0880/karta/", "lagesbild-karta-config"),
        ("/personal/lagesbild/0880/brannpunkter/", "brannpunkter-karta-config"),
    ],
)
def test_the_lagesbild_and_hot_spot_maps_offer_the_layers_and_list_them(
    client, kalmar, kommun_viewer, url, config_id
):
    from medborgarloften.places.services import area_create

    area_create(
        kommun=kalmar,
        name="Berga",
        geometry=json.loads(
            json.dumps(
                _reproject(
                    box(581_000, 6_283_000, 582_500, 6_284_200), 3006, 4326
                ).__geo_interface__
            )
        ),
    )
    boundaries = boundary_file_read(kommun=kalmar, data=_utsatt_file())
    overlay_import(kommun=kalmar, layer=OverlayLayer.UTSATT, boundaries=boundaries)
    client.force_login(kommun_viewer)
    page = client.get(url).content.decode()
    config = _config(page, config_id)
    (layer,) = config["overlays"]
    assert layer["label"] == "Utsatta områden (Polisen)"
    assert layer["features"][0]["properties"]["name"] == "Norra Berga"
    assert not layer.get("shown")  # off until chosen in the layer control
    # The text alternative under the map names the layer and its areas.
    assert "Överlagringar som kan visas på kartan" in page
    assert "Norra Berga" in page.split(f'id="{config_id}"')[0]
