"""The start page's map of Sweden: one SVG path per kommun, drawn on the server.

It reuses the lägesbild's kommun boundaries and projection
(``medborgarloften.situation.geo``; provenance in ``situation/data/README.md``) and only
makes them light enough for a phone: whole pixels on a 320-pixel-wide map, repeated
points dropped, relative path commands. No tiles; one small script (map-focus.js)
only draws the keyboard focus ring on top of the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from medborgarloften.situation import geo

MAP_WIDTH = 320


@dataclass(frozen=True)
class KommunShape:
    code: str
    name: str
    d: str  # SVG path data


@dataclass(frozen=True)
class SwedenOutline:
    width: int
    height: int
    shapes: tuple[KommunShape, ...]


def _ring_path(points: list[tuple[int, int]]) -> str:
    x0, y0 = points[0]
    steps = []
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        steps.append(f"{xb - xa} {yb - ya}")
    return f"M{x0} {y0}l" + " ".join(steps) + "z"


@cache
def sweden_outline() -> SwedenOutline:
    """Every kommun's outline as a path, by kommunkod; computed once per process."""
    geometries = geo.kommun_geometries()
    names = geo_names()
    projection = geo.Projection(geometries.values(), width=MAP_WIDTH)
    shapes = []
    for code, geometry in sorted(geometries.items()):
        rings = []
        for polygon in geo.polygons(geometry):
            for ring in polygon:
                points: list[tuple[int, int]] = []
                for lon, lat, *_ in ring:
                    x, y = projection.point(lon, lat)
                    point = (round(x), round(y))
                    if not points or points[-1] != point:
                        points.append(point)
                if len(points) >= 3:
                    rings.append(_ring_path(points))
        if rings:
            shapes.append(KommunShape(code, names.get(code, code), "".join(rings)))
    return SwedenOutline(projection.width, projection.height, tuple(shapes))


@cache
def geo_names() -> dict[str, str]:
    """Kommunkod → name as the boundary file spells it (a fallback label)."""
    import json

    from medborgarloften.places.outlines import OUTLINES_PATH

    with OUTLINES_PATH.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {
        f["properties"]["code"]: f["properties"].get("name", "")
        for f in collection["features"]
    }
