"""Area boundaries from GeoJSON, GeoPackage, zipped Shapefile and a WFS, in SWEREF 99
and WGS 84: reprojected, validated, matched by name and alias, all or nothing."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from io import StringIO

import pytest
import shapely
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from shapely.geometry import box, shape

from medborgarloften.places.boundaries import BoundaryError, read_boundaries
from medborgarloften.places.models import Area, AreaKind
from medborgarloften.places.outlines import kommun_outline
from medborgarloften.places.selectors import (
    areas_geojson,
    boundary_file_read,
    boundary_wfs_read,
)
from medborgarloften.places.services import area_boundaries_import

from .boundary_files import (
    BOW_TIE_3006,
    districts,
    geojson_bytes,
    geopackage_bytes,
    shapefile_zip_bytes,
)

KALMAR_CENTRE = (16.36, 56.66)  # lon, lat


def _inside_kalmar(geometry) -> bool:
    outline = shape(kommun_outline("0880"))
    return outline.buffer(0.01).contains(shape(geometry))


def _near_kalmar_centre(geometry) -> bool:
    centre = shape(geometry).centroid
    return (
        abs(centre.x - KALMAR_CENTRE[0]) < 0.1
        and abs(centre.y - KALMAR_CENTRE[1]) < 0.1
    )


FILES = {
    "geojson-3006": lambda: geojson_bytes(districts(3006), crs=3006),
    "geojson-wgs84": lambda: geojson_bytes(districts(4326)),
    "geopackage-3006": lambda: geopackage_bytes(districts(3006), crs=3006),
    "geopackage-wgs84": lambda: geopackage_bytes(districts(4326), crs=4326),
    "geopackage-zone-3010": lambda: geopackage_bytes(districts(3010), crs=3010),
    "shapefile-3006": lambda: shapefile_zip_bytes(districts(3006), crs=3006),
    "shapefile-wgs84": lambda: shapefile_zip_bytes(districts(4326), crs=4326),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FILES)
def test_it_imports_each_format_into_wgs84_inside_the_kommun(kalmar, kind):
    boundaries = boundary_file_read(kommun=kalmar, data=FILES[kind]())
    assert [f.problem for f in boundaries.features] == ["", ""]
    summary = area_boundaries_import(kommun=kalmar, boundaries=boundaries)
    assert sorted(summary.created) == ["Berga", "Kvarnholmen"]
    kvarnholmen = Area.objects.get(kommun=kalmar, name="Kvarnholmen")
    assert kvarnholmen.geometry["type"] == "Polygon"
    assert _inside_kalmar(kvarnholmen.geometry)
    assert _near_kalmar_centre(kvarnholmen.geometry)
    # 1.5 km × 1 km in SWEREF 99 TM stays that size whatever the file's system.
    assert boundaries.features[0].area_km2 == pytest.approx(1.5, rel=0.01)


@pytest.mark.django_db
def test_it_puts_the_same_area_in_the_same_place_from_every_system(kalmar):
    shapes = [
        shape(boundary_file_read(kommun=kalmar, data=make()).features[0].geometry)
        for make in FILES.values()
    ]
    for other in shapes[1:]:
        assert shapes[0].symmetric_difference(other).area < 1e-8


@pytest.mark.django_db
def test_it_recognises_sweref_99_tm_and_a_local_zone_the_file_does_not_name(kalmar):
    tm = boundary_file_read(kommun=kalmar, data=geojson_bytes(districts(3006)))
    assert (tm.crs, tm.crs_source) == (3006, "igenkänd")
    zone = boundary_file_read(
        kommun=kalmar, data=shapefile_zip_bytes(districts(3010), crs=None)
    )
    assert (zone.crs, zone.crs_source) == (3010, "igenkänd")
    assert _near_kalmar_centre(zone.features[0].geometry)


@pytest.mark.django_db
def test_it_matches_existing_areas_by_name_and_alias_and_keeps_them(kalmar):
    berga = Area.objects.create(
        kommun=kalmar, name="Berga/Funkabo", aliases=["Berga"], kind=AreaKind.STADSDEL
    )
    kvarnholmen = Area.objects.create(kommun=kalmar, name="KVARNHOLMEN")
    boundaries = boundary_file_read(
        kommun=kalmar, data=geopackage_bytes(districts(3006), crs=3006)
    )
    summary = area_boundaries_import(kommun=kalmar, boundaries=boundaries)
    assert summary.created == []
    assert sorted(summary.updated) == ["Berga/Funkabo", "KVARNHOLMEN"]
    berga.refresh_from_db()
    kvarnholmen.refresh_from_db()
    assert berga.geometry["type"] == "Polygon" and berga.version == 2
    assert berga.kind == AreaKind.STADSDEL and berga.aliases == ["Berga"]
    assert kvarnholmen.geometry is not None
    assert Area.objects.filter(kommun=kalmar).count() == 2
    again = area_boundaries_import(kommun=kalmar, boundaries=boundaries)
    assert sorted(again.unchanged) == ["Berga/Funkabo", "KVARNHOLMEN"]


@pytest.mark.django_db
def test_it_creates_nothing_new_when_asked_to_update_only(kalmar):
    Area.objects.create(kommun=kalmar, name="Berga")
    boundaries = boundary_file_read(kommun=kalmar, data=geojson_bytes(districts(4326)))
    summary = area_boundaries_import(
        kommun=kalmar, boundaries=boundaries, create_missing=False
    )
    assert summary.updated == ["Berga"] and summary.skipped == ["Kvarnholmen"]
    assert not Area.objects.filter(name="Kvarnholmen").exists()


@pytest.mark.django_db
def test_it_refuses_a_self_intersecting_polygon_and_saves_nothing(kalmar):
    data = geojson_bytes(districts(3006, Fluttershy=BOW_TIE_3006), crs=3006)
    boundaries = boundary_file_read(kommun=kalmar, data=data)
    bad = boundaries.problems
    assert [f.name for f in bad] == ["Fluttershy"]
    assert "korsar sig själv" in bad[0].problem
    assert "intersects itself" in bad[0].problem
    assert "56.6" in bad[0].problem  # where, in degrees the user can look up
    with pytest.raises(ValidationError) as excinfo:
        area_boundaries_import(kommun=kalmar, boundaries=boundaries)
    text = " ".join(excinfo.value.messages)
    assert "Ingenting är inläst" in text and "Rad 3 (Fluttershy)" in text
    assert not Area.objects.filter(kommun=kalmar).exists()


@pytest.mark.django_db
def test_it_refuses_areas_outside_the_kommun(kalmar):
    # SWEREF 99 TM coordinates declared as a local zone land kilometres away.
    data = geojson_bytes(districts(3006), crs=3015)
    boundaries = boundary_file_read(kommun=kalmar, data=data)
    assert all("utanför kommunen" in f.problem for f in boundaries.features)


def test_it_refuses_points_lines_and_a_file_without_names():
    lines = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"namn": "Gatan"},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[16.3, 56.6], [16.4, 56.7]],
                },
            },
        ],
    }
    result = read_boundaries(json.dumps(lines).encode())
    assert "inte en yta" in result.features[0].problem
    unnamed = geojson_bytes(districts(4326), field="objekt_id_x")
    with pytest.raises(BoundaryError, match="namnfältet"):
        read_boundaries(unnamed)
    assert read_boundaries(unnamed, name_field="objekt_id_x").features[0].name


def test_it_refuses_an_unsupported_coordinate_system_and_garbage():
    with pytest.raises(BoundaryError, match="EPSG:3857 stöds inte"):
        read_boundaries(geojson_bytes(districts(4326)), crs="EPSG:3857")
    with pytest.raises(BoundaryError, match="varken GeoJSON"):
        read_boundaries(b"\x00\x01 not a map")
    with pytest.raises(BoundaryError, match="ingen .shp"):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hej")
        read_boundaries(buffer.getvalue())


def test_it_simplifies_in_metres_and_rounds_to_a_tenth_of_a_metre():
    # A square with 400 extra vertices less than a metre off its edges.
    import math

    ring = [
        (583_000 + 1500 * i / 400, 6_280_500 + 0.3 * math.sin(i)) for i in range(401)
    ] + [(584_500, 6_281_500), (583_000, 6_281_500), (583_000, 6_280_500)]
    result = read_boundaries(
        geojson_bytes({"Kvarnholmen": shapely.Polygon(ring)}, crs=3006)
    )
    feature = result.features[0]
    assert feature.vertices < 10
    for x, y in feature.geometry["coordinates"][0]:
        assert round(x, 6) == x and round(y, 6) == y


# --- WFS, served locally ---------------------------------------------------------------


def _free_port() -> int:
    for port in range(8760, 8800):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 8760–8799 for the local WFS")


@pytest.fixture
def wfs_server():
    """A WFS that answers GetFeature in GeoJSON (EPSG:3006, as GeoServer does)."""
    seen: list[str] = []
    body = geojson_bytes(districts(3006), crs=3006, field="stadsdel")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            seen.append(self.path)
            if "outputFormat=application%2Fjson" not in self.path:
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.end_headers()
                self.wfile.write(b"<wfs:FeatureCollection/>")
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/geoserver/wfs", seen
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_it_imports_from_a_wfs_asking_for_geojson(kalmar, wfs_server):
    url, seen = wfs_server
    boundaries = boundary_wfs_read(
        kommun=kalmar, url=f"{url}?typeNames=kalmar:stadsdelar", allow_private=True
    )
    assert "request=GetFeature" in seen[0] and "typeNames=kalmar" in seen[0]
    assert boundaries.format == "WFS" and boundaries.crs == 3006
    summary = area_boundaries_import(kommun=kalmar, boundaries=boundaries)
    assert sorted(summary.created) == ["Berga", "Kvarnholmen"]


@pytest.mark.django_db
def test_it_does_not_reach_a_private_address_unless_the_installation_allows(
    kalmar, wfs_server
):
    url, seen = wfs_server
    with pytest.raises(BoundaryError, match="WFS"):
        boundary_wfs_read(kommun=kalmar, url=f"{url}?typeNames=x:y")
    assert seen == []
    with pytest.raises(BoundaryError, match="typeNames"):
        boundary_wfs_read(kommun=kalmar, url=url, allow_private=True)


# --- the commands ----------------------------------------------------------------------


@pytest.mark.django_db
def test_exportareas_of_an_epsg_3006_import_gives_wgs84_inside_the_kommun(
    kalmar, tmp_path
):
    path = tmp_path / "stadsdelar.zip"
    path.write_bytes(shapefile_zip_bytes(districts(3006), crs=3006))
    out = StringIO()
    call_command("importareas", str(path), kommun="0880", stdout=out)
    assert "2 nya områden" in out.getvalue()
    assert Area.objects.get(name="Berga").geometry_source.startswith(
        "stadsdelar.zip (Shapefile (zip), SWEREF 99 TM (EPSG:3006))"
    )
    assert "SWEREF 99 TM (EPSG:3006)" in out.getvalue()
    exported = StringIO()
    call_command("exportareas", kommun="0880", stdout=exported)
    collection = json.loads(exported.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["namn"] for f in collection["features"]] == [
        "Berga",
        "Kvarnholmen",
    ]
    for feature in collection["features"]:
        for lon, lat in feature["geometry"]["coordinates"][0]:
            assert 16.0 < lon < 16.6 and 56.5 < lat < 56.9
        assert _inside_kalmar(feature["geometry"])
    assert collection == areas_geojson(kommun=kalmar)


@pytest.mark.django_db
def test_importareas_dry_run_saves_nothing_and_invalid_files_fail(kalmar, tmp_path):
    path = tmp_path / "omraden.geojson"
    path.write_bytes(geojson_bytes(districts(4326)))
    out = StringIO()
    call_command("importareas", str(path), kommun="0880", dry_run=True, stdout=out)
    assert "provkörning" in out.getvalue()
    assert not Area.objects.exists()
    path.write_bytes(geojson_bytes({"Trasig": BOW_TIE_3006}, crs=3006))
    with pytest.raises(CommandError, match="korsar sig själv"):
        call_command("importareas", str(path), kommun="0880", stdout=out)
    with pytest.raises(CommandError, match="Okänd kommunkod"):
        call_command("importareas", str(path), kommun="9999", stdout=out)


@pytest.mark.django_db
def test_it_ignores_areas_of_other_kommuner_in_the_export(kalmar, nybro):
    Area.objects.create(
        kommun=nybro,
        name="Centrum",
        geometry=shapely.geometry.mapping(box(15.9, 56.7, 15.91, 56.71)),
    )
    assert areas_geojson(kommun=kalmar)["features"] == []


# --- the staff page ----------------------------------------------------------------------


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.django_db
def test_the_staff_page_previews_then_imports_on_confirmation(
    client, kommun_editor, kalmar
):
    from django.urls import reverse

    Area.objects.create(kommun=kalmar, name="Berga")
    client.force_login(kommun_editor)
    url = reverse("places:area_import", args=[kalmar.code])
    assert client.get(url).status_code == 200
    data = geopackage_bytes(districts(3006), crs=3006)
    response = client.post(
        url, {"file": _upload("stadsdelar.gpkg", data), "create_missing": "on"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "SWEREF 99 TM (EPSG:3006)" in page
    assert "<svg" in page and "area-ny" in page and "area-uppdateras" in page
    assert not Area.objects.get(name="Berga").geometry  # nothing saved yet
    confirm = response.context["confirm"]
    response = client.post(url, {**confirm.initial, "create_missing": "True"})
    assert response.status_code == 302
    berga = Area.objects.get(name="Berga")
    assert berga.geometry["type"] == "Polygon"
    assert berga.geometry_source.startswith(
        "stadsdelar.gpkg (GeoPackage, SWEREF 99 TM (EPSG:3006)), inläst "
    )
    assert _inside_kalmar(Area.objects.get(name="Kvarnholmen").geometry)
    export = client.get(reverse("places:area_export", args=[kalmar.code]))
    assert export["Content-Type"].startswith("application/geo+json")
    assert len(json.loads(export.content)["features"]) == 2


@pytest.mark.django_db
def test_the_staff_page_shows_why_a_geometry_is_refused_and_offers_no_import(
    client, kommun_editor, kalmar
):
    from django.urls import reverse

    client.force_login(kommun_editor)
    url = reverse("places:area_import", args=[kalmar.code])
    data = shapefile_zip_bytes({"Trasig": BOW_TIE_3006}, crs=3006)
    response = client.post(url, {"file": _upload("trasig.zip", data)})
    page = response.content.decode()
    assert "korsar sig själv" in page and "Trasig" in page
    assert "Läs in gränserna" not in page
    response = client.post(url, {"file": _upload("x.txt", b"hej")})
    assert response.status_code == 400
    assert "varken GeoJSON" in response.content.decode()
    assert not Area.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["kommun_viewer", "other_kommun_editor"])
def test_the_staff_page_is_for_the_kommuns_area_editors_only(
    client, request, persona, kalmar
):
    from django.urls import reverse

    client.force_login(request.getfixturevalue(persona))
    for name in ("places:area_import", "places:area_export"):
        assert client.get(reverse(name, args=[kalmar.code])).status_code == 403
