"""Hot spots: EST reports, police events and approved walk points of a period on one
map, grouped into clusters at low zoom, counted in a grid (the density view), and
listed around a chosen place ("what is near this place", for preparing a walk).

Everything is computed here, server-side: the page works without JavaScript (the
tables are the map's data), and js/map.js only draws what this module gives it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import shapely
import shapely.prepared
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import Point, shape

from medborgarloften.places.maps import area_feature, map_config
from medborgarloften.places.models import Area, Organisation
from medborgarloften.places.outlines import kommun_outline
from medborgarloften.places.overlays import overlay_layers

from ..models import (
    DialogueFinding,
    Observation,
    ObservationCategory,
    PoliceEvent,
    WalkPoint,
    WalkStatus,
)
from ..periods import Period
from ..surveys.selectors import reason_labels

#: What the map can show, in the order of the form's check boxes.
KINDS = {
    "rapporter": gettext_lazy("EST-rapporter"),
    "polisen": gettext_lazy("Polisens händelser"),
    "vandring": gettext_lazy("Punkter från trygghetsvandringar"),
    "dialog": gettext_lazy("Iakttagelser från dialoger"),
}
#: The same colours as the legend's swatches (css/maps.css, .kind-*).
COLOURS = {
    "rapporter": "#a4161a",
    "polisen": "#1d4f91",
    "vandring": "#6b4c00",
    "dialog": "#2d6a30",
}
#: At most this many of each kind in a period (newest first); the page says so.
MAX_PER_KIND = 3000
#: Clusters are drawn below this zoom; from it on, every point on its own.
CLUSTER_BELOW_ZOOM = 15
CLUSTER_ZOOMS = range(4, CLUSTER_BELOW_ZOOM)
#: A cluster cell is this many screen pixels wide (256-pixel tiles).
CLUSTER_CELL_PX = 64
DENSITY_CELLS = (100, 250, 500, 1000)
DEFAULT_DENSITY_CELL = 250
MAX_RADIUS = 5000
DEFAULT_RADIUS = 300
METRES_PER_DEGREE = 111_320.0
SHADES = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]


@dataclass
class Spot:
    kind: str
    lat: float
    lon: float
    when: dt.datetime
    title: str
    area: str = ""

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(timezone.get_current_timezone())


def spots(
    *, kommun: Organisation, period: Period, kinds: list[str] | None = None
) -> tuple[list[Spot], dict[str, int]]:
    """The period's placed reports, events and approved walk points, newest first,
    and per kind how many were left out over MAX_PER_KIND."""
    kinds = [k for k in (kinds or list(KINDS)) if k in KINDS]
    start, end = period.aware_bounds()
    names = dict(Area.objects.filter(kommun=kommun).values_list("pk", "name"))
    found: list[Spot] = []
    left_out: dict[str, int] = {}
    missing: dict[str, int] = {}

    def placed(kind: str, query: QuerySet[Any], *fields: str) -> list[Any]:
        """The first MAX_PER_KIND rows of ``query`` that have a position, as
        latitude, longitude and ``fields``; how many more there were goes in
        ``left_out``."""
        query = query.filter(latitude__isnull=False, longitude__isnull=False)
        rows = list(
            query.values_list("latitude", "longitude", *fields)[: MAX_PER_KIND + 1]
        )
        if len(rows) > MAX_PER_KIND:
            left_out[kind] = query.count() - MAX_PER_KIND
        return rows[:MAX_PER_KIND]

    if "rapporter" in kinds:
        labels = {code: str(label) for code, label in ObservationCategory.choices}
        # A walk point staff approved is also an EST report: shown once, as the walk's.
        query = Observation.objects.filter(
            kommun=kommun,
            observed_at__gte=start,
            observed_at__lt=end,
            walk_point__isnull=True,
        ).order_by("-observed_at")
        rows = placed("rapporter", query, "observed_at", "category", "area_id")
        for lat, lon, when, category, area_id in rows:
            found.append(
                Spot(
                    "rapporter",
                    lat,
                    lon,
                    _local(when),
                    labels.get(category, category),
                    names.get(area_id, ""),
                )
            )
    if "polisen" in kinds:
        events = PoliceEvent.objects.filter(
            kommun=kommun,
            is_summary=False,
            published_at__gte=start,
            published_at__lt=end,
        ).order_by("-published_at")
        event_rows = placed("polisen", events, "published_at", "name")
        # The API gives the kommun's (or län's) centre, never the incident site: the
        # dot says so wherever it is shown, and one outside the kommun (a län's
        # centre) is drawn at the kommun's.
        approximate = _("ungefärligt läge: kommunens mittpunkt")
        inside = _kommun_placer(kommun)
        for lat, lon, when, name in event_rows:
            lat, lon = inside(lat, lon)
            found.append(
                Spot("polisen", lat, lon, _local(when), f"{name} ({approximate})")
            )
    centres = _area_centres(kommun)
    if "vandring" in kinds:
        walks = WalkPoint.objects.filter(
            survey__kommun=kommun,
            status=WalkStatus.APPROVED,
            submitted_on__gte=period.start,
            submitted_on__lt=period.end,
        ).order_by("-submitted_on", "-id")
        walk_rows = placed("vandring", walks, "submitted_on", "reasons", "area_id")
        zone = timezone.get_current_timezone()
        for lat, lon, day, reasons, area_id in walk_rows:
            when = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
            title = ", ".join(reason_labels(reasons)) or _("Otrygg plats")
            found.append(
                Spot("vandring", lat, lon, when, title, names.get(area_id, ""))
            )
        # A point marked only by its area: at the area's centre, said so.
        unplaced = walks.filter(latitude__isnull=True)
        for day, reasons, area_id in unplaced.values_list(
            "submitted_on", "reasons", "area_id"
        )[:MAX_PER_KIND]:
            when = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
            title = ", ".join(reason_labels(reasons)) or _("Otrygg plats")
            _place(found, missing, centres, "vandring", area_id, when, title, names)
    if "dialog" in kinds:
        findings = DialogueFinding.objects.filter(
            dialogue__kommun=kommun,
            dialogue__held_on__gte=period.start,
            dialogue__held_on__lt=period.end,
        ).order_by("-dialogue__held_on", "-id")
        zone = timezone.get_current_timezone()
        for day, text, area_id, dialogue_area in findings.values_list(
            "dialogue__held_on", "text", "area_id", "dialogue__area_id"
        )[:MAX_PER_KIND]:
            when = dt.datetime.combine(day, dt.time(12), tzinfo=zone)
            title = text if len(text) <= 80 else text[:79] + "…"
            area_id = area_id or dialogue_area
            _place(found, missing, centres, "dialog", area_id, when, title, names)
    found.sort(key=lambda s: s.when, reverse=True)
    return found, left_out


def unplaced_counts(
    *, kommun: Organisation, period: Period, kinds: list[str] | None = None
) -> dict[str, int]:
    """Per kind, how many of the period's walk points and dialogue findings have
    neither a point nor an area with a boundary: not on the map, and the page says
    so."""
    missing: dict[str, int] = {}
    centres = _area_centres(kommun)
    kinds = kinds or list(KINDS)
    if "vandring" in kinds:
        areas = WalkPoint.objects.filter(
            survey__kommun=kommun,
            status=WalkStatus.APPROVED,
            submitted_on__gte=period.start,
            submitted_on__lt=period.end,
            latitude__isnull=True,
        ).values_list("area_id", flat=True)
        missing["vandring"] = sum(1 for a in areas if a not in centres)
    if "dialog" in kinds:
        pairs = DialogueFinding.objects.filter(
            dialogue__kommun=kommun,
            dialogue__held_on__gte=period.start,
            dialogue__held_on__lt=period.end,
        ).values_list("area_id", "dialogue__area_id")
        missing["dialog"] = sum(1 for a, d in pairs if (a or d) not in centres)
    return {k: n for k, n in missing.items() if n}


def _area_centres(kommun: Organisation) -> dict[int, tuple[float, float]]:
    """Each area with a boundary → a point inside it (lat, lon)."""
    result = {}
    for pk, geometry in Area.objects.filter(
        kommun=kommun, geometry__isnull=False
    ).values_list("pk", "geometry"):
        if geometry:
            point = shape(geometry).representative_point()
            result[pk] = (round(point.y, 6), round(point.x, 6))
    return result


def _place(
    found: list[Spot],
    missing: dict[str, int],
    centres: dict[int, tuple[float, float]],
    kind: str,
    area_id: int | None,
    when: dt.datetime,
    title: str,
    names: dict[int, str],
) -> None:
    centre = centres.get(area_id) if area_id else None
    if centre is None:
        missing[kind] = missing.get(kind, 0) + 1
        return
    where = _("läge: områdets mitt")
    found.append(
        Spot(
            kind,
            centre[0],
            centre[1],
            when,
            f"{title} ({where})",
            names.get(area_id, "") if area_id else "",
        )
    )


def _kommun_placer(
    kommun: Organisation,
) -> Callable[[float, float], tuple[float, float]]:
    """(lat, lon) → itself when inside the kommun's boundary; swapped when only the
    swapped pair is inside (a file that gave longitude first); else the kommun's
    centre (an event placed by the län's centre). Unchanged without a boundary."""
    outline = kommun_outline(kommun.code)
    if not outline:
        return lambda lat, lon: (lat, lon)
    boundary = shape(outline)
    centre = boundary.representative_point()
    prepared = shapely.prepared.prep(boundary)

    def inside(lat: float, lon: float) -> tuple[float, float]:
        if prepared.contains(Point(lon, lat)):
            return lat, lon
        if prepared.contains(Point(lat, lon)):
            return lon, lat
        return round(centre.y, 6), round(centre.x, 6)

    return inside


# --- Clusters: a grid in screen pixels per zoom level -------------------------------


def _pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel position at ``zoom`` (256-pixel tiles)."""
    size = 256 * 2**zoom
    lat = max(-85.05, min(85.05, lat))
    x = (lon + 180.0) / 360.0 * size
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size
    return x, y


def grid_clusters(items: list[Spot], zoom: int) -> list[dict[str, Any]]:
    """The spots grouped by the CLUSTER_CELL_PX grid cell they fall in at ``zoom``:
    each cluster at its members' mean position, with its count per kind."""
    cells: dict[tuple[int, int], list[Spot]] = {}
    for spot in items:
        x, y = _pixel(spot.lat, spot.lon, zoom)
        cells.setdefault(
            (int(x // CLUSTER_CELL_PX), int(y // CLUSTER_CELL_PX)), []
        ).append(spot)
    clusters = []
    for members in cells.values():
        kinds: dict[str, int] = {}
        for spot in members:
            kinds[spot.kind] = kinds.get(spot.kind, 0) + 1
        clusters.append(
            {
                "lat": round(sum(s.lat for s in members) / len(members), 6),
                "lon": round(sum(s.lon for s in members) / len(members), 6),
                "count": len(members),
                "title": _cluster_title(kinds)
                if len(members) > 1
                else _title(members[0]),
                "colour": COLOURS[members[0].kind] if len(kinds) == 1 else "#333",
                # The legend's class: the kind's colour, or "mixed" (dark grey).
                "kind": members[0].kind if len(kinds) == 1 else "mixed",
            }
        )
    clusters.sort(key=lambda c: (-cast(int, c["count"]), c["lat"], c["lon"]))
    return clusters


def _cluster_title(kinds: dict[str, int]) -> str:
    return ", ".join(f"{n} {str(KINDS[kind]).lower()}" for kind, n in kinds.items())


def _title(spot: Spot) -> str:
    return f"{spot.kind_label}: {spot.title}, {spot.when:%Y-%m-%d}"


# --- Density: counts in a grid of square cells in metres ----------------------------


def _reference_latitude(items: list[Spot]) -> float:
    return sum(s.lat for s in items) / len(items) if items else 60.0


@dataclass
class DensityCell:
    south: float
    west: float
    north: float
    east: float
    count: int
    shade: int = 2
    fill: str = ""
    areas: list[str] = field(default_factory=list)

    @property
    def centre(self) -> tuple[float, float]:
        return (self.south + self.north) / 2, (self.west + self.east) / 2


def density(items: list[Spot], cell_metres: int) -> list[DensityCell]:
    """Spots counted per square cell of ``cell_metres`` (most first), shaded in five
    steps from the fewest to the most."""
    if not items:
        return []
    lat0 = math.radians(_reference_latitude(items))
    step_lat = cell_metres / METRES_PER_DEGREE
    step_lon = cell_metres / (METRES_PER_DEGREE * math.cos(lat0))
    cells: dict[tuple[int, int], list[Spot]] = {}
    for spot in items:
        key = (math.floor(spot.lat / step_lat), math.floor(spot.lon / step_lon))
        cells.setdefault(key, []).append(spot)
    counts = [len(m) for m in cells.values()]
    low, high = min(counts), max(counts)
    result = []
    for (row, col), members in cells.items():
        n = len(members)
        shade = 2 if high == low else min(4, int((n - low) / (high - low) * 5))
        result.append(
            DensityCell(
                south=round(row * step_lat, 6),
                west=round(col * step_lon, 6),
                north=round((row + 1) * step_lat, 6),
                east=round((col + 1) * step_lon, 6),
                count=n,
                shade=shade,
                fill=SHADES[shade],
                areas=sorted({s.area for s in members if s.area}),
            )
        )
    result.sort(key=lambda c: (-c.count, -c.south, c.west))
    return result


# --- Near a place --------------------------------------------------------------------


@dataclass
class Near:
    spot: Spot
    metres: int


def _scale(lat0: float) -> tuple[float, float]:
    """Metres per degree of longitude and latitude around ``lat0`` (equirectangular:
    good to a few metres over a kommun's few kilometres)."""
    return METRES_PER_DEGREE * math.cos(math.radians(lat0)), METRES_PER_DEGREE


def near(
    items: list[Spot],
    *,
    radius: int,
    point: tuple[float, float] | None = None,
    area: Area | None = None,
) -> list[Near]:
    """The spots within ``radius`` metres of a point (lat, lon) or of an area's
    boundary (inside it counts as 0 m), newest first."""
    if point is not None:
        lat0 = point[0]
        target = Point(point[1], point[0])
    elif area is not None and area.geometry:
        target = shape(area.geometry)
        lat0 = target.centroid.y
    else:
        return []
    kx, ky = _scale(lat0)
    target = shapely.transform(target, lambda xy: xy * [kx, ky])
    found = []
    for spot in items:
        distance = target.distance(Point(spot.lon * kx, spot.lat * ky))
        if distance <= radius:
            found.append(Near(spot, round(distance)))
    return found  # items are newest first already


# --- The page's map ------------------------------------------------------------------


def hotspot_map(
    *,
    kommun: Organisation,
    items: list[Spot],
    view: str,
    cells: list[DensityCell],
    pick: dict[str, Any] | None = None,
    marked: tuple[float, float] | None = None,
    radius: int | None = None,
) -> dict[str, Any]:
    """The interactive map's configuration: the points with clusters per zoom, or
    the density grid's rectangles."""
    areas = list(Area.objects.filter(kommun=kommun).order_by("name"))
    config = map_config(
        title=_("Brännpunkter i %(name)s") % {"name": kommun},
        kommun_code=kommun.code,
        areas=areas,
        features=[area_feature(a, names=a.names()) for a in areas if a.geometry]
        if pick
        else None,
        pick=pick,
        overlays=overlay_layers(kommun=kommun),
    ).as_json()
    if view == "tathet":
        config["density"] = [
            {
                "south": c.south,
                "west": c.west,
                "north": c.north,
                "east": c.east,
                "fill": c.fill,
                "title": _("%(n)d platser") % {"n": c.count},
            }
            for c in cells
        ]
    else:
        config["points"] = [
            {
                "lat": s.lat,
                "lon": s.lon,
                "title": _title(s),
                "colour": COLOURS[s.kind],
            }
            for s in items
        ]
        config["clusters"] = {
            str(zoom): grid_clusters(items, zoom) for zoom in CLUSTER_ZOOMS
        }
        config["cluster_below"] = CLUSTER_BELOW_ZOOM
    if marked and radius:
        config["circle"] = {"lat": marked[0], "lon": marked[1], "radius": radius}
    return config
