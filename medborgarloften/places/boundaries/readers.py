"""Readers for GeoJSON, GeoPackage and zipped Shapefiles: bytes to raw features."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import tempfile
import zipfile
from typing import Any

import shapefile
import shapely
from shapely.geometry import shape

from .base import (
    MAX_FEATURES,
    SUPPORTED_CRS,
    BoundaryError,
    _RawFeature,
)
from .crs import (
    _crs_from_wkt,
    parse_crs,
)

# --- Readers --------------------------------------------------------------------------


def _geometry_from_geojson(value: Any) -> tuple[Any, str]:
    if value is None:
        return None, "saknar geometri / has no geometry"
    try:
        return shape(value), ""
    except Exception as exc:  # shapely raises several kinds for bad GeoJSON
        return None, (
            f"geometrin går inte att läsa ({type(exc).__name__}) / the geometry "
            "cannot be read"
        )


def read_geojson(data: bytes) -> tuple[list[_RawFeature], int | None]:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BoundaryError(
            "Filen är varken GeoJSON, GeoPackage eller en zippad Shapefile / the file "
            "is neither GeoJSON, GeoPackage nor a zipped Shapefile"
        )
    if not isinstance(value, dict):
        raise BoundaryError("GeoJSON ska vara ett objekt / GeoJSON must be an object")
    declared = None
    crs = value.get("crs")
    if isinstance(crs, dict):
        name = (crs.get("properties") or {}).get("name")
        if name:
            declared = parse_crs(name)
    kind = value.get("type")
    if kind == "FeatureCollection":
        items = value.get("features")
        if not isinstance(items, list):
            raise BoundaryError(
                "FeatureCollection saknar 'features' / FeatureCollection has no "
                "'features'"
            )
    elif kind == "Feature":
        items = [value]
    elif kind in ("Polygon", "MultiPolygon"):
        items = [{"type": "Feature", "properties": {}, "geometry": value}]
    else:
        raise BoundaryError(
            f"GeoJSON av typen {str(kind)[:40]!r} innehåller inga områden; använd en "
            f"FeatureCollection med polygoner / GeoJSON of type {str(kind)[:40]!r} "
            "holds no areas; use a FeatureCollection of polygons"
        )
    features = []
    for item in items[: MAX_FEATURES + 1]:
        if not isinstance(item, dict):
            features.append(_RawFeature({}, None, "inte en Feature / not a Feature"))
            continue
        properties = item.get("properties")
        geometry, problem = _geometry_from_geojson(item.get("geometry"))
        features.append(
            _RawFeature(
                properties if isinstance(properties, dict) else {}, geometry, problem
            )
        )
    return features, declared


def _gpkg_wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (magic 'GP', version, flags, srs_id,
    optional envelope of 0, 32, 48, 48 or 64 bytes)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        return blob  # some writers store plain WKB
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0b111)
    if envelope is None:
        raise ValueError("invalid envelope indicator")
    return blob[8 + envelope :]


def read_geopackage(data: bytes) -> tuple[list[_RawFeature], int | None]:
    with tempfile.NamedTemporaryFile(suffix=".gpkg") as handle:
        handle.write(data)
        handle.flush()
        try:
            connection = sqlite3.connect(f"file:{handle.name}?mode=ro", uri=True)
        except sqlite3.Error:
            raise _not_geopackage()
        try:
            return _read_geopackage(connection)
        except sqlite3.Error:
            raise _not_geopackage()
        finally:
            connection.close()


def _not_geopackage() -> BoundaryError:
    return BoundaryError(
        "GeoPackage-filen kunde inte läsas (saknar gpkg_geometry_columns) / the "
        "GeoPackage could not be read (no gpkg_geometry_columns)"
    )


def _read_geopackage(
    connection: sqlite3.Connection,
) -> tuple[list[_RawFeature], int | None]:
    layers = connection.execute(
        "SELECT c.table_name, c.column_name, c.srs_id, s.organization, "
        "s.organization_coordsys_id, s.definition FROM gpkg_geometry_columns c "
        "LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = c.srs_id "
        "ORDER BY c.table_name"
    ).fetchall()
    if not layers:
        raise _not_geopackage()
    table, column, srs_id, organisation, org_id, definition = layers[0]
    declared: int | None = None
    if organisation and str(organisation).casefold() == "epsg" and org_id:
        declared = parse_crs(org_id)
    elif definition and str(definition).strip() not in ("", "undefined"):
        declared = _crs_from_wkt(str(definition))
    elif srs_id in SUPPORTED_CRS:
        declared = int(srs_id)

    def quoted(name: str) -> str:
        return '"' + str(name).replace('"', '""') + '"'

    cursor = connection.execute(
        f"SELECT * FROM {quoted(table)} LIMIT {MAX_FEATURES + 1}"  # noqa: S608
    )
    names = [d[0] for d in cursor.description]
    features = []
    for row in cursor:
        values = dict(zip(names, row, strict=True))
        blob = values.pop(column, None)
        properties = {
            k: v for k, v in values.items() if not isinstance(v, bytes | memoryview)
        }
        if blob is None:
            features.append(
                _RawFeature(properties, None, "saknar geometri / has no geometry")
            )
            continue
        try:
            geometry = shapely.from_wkb(_gpkg_wkb(bytes(blob)))
        except Exception:
            features.append(
                _RawFeature(
                    properties,
                    None,
                    "geometrin går inte att läsa / the geometry cannot be read",
                )
            )
            continue
        features.append(_RawFeature(properties, geometry))
    return features, declared


def read_shapefile_zip(data: bytes) -> tuple[list[_RawFeature], int | None]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BoundaryError("Zip-filen är trasig / the zip file is damaged")
    members = {
        name.rsplit("/", 1)[-1].casefold(): name
        for name in archive.namelist()
        if not name.endswith("/") and "__macosx" not in name.casefold()
    }
    shps = [m for m in members if m.endswith(".shp")]
    if not shps:
        raise BoundaryError(
            "Zip-filen innehåller ingen .shp-fil / the zip file holds no .shp file"
        )
    stem = sorted(shps)[0][:-4]

    def member(ext: str, limit: int = 200 * 1024 * 1024) -> bytes | None:
        name = members.get(stem + ext)
        if name is None:
            return None
        info = archive.getinfo(name)
        if info.file_size > limit:
            raise BoundaryError(f"{name} är för stor / {name} is too large")
        return archive.read(name)

    shp, shx, dbf = member(".shp"), member(".shx"), member(".dbf")
    if dbf is None:
        raise BoundaryError(
            "Shapefilen saknar sin .dbf-fil (namnen på områdena) / the Shapefile has "
            "no .dbf file (the areas' names)"
        )
    prj = member(".prj", 1024 * 1024)
    cpg = member(".cpg", 1024)
    declared = _crs_from_wkt(prj.decode("utf-8", "replace")) if prj else None
    encoding = "utf-8"
    if cpg:
        named = cpg.decode("ascii", "replace").strip().casefold()
        encoding = {"1252": "cp1252", "ansi 1252": "cp1252", "88591": "latin-1"}.get(
            named.replace("-", "").replace("iso", "").replace("_", ""), named
        )
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(shp or b""),
            shx=io.BytesIO(shx) if shx else None,
            dbf=io.BytesIO(dbf),
            encoding=encoding,
            encodingErrors="strict",
        )
        records = _shape_records(reader)
    except UnicodeDecodeError:
        reader = shapefile.Reader(
            shp=io.BytesIO(shp or b""),
            shx=io.BytesIO(shx) if shx else None,
            dbf=io.BytesIO(dbf),
            encoding="cp1252",
        )
        records = _shape_records(reader)
    except (shapefile.ShapefileException, struct.error, LookupError):
        raise BoundaryError(
            "Shapefilen kunde inte läsas / the Shapefile could not be read"
        )
    return records, declared


def _shape_records(reader: shapefile.Reader) -> list[_RawFeature]:
    features = []
    for number, record in enumerate(reader.iterShapeRecords()):
        if number > MAX_FEATURES:
            break
        properties = record.record.as_dict()
        geo = record.shape.__geo_interface__ if record.shape.shapeType else None
        geometry, problem = _geometry_from_geojson(geo)
        features.append(_RawFeature(properties, geometry, problem))
    return features
