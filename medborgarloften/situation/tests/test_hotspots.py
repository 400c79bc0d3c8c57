"""Hot spots: reports, police events and walk points on one map with a period filter,
grid clusters at low zoom, a density grid, and what is near a place."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from medborgarloften.situation.models import (
    Observation,
    PoliceEvent,
    WalkPoint,
    WalkStatus,
)
from medborgarloften.situation.periods import parse_period
from medborgarloften.situation.selectors import hotspots as hs

from .conftest import at
from .survey_helpers import open_survey

URL = "/personal/lagesbild/0880/brannpunkter/"


def _report(kalmar, lat, lon, when, category="skadegorelse", area=None):
    return Observation.objects.create(
        kommun=kalmar,
        category=category,
        latitude=lat,
        longitude=lon,
        observed_at=when,
        area=area,
    )


@pytest.fixture
def spots(kalmar, areas):
    """Three reports in Oxhagen close together, one in Norrliden, one from last
    year; a police event at the kommun's centre; an approved and a pending walk
    point."""
    ox = areas["Oxhagen"]
    _report(kalmar, 56.6850, 16.3450, at(2026, 3, 2, 22), area=ox)
    _report(kalmar, 56.6851, 16.3452, at(2026, 3, 9, 23), area=ox)
    _report(kalmar, 56.6852, 16.3451, at(2026, 3, 20, 21), "nedskrapning", ox)
    _report(kalmar, 56.6850, 16.3350, at(2026, 2, 1, 12), area=areas["Norrliden"])
    _report(kalmar, 56.6850, 16.3450, at(2025, 3, 2, 22), area=ox)
    PoliceEvent.objects.create(
        event_id=1,
        published_at=at(2026, 3, 15, 3),
        name="15 mars 03.10, Misshandel, Kalmar",
        type="Misshandel",
        location_name="Kalmar",
        latitude=56.6634,
        longitude=16.3568,
        kommun=kalmar,
        fetched_at=timezone.now(),
    )
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=[ox])
    for status in (WalkStatus.APPROVED, WalkStatus.PENDING):
        WalkPoint.objects.create(
            survey=walk,
            area=ox,
            latitude=56.6853,
            longitude=16.3449,
            reasons=["belysning"],
            submitted_on=dt.date(2026, 3, 25),
            status=status,
        )


def _config(page: str, map_id: str = "brannpunkter-karta") -> dict:
    found = re.search(
        rf'<script id="{map_id}-config" type="application/json">(.*?)</script>',
        page,
        re.S,
    )
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_it_gathers_the_periods_reports_events_and_approved_walk_points(kalmar, spots):
    items, left_out = hs.spots(kommun=kalmar, period=parse_period("2026-03"))
    assert [s.kind for s in items].count("rapporter") == 3
    assert [s.kind for s in items].count("polisen") == 1
    assert [s.kind for s in items].count("vandring") == 1  # not the pending one
    assert left_out == {}
    # Newest first: the walk point of 25 March, then the report of 20 March.
    assert items[0].kind == "vandring" and items[0].area == "Oxhagen"
    assert items[1].when.day == 20
    only_police, _ = hs.spots(
        kommun=kalmar, period=parse_period("2026-03"), kinds=["polisen"]
    )
    assert [s.kind for s in only_police] == ["polisen"]
    # Placed at the kommun's centre, as the API gives it: the dot says so.
    assert only_police[0].title.endswith("(ungefärligt läge: kommunens mittpunkt)")
    year, _ = hs.spots(kommun=kalmar, period=parse_period("2026"), kinds=["rapporter"])
    assert len(year) == 4  # February's too, never 2025's


def _spot(lat, lon, kind="rapporter"):
    return hs.Spot(kind, lat, lon, at(2026, 3, 1), "x")


def test_it_clusters_close_points_at_low_zoom_and_splits_them_when_zoomed_in():
    items = [_spot(56.6850, 16.3450), _spot(56.6852, 16.3452), _spot(56.70, 16.40)]
    low = hs.grid_clusters(items, 8)
    assert [c["count"] for c in low] == [3]
    middle = hs.grid_clusters(items, 13)
    assert sorted(c["count"] for c in middle) == [1, 2]
    two = next(c for c in middle if c["count"] == 2)
    assert two["lat"] == pytest.approx(56.6851) and two["lon"] == pytest.approx(16.3451)
    assert "2 est-rapporter" in two["title"]
    assert len(hs.grid_clusters(items, 19)) == 3


def test_it_counts_points_per_grid_cell_with_the_busiest_cell_darkest():
    items = [_spot(56.68501, 16.34501)] * 4 + [_spot(56.70, 16.40)]
    cells = hs.density(items, 250)
    assert [c.count for c in cells] == [4, 1]
    busiest = cells[0]
    assert busiest.fill == hs.SHADES[-1] and cells[1].fill == hs.SHADES[0]
    # The cell is 250 m a side and holds its points.
    assert (busiest.north - busiest.south) * hs.METRES_PER_DEGREE == pytest.approx(
        250, abs=0.5
    )
    assert busiest.south <= 56.68501 < busiest.north
    assert busiest.west <= 16.34501 < busiest.east
    assert hs.density([], 250) == []


@pytest.mark.django_db
def test_it_lists_what_is_near_a_point_or_an_area_newest_first(kalmar, areas, spots):
    items, _ = hs.spots(kommun=kalmar, period=parse_period("2026"))
    close = hs.near(items, radius=100, point=(56.6851, 16.3451))
    assert [n.spot.kind for n in close] == [
        "vandring",
        "rapporter",
        "rapporter",
        "rapporter",
    ]
    assert all(n.metres <= 100 for n in close)
    # Norrliden's report lies ~600 m west: inside 1 km, outside 500 m.
    assert len(hs.near(items, radius=1000, point=(56.6851, 16.3451))) == 5
    # An area: inside counts as 0 m; Norrliden's report is 0 m from Norrliden.
    in_norrliden = hs.near(items, radius=50, area=areas["Norrliden"])
    assert [(n.spot.area, n.metres) for n in in_norrliden] == [("Norrliden", 0)]
    assert hs.near(items, radius=50, area=areas["Centrum"]) == []  # no shape


@pytest.mark.django_db
def test_the_page_filters_by_period_and_kind_without_javascript(
    client, kommun_viewer, spots
):
    client.force_login(kommun_viewer)
    page = client.get(URL, {"period": "2026-03"}).content.decode()
    assert "Brännpunkter" in page
    assert page.count("<td>Skadegörelse</td>") == 2
    assert "15 mars 03.10, Misshandel, Kalmar" in page
    config = _config(page)
    assert len(config["points"]) == 5
    assert config["cluster_below"] == hs.CLUSTER_BELOW_ZOOM
    assert sum(c["count"] for c in config["clusters"]["10"]) == 5
    page = client.get(URL, {"period": "2026-03", "visa": "polisen"}).content.decode()
    assert "Skadegörelse" not in page.split('id="h-list"')[1]
    assert len(_config(page)["points"]) == 1
    page = client.get(URL, {"period": "2025-03"}).content.decode()
    assert page.count("<td>Skadegörelse</td>") == 1


@pytest.mark.django_db
def test_the_density_view_draws_rectangles_and_a_table(client, kommun_viewer, spots):
    client.force_login(kommun_viewer)
    page = client.get(
        URL, {"period": "2026-03", "vy": "tathet", "ruta": "1000"}
    ).content.decode()
    config = _config(page)
    assert "points" not in config or not config["points"]
    counts = sorted(
        int(re.match(r"\d+", cell["title"]).group()) for cell in config["density"]
    )
    assert counts == [1, 4]  # Oxhagen's four within 100 m; the police's centre
    assert "Täthet per ruta om 1000 × 1000 m" in page
    assert "Vad finns här?" in page


@pytest.mark.django_db
def test_the_near_form_lists_by_point_and_area_and_refuses_nonsense(
    client, kommun_viewer, spots, areas
):
    client.force_login(kommun_viewer)
    page = client.get(
        URL, {"period": "2026", "lat": "56.6851", "lon": "16.3451", "radie": "100"}
    ).content.decode()
    near = page.split('id="h-near"')[1]
    assert "Inom 100 m från punkten" in near
    assert near.count("<tr>") == 5  # header and four rows
    assert _config(page)["circle"] == {"lat": 56.6851, "lon": 16.3451, "radius": 100}
    page = client.get(
        URL, {"period": "2026", "omrade": areas["Norrliden"].pk, "radie": "50"}
    ).content.decode()
    assert "Inom 50 m från Norrliden" in page
    page = client.get(
        URL, {"period": "2026", "lat": "nord", "lon": "16.3", "radie": "99999"}
    ).content.decode()
    assert "Latitud måste vara ett tal mellan -90 och 90." in page
    assert "Avstånd i meter måste vara ett tal mellan 10 och 5000." in page


@pytest.mark.django_db
def test_only_staff_of_the_kommun_see_hot_spots(client, spots, polis_editor):
    assert client.get(URL).status_code in (302, 403)


@pytest.mark.django_db
def test_events_outside_the_kommun_are_drawn_at_its_centre_in_the_legends_blue(
    kalmar, areas
):
    from shapely.geometry import Point, shape

    from medborgarloften.places.outlines import kommun_outline

    outline = kommun_outline(kalmar.code)
    assert outline, "the shipped boundary of 0880"
    boundary = shape(outline)
    for number, (lat, lon) in enumerate([(57.2, 16.2), (16.3568, 56.6634)], 1):
        PoliceEvent.objects.create(
            event_id=100 + number,
            published_at=at(2026, 8, 3, 3),
            name="3 augusti, Stöld, Kalmar län",
            type="Stöld",
            location_name="Kalmar län",
            latitude=lat,
            longitude=lon,
            kommun=kalmar,
            fetched_at=timezone.now(),
        )
    items, _left = hs.spots(kommun=kalmar, period=parse_period("2026-08"))
    assert len(items) == 2
    for spot in items:
        assert boundary.contains(Point(spot.lon, spot.lat))
    clusters = hs.grid_clusters(items, 8)
    assert clusters[0]["kind"] == "polisen"
    assert clusters[0]["colour"] == hs.COLOURS["polisen"] == "#1d4f91"


@pytest.mark.django_db
def test_findings_with_an_area_only_are_drawn_at_the_area(kalmar, areas):
    from medborgarloften.situation.models import Dialogue, DialogueFinding

    dialogue = Dialogue.objects.create(
        kommun=kalmar, kind="trygghetsvandring", held_on=dt.date(2026, 8, 4)
    )
    DialogueFinding.objects.create(
        dialogue=dialogue,
        text="Mörk gångtunnel",
        theme="trygghet_offentlig_miljo",
        area=areas["Oxhagen"],
    )
    DialogueFinding.objects.create(
        dialogue=dialogue,
        text="Klotter",
        theme="trygghet_offentlig_miljo",
        area=areas["Centrum"],  # no boundary
    )
    period = parse_period("2026-08")
    items, _left = hs.spots(kommun=kalmar, period=period, kinds=["dialog"])
    assert [(s.kind, s.area) for s in items] == [("dialog", "Oxhagen")]
    assert "områdets mitt" in items[0].title
    assert hs.unplaced_counts(kommun=kalmar, period=period) == {"dialog": 1}
