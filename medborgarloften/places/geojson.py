"""A small structural check of GeoJSON (RFC 7946), enough to refuse what a map cannot draw.

Django-free and pure: ``geojson_problem`` returns a Swedish sentence describing the
first problem found, or ``None`` when the object is valid GeoJSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
TYPES = (*GEOMETRY_TYPES, "Feature", "FeatureCollection")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and 2 <= len(value) <= 3
        and all(_is_number(v) for v in value)
    )


def _positions(value: Any, minimum: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= minimum
        and all(_position(p) for p in value)
    )


def _ring(value: Any) -> bool:
    return _positions(value, 4) and value[0] == value[-1]


def _polygon(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 1 and all(_ring(r) for r in value)


_COORDINATE_CHECKS = {
    "Point": (_position, "en position [längdgrad, breddgrad]"),
    "MultiPoint": (lambda c: _positions(c, 1), "en lista med positioner"),
    "LineString": (lambda c: _positions(c, 2), "minst två positioner"),
    "MultiLineString": (
        lambda c: isinstance(c, list) and all(_positions(x, 2) for x in c),
        "en lista med linjer om minst två positioner",
    ),
    "Polygon": (
        _polygon,
        "slutna ringar om minst fyra positioner där första och sista är lika",
    ),
    "MultiPolygon": (
        lambda c: isinstance(c, list) and len(c) >= 1 and all(_polygon(p) for p in c),
        "en lista med polygoner av slutna ringar",
    ),
}


def _members_problem(
    value: dict[str, Any],
    key: str,
    missing: str,
    problem: Callable[[Any], str | None],
) -> str | None:
    """A collection's first problem: ``missing`` when ``value[key]`` is no list,
    else the first ``problem`` of its members, in order."""
    members = value.get(key)
    if not isinstance(members, list):
        return missing
    return next((p for p in map(problem, members) if p), None)


def _feature_problem(value: Any) -> str | None:
    if not isinstance(value, dict) or value.get("type") != "Feature":
        return "varje del av 'features' ska vara en Feature"
    return geojson_problem(value)


def _geometry_problem(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "en geometri ska vara ett JSON-objekt"
    kind = value.get("type")
    if kind not in GEOMETRY_TYPES:
        return f"okänd geometrityp {kind!r}"
    if kind == "GeometryCollection":
        return _members_problem(
            value,
            "geometries",
            "GeometryCollection saknar listan 'geometries'",
            _geometry_problem,
        )
    check, expected = _COORDINATE_CHECKS[kind]
    if "coordinates" not in value:
        return f"{kind} saknar 'coordinates'"
    if not check(value["coordinates"]):
        return f"'coordinates' för {kind} ska vara {expected}"
    return None


def geojson_problem(value: Any) -> str | None:
    """The first reason ``value`` is not a GeoJSON object, or None if it is one."""
    if not isinstance(value, dict):
        return "GeoJSON ska vara ett JSON-objekt med nyckeln 'type'"
    kind = value.get("type")
    if kind not in TYPES:
        return f"okänd GeoJSON-typ {kind!r}; använd t.ex. Polygon, MultiPolygon eller Feature"
    if kind == "Feature":
        geometry = value.get("geometry", "saknas")
        if geometry == "saknas":
            return "Feature saknar 'geometry'"
        return None if geometry is None else _geometry_problem(geometry)
    if kind == "FeatureCollection":
        return _members_problem(
            value,
            "features",
            "FeatureCollection saknar listan 'features'",
            _feature_problem,
        )
    return _geometry_problem(value)
