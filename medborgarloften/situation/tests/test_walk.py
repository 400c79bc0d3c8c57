"""Digital trygghetsvandring: residents mark unsafe places; staff moderate; approved
points reach the lägesbild map."""

from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from medborgarloften.situation.models import Observation, WalkPoint, WalkStatus
from medborgarloften.situation.periods import period_containing
from medborgarloften.situation.selectors.maps import area_map
from medborgarloften.situation.surveys.services import (
    COMMENT_MAX,
    walk_point_moderate,
    walk_point_submit,
)

from .survey_helpers import form_token, open_survey

INSIDE = {"latitude": "56.685", "longitude": "16.345"}  # Oxhagen, Kalmar
STOCKHOLM = {"latitude": "59.33", "longitude": "18.06"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def walk(kalmar, areas):
    return open_survey(
        kalmar, kind="vandring", keys=[], areas=[areas["Norrliden"], areas["Oxhagen"]]
    )


def _post(client, walk, **data):
    data.setdefault("form_token", form_token(walk))
    return client.post(f"/enkat/{walk.token}/", data)


@pytest.mark.django_db
def test_it_shows_a_map_and_an_area_choice_without_javascript(client, walk):
    response = client.get(f"/enkat/{walk.token}/")
    page = response.content.decode()
    # The interactive map waits for JavaScript (hidden until js/map.js shows it);
    # without it the list of areas is the way to say where.
    assert re.search(
        r'<div class="map-component" id="vandring-karta" data-map[^>]*hidden>', page
    )
    assert "Eller välj ett område" in page and "Dålig belysning" in page
    config = json.loads(
        re.search(
            r'<script id="vandring-karta-config" type="application/json">(.*?)</script>',
            page,
            re.S,
        ).group(1)
    )
    assert config["focus"] == sorted(a.name for a in walk.areas.all())
    assert config["pick"]["latitude"] == "id_latitude"
    assert config["tiles"] is None  # no background map unless the installation sets one


@pytest.mark.django_db
def test_it_takes_a_point_inside_the_kommun_and_places_it_in_its_area(
    client, walk, areas
):
    response = _post(client, walk, reasons=["belysning", "skymd_sikt"], **INSIDE)
    assert response.status_code == 302
    point = WalkPoint.objects.get()
    assert point.area == areas["Oxhagen"]
    assert point.status == WalkStatus.PENDING
    assert point.reasons == ["belysning", "skymd_sikt"]


@pytest.mark.django_db
def test_it_takes_an_area_without_a_point(client, walk, areas):
    response = _post(client, walk, reasons=["ode"], area=areas["Norrliden"].pk)
    assert response.status_code == 302
    assert WalkPoint.objects.get().latitude is None


@pytest.mark.django_db
def test_it_refuses_a_point_outside_the_kommun(client, walk):
    response = _post(client, walk, reasons=["belysning"], **STOCKHOLM)
    assert response.status_code == 400
    assert "ligger utanför Kalmar" in response.content.decode()
    assert not WalkPoint.objects.exists()


@pytest.mark.django_db
def test_it_refuses_no_place_no_reason_and_an_oversized_comment(client, walk):
    response = _post(client, walk, comment="x" * (COMMENT_MAX + 1))
    page = response.content.decode()
    assert response.status_code == 400
    assert "välj minst ett skäl" in page and "högst 1000 tecken" in page
    with pytest.raises(
        ValidationError,
        match="tryck på kartan, välj ett område eller beskriv platsen med ord",
    ):
        walk_point_submit(survey=walk, reasons=["ode"])
    assert not WalkPoint.objects.exists()


@pytest.mark.django_db
def test_it_keeps_script_in_a_comment_as_escaped_plain_text(
    client, walk, kommun_editor
):
    script = "<script>alert('x')</script> mörkt"
    _post(client, walk, reasons=["annat"], comment=script, **INSIDE)
    assert WalkPoint.objects.get().comment == script
    client.force_login(kommun_editor)
    page = client.get(f"/personal/lagesbild/0880/enkater/{walk.pk}/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; mörkt" in page


@pytest.mark.django_db
def test_it_puts_only_approved_points_on_the_lagesbild_map(
    client, walk, kommun_editor, kalmar
):
    _post(client, walk, reasons=["belysning"], **INSIDE)
    point = WalkPoint.objects.get()
    period = period_containing("month", point.submitted_on)
    assert area_map(kommun=kalmar, period=period).points == []
    client.force_login(kommun_editor)
    client.post(
        f"/personal/lagesbild/0880/enkater/{walk.pk}/punkt/{point.pk}/",
        {"decision": "approved"},
    )
    point.refresh_from_db()
    assert point.status == WalkStatus.APPROVED and point.moderated_by == kommun_editor
    observation = Observation.objects.get()
    assert observation.category == "belysning"
    assert len(area_map(kommun=kalmar, period=period).points) == 1
    # Approving twice never adds a second point; rejecting takes it off the map.
    walk_point_moderate(point=point, approve=True, actor=kommun_editor)
    assert Observation.objects.count() == 1
    walk_point_moderate(point=point, approve=False, actor=kommun_editor)
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_it_lets_only_editors_moderate(client, walk, kommun_viewer):
    walk_point_submit(survey=walk, reasons=["ode"], latitude=56.685, longitude=16.345)
    point = WalkPoint.objects.get()
    client.force_login(kommun_viewer)
    response = client.post(
        f"/personal/lagesbild/0880/enkater/{walk.pk}/punkt/{point.pk}/",
        {"decision": "approved"},
    )
    assert response.status_code == 403
    point.refresh_from_db()
    assert point.status == WalkStatus.PENDING


@pytest.mark.django_db
def test_it_shows_approved_places_on_the_public_map_but_never_pending_ones(
    client, walk, kommun_editor
):
    walk_point_submit(
        survey=walk, reasons=["belysning"], latitude=56.685, longitude=16.345
    )
    walk_point_submit(
        survey=walk, reasons=["trafik"], latitude=56.686, longitude=16.346
    )
    first = WalkPoint.objects.get(reasons=["belysning"])
    walk_point_moderate(point=first, approve=True, actor=kommun_editor)
    page = client.get(f"/enkat/{walk.token}/").content.decode()
    config = json.loads(
        re.search(
            r'<script id="vandring-karta-config" type="application/json">(.*?)</script>',
            page,
            re.S,
        ).group(1)
    )
    # The pending point (Farlig trafik) is not among them.
    assert [p["title"] for p in config["points"]] == ["Dålig belysning"]


@pytest.mark.django_db
def test_it_limits_points_per_address_whatever_the_cookies(client, walk, settings):
    settings.SURVEY_ANSWERS_PER_ADDRESS = 1  # a walk allows twice as many: 2
    for _ in range(2):
        client.cookies.clear()
        assert _post(client, walk, reasons=["ode"], **INSIDE).status_code == 302
    client.cookies.clear()
    refused = _post(client, walk, reasons=["ode"], **INSIDE)
    assert refused.status_code == 429
    assert WalkPoint.objects.count() == 2
    other = client.post(
        f"/enkat/{walk.token}/",
        {"reasons": ["ode"], "form_token": form_token(walk), **INSIDE},
        REMOTE_ADDR="198.51.100.9",  # another address is not held back
    )
    assert other.status_code == 302
    assert WalkPoint.objects.count() == 3


@pytest.mark.django_db
def test_it_drops_a_walk_point_with_a_filled_honeypot(client, walk):
    response = _post(client, walk, reasons=["ode"], website="http://spam", **INSIDE)
    assert response.status_code == 302
    assert not WalkPoint.objects.exists()


@pytest.mark.django_db
def test_a_resident_may_describe_the_place_in_words_instead(
    client, walk, kommun_editor
):
    response = _post(
        client, walk, reasons=["ode"], place_text="  Gångtunneln   under Norra vägen "
    )
    assert response.status_code == 302
    point = WalkPoint.objects.get()
    assert point.place_text == "Gångtunneln under Norra vägen"
    assert point.latitude is None and point.area is None
    walk_point_moderate(point=point, approve=True, actor=kommun_editor)
    point.refresh_from_db()
    assert "(Gångtunneln under Norra vägen)" in point.observation.text


@pytest.mark.django_db
def test_nothing_at_all_about_where_is_refused(client, walk):
    response = _post(client, walk, reasons=["ode"])
    assert response.status_code == 400
    assert "beskriv platsen med ord" in response.content.decode()
    assert not WalkPoint.objects.exists()


@pytest.mark.django_db
def test_a_point_is_stored_with_the_area_it_lies_in_not_a_wrong_choice(walk, areas):
    point = walk_point_submit(
        survey=walk,
        reasons=["ode"],
        area=areas["Norrliden"],
        latitude=56.685,
        longitude=16.345,
    )
    assert point.area == areas["Oxhagen"]
