"""Hostile JSON bodies for the write API (issue #13, Low): a 400 problem+json,
never a 500 HTML page, on SQLite and on PostgreSQL alike.

Deep nesting made json.loads raise RecursionError; a lone surrogate ("\\ud800")
cannot be encoded for either database; NUL cannot be stored in PostgreSQL text, so a
NUL in a value is dropped as the forms drop it (and refused in a key).
"""

from __future__ import annotations

import json

import pytest

from medborgarloften.followup.models import Activity
from medborgarloften.publishing.api.services import api_token_create
from medborgarloften.situation.models import Observation

from .apidata import build

ACTIVITIES = "/api/v1/activities"
OBSERVATIONS = "/api/v1/observations"


@pytest.fixture
def data(superuser, kalmar, lpo_kalmar, nybro):
    return build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)


@pytest.fixture
def token(kommun_reporter, kalmar):
    return api_token_create(user=kommun_reporter, organisation=kalmar)[1]


def _post(client, path, raw: str, token: str):
    return client.post(
        path,
        data=raw.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def _activity(data, description: str = '"Kvällsvandring."') -> str:
    """The body as JSON text, the description spliced in raw."""
    body = json.dumps(
        {
            "commitment_id": data.activities[0].commitment_id,
            "date": "2025-03-01",
            "kind": "trygghetsvandring",
            "description": "@",
        }
    )
    return body.replace('"@"', description)


def _assert_problem(response, status: int, words: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert words in response.json()["detail"]


def test_it_refuses_a_body_nested_deeper_than_json_can_be_read(client, data, token):
    before = Activity.objects.count()
    deep = "[" * 100_000 + "]" * 100_000

    _assert_problem(_post(client, ACTIVITIES, deep, token), 400, "för djupt nästlad")
    _assert_problem(
        _post(client, ACTIVITIES, _activity(data, deep), token),
        400,
        "för djupt nästlad",
    )
    assert Activity.objects.count() == before


@pytest.mark.parametrize(
    "text",
    ['"vandring \\ud800"', '"\\udfff"', '"a\\ud83d"'],
    ids=["high", "low", "cut-emoji"],
)
def test_it_refuses_a_lone_surrogate_in_the_body(client, data, token, text):
    before = Activity.objects.count()

    response = _post(client, ACTIVITIES, _activity(data, text), token)

    _assert_problem(response, 400, "surrogat")
    assert Activity.objects.count() == before


def test_it_refuses_a_lone_surrogate_in_a_key(client, data, token):
    body = _activity(data).replace('"kind"', '"kind\\udc80"')
    _assert_problem(_post(client, ACTIVITIES, body, token), 400, "surrogat")


def test_it_stores_nul_in_a_value_cleaned_as_the_forms_do(client, data, token):
    response = _post(client, ACTIVITIES, _activity(data, '"a\\u0000b"'), token)

    assert response.status_code == 201, response.content[:300]
    assert Activity.objects.get(pk=response.json()["id"]).description == "ab"


def test_it_refuses_nul_in_a_key(client, data, token):
    before = Activity.objects.count()
    body = _activity(data).replace('"kind"', '"kind\\u0000"')

    _assert_problem(_post(client, ACTIVITIES, body, token), 400, "NUL")
    assert Activity.objects.count() == before


def test_it_still_takes_an_emoji_written_as_a_surrogate_pair(client, data, token):
    response = _post(
        client, ACTIVITIES, _activity(data, '"Glad \\ud83d\\ude00"'), token
    )
    assert response.status_code == 201, response.content
    assert Activity.objects.get(pk=response.json()["id"]).description == "Glad 😀"


@pytest.mark.parametrize("text", ['"\\ud800"', "[" * 50_000 + "]" * 50_000])
def test_observations_refuse_the_same(client, token, kalmar, text):
    body = json.dumps(
        {
            "kommun": kalmar.code,
            "category": "annat",
            "observed_at": "2025-03-01T20:00:00+01:00",
            "text": "@",
        }
    ).replace('"@"', text)

    response = _post(client, OBSERVATIONS, body, token)

    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    assert not Observation.objects.exists()


def test_observations_store_nul_in_their_text_cleaned(client, token, kalmar):
    body = json.dumps(
        {
            "kommun": kalmar.code,
            "category": "annat",
            "observed_at": "2025-03-01T20:00:00+01:00",
            "text": "Klotter\u0000 vid skolan",
        }
    )

    response = _post(client, OBSERVATIONS, body, token)

    assert response.status_code == 201, response.content[:300]
    assert Observation.objects.get().text == "Klotter vid skolan"
