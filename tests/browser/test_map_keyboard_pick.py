"""The resident's form map with the keyboard: the map is one Tab stop however many
areas it draws; Enter on the map marks the place under the cross; Enter or Space on
an area that has the focus chooses it (the area list and the position are filled)."""

from __future__ import annotations

import pytest

from medborgarloften.places.services import area_create


def _square(west: float, south: float, size: float) -> dict:
    east, north = west + size, south + size / 2
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _u_shape(west: float, south: float) -> dict:
    """A U: the middle of its bounds lies outside it."""
    w, s = west, south
    ring = [
        [w, s], [w + 0.03, s], [w + 0.03, s + 0.02], [w + 0.02, s + 0.02],
        [w + 0.02, s + 0.005], [w + 0.01, s + 0.005], [w + 0.01, s + 0.02],
        [w, s + 0.02], [w, s],
    ]  # fmt: skip
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture(autouse=True)
def _kalmar_takes_reports(kommun_editor):
    """Someone handles Kalmar's reports: only such a kommun shows the form."""


@pytest.fixture
def many_areas(kalmar):
    made = {}
    for i in range(12):
        name = f"Testområde {i:02d}"
        made[name] = area_create(
            kommun=kalmar,
            name=name,
            kind="stadsdel",
            geometry=_square(16.20 + (i % 4) * 0.03, 56.60 + (i // 4) * 0.02, 0.025),
        )
    made["Hästskon"] = area_create(
        kommun=kalmar, name="Hästskon", kind="stadsdel", geometry=_u_shape(16.35, 56.60)
    )
    return made


def _active(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.tagName + '|' + (e.id || '') + '|' + (e.getAttribute('class') || '')"
        " + '|' + (e.getAttribute('aria-label') || ''); })()"
    )


@pytest.mark.django_db(transaction=True)
def test_the_form_map_is_one_tab_stop_and_enter_marks_the_centre(
    live_server, page, kalmar, many_areas
):
    page.goto(f"{live_server.url}/tyck-till/{kalmar.code}/")
    page.locator("[data-map-canvas]").wait_for()
    page.locator("#id_theme").focus()
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stops.append(_active(page))
        if stops[-1].startswith("TEXTAREA"):
            break
    assert not [s for s in stops if s.startswith("path")], stops
    assert sum("map-canvas" in s for s in stops) == 1
    assert len(stops) <= 12, stops
    page.locator("[data-map-canvas]").focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_latitude").input_value()
    assert page.locator("#id_longitude").input_value()
    assert "/tyck-till/" in page.url  # Enter did not send the form


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_on_a_focused_area_chooses_it(
    live_server, page, kalmar, many_areas, key
):
    page.goto(f"{live_server.url}/tyck-till/{kalmar.code}/")
    page.locator("[data-map-canvas]").wait_for()
    shape = page.locator('path.map-area[aria-label="Hästskon"]')
    shape.focus()
    page.keyboard.press(key)
    chosen = page.locator("#id_area option:checked").inner_text()
    assert chosen == "Hästskon"
    lat = float(page.locator("#id_latitude").input_value())
    lon = float(page.locator("#id_longitude").input_value())
    # Inside the U, not the middle of its bounds (which is in the gap).
    inside = page.evaluate(
        f"""(() => {{
          const m = document.querySelector('[data-map]').mapInstance;
          let hit = false;
          m.eachLayer(l => {{ if (l.feature && l.feature.properties.name === 'Hästskon') {{
            const ring = l.getLatLngs()[0];
            for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {{
              const a = ring[i], b = ring[j];
              if ((a.lat > {lat}) !== (b.lat > {lat}) &&
                  {lon} < (b.lng - a.lng) * ({lat} - a.lat) / (b.lat - a.lat) + a.lng) hit = !hit;
            }} }} }});
          return hit; }})()"""
    )
    assert inside, (lat, lon)
