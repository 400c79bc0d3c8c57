"""A survey place question on a phone: the resident taps the place on the map
(opened on the survey's area, over the installation's own tiles), the point is
stored with its area, and the coordinator sees it on the lägesbild map."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from medborgarloften.situation.models import SurveyAnswer
from medborgarloften.situation.surveys.services import survey_create, survey_publish
from tests.browser import test_maps
from tests.browser.test_maps import BERGA, _inside, _map_centre, _sign_in
from tests.browser.test_public_pages import _serious_violations

QUESTION = "Var känner du dig mest otrygg?"

# The walk test's fixtures: its areas, its tile set, answers at a person's pace.
walk_areas = test_maps.walk_areas
tiles = test_maps.tiles
person_speed = test_maps.person_speed


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_resident_answers_a_place_question_on_a_phone_and_it_reaches_the_map(
    live_server, browser, page, kalmar, kommun_editor, walk_areas, tiles, person_speed
):
    survey = survey_publish(
        survey=survey_create(
            kommun=kalmar,
            title="Trygghetsenkät",
            year=timezone.localdate().year,
            closes_on=timezone.localdate() + dt.timedelta(days=30),
            place_questions=[QUESTION],
            areas=[walk_areas["Berga"]],
        )
    )
    pk = survey.questions.get().pk
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    try:
        phone = context.new_page()
        phone.set_default_timeout(15_000)
        phone.goto(f"{live_server.url}/enkat/{survey.token}/")
        map_id = f"plats-{pk}-karta"
        canvas = phone.locator(f"#{map_id} [data-map-canvas]")
        canvas.wait_for()
        centre = _map_centre(phone, map_id)
        assert _inside(centre["lat"], centre["lng"], BERGA)
        phone.locator("img.leaflet-tile-loaded").first.wait_for()
        assert _serious_violations(phone) == []
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        phone.touchscreen.tap(
            box["x"] + box["width"] * 0.55, box["y"] + box["height"] * 0.45
        )
        phone.get_by_text("Platsen är markerad: Berga.").wait_for()
        assert phone.locator(f"#id_p{pk}_area option:checked").inner_text() == "Berga"
        phone.get_by_role("button", name="Skicka svar").click()
        phone.wait_for_url("**/tack/")
    finally:
        context.close()
    stored = SurveyAnswer.objects.get(question_id=pk)
    assert stored.area == walk_areas["Berga"]
    assert _inside(stored.latitude, stored.longitude, BERGA)

    _sign_in(page, live_server, "kommun_editor")
    page.goto(
        f"{live_server.url}/personal/lagesbild/0880/karta/"
        f"?period={timezone.localdate().year}"
    )
    marker = page.locator("path.map-point")
    marker.wait_for()
    assert marker.count() == 1
    where = page.evaluate(
        "(() => { const m = document.getElementById('lagesbild-karta').mapInstance;"
        " let found = null; m.eachLayer(l => { if (l instanceof L.CircleMarker)"
        " found = l.getLatLng(); }); return {lat: found.lat, lng: found.lng}; })()"
    )
    assert _inside(where["lat"], where["lng"], BERGA)
