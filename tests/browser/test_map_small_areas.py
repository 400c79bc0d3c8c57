"""Small areas on the lägesbild map: a name is written on an area only while the
zoom leaves room for it, and choosing an area in the list beside the map zooms the
map to it without loading the page again. Skipped, with the reason, when
/usr/bin/chromium is missing (conftest)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from medborgarloften.places.services import area_create
from tests.browser.test_maps import _polygon, _sign_in

#: A stadsdel, a square inside it (about 60 × 40 m) and a tätort 15 km away: on
#: the whole map the square is a few pixels.
STADSDEL = (16.3550, 56.6580, 16.3700, 56.6680)
TORG = (16.3620, 56.6625, 16.3630, 56.6629)
TATORT = (16.1500, 56.7800, 16.1800, 56.7950)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def small_areas(kalmar):
    return {
        name: area_create(kommun=kalmar, name=name, kind=kind, geometry=_polygon(*box))
        for name, kind, box in (
            ("Kvarnholmen", "stadsdel", STADSDEL),
            ("Lilla torget", "plats", TORG),
            ("Tätorten", "tatort", TATORT),
        )
    }


def _names(page) -> list[str]:
    return page.locator("#lagesbild-karta .map-area-name").all_inner_texts()


def _zoom(page) -> float:
    return page.evaluate(
        "document.getElementById('lagesbild-karta').mapInstance.getZoom()"
    )


@pytest.mark.django_db(transaction=True)
def test_small_areas_get_no_name_until_chosen_in_the_list(
    live_server, page, kalmar, kommun_editor, small_areas
):
    _sign_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/")
    page.locator("#lagesbild-karta [data-map-canvas]").wait_for()
    assert "Lilla torget" not in _names(page)  # a few pixels: no name over it
    before = _zoom(page)
    url = page.url
    page.locator("a[data-map-area='Lilla torget']").click()
    page.wait_for_function(
        f"document.getElementById('lagesbild-karta').mapInstance.getZoom() > {before}"
    )
    page.wait_for_timeout(400)  # the zoom's animation
    assert page.url == url  # zoomed in place, no new page
    assert "Lilla torget" in _names(page)
    assert (
        "Tätorten"
        not in page.locator("#lagesbild-karta .leaflet-tooltip").all_inner_texts()
    )
    link = page.locator("a[data-map-area='Lilla torget']")
    assert link.get_attribute("aria-current") == "true"
    focused = page.evaluate("document.activeElement.hasAttribute('data-map-canvas')")
    assert focused  # the keyboard user lands on the map


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_list_link_zooms_the_drawn_map(
    live_server, browser, kalmar, kommun_editor, small_areas
):
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_editor")
    page.get_by_label("Lösenord").fill("test-losenord-123")
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/personal/lagesbild/0880/karta/")
    names = page.locator(".lagesbild-map svg .map-names text").all_text_contents()
    assert "Tätorten" in names and "Lilla torget" not in names
    page.locator("a[data-map-area='Lilla torget']").click()
    assert "omrade=" in page.url
    names = page.locator(".lagesbild-map svg .map-names text").all_text_contents()
    assert "Lilla torget" in names
    assert page.get_by_text("Inzoomad på Lilla torget.").is_visible()
    context.close()
