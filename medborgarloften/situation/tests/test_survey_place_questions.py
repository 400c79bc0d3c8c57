"""Survey place questions: asked on the walk's map component, answered with a point
(stored with the area it lies in), an area or words, and shown on the lägesbild map."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from medborgarloften.situation.models import QuestionKind, SurveyAnswer
from medborgarloften.situation.surveys.services import survey_create

from .survey_helpers import post_answer, published_survey

IP = "203.0.113.78"
QUESTION = "Var känner du dig mest otrygg?"


pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def survey(kalmar, berga):
    return published_survey(kalmar, areas=[berga], place_questions=[QUESTION])


def _place(survey):
    return survey.questions.get(kind=QuestionKind.PLACE)


def _post(client, survey, **data):
    return post_answer(client, survey, ip=IP, **data)


@pytest.mark.django_db
def test_a_place_question_is_added_after_the_others(survey):
    question = _place(survey)
    assert question.text == QUESTION
    assert question.options == []
    assert question.position == survey.questions.count()


@pytest.mark.django_db
def test_a_too_long_place_question_is_refused(kalmar):
    with pytest.raises(ValidationError) as caught:
        survey_create(
            kommun=kalmar,
            title="Enkät",
            year=2026,
            closes_on=timezone.localdate() + dt.timedelta(days=3),
            place_questions=["x" * 301],
        )
    assert "place_questions" in caught.value.message_dict


@pytest.mark.django_db
def test_the_answer_page_offers_the_map_opened_on_the_surveys_area(client, survey):
    page = client.get(f"/enkat/{survey.token}/").content.decode()
    pk = _place(survey).pk
    assert QUESTION in page
    found = re.search(rf'id="plats-{pk}-karta-config"[^>]*>(.*?)</script>', page, re.S)
    config = json.loads(found.group(1))
    assert config["pick"] == {
        "latitude": f"id_p{pk}_lat",
        "longitude": f"id_p{pk}_lon",
        "area": f"id_p{pk}_area",
    }
    assert config["focus"] == ["Berga"]
    assert f'id="id_p{pk}_lat"' in page and f'id="id_p{pk}_area"' in page
    assert "vendor/leaflet-1.9.4/leaflet.js" in page


@pytest.mark.django_db
def test_a_marked_point_is_stored_with_its_area(client, survey, berga):
    pk = _place(survey).pk
    response = _post(
        client, survey, **{f"p{pk}_lat": "56.6850", f"p{pk}_lon": "16.3200"}
    )
    assert response.status_code == 302
    stored = SurveyAnswer.objects.get(question_id=pk)
    assert (stored.latitude, stored.longitude, stored.area) == (56.685, 16.32, berga)


@pytest.mark.django_db
def test_the_place_in_words_alone_is_an_answer(client, survey):
    pk = _place(survey).pk
    response = _post(client, survey, **{f"p{pk}_text": "Gångtunneln vid skolan"})
    assert response.status_code == 302
    stored = SurveyAnswer.objects.get(question_id=pk)
    assert stored.place_text == "Gångtunneln vid skolan"
    assert stored.latitude is None


@pytest.mark.django_db
def test_a_point_outside_the_kommun_is_refused_and_nothing_saved(client, survey):
    pk = _place(survey).pk
    response = _post(
        client,
        survey,
        **{
            f"p{pk}_lat": "59.33",
            f"p{pk}_lon": "18.06",
            f"q{survey.questions.first().pk}": "mycket_trygg",
        },
    )
    assert response.status_code == 400
    assert "ligger utanför Kalmar" in response.content.decode()
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db
def test_the_coordinator_sees_the_point_on_the_lagesbild_map(
    client, survey, kommun_viewer
):
    pk = _place(survey).pk
    _post(client, survey, **{f"p{pk}_lat": "56.6850", f"p{pk}_lon": "16.3200"})
    client.force_login(kommun_viewer)
    page = client.get(
        "/personal/lagesbild/0880/karta/", {"period": str(timezone.localdate().year)}
    ).content.decode()
    found = re.search(r'id="lagesbild-karta-config"[^>]*>(.*?)</script>', page, re.S)
    points = json.loads(found.group(1))["points"]
    assert {"lat": 56.685, "lon": 16.32, "title": f"Enkät: {QUESTION} (Berga)"} == {
        k: points[0][k] for k in ("lat", "lon", "title")
    }
