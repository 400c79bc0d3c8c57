"""Points for the demo's reports: inside their area, the same on every load."""

from __future__ import annotations

import random

from shapely.geometry import Point, shape

from medborgarloften.places.models import Area


def point_in(area: Area, *, seed: str) -> tuple[float | None, float | None]:
    """A point inside the area's (approximate) boundary, the same every load, so the
    demo's reports show as dots on the hot spot and lägesbild maps; none without a
    boundary."""
    if not area.geometry:
        return None, None
    polygon = shape(area.geometry)
    chance = random.Random(seed)  # deterministic: not for security
    west, south, east, north = polygon.bounds
    for _attempt in range(200):
        lon, lat = chance.uniform(west, east), chance.uniform(south, north)
        if polygon.contains(Point(lon, lat)):
            return round(lat, 6), round(lon, 6)
    inside = polygon.representative_point()
    return round(inside.y, 6), round(inside.x, 6)
