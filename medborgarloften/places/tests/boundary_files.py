"""Boundary files made here, in the formats kommuner send: GeoJSON (RFC 7946 and with
an EPSG:3006 ``crs``), a GeoPackage written with sqlite3 and the standard's geometry
header, and a zipped Shapefile with its .prj, written with pyshp."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import shapefile
import shapely
from pyproj import CRS
from pyproj.enums import WktVersion
from shapely.geometry import box, mapping

from medborgarloften.places.boundaries import reproject

#: Two districts in central Kalmar, in SWEREF 99 TM (metres): about 1.5 × 1 km each.
KALMAR_DISTRICTS_3006 = {
    "Kvarnholmen": box(583_000, 6_280_500, 584_500, 6_281_500),
    "Berga": box(581_000, 6_283_000, 582_500, 6_284_200),
}

#: A bow-tie: the ring crosses itself in the middle.
BOW_TIE_3006 = shapely.Polygon(
    [
        (583_000, 6_280_500),
        (584_000, 6_281_500),
        (584_000, 6_280_500),
        (583_000, 6_281_500),
    ]
)


def districts(crs: int = 3006, **extra: Any) -> dict[str, Any]:
    shapes = {**KALMAR_DISTRICTS_3006, **extra}
    return {name: reproject(geom, 3006, crs) for name, geom in shapes.items()}


def geojson_bytes(
    shapes: dict[str, Any], *, crs: int | None = None, field: str = "namn"
) -> bytes:
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {field: name, "id": i},
                "geometry": mapping(geom),
            }
            for i, (name, geom) in enumerate(shapes.items())
        ],
    }
    if crs is not None:
        collection["crs"] = {
            "type": "name",
            "properties": {"name": f"urn:ogc:def:crs:EPSG::{crs}"},
        }
    return json.dumps(collection).encode()


def _gpkg_blob(geom: Any, srs_id: int) -> bytes:
    # Header: 'GP', version 0, flags (little-endian, envelope [minx, maxx, miny, maxy]).
    flags = 0b0000_0011
    minx, miny, maxx, maxy = geom.bounds
    header = b"GP" + bytes([0, flags]) + struct.pack("<i", srs_id)
    envelope = struct.pack("<4d", minx, maxx, miny, maxy)
    return header + envelope + shapely.to_wkb(geom, byte_order=1)


def geopackage_bytes(shapes: dict[str, Any], *, crs: int) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "omraden.gpkg"
        db = sqlite3.connect(path)
        db.execute("PRAGMA application_id = 1196444487")
        db.executescript(
            """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER
              PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER
              NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT
              NOT NULL, identifier TEXT, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name
              TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
              z TINYINT NOT NULL, m TINYINT NOT NULL);
            CREATE TABLE stadsdelar (fid INTEGER PRIMARY KEY, geom BLOB,
              STADSDEL TEXT, invanare INTEGER);
            """
        )
        db.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, ?, '')",
            (CRS.from_epsg(crs).name, crs, crs, CRS.from_epsg(crs).to_wkt()),
        )
        db.execute(
            "INSERT INTO gpkg_contents VALUES ('stadsdelar', 'features', 'stadsdelar', ?)",
            (crs,),
        )
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES "
            "('stadsdelar', 'geom', 'POLYGON', ?, 0, 0)",
            (crs,),
        )
        for i, (name, geom) in enumerate(shapes.items(), start=1):
            db.execute(
                "INSERT INTO stadsdelar VALUES (?, ?, ?, ?)",
                (i, _gpkg_blob(geom, crs), name, 1000 * i),
            )
        db.commit()
        db.close()
        return path.read_bytes()


def shapefile_zip_bytes(
    shapes: dict[str, Any], *, crs: int | None, encoding: str = "cp1252"
) -> bytes:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(
        shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding
    )
    writer.field("NAMN", "C", size=60)
    writer.field("DESOKOD", "C", size=12)
    for name, geom in shapes.items():
        writer.shape(mapping(geom))
        writer.record(name, "")
    writer.close()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("omraden/omraden.shp", shp.getvalue())
        archive.writestr("omraden/omraden.shx", shx.getvalue())
        archive.writestr("omraden/omraden.dbf", dbf.getvalue())
        archive.writestr(
            "omraden/omraden.cpg", "1252" if encoding == "cp1252" else "UTF-8"
        )
        if crs is not None:
            archive.writestr(
                "omraden/omraden.prj",
                CRS.from_epsg(crs).to_wkt(WktVersion.WKT1_ESRI),
            )
    return out.getvalue()
