"""The interactive map component's data, and the installation's own background tiles.

Every map page renders ``templates/maps/_map.html`` with a ``MapConfig``; the static
``js/map.js`` draws it with Leaflet (vendored). The configuration travels as JSON in a
``<script type="application/json">`` (``json_script``): no inline script, so the
Content-Security-Policy stays without 'unsafe-inline'.

Background tiles are off by default (the kommun outline and the areas are drawn
instead): a tile server sees every map view, and on the walk that is where residents
feel unsafe. ``MAP_TILE_MBTILES`` (a raster MBTiles file) or ``MAP_TILE_PMTILES`` (a
raster PMTiles v3 file, read by ``places.pmtiles``) is served by the application
itself; ``MAP_TILE_URL`` names an XYZ/WMTS service (docs/deploy.md "Background map").
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Area
from .outlines import kommun_outline
from .pmtiles import PMTilesError, read_tile

logger = logging.getLogger(__name__)

#: Where the application serves MAP_TILE_MBTILES or MAP_TILE_PMTILES
#: (places.views.tile).
LOCAL_TILE_URL = "/kartor/{z}/{x}/{y}"


@dataclass
class TileSource:
    url: str
    attribution: str
    max_zoom: int


def tile_source() -> TileSource | None:
    """The background tiles this installation configured, or None (outline only)."""
    url = settings.MAP_TILE_URL
    if not url and (settings.MAP_TILE_MBTILES or settings.MAP_TILE_PMTILES):
        url = LOCAL_TILE_URL
    if not url:
        return None
    return TileSource(
        url=url,
        attribution=settings.MAP_TILE_ATTRIBUTION,
        max_zoom=settings.MAP_TILE_MAX_ZOOM,
    )


@dataclass
class MapConfig:
    """What one map shows. Geometries are WGS 84 GeoJSON; ``areas`` features carry
    ``name`` and, on a choropleth, ``label`` (the value as text) and ``fill``."""

    title: str
    outline: dict[str, Any] | None = None
    areas: list[dict[str, Any]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    #: Fit the view to these areas' names (else to all areas, else the outline).
    focus: list[str] = field(default_factory=list)
    #: A map to mark a place on: ids of the latitude/longitude inputs and more.
    pick: dict[str, Any] | None = None
    sources: list[str] = field(default_factory=list)
    tiles: dict[str, Any] | None = None
    texts: dict[str, str] = field(default_factory=dict)
    #: Overlay layers (places.overlays.overlay_layers), toggled in a layer control.
    overlays: list[dict[str, Any]] = field(default_factory=list)
    #: Write each area's name on it where the zoom leaves room (js/map.js).
    labels: bool = False

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def area_feature(area: Area, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"id": area.pk, "name": area.name, **properties},
        "geometry": area.geometry,
    }


def map_config(
    *,
    title: str,
    kommun_code: str,
    areas: list[Area] | None = None,
    features: list[dict[str, Any]] | None = None,
    points: list[dict[str, Any]] | None = None,
    focus: list[str] | None = None,
    pick: dict[str, Any] | None = None,
    overlays: list[dict[str, Any]] | None = None,
    labels: bool = False,
) -> MapConfig:
    """A map of a kommun: its outline, the areas (or ready features), points."""
    shown = [a for a in (areas or []) if a.geometry]
    sources = sorted({a.geometry_source for a in shown if a.geometry_source})
    tiles = tile_source()
    texts = map_texts() if pick else {}
    texts["zoom_in"] = _("Zooma in")
    texts["zoom_out"] = _("Zooma ut")
    if overlays:
        texts["overlays"] = _("Överlagringar: välj vilka lager kartan visar")
    return MapConfig(
        title=title,
        outline=kommun_outline(kommun_code),
        areas=features if features is not None else [area_feature(a) for a in shown],
        points=points or [],
        focus=focus or [],
        pick=pick,
        sources=sources,
        tiles=asdict(tiles) if tiles else None,
        texts=texts,
        overlays=overlays or [],
        labels=labels,
    )


def kommun_pick_map(kommun: Any, *, focus: Area | None = None) -> dict[str, Any]:
    """The map to mark a place in ``kommun`` (a resident's "Tyck till", an EST
    report): its areas with their other names for the search, opened on ``focus``,
    filling the form's ``id_latitude``, ``id_longitude`` and ``id_area``."""
    areas = list(Area.objects.filter(kommun=kommun, geometry__isnull=False))
    return map_config(
        title=_("Karta för att markera platsen"),
        kommun_code=kommun.code,
        areas=areas,
        features=[area_feature(a, names=a.names()) for a in areas],
        focus=[focus.name] if focus else [],
        pick={
            "latitude": "id_latitude",
            "longitude": "id_longitude",
            "area": "id_area",
            # the keys' text names the form's list of areas only when it has some
            "area_list": Area.objects.filter(kommun=kommun).exists(),
        },
    ).as_json()


def map_texts() -> dict[str, str]:
    """What the map says while a place is marked, for js/map.js (%(area)s is the
    area the point fell in)."""
    return {
        "marker": _("Den markerade platsen. Dra för att flytta den."),
        "placed": _("Platsen är markerad: %(area)s. Dra markören om den hamnade fel."),
        "moved": _("Platsen är flyttad: %(area)s."),
        "located": _("Din position är markerad: %(area)s. Dra markören om den är fel."),
        "locating": _("Hämtar din position …"),
        "locate_failed": _(
            "Din position gick inte att hämta. Tryck på kartan eller välj ett område."
        ),
        "no_area": _("utanför de kända områdena"),
        "found": _(
            "Kartan visar nu %(area)s. Tryck där platsen är, eller flytta kartan och "
            "välj Markera kartans mitt."
        ),
    }


# --- Tiles served from the installation's own MBTiles file ---------------------------


@cache
def _mbtiles_format(path: str) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        row = db.execute("SELECT value FROM metadata WHERE name = 'format'").fetchone()
    return (row[0] if row else "png").casefold()


def mbtiles_tile(*, z: int, x: int, y: int) -> tuple[bytes, str] | None:
    """One raster tile (bytes, media type) from MAP_TILE_MBTILES, or None. MBTiles
    numbers rows from the south (TMS); the map asks in XYZ, from the north."""
    path = settings.MAP_TILE_MBTILES
    if not path or not (0 <= z <= 22) or not (0 <= x < 2**z) or not (0 <= y < 2**z):
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                "AND tile_row = ?",
                (z, x, 2**z - 1 - y),
            ).fetchone()
        kind = _mbtiles_format(path)
    except sqlite3.Error:
        return None
    if row is None:
        return None
    media = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}.get(
        kind, "image/png"
    )
    return bytes(row[0]), media


def pmtiles_tile(*, z: int, x: int, y: int) -> tuple[bytes, str] | None:
    """One raster tile (bytes, media type) from MAP_TILE_PMTILES, or None."""
    path = settings.MAP_TILE_PMTILES
    if not path:
        return None
    try:
        return read_tile(path, z, x, y)
    except (OSError, PMTilesError):
        logger.exception("MAP_TILE_PMTILES %s cannot be read", path)
        return None


def local_tile(*, z: int, x: int, y: int) -> tuple[bytes, str] | None:
    """A tile from the installation's own file: MBTiles first, else PMTiles."""
    if settings.MAP_TILE_MBTILES:
        return mbtiles_tile(z=z, x=x, y=y)
    return pmtiles_tile(z=z, x=x, y=y)


# --- Read-only maps of some areas (public area and promise pages) ----------------------


def areas_map(
    *,
    title: str,
    areas: list[Area],
    links: dict[int, str] | None = None,
    hint: str = "",
):
    """A read-only map of ``areas`` (the view fitted to them) in their kommun, or
    None when none of them has a boundary: the page then keeps its list alone.
    ``links`` gives an area's page; ``hint`` replaces the keyboard hint (which
    names the page's table or list, the map's alternative)."""
    shown = [a for a in areas if a.geometry]
    if not shown:
        return None
    links = links or {}
    config = map_config(
        title=title,
        kommun_code=shown[0].kommun.code,
        areas=shown,
        # Numbered as the list under the map (maps/_areas.html): the number is
        # written on each area, its name too where the zoom leaves room.
        features=[
            area_feature(a, url=links.get(a.pk, ""), number=number)
            for number, a in enumerate(shown, start=1)
        ],
        focus=[a.name for a in shown],
        labels=True,
    )
    config.texts["help"] = hint or _(
        "Med tangentbordet: Tabb till kartan, piltangenterna flyttar och + och − "
        "zoomar. Listan under kartan visar samma områden."
    )
    return config.as_json()
