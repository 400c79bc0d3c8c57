"""The hot spots page of the lägesbild: /personal/lagesbild/<kod>/brannpunkter/.

One GET form filters it (period, what to show, points or density, the grid's cell
size) and a second says where "what is near this place" looks: a point (typed, or
marked on the map) or an area, and a radius in metres. Without JavaScript the tables
are the whole page; with it the map draws the same data.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.places.models import Area

from .selectors import hotspots as hs
from .views._common import (
    _events_coverage,
    _kommun_for_viewer,
    _period,
    _period_context,
)

#: Rows in the list under the map; the map itself shows every point.
LIST_ROWS = 200
DENSITY_ROWS = 50


def _number(request: HttpRequest, name: str, label: str, low: float, high: float):
    text = request.GET.get(name, "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not (low <= value <= high):
        messages.error(
            request,
            _("%(label)s måste vara ett tal mellan %(low)s och %(high)s.")
            % {"label": label, "low": low, "high": high},
        )
        return None
    return value


@staff_view
def hotspots(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "tertial")
    kinds = [k for k in request.GET.getlist("visa") if k in hs.KINDS] or list(hs.KINDS)
    view = "tathet" if request.GET.get("vy") == "tathet" else "punkter"
    try:
        cell = int(request.GET.get("ruta", hs.DEFAULT_DENSITY_CELL))
    except ValueError:
        cell = hs.DEFAULT_DENSITY_CELL
    if cell not in hs.DENSITY_CELLS:
        cell = hs.DEFAULT_DENSITY_CELL
    items, left_out = hs.spots(kommun=kommun, period=period, kinds=kinds)
    cells = hs.density(items, cell) if view == "tathet" else []

    # What is near this place: a point wins over an area when both are given.
    areas = list(Area.objects.filter(kommun=kommun).order_by("name"))
    lat = _number(request, "lat", _("Latitud"), -90, 90)
    lon = _number(request, "lon", _("Longitud"), -180, 180)
    point = (lat, lon) if lat is not None and lon is not None else None
    area = None
    area_id = request.GET.get("omrade", "")
    if area_id.isdigit():
        area = next((a for a in areas if a.pk == int(area_id)), None)
    radius = _number(request, "radie", _("Avstånd i meter"), 10, hs.MAX_RADIUS)
    radius = int(radius) if radius else hs.DEFAULT_RADIUS
    asked = point is not None or area is not None
    if area is not None and point is None and not area.geometry:
        messages.error(
            request,
            _("%(area)s har ingen gräns på kartan. Markera en punkt i stället.")
            % {"area": area.name},
        )
    nearby = hs.near(items, radius=radius, point=point, area=area) if asked else []
    map_config = hs.hotspot_map(
        kommun=kommun,
        items=items,
        view=view,
        cells=cells,
        pick={"latitude": "id_lat", "longitude": "id_lon", "area": "id_omrade"},
        marked=point,
        radius=radius,
    )
    counts = dict.fromkeys(kinds, 0)
    for spot in items:
        counts[spot.kind] += 1
    return render(
        request,
        "situation/hotspots.html",
        _period_context(
            request,
            kommun,
            period,
            **(_events_coverage(kommun, period) if "polisen" in kinds else {}),
            kinds=[(k, label, k in kinds) for k, label in hs.KINDS.items()],
            counts=[(hs.KINDS[k], n, left_out.get(k, 0)) for k, n in counts.items()],
            unplaced=[
                (hs.KINDS[k], n)
                for k, n in hs.unplaced_counts(
                    kommun=kommun, period=period, kinds=kinds
                ).items()
            ],
            view=view,
            cell=cell,
            cell_choices=hs.DENSITY_CELLS,
            items=items[:LIST_ROWS],
            items_total=len(items),
            cells=cells[:DENSITY_ROWS],
            cells_total=len(cells),
            areas=areas,
            lat=lat,
            lon=lon,
            area=area,
            radius=radius,
            asked=asked,
            nearby=nearby,
            interactive=map_config,
        ),
    )
