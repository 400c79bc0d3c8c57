"""The interactive map (Leaflet, vendored): a resident on a phone marks a place on a
walk over the installation's own background tiles, the coordinator sees it on the
lägesbild map in the right area; the map works with the keyboard and axe-core finds
no serious or critical violations on the pages that carry it."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.core.cache import cache

from medborgarloften.places.services import area_create
from medborgarloften.places.tests.tiles import write_mbtiles
from medborgarloften.situation.models import Observation, WalkPoint
from medborgarloften.situation.tests.survey_helpers import open_survey
from tests.browser.test_public_pages import _serious_violations

PASSWORD = "test-losenord-123"


def _polygon(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


BERGA = (16.3150, 56.6810, 16.3320, 56.6900)
OXHAGEN = (16.3320, 56.6690, 16.3450, 56.6810)


def _inside(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return west <= lon <= east and south <= lat <= north


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def person_speed(monkeypatch):
    """Answers count as sent by a person however fast the test is."""
    from medborgarloften.situation.surveys import limits

    clock = iter(range(1_800_000_000, 1_900_000_000, 60))
    monkeypatch.setattr(limits, "now", lambda: float(next(clock)))


@pytest.fixture
def tiles(settings, tmp_path):
    """A background tile set made here (PNG tiles with Pillow, in MBTiles), served by
    the application itself at /kartor/{z}/{x}/{y}."""
    path = tmp_path / "kalmar.mbtiles"
    assert write_mbtiles(path, bounds=(16.29, 56.66, 16.36, 56.70), zooms=range(12, 17))
    settings.MAP_TILE_MBTILES = str(path)
    settings.MAP_TILE_ATTRIBUTION = "Testkarta ritad i testerna"
    return path


@pytest.fixture
def walk_areas(kalmar):
    return {
        "Berga": area_create(
            kommun=kalmar, name="Berga", kind="stadsdel", geometry=_polygon(*BERGA)
        ),
        "Oxhagen": area_create(
            kommun=kalmar, name="Oxhagen", kind="stadsdel", geometry=_polygon(*OXHAGEN)
        ),
    }


def _map_centre(page, map_id: str) -> dict:
    return page.evaluate(
        f"(() => {{ const c = document.getElementById('{map_id}').mapInstance"
        ".getCenter(); return {lat: c.lat, lng: c.lng}; })()"
    )


def _sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))


@pytest.mark.django_db(transaction=True)
def test_a_resident_marks_a_place_on_a_phone_and_the_coordinator_sees_it_in_its_area(
    live_server, browser, page, kalmar, kommun_editor, walk_areas, tiles, person_speed
):
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=[walk_areas["Berga"]])
    phone_context = browser.new_context(
        locale="sv-SE",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    try:
        phone = phone_context.new_page()
        phone.set_default_timeout(15_000)
        phone.goto(f"{live_server.url}/enkat/{walk.token}/")
        canvas = phone.locator("#vandring-karta [data-map-canvas]")
        canvas.wait_for()
        # Opens on the walk's area, over the installation's own tiles.
        centre = _map_centre(phone, "vandring-karta")
        assert _inside(centre["lat"], centre["lng"], BERGA)
        tile = phone.locator("img.leaflet-tile-loaded").first
        tile.wait_for()
        assert "/kartor/" in tile.get_attribute("src")
        assert (
            "Testkarta ritad i testerna"
            in phone.locator(".leaflet-control-attribution").inner_text()
        )
        assert _serious_violations(phone) == []
        # A tap a little north-east of the middle: still in Berga.
        box = canvas.bounding_box()
        phone.touchscreen.tap(
            box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.45
        )
        phone.get_by_text("Platsen är markerad: Berga.").wait_for()
        assert phone.locator("#id_area option:checked").inner_text() == "Berga"
        phone.get_by_label("Dålig belysning").check()
        phone.get_by_label("Berätta mer").fill("Mörk gångväg bakom skolan.")
        phone.get_by_role("button", name="Skicka").click()
        phone.get_by_role("heading", name="Tack för ditt svar").wait_for()
    finally:
        phone_context.close()
    point = WalkPoint.objects.get()
    assert point.area == walk_areas["Berga"]
    assert _inside(point.latitude, point.longitude, BERGA)

    _sign_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lagesbild/0880/enkater/{walk.pk}/")
    page.get_by_role("button", name="Godkänn").click()
    page.wait_for_load_state()
    observation = Observation.objects.get()
    assert observation.area == walk_areas["Berga"]
    year = observation.observed_at.year
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/?period={year}")
    page.locator("#lagesbild-karta [data-map-canvas]").wait_for()
    assert page.locator(".lagesbild-map > svg").is_hidden()  # the fallback
    marker = page.locator("path.map-point")
    marker.wait_for()
    assert marker.count() == 1
    where = page.evaluate(
        "(() => { const m = document.getElementById('lagesbild-karta').mapInstance;"
        " let found = null; m.eachLayer(l => { if (l instanceof L.CircleMarker)"
        " found = l.getLatLng(); }); return {lat: found.lat, lng: found.lng}; })()"
    )
    assert _inside(where["lat"], where["lng"], BERGA)
    assert not _inside(where["lat"], where["lng"], OXHAGEN)
    # The kommun's own staff read the exact count, as in the weekly list and the
    # summary; the analysis and public pages hide 1–4 (test_staff_map_counts.py).
    row = page.locator("table tr", has=page.locator("th", has_text="Berga"))
    assert "1 rapport" in row.inner_text()
    assert "färre än 5" not in row.inner_text()
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_the_walk_map_works_with_the_keyboard_alone(
    live_server, page, kalmar, walk_areas, person_speed
):
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=[walk_areas["Oxhagen"]])
    page.goto(f"{live_server.url}/enkat/{walk.token}/")
    page.locator("#vandring-karta [data-map-canvas]").wait_for()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-map-canvas')"):
            break
    else:
        pytest.fail("the map never took the focus with Tab")
    before = _map_centre(page, "vandring-karta")
    zoom = page.evaluate(
        "document.getElementById('vandring-karta').mapInstance.getZoom()"
    )
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    page.wait_for_timeout(400)
    after = _map_centre(page, "vandring-karta")
    assert after["lng"] > before["lng"] and after["lat"] > before["lat"]
    page.keyboard.press("-")
    page.wait_for_timeout(400)
    assert (
        page.evaluate("document.getElementById('vandring-karta').mapInstance.getZoom()")
        < zoom
    )
    page.keyboard.press("+")
    page.wait_for_timeout(400)
    centre = _map_centre(page, "vandring-karta")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-map-mark-centre')"):
            break
    else:
        pytest.fail("Markera kartans mitt cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.get_by_text(re.compile("^Platsen är markerad")).wait_for()
    assert float(page.locator("#id_latitude").input_value()) == pytest.approx(
        centre["lat"], abs=1e-5
    )
    assert float(page.locator("#id_longitude").input_value()) == pytest.approx(
        centre["lng"], abs=1e-5
    )
    # Searching an area's name takes the map there.
    search = page.get_by_label("Sök ett område eller en plats")
    search.fill("Berga")
    search.press("Enter")
    page.wait_for_timeout(500)
    moved = _map_centre(page, "vandring-karta")
    assert _inside(moved["lat"], moved["lng"], BERGA)


@pytest.mark.django_db(transaction=True)
def test_the_marker_can_be_dragged_to_correct_the_place(
    live_server, page, kalmar, walk_areas, person_speed
):
    walk = open_survey(
        kalmar, kind="vandring", keys=[], areas=list(walk_areas.values())
    )
    page.goto(f"{live_server.url}/enkat/{walk.token}/")
    canvas = page.locator("#vandring-karta [data-map-canvas]")
    canvas.wait_for()
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text(re.compile("^Platsen är markerad")).wait_for()
    first = float(page.locator("#id_longitude").input_value())
    icon = page.locator(".leaflet-marker-icon").bounding_box()
    x, y = icon["x"] + icon["width"] / 2, icon["y"] + icon["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y, steps=8)
    page.mouse.up()
    page.get_by_text(re.compile("^Platsen är flyttad")).wait_for()
    assert float(page.locator("#id_longitude").input_value()) > first


@pytest.mark.django_db(transaction=True)
def test_the_lagesbild_map_has_no_serious_violations_and_keeps_its_table(
    live_server, page, kalmar, kommun_editor, walk_areas
):
    _sign_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/")
    page.locator("#lagesbild-karta [data-map-canvas]").wait_for()
    assert page.locator("path.map-area").count() == 2
    assert page.get_by_role("table").filter(has_text="Kartans värden").is_visible()
    assert _serious_violations(page) == []
    # each area says its name to a screen reader, and the buttons speak Swedish
    labels = page.locator("path.map-area").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert all(labels) and len(labels) == 2
    assert page.get_by_role("button", name="Zooma in").is_visible()
    assert page.get_by_role("button", name="Zooma ut").is_visible()


@pytest.mark.django_db(transaction=True)
def test_the_map_needs_no_inline_style_or_script_under_a_strict_policy(
    live_server, page, settings, kalmar, walk_areas, tiles, person_speed
):
    """Leaflet sets styles through the DOM, which a policy without 'unsafe-inline'
    allows: the map must work the day style-src drops it."""
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "style-src": ["'self'"],
        "script-src": ["'self'"],
    }
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    walk = open_survey(kalmar, kind="vandring", keys=[], areas=[walk_areas["Berga"]])
    page.goto(f"{live_server.url}/enkat/{walk.token}/")
    assert "style-src 'self';" in page.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )
    page.locator("img.leaflet-tile-loaded").first.wait_for()
    canvas = page.locator("#vandring-karta [data-map-canvas]")
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("Platsen är markerad: Berga.").wait_for()
    # Leaflet placed the marker where it was clicked (its styles took effect).
    icon = page.locator(".leaflet-marker-icon").bounding_box()
    assert abs(icon["x"] + icon["width"] / 2 - (box["x"] + box["width"] / 2)) < 3
    # The only refusals are the page's own <style> blocks (other templates' work),
    # each named by its hash; none comes from the map.
    blocks = re.findall(r"<style>(.*?)</style>", page.content(), re.S)
    hashes = {
        base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in blocks
    }
    for violation in violations:
        named = re.search(r"'sha256-([^']+)'", violation)
        assert named and named.group(1) in hashes, violation
