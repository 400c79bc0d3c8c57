"""Read a kommun's area boundaries from GeoJSON, GeoPackage, a zipped Shapefile or a
WFS answer; reproject them to WGS 84, validate and simplify them.

Django-free: ``read_boundaries`` takes bytes and returns a ``BoundaryFile`` whose
features carry WGS 84 GeoJSON (what ``Area.geometry`` stores) or the reason a
feature cannot be used. Errors a user can cause are ``BoundaryError`` with a Swedish
and an English sentence.

- Coordinate systems: WGS 84 (EPSG:4326, also ETRS89/SWEREF 99 geographic), SWEREF 99
  TM (EPSG:3006) and the twelve SWEREF 99 local zones (EPSG:3007–3018). The system is
  taken from the file (GeoJSON ``crs``, the GeoPackage's ``gpkg_spatial_ref_sys``, the
  Shapefile's ``.prj``), else given by the caller, else recognised: degrees are WGS 84
  (RFC 7946) and metres are tried in each SWEREF 99 system against the kommun's
  boundary, so a file in the wrong zone is not silently placed in the sea.
- Validation and simplification with shapely (GEOS), in metres: a self-intersecting
  or otherwise invalid polygon is refused with GEOS's reason and where it is, never
  repaired behind the user's back; a valid one is simplified by ``SIMPLIFY_METRES``
  and its coordinates rounded to ``DECIMALS`` decimals (about 0.1 m).
- GeoPackage is read with sqlite3 and the geometry header of the GeoPackage standard
  (OGC 12-128r18, 2.1.3), Shapefiles with pyshp: no system GDAL is needed.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import struct
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import shapefile
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import shape
from shapely.validation import explain_validity

WGS84 = 4326
SWEREF99_TM = 3006
#: What the import accepts: EPSG code → name shown to the user.
SUPPORTED_CRS: dict[int, str] = {
    4326: "WGS 84",
    4258: "ETRS89",
    4619: "SWEREF 99 (geografisk)",
    3006: "SWEREF 99 TM",
    3007: "SWEREF 99 12 00",
    3008: "SWEREF 99 13 30",
    3009: "SWEREF 99 15 00",
    3010: "SWEREF 99 16 30",
    3011: "SWEREF 99 18 00",
    3012: "SWEREF 99 14 15",
    3013: "SWEREF 99 15 45",
    3014: "SWEREF 99 17 15",
    3015: "SWEREF 99 18 45",
    3016: "SWEREF 99 20 15",
    3017: "SWEREF 99 21 45",
    3018: "SWEREF 99 23 15",
}
GEOGRAPHIC = {4326, 4258, 4619}
PROJECTED = [code for code in SUPPORTED_CRS if code not in GEOGRAPHIC]

#: Simplification in metres: invisible on a district map, drops survey noise.
SIMPLIFY_METRES = 2.0
#: Decimals kept in WGS 84 (1e-6 degrees ≈ 0.1 m).
DECIMALS = 6
#: How far outside the kommun's (simplified) boundary an area may reach, in metres.
OUTSIDE_TOLERANCE_METRES = 1500.0
MAX_FEATURES = 2000
MAX_VERTICES = 500_000

#: Property names that hold an area's name or code, in order of preference
#: (compared casefolded, without diacritics).
NAME_FIELDS = (
    "namn",
    "name",
    "omradesnamn",
    "omrade",
    "stadsdel",
    "stadsdelsnamn",
    "distrikt",
    "distriktsnamn",
    "regsonamn",
    "regso",
    "desonamn",
    "label",
    "title",
)
CODE_FIELDS = ("desokod", "deso", "regsokod", "kod", "code")


class BoundaryError(ValueError):
    """A file or answer that cannot be read as area boundaries (message sv / en)."""


@dataclass
class BoundaryFeature:
    """One area in the file: its name, code, WGS 84 geometry, or why it is refused."""

    index: int
    name: str
    code: str = ""
    geometry: dict[str, Any] | None = None
    problem: str = ""
    vertices: int = 0
    area_km2: float = 0.0


@dataclass
class BoundaryFile:
    format: str
    crs: int
    crs_source: str  # "fil", "angiven", "igenkänd"
    features: list[BoundaryFeature] = field(default_factory=list)
    name_field: str = ""
    fields: list[str] = field(default_factory=list)
    #: The file's name or the WFS address, kept as the boundaries' source.
    source: str = ""

    @property
    def crs_label(self) -> str:
        return f"{SUPPORTED_CRS.get(self.crs, '?')} (EPSG:{self.crs})"

    @property
    def problems(self) -> list[BoundaryFeature]:
        return [f for f in self.features if f.problem]

    @property
    def usable(self) -> list[BoundaryFeature]:
        return [f for f in self.features if not f.problem]

    def as_geojson(self) -> dict[str, Any]:
        """The usable features as a WGS 84 FeatureCollection (RFC 7946)."""
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"namn": f.name, "kod": f.code},
                    "geometry": f.geometry,
                }
                for f in self.usable
            ],
        }


@dataclass
class _RawFeature:
    properties: dict[str, Any]
    geometry: Any  # shapely geometry in the source system, or None
    problem: str = ""


# --- Coordinate systems ---------------------------------------------------------------

_EPSG_IN_TEXT = re.compile(r"(?:EPSG|epsg)\D{0,12}?(\d{4,5})\s*$")


def parse_crs(value: Any) -> int:
    """An EPSG code from 3006, "EPSG:3006", an OGC URN/URL or CRS84; BoundaryError if
    it is not one of the supported systems."""
    text = str(value).strip()
    if text.upper().endswith("CRS84"):
        return WGS84
    if text.isdigit():
        code = int(text)
    else:
        match = _EPSG_IN_TEXT.search(text.rstrip("/"))
        if not match:
            raise BoundaryError(
                f"Okänt koordinatsystem {text[:80]!r}; ange t.ex. EPSG:3006 / unknown "
                f"coordinate system {text[:80]!r}; give e.g. EPSG:3006"
            )
        code = int(match.group(1))
    if code not in SUPPORTED_CRS:
        raise BoundaryError(
            f"Koordinatsystemet EPSG:{code} stöds inte; använd SWEREF 99 TM "
            f"(EPSG:3006), en SWEREF 99-zon (EPSG:3007–3018) eller WGS 84 "
            f"(EPSG:4326) / EPSG:{code} is not supported; use SWEREF 99 TM, a "
            f"SWEREF 99 local zone or WGS 84"
        )
    return code


def _crs_from_wkt(wkt: str) -> int:
    try:
        crs = CRS.from_wkt(wkt)
    except Exception:  # pyproj raises CRSError and friends
        raise BoundaryError(
            "Filens koordinatsystem (.prj) kunde inte läsas / the file's coordinate "
            "system (.prj) could not be read"
        )
    code = crs.to_epsg(min_confidence=70)
    if code is None:
        for candidate in SUPPORTED_CRS:
            if crs.equals(CRS.from_epsg(candidate), ignore_axis_order=True):
                return candidate
        raise BoundaryError(
            f"Koordinatsystemet {crs.name!r} stöds inte; använd SWEREF 99 TM "
            f"(EPSG:3006), en SWEREF 99-zon eller WGS 84 / the coordinate system "
            f"{crs.name!r} is not supported"
        )
    return parse_crs(code)


@cache
def _transformer(source: int, target: int) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def reproject(geometry: Any, source: int, target: int) -> Any:
    """The shapely geometry in ``target`` (x = easting or longitude)."""
    if source == target or (source in GEOGRAPHIC and target in GEOGRAPHIC):
        return geometry
    transformer = _transformer(source, target)

    def move(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, move)


def _looks_like_degrees(geometries: list[Any]) -> bool:
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def guess_crs(geometries: list[Any], outline: Any | None) -> int:
    """The system the coordinates are in when the file does not say: degrees are WGS
    84; for metres, the SWEREF 99 system that puts the areas inside the kommun."""
    if _looks_like_degrees(geometries):
        return WGS84
    centre = shapely.centroid(shapely.union_all(shapely.envelope(geometries)))
    if outline is not None:
        best: tuple[float, int] | None = None
        for code in PROJECTED:
            point = reproject(centre, code, WGS84)
            if not np.isfinite(point.x):
                continue
            distance = outline.distance(point)
            if best is None or distance < best[0]:
                best = (distance, code)
        if best is not None and best[0] < 0.05:  # degrees: about 3–5 km
            return best[1]
    elif 200_000 <= centre.x <= 1_000_000 and 6_000_000 <= centre.y <= 7_800_000:
        return SWEREF99_TM
    raise BoundaryError(
        "Filen säger inte vilket koordinatsystem den har och koordinaterna passar "
        "inte i kommunen i något av SWEREF 99-systemen; ange systemet, t.ex. "
        "EPSG:3006 / the file does not name its coordinate system and its "
        "coordinates fit the kommun in no SWEREF 99 system; give it, e.g. EPSG:3006"
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


# --- Validation and the result --------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pick_field(fields: Iterable[str], wanted: tuple[str, ...]) -> str:
    by_folded = {_fold(f).replace("_", "").replace(" ", ""): f for f in fields}
    for name in wanted:
        if name in by_folded:
            return by_folded[name]
    return ""


def _invalid_reason(geometry: Any, crs: int) -> str:
    reason = explain_validity(geometry)
    where = re.search(r"\[([-\d.e+]+) ([-\d.e+]+)\]", reason)
    place = ""
    if where:
        point = reproject(
            shapely.Point(float(where.group(1)), float(where.group(2))), crs, WGS84
        )
        place = f" vid / at {point.y:.5f} N, {point.x:.5f} E"
    if "self-intersection" in reason.casefold():
        return (
            f"polygonen korsar sig själv{place}; rätta den i ert GIS-program / the "
            "polygon intersects itself; correct it in your GIS"
        )
    if "too few points" in reason.casefold():
        return "en ring har för få punkter / a ring has too few points"
    return (
        f"ogiltig geometri ({reason.split('[')[0].strip()}){place} / invalid geometry"
    )


def _vertex_count(geometry: Any) -> int:
    return int(shapely.get_num_coordinates(geometry))


def read_boundaries(
    data: bytes,
    *,
    filename: str = "",
    crs: int | str | None = None,
    name_field: str = "",
    outline: dict[str, Any] | None = None,
    source_format: str = "",
) -> BoundaryFile:
    """The areas in a GeoJSON, GeoPackage or zipped Shapefile, in WGS 84.

    ``crs`` overrides what the file says; ``outline`` (the kommun's boundary in WGS
    84) recognises an undeclared SWEREF 99 system and refuses areas outside it;
    ``name_field`` names the property holding each area's name.
    """
    if data[:16] == b"SQLite format 3\x00":
        fmt, (raw, declared) = "GeoPackage", read_geopackage(data)
    elif data[:4] == b"PK\x03\x04":
        fmt, (raw, declared) = "Shapefile (zip)", read_shapefile_zip(data)
    else:
        fmt, (raw, declared) = "GeoJSON", read_geojson(data)
    fmt = source_format or fmt
    if not raw:
        raise BoundaryError("Filen innehåller inga områden / the file holds no areas")
    if len(raw) > MAX_FEATURES:
        raise BoundaryError(
            f"Filen har fler än {MAX_FEATURES} områden / the file has more than "
            f"{MAX_FEATURES} areas"
        )
    fields: list[str] = list(dict.fromkeys(k for f in raw for k in f.properties))
    if name_field:
        if name_field not in fields:
            raise BoundaryError(
                f"Fältet {name_field!r} finns inte; filen har {', '.join(fields) or '–'}"
                f" / the field {name_field!r} does not exist"
            )
        chosen = name_field
    else:
        chosen = _pick_field(fields, NAME_FIELDS) or _pick_field(fields, CODE_FIELDS)
    if not chosen:
        raise BoundaryError(
            "Hittar inget fält med områdenas namn (t.ex. namn eller name); filen har "
            f"{', '.join(fields[:20]) or 'inga fält'}. Ange namnfältet / no field with "
            "the areas' names (e.g. namn or name); give the name field"
        )
    code_field = _pick_field(fields, CODE_FIELDS)
    outline_shape = shape(outline) if outline else None
    geometries = [f.geometry for f in raw if f.geometry is not None]
    if not geometries:
        raise BoundaryError(
            "Inget område i filen har en geometri / no area in the file has a geometry"
        )
    if crs not in (None, ""):
        source, how = parse_crs(crs), "angiven"
    elif declared is not None:
        source, how = declared, "fil"
    else:
        source, how = guess_crs(geometries, outline_shape), "igenkänd"
    vertices = sum(_vertex_count(g) for g in geometries)
    if vertices > MAX_VERTICES:
        raise BoundaryError(
            f"Filen har {vertices} punkter, fler än {MAX_VERTICES}; förenkla den "
            f"först / the file has more than {MAX_VERTICES} vertices"
        )
    result = BoundaryFile(
        format=fmt,
        crs=source,
        crs_source=how,
        name_field=chosen,
        fields=fields,
        source=filename,
    )
    for index, item in enumerate(raw, start=1):
        name = " ".join(str(item.properties.get(chosen) or "").split())
        code = " ".join(str(item.properties.get(code_field) or "").split())
        feature = BoundaryFeature(index=index, name=name, code=code)
        result.features.append(feature)
        feature.problem = item.problem or _check(item.geometry, name, source)
        if feature.problem:
            continue
        metric = reproject(item.geometry, source, SWEREF99_TM)
        simple = shapely.simplify(metric, SIMPLIFY_METRES, preserve_topology=True)
        wgs84 = shapely.set_precision(
            reproject(simple, SWEREF99_TM, WGS84), 10**-DECIMALS
        )
        if wgs84.is_empty or not wgs84.is_valid:
            feature.problem = (
                "blir tom eller ogiltig när den förenklas / becomes empty or invalid "
                "when simplified"
            )
            continue
        if outline_shape is not None:
            outside = reproject(
                shapely.difference(wgs84, outline_shape), WGS84, SWEREF99_TM
            )
            if wgs84.representative_point().distance(outline_shape) > 0 and (
                outside.area > 0.5 * metric.area
                or shapely.distance(
                    reproject(wgs84.representative_point(), WGS84, SWEREF99_TM),
                    reproject(outline_shape, WGS84, SWEREF99_TM),
                )
                > OUTSIDE_TOLERANCE_METRES
            ):
                feature.problem = (
                    f"ligger utanför kommunen (koordinatsystem {result.crs_label}; "
                    "stämmer det?) / lies outside the kommun (is the coordinate "
                    "system right?)"
                )
                continue
        feature.geometry = json.loads(shapely.to_geojson(wgs84))
        feature.vertices = _vertex_count(wgs84)
        feature.area_km2 = round(metric.area / 1e6, 3)
    return result


def _check(geometry: Any, name: str, crs: int) -> str:
    if not name:
        return "saknar namn / has no name"
    if geometry is None or geometry.is_empty:
        return "saknar geometri / has no geometry"
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return (
            f"är en {geometry.geom_type}, inte en yta (Polygon eller MultiPolygon) / "
            f"is a {geometry.geom_type}, not an area"
        )
    if crs in GEOGRAPHIC and not _looks_like_degrees([geometry]):
        return (
            "har koordinater utanför WGS 84:s gradintervall / has coordinates outside "
            "WGS 84's range of degrees"
        )
    if not geometry.is_valid:
        return _invalid_reason(geometry, crs)
    return ""


# --- WFS ------------------------------------------------------------------------------

#: What a WFS may answer: GeoJSON under its several media types.
WFS_TYPES = (
    "application/json",
    "application/geo+json",
    "application/vnd.geo+json",
    "text/json",
)
WFS_ACCEPT = "application/geo+json, application/json;q=0.9"


def wfs_request_url(url: str) -> str:
    """A WFS GetFeature address that asks for GeoJSON: the parameters a kommun's
    service needs are added when the given address lacks them (names compared
    without regard to case, as WFS does); a typeNames parameter must be given."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = parse_qsl(parts.query, keep_blank_values=True)
    have = {k.casefold() for k, _ in query}
    if not ({"typename", "typenames"} & have):
        raise BoundaryError(
            "WFS-adressen saknar typeNames (vilket lager som ska hämtas), t.ex. "
            "…?typeNames=kommun:stadsdelar / the WFS address lacks typeNames (the "
            "layer to fetch)"
        )
    defaults = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "outputformat": "application/json",
    }
    for key, value in defaults.items():
        if key not in have:
            query.append(("outputFormat" if key == "outputformat" else key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


# --- A preview without JavaScript -----------------------------------------------------


@dataclass
class PreviewShape:
    name: str
    path: str
    kind: str  # "ny", "uppdateras", … or "befintlig" for the kommun's other areas


@dataclass
class Preview:
    width: int
    height: int
    shapes: list[PreviewShape]
    outline: str = ""


def preview(
    items: list[tuple[str, dict[str, Any], str]],
    *,
    outline: dict[str, Any] | None = None,
    width: int = 600,
) -> Preview | None:
    """SVG paths for (name, WGS 84 geometry, kind) items, fitted to their extent
    (equirectangular, scaled by the cosine of the middle latitude)."""
    geometries = [shape(g) for _, g, _ in items if g]
    if not geometries:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(geometries)
    k = float(np.cos(np.radians((miny + maxy) / 2)))
    span_x, span_y = max((maxx - minx) * k, 1e-9), max(maxy - miny, 1e-9)
    scale = (width - 20) / span_x
    height = min(int(span_y * scale + 20), 2 * width)
    scale = min(scale, (height - 20) / span_y)

    def path(geometry: Any) -> str:
        parts = []
        polygons = getattr(geometry, "geoms", [geometry])
        for polygon in polygons:
            if polygon.geom_type != "Polygon":
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                points = [
                    f"{10 + (x - minx) * k * scale:.1f},{10 + (maxy - y) * scale:.1f}"
                    for x, y in ring.coords
                ]
                parts.append("M" + " L".join(points) + " Z")
        return " ".join(parts)

    shapes = [
        PreviewShape(name=name, path=path(shape(g)), kind=kind)
        for name, g, kind in items
        if g
    ]
    clipped = ""
    if outline:
        box_ = shapely.box(minx, miny, maxx, maxy).buffer(max(maxx - minx, maxy - miny))
        clipped = path(shapely.intersection(shape(outline), box_))
    return Preview(width=width, height=height, shapes=shapes, outline=clipped)
