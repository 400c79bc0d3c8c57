"""Where the drawn map has room for an area's name, and the view that zooms to one
area: small areas (a square, a station) are a few pixels on a kommun map, so their
names would overlap; they are named in the list beside the map instead, and choosing
one there zooms the map to it."""

from __future__ import annotations

from typing import Any

from shapely.geometry import shape

from .. import geo

#: The name's size in SVG units, and roughly how wide a character is.
LABEL_SIZE = 13
CHAR_WIDTH = 0.6
#: A zoomed view spans at least this many degrees of latitude (a square is ~100 m).
MIN_SPAN = 0.006


def label_place(
    geometry: dict[str, Any] | None,
    name: str,
    projection: geo.Projection,
    *,
    chosen: bool = False,
) -> tuple[float, float] | None:
    """The point (SVG units) to write ``name`` at when the area's drawn box holds
    the whole name, or the area is the ``chosen`` one the map is zoomed to; None
    when it would spill over its neighbours."""
    if not geometry:
        return None
    try:
        outline = shape(geometry)
    except (ValueError, TypeError, AttributeError):
        return None
    if outline.is_empty:
        return None
    west, south, east, north = outline.bounds
    x1, y1 = projection.point(west, north)
    x2, y2 = projection.point(east, south)
    wide, high = abs(x2 - x1), abs(y2 - y1)
    too_small = wide < len(name) * LABEL_SIZE * CHAR_WIDTH + 6
    if not chosen and (too_small or high < LABEL_SIZE * 1.6):
        return None
    inside = outline.representative_point()
    return projection.point(inside.x, inside.y)


def focus_box(geometry: dict[str, Any]) -> dict[str, Any]:
    """A rectangle around one area with room around it (three times its size, at
    least MIN_SPAN), for the projection of a map zoomed to that area."""
    west, south, east, north = shape(geometry).bounds
    lon, lat = (west + east) / 2, (south + north) / 2
    half_lat = max((north - south) * 1.5, MIN_SPAN / 2)
    half_lon = max((east - west) * 1.5, half_lat * 1.8)
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - half_lon, lat - half_lat],
                [lon + half_lon, lat - half_lat],
                [lon + half_lon, lat + half_lat],
                [lon - half_lon, lat + half_lat],
                [lon - half_lon, lat - half_lat],
            ]
        ],
    }
