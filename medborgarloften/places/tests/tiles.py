"""A small raster tile set made here with Pillow, as an installation's own MBTiles
file would hold: land (the kommun outlines) on a sea colour, a grid and each tile's
z/x/y written on it, so a test or a person can see which tile is where."""

from __future__ import annotations

import io
import math
import sqlite3
from pathlib import Path

from PIL import Image, ImageDraw

from medborgarloften.places.outlines import kommun_outlines

SEA = (170, 211, 223)
LAND = (242, 239, 233)
BORDER = (150, 140, 160)


def lonlat_to_tile(lon: float, lat: float, z: int) -> tuple[float, float]:
    n = 2**z
    x = (lon + 180) / 360 * n
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return x, y


def _tile_lonlat(x: float, y: float, z: int) -> tuple[float, float]:
    n = 2**z
    lon = x / n * 360 - 180
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))
    return lon, lat


def _near(geometry: dict, west: float, south: float, east: float, north: float) -> bool:
    coords = [
        p
        for polygon in (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        for p in polygon[0]
    ]
    xs, ys = [p[0] for p in coords], [p[1] for p in coords]
    return not (max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north)


def render_tile(z: int, x: int, y: int, *, size: int = 256) -> bytes:
    image = Image.new("RGB", (size, size), SEA)
    draw = ImageDraw.Draw(image)
    west, north = _tile_lonlat(x, y, z)
    east, south = _tile_lonlat(x + 1, y + 1, z)
    for geometry in kommun_outlines().values():
        if not _near(geometry, west, south, east, north):
            continue
        polygons = (
            [geometry["coordinates"]]
            if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                points = []
                for lon, lat in ring:
                    tx, ty = lonlat_to_tile(lon, lat, z)
                    points.append(((tx - x) * size, (ty - y) * size))
                xs = [p[0] for p in points]
                ys = [p[1] for p in points]
                if max(xs) < 0 or min(xs) > size or max(ys) < 0 or min(ys) > size:
                    continue
                draw.polygon(points, fill=SEA if index else LAND, outline=BORDER)
    draw.rectangle([0, 0, size - 1, size - 1], outline=(210, 210, 210))
    draw.text((6, 6), f"{z}/{x}/{y}", fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def write_mbtiles(
    path: Path,
    *,
    bounds: tuple[float, float, float, float] = (16.20, 56.60, 16.45, 56.72),
    zooms: range = range(9, 15),
) -> int:
    """Tiles covering ``bounds`` (west, south, east, north) at ``zooms``; returns how
    many were written. Rows are stored TMS-style (from the south), as MBTiles says."""
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row "
        "INTEGER, tile_data BLOB);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
    )
    db.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("name", "Testkarta"),
            ("format", "png"),
            ("bounds", ",".join(str(b) for b in bounds)),
            ("attribution", "Testkarta ritad i testerna"),
        ],
    )
    count = 0
    west, south, east, north = bounds
    for z in zooms:
        x0, y0 = (int(v) for v in lonlat_to_tile(west, north, z))
        x1, y1 = (int(v) for v in lonlat_to_tile(east, south, z))
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                db.execute(
                    "INSERT INTO tiles VALUES (?, ?, ?, ?)",
                    (z, x, 2**z - 1 - y, render_tile(z, x, y)),
                )
                count += 1
    db.commit()
    db.close()
    return count


def write_pmtiles(
    path: Path,
    *,
    bounds: tuple[float, float, float, float] = (16.20, 56.60, 16.45, 56.72),
    zooms: range = range(9, 15),
    compress: bool = True,
    leaf_size: int = 0,
) -> int:
    """The same tiles as ``write_mbtiles``, as one PMTiles v3 file (XYZ rows)."""
    from .pmtiles_files import pmtiles_bytes

    tiles = {}
    west, south, east, north = bounds
    for z in zooms:
        x0, y0 = (int(v) for v in lonlat_to_tile(west, north, z))
        x1, y1 = (int(v) for v in lonlat_to_tile(east, south, z))
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                tiles[(z, x, y)] = render_tile(z, x, y)
    path.write_bytes(pmtiles_bytes(tiles, compress=compress, leaf_size=leaf_size))
    return len(tiles)
