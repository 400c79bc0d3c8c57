"""A preview of the boundaries without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

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
