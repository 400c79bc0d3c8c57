"""Plain-Python geometry for the lägesbild: point in polygon, and SVG paths.

No GIS library: the areas are few and simple, and the same code runs on SQLite and
PostgreSQL because it never runs in the database. GeoJSON coordinates are [lon, lat].
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from medborgarloften.places.outlines import kommun_outlines

DATA_DIR = Path(__file__).parent / "data"

#: Sweden's extent with a margin (lat, lon), from the kommun polygons.
SWEDEN_LAT = (55.0, 69.2)
SWEDEN_LON = (10.5, 24.3)

#: The kommun boundaries are simplified: accept points this close to the border.
POINT_TOLERANCE_DEGREES = 0.01

#: Areas are drawn by the kommun itself: only a GPS error's worth (≈ 100 m).
AREA_TOLERANCE_DEGREES = 0.001

Ring = list[list[float]]


def in_sweden_box(lat: float, lon: float) -> bool:
    """Cheap first test: inside the box around Sweden."""
    return (
        SWEDEN_LAT[0] <= lat <= SWEDEN_LAT[1] and SWEDEN_LON[0] <= lon <= SWEDEN_LON[1]
    )


def polygons(geometry: dict[str, Any] | None) -> Iterator[list[Ring]]:
    """Each polygon (outer ring, holes…) of a Polygon, MultiPolygon or Feature."""
    if not geometry:
        return
    if geometry.get("type") == "Feature":
        yield from polygons(geometry.get("geometry"))
    elif geometry.get("type") == "FeatureCollection":
        for feature in geometry.get("features", []):
            yield from polygons(feature)
    elif geometry.get("type") == "Polygon":
        yield geometry["coordinates"]
    elif geometry.get("type") == "MultiPolygon":
        yield from geometry["coordinates"]


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x_cross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x_cross:
                inside = not inside
        j = i
    return inside


def contains(geometry: dict[str, Any] | None, *, lat: float, lon: float) -> bool:
    """Whether the point lies inside the geometry (holes excluded)."""
    for polygon in polygons(geometry):
        if (
            polygon
            and _in_ring(lon, lat, polygon[0])
            and not any(_in_ring(lon, lat, hole) for hole in polygon[1:])
        ):
            return True
    return False


def extent(geometry: dict[str, Any] | None) -> float:
    """The area of the geometry's bounding box in square degrees (to rank sizes)."""
    xs = [p[0] for polygon in polygons(geometry) for p in polygon[0]]
    ys = [p[1] for polygon in polygons(geometry) for p in polygon[0]]
    return (max(xs) - min(xs)) * (max(ys) - min(ys)) if xs else math.inf


def _segment_distance(px: float, py: float, a: list[float], b: list[float]) -> float:
    # Degrees of longitude shrink with latitude; scale them so distances are fair.
    k = math.cos(math.radians(py))
    ax, ay, bx, by, px_ = a[0] * k, a[1], b[0] * k, b[1], px * k
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px_ - ax, py - ay)
    t = max(0.0, min(1.0, ((px_ - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px_ - (ax + t * dx), py - (ay + t * dy))


def near(
    geometry: dict[str, Any] | None,
    *,
    lat: float,
    lon: float,
    tolerance: float = POINT_TOLERANCE_DEGREES,
) -> bool:
    """Inside the geometry, or within ``tolerance`` degrees of its border."""
    if contains(geometry, lat=lat, lon=lon):
        return True
    for polygon in polygons(geometry):
        for ring in polygon:
            for a, b in zip(ring, ring[1:], strict=False):
                if _segment_distance(lon, lat, a, b) <= tolerance:
                    return True
    return False


def kommun_geometries() -> dict[str, dict[str, Any]]:
    """Kommunkod → boundary geometry, from ``places/data/kommuner.geojson``."""
    return kommun_outlines()


def kommun_geometry(code: str) -> dict[str, Any] | None:
    return kommun_geometries().get(code)


def kommun_at(*, lat: float, lon: float) -> str | None:
    """The kommunkod whose boundary holds the point, if any."""
    for code, geometry in kommun_geometries().items():
        if contains(geometry, lat=lat, lon=lon):
            return code
    return None


# --- SVG -------------------------------------------------------------------


class Projection:
    """Fit lon/lat into an SVG box, keeping the shape (equirectangular, scaled by
    the cosine of the middle latitude, which is fine at kommun scale)."""

    def __init__(
        self, geometries: Iterable[dict[str, Any] | None], width: int = 600
    ) -> None:
        xs: list[float] = []
        ys: list[float] = []
        for geometry in geometries:
            for polygon in polygons(geometry):
                for point in polygon[0]:
                    xs.append(point[0])
                    ys.append(point[1])
        if not xs:
            xs, ys = [0.0, 1.0], [0.0, 1.0]
        self.min_x, self.max_x = min(xs), max(xs)
        self.min_y, self.max_y = min(ys), max(ys)
        self.k = math.cos(math.radians((self.min_y + self.max_y) / 2))
        span_x = max((self.max_x - self.min_x) * self.k, 1e-9)
        span_y = max(self.max_y - self.min_y, 1e-9)
        self.scale = (width - 20) / span_x
        self.width = width
        self.height = round(span_y * self.scale + 20)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x = 10 + (lon - self.min_x) * self.k * self.scale
        y = 10 + (self.max_y - lat) * self.scale
        return round(x, 1), round(y, 1)

    def path(self, geometry: dict[str, Any] | None) -> str:
        """An SVG path ``d`` for the geometry (even-odd fill keeps holes open)."""
        parts = []
        for polygon in polygons(geometry):
            for ring in polygon:
                points = [self.point(p[0], p[1]) for p in ring]
                if points:
                    parts.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
        return " ".join(parts)

    def contains_point(self, lon: float, lat: float) -> bool:
        return self.min_x <= lon <= self.max_x and self.min_y <= lat <= self.max_y
