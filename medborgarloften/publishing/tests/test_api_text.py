"""The API's writes: free text cleaned and bounded as in the staff forms (issue #13
M5, M7): one nine-megabyte description made every anonymous activities answer 9 MB."""

from __future__ import annotations

import pytest

from medborgarloften.followup.models import Activity
from medborgarloften.situation.models import Observation

from .test_api_writes import ACTIVITIES, OBSERVATIONS, _activity, _post
from .test_api_writes import data as data  # noqa: F401 - the fixtures
from .test_api_writes import token as token  # noqa: F401


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"description": "x" * 4001},
            "description",
            "description: högst 4000 tecken.",
        ),
        ({"kind": "v" * 101}, "kind", "kind: högst 100 tecken."),
        (
            {"links": [f"https://kalmar.se/{i}" for i in range(21)]},
            "links",
            "Länkar: högst 20 (här finns 21).",
        ),
        (
            {"links": ["https://kalmar.se/" + "x" * 2000]},
            "links",
            "Länkar: högst 2\u00a0000 tecken (texten har 2\u00a0018).",
        ),
    ],
)
def test_it_refuses_an_activity_text_over_its_limit_and_names_it(
    client,
    data,  # noqa: F811
    token,  # noqa: F811
    changes,
    field,
    message,
):
    before = Activity.objects.count()
    response = _post(client, ACTIVITIES, _activity(data, **changes), token)
    assert response.status_code == 422, response.content
    assert {"field": field, "detail": message} in response.json()["errors"]
    assert Activity.objects.count() == before


def test_it_takes_a_description_at_its_limit(
    client,
    data,  # noqa: F811
    token,  # noqa: F811
):
    body = _activity(data, description="x" * 4000)
    assert _post(client, ACTIVITIES, body, token).status_code == 201


def test_it_stores_control_characters_as_the_forms_do(
    client,
    data,  # noqa: F811
    token,  # noqa: F811
):
    body = _activity(
        data,
        kind="trygghets\x0bvandring\x00",
        description="Rad ett\x0bRad två\r\nRad tre\x1b\u0085",
    )
    response = _post(client, ACTIVITIES, body, token)
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.kind == "trygghets vandring"
    assert activity.description == "Rad ett\nRad två\nRad tre"
    assert response.json()["description"] == activity.description


def test_it_refuses_an_observation_text_over_its_limit(
    client,
    token,  # noqa: F811
):
    body = {
        "kommun": "0880",
        "category": "klotter",
        "observed_at": "2025-05-01T21:00:00+02:00",
        "text": "x" * 2001,
    }
    response = _post(client, OBSERVATIONS, body, token)
    assert response.status_code == 422
    assert {"field": "text", "detail": "text: högst 2000 tecken."} in response.json()[
        "errors"
    ]
    assert not Observation.objects.exists()


def test_the_openapi_description_states_the_models_limits(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    activity = schemas["ActivityInput"]["properties"]
    assert activity["description"]["maxLength"] == 4000
    assert activity["kind"]["maxLength"] == 100
    assert activity["links"]["maxItems"] == 20
    assert activity["links"]["items"]["maxLength"] == 2000
    assert schemas["ObservationInput"]["properties"]["text"]["maxLength"] == 2000
