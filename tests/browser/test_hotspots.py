"""Hot spots on a phone (360 px): clusters at low zoom that open with the keyboard,
the density view's squares, "what is near" from a tap on the map, no sideways
scrolling and no serious axe violations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from medborgarloften.situation.models import Observation
from tests.browser.test_maps import BERGA, OXHAGEN, _sign_in
from tests.browser.test_public_pages import _serious_violations


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_on_a_phone_finds_hot_spots_and_what_is_near(
    live_server, phone_page, kalmar, kommun_viewer
):
    from medborgarloften.places.services import area_create
    from tests.browser.test_maps import _polygon

    oxhagen = area_create(
        kommun=kalmar, name="Oxhagen", kind="stadsdel", geometry=_polygon(*OXHAGEN)
    )
    area_create(kommun=kalmar, name="Berga", kind="stadsdel", geometry=_polygon(*BERGA))
    when = timezone.now() - dt.timedelta(hours=2)
    for i in range(5):  # five within a few metres in Oxhagen
        Observation.objects.create(
            kommun=kalmar,
            category="skadegorelse",
            area=oxhagen,
            latitude=56.6750 + i * 0.00005,
            longitude=16.3385,
            observed_at=when - dt.timedelta(days=i),
        )
    Observation.objects.create(
        kommun=kalmar,
        category="nedskrapning",
        latitude=56.6850,
        longitude=16.3200,
        observed_at=when,
    )
    page = phone_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _sign_in(page, live_server, "kommun_viewer")
    period = timezone.localdate().year
    url = f"{live_server.url}/personal/lagesbild/0880/brannpunkter/?period={period}"
    page.goto(url)
    page.locator("#brannpunkter-karta [data-map-canvas]").wait_for()
    cluster = page.locator(".map-cluster", has_text="5")
    cluster.wait_for()
    zoom = page.evaluate(
        "document.getElementById('brannpunkter-karta').mapInstance.getZoom()"
    )
    assert zoom < 15
    # The cluster takes the focus and opens with Enter (zooms in).
    cluster.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    assert (
        page.evaluate(
            "document.getElementById('brannpunkter-karta').mapInstance.getZoom()"
        )
        > zoom
    )
    # The same data as a table; nothing scrolls sideways at 360 px.
    assert page.locator("#h-list ~ .table-wrap tbody tr").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _serious_violations(page) == []

    # What is near: tap the cluster's place, ask within 100 m.
    page.evaluate(
        "(() => { const m = document.getElementById('brannpunkter-karta').mapInstance;"
        " m.setView([56.6751, 16.3385], 16); })()"
    )
    page.get_by_role("button", name="Markera kartans mitt").click()
    assert float(page.locator("#id_lat").input_value()) == pytest.approx(
        56.6751, abs=1e-4
    )
    page.get_by_label("Avstånd i meter").fill("100")
    page.get_by_role("button", name="Visa vad som finns nära").click()
    page.get_by_role("heading", name="Inom 100 m från punkten").wait_for()
    near = page.locator("#h-near ~ * tbody tr, #h-near ~ .table-wrap tbody tr")
    assert near.count() == 5
    page.locator("path.map-near").wait_for()

    # The density view: squares on the map and in a table.
    page.goto(url + "&vy=tathet&ruta=250")
    page.locator("path.map-density").first.wait_for()
    assert page.locator("path.map-density").count() == 2
    assert page.locator("#h-density ~ .table-wrap tbody tr").count() == 2
    assert _serious_violations(page) == []
    assert errors == []
