"""Coordinate systems: parse, recognise and reproject (SWEREF 99 and WGS 84)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer

from .base import (
    GEOGRAPHIC,
    PROJECTED,
    SUPPORTED_CRS,
    SWEREF99_TM,
    WGS84,
    BoundaryError,
)

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
