"""A reporter files an EST observation on a phone (position from the phone's GPS),
and a coordinator sees it in the weekly list and on the map."""

from __future__ import annotations

import re

import pytest

from medborgarloften.places.models import Area
from medborgarloften.situation.models import Observation

PASSWORD = "test-losenord-123"


def _square(lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _log_in(page, live_server, username: str, lands: str = r"/personal/$") -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(lands))


@pytest.mark.django_db(transaction=True)
def test_it_takes_a_phone_report_to_the_weekly_list_and_the_map(
    live_server, browser, page, kalmar, kommun_reporter, kommun_editor
):
    Area.objects.create(kommun=kalmar, name="Norrliden", geometry=_square(16.33, 56.68))
    Area.objects.create(kommun=kalmar, name="Oxhagen", geometry=_square(16.34, 56.68))

    phone = browser.new_context(
        locale="sv-SE",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 56.685, "longitude": 16.345},
        permissions=["geolocation"],
    )
    try:
        reporter = phone.new_page()
        reporter.set_default_timeout(15_000)
        # A reporter starts on the report page of their kommun.
        _log_in(
            reporter, live_server, "kommun_reporter", r"/lagesbild/0880/rapportera/$"
        )
        reporter.get_by_label("Klotter").check()
        reporter.get_by_role("button", name="Använd min position").click()
        reporter.wait_for_function(
            "document.querySelector('[name=latitude]').value !== ''"
        )
        reporter.get_by_label("Kort beskrivning").fill("Nytt klotter på tunneln.")
        # Everything fits a phone: no sideways scrolling.
        assert reporter.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        reporter.get_by_role("button", name="Skicka rapport").click()
        message = reporter.locator(".messages").inner_text()
        assert "Observationen (Klotter, Oxhagen) är sparad" in message
    finally:
        phone.close()

    observation = Observation.objects.get()
    assert observation.area.name == "Oxhagen"

    _log_in(page, live_server, "kommun_editor")
    page.goto(f"{live_server.url}/personal/lagesbild/0880/vecka/")
    row = page.locator("tbody tr", has_text="Nytt klotter på tunneln.")
    assert "Oxhagen" in row.inner_text()
    page.get_by_role("link", name="Visa veckans rapporter på kartan").click()
    page.wait_for_url(re.compile(r"/karta/"))
    assert page.locator("svg circle.map-point").count() == 1
    assert "Klotter" in page.locator("svg circle.map-point title").text_content()
    # The kommun's own staff read the exact count, as in the weekly list; the
    # analysis and public pages hide 1–4 (situation/tests/test_staff_map_counts.py).
    title = page.locator("svg path[data-area='Oxhagen'] title").text_content()
    assert title == "Oxhagen: 1 rapport"
