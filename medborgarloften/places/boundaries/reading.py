"""Validation, simplification and the result: ``read_boundaries``."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from .base import (
    CODE_FIELDS,
    DECIMALS,
    GEOGRAPHIC,
    MAX_FEATURES,
    MAX_VERTICES,
    NAME_FIELDS,
    OUTSIDE_TOLERANCE_METRES,
    SIMPLIFY_METRES,
    SWEREF99_TM,
    WGS84,
    BoundaryError,
    BoundaryFeature,
    BoundaryFile,
)
from .crs import (
    _looks_like_degrees,
    guess_crs,
    parse_crs,
    reproject,
)
from .readers import (
    read_geojson,
    read_geopackage,
    read_shapefile_zip,
)

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
