"""The API's write side: bearer tokens (hashed), POST activities and observations."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from medborgarloften.accounts.models import ApiToken
from medborgarloften.followup.models import Activity
from medborgarloften.publishing.api.services import (
    api_token_create,
    api_token_revoke,
    token_hash,
)
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


def _post(client, path, body, token=None, **extra):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        path,
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type=extra.pop("content_type", "application/json"),
        headers=headers,
        **extra,
    )


def _activity(data, **changes):
    body = {
        "commitment_id": data.activities[0].commitment_id,
        "date": "2025-03-01",
        "kind": "trygghetsvandring",
        "quantity": 2,
        "area_id": data.area.pk,
        "description": "Kvällsvandring med föreningar.",
        "links": ["https://example.org/a"],
    }
    body.update(changes)
    return body


def test_it_stores_only_the_hash_of_a_token(kommun_reporter, kalmar):
    token, raw = api_token_create(user=kommun_reporter, organisation=kalmar)
    assert raw.startswith("mlt_")
    assert token.key_hash == token_hash(raw)
    assert raw not in str(ApiToken.objects.values_list().get())


def test_it_refuses_tokens_for_viewers_and_non_members(kommun_viewer, nybro, kalmar):
    with pytest.raises(ValidationError):
        api_token_create(user=kommun_viewer, organisation=kalmar)
    with pytest.raises(ValidationError):
        api_token_create(user=kommun_viewer, organisation=nybro)


def test_it_logs_an_activity_with_a_token(client, data, token, kalmar, kommun_reporter):
    response = _post(client, ACTIVITIES, _activity(data), token)
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.source == "api"
    assert activity.created_by == kommun_reporter
    assert activity.organisation == kalmar
    assert response["Location"].endswith(f"/api/v1/activities/{activity.pk}")
    assert response.json()["quantity"] == 2
    assert client.get(response["Location"]).json()["kind"] == "trygghetsvandring"


def test_it_needs_a_token_to_write(client, data):
    response = _post(client, ACTIVITIES, _activity(data))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"] == "application/problem+json"
    assert _post(client, ACTIVITIES, _activity(data), "mlt_fel").status_code == 401
    assert Activity.objects.count() == len(data.activities) + 1


def test_it_ignores_a_session_for_writes(client, data, kommun_editor):
    client.force_login(kommun_editor)
    assert _post(client, ACTIVITIES, _activity(data)).status_code == 401


def test_it_refuses_a_revoked_token(client, data, kommun_reporter, kalmar):
    token, raw = api_token_create(user=kommun_reporter, organisation=kalmar)
    api_token_revoke(token=token)
    assert _post(client, ACTIVITIES, _activity(data), raw).status_code == 401


def test_it_refuses_another_kommuns_promise(client, data, other_kommun_editor, nybro):
    raw = api_token_create(user=other_kommun_editor, organisation=nybro)[1]
    response = _post(client, ACTIVITIES, _activity(data, area_id=None), raw)
    assert response.status_code == 403
    assert "Nybro" in response.json()["detail"]


def test_it_does_not_name_another_kommuns_draft_in_a_refusal(
    client, data, other_kommun_editor, nybro
):
    """Issue 13: the 403 for a commitment of another kommun's draft named the
    draft's title."""
    raw = api_token_create(user=other_kommun_editor, organisation=nybro)[1]
    commitment = data.draft.commitments.get()
    body = _activity(data, commitment_id=commitment.pk, area_id=None)
    response = _post(client, ACTIVITIES, body, raw)
    assert response.status_code == 403
    text = response.content.decode()
    assert "HEMLIGT UTKAST" not in text and data.draft.title not in text
    assert response["Content-Type"].startswith("application/problem+json")
    assert f"åtagande {commitment.pk}" in response.json()["detail"]


def test_it_refuses_a_token_whose_user_left(client, data, kommun_reporter, kalmar):
    raw = api_token_create(user=kommun_reporter, organisation=kalmar)[1]
    kommun_reporter.memberships.all().delete()
    assert _post(client, ACTIVITIES, _activity(data), raw).status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "2099-01-01"}, "date"),  # the service: in the future
        ({"date": "2020-01-01"}, "date"),  # the service: outside the period
        ({"date": "1 mars"}, "date"),
        ({"quantity": 5000}, "quantity"),
        ({"quantity": "två"}, "quantity"),
        ({"kind": ""}, "kind"),
        ({"commitment_id": 999999}, "commitment_id"),
        ({"area_id": 999999}, "area_id"),
        ({"links": ["ftp://x"]}, "links"),
        ({"colour": "blå"}, "colour"),
    ],
)
def test_it_names_the_field_it_refuses(client, data, token, changes, field):
    before = Activity.objects.count()
    response = _post(client, ACTIVITIES, _activity(data, **changes), token)
    assert response.status_code == 422, response.content
    body = response.json()
    assert field in {e["field"] for e in body["errors"]}
    assert Activity.objects.count() == before


def test_it_refuses_a_body_that_is_not_json(client, data, token):
    assert _post(client, ACTIVITIES, "{nej", token).status_code == 400
    assert _post(client, ACTIVITIES, "[]", token).status_code == 400
    response = _post(client, ACTIVITIES, "a=b", token, content_type="text/plain")
    assert response.status_code == 415


def test_it_files_an_observation_with_a_token(client, token, kalmar, kommun_reporter):
    observed = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    body = {
        "kommun": "0880",
        "category": "klotter",
        "observed_at": observed,
        "text": "Klotter på <b>tunneln</b>.",
    }
    response = _post(client, OBSERVATIONS, body, token)
    assert response.status_code == 201, response.content
    observation = Observation.objects.get(pk=response.json()["id"])
    assert observation.reporter == kommun_reporter
    assert observation.organisation == kalmar
    assert response.json()["text"] == "Klotter på <b>tunneln</b>."


def test_it_lets_the_police_report_for_the_kommun_it_serves(
    client, polis_editor, lpo_kalmar
):
    raw = api_token_create(user=polis_editor, organisation=lpo_kalmar)[1]
    body = {
        "kommun": "0880",
        "category": "buskorning",
        "observed_at": "2025-05-01T21:00:00+02:00",
    }
    assert _post(client, OBSERVATIONS, body, raw).status_code == 201


def test_it_refuses_observations_for_another_kommun(client, token, nybro):
    body = {
        "kommun": "0881",
        "category": "klotter",
        "observed_at": "2025-05-01T21:00:00+02:00",
    }
    assert _post(client, OBSERVATIONS, body, token).status_code == 403
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "drakar"}, "category"),
        ({"observed_at": "2025-05-01T21:00:00"}, "observed_at"),  # no time zone
        ({"observed_at": "igår"}, "observed_at"),
        ({"kommun": "9999"}, "kommun"),
        ({"latitude": 56.66}, "latitude"),  # without longitude
        ({"latitude": 40.0, "longitude": 2.0}, "latitude"),  # not in Sweden
    ],
)
def test_it_names_the_observation_field_it_refuses(client, token, changes, field):
    body = {
        "kommun": "0880",
        "category": "klotter",
        "observed_at": "2025-05-01T21:00:00+02:00",
        **changes,
    }
    response = _post(client, OBSERVATIONS, body, token)
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}


def test_it_creates_lists_and_revokes_tokens_from_the_command(
    kommun_editor, kalmar, nybro, capsys
):
    call_command(
        "apitoken", "create", "--user", "kommun_editor", "--organisation", "0880"
    )
    raw = capsys.readouterr().out.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert token.key_hash == token_hash(raw)
    call_command("apitoken", "list")
    assert token.prefix in capsys.readouterr().out
    call_command("apitoken", "revoke", "--prefix", token.prefix)
    token.refresh_from_db()
    assert token.revoked_at is not None
    with pytest.raises(CommandError, match="unknown user"):
        call_command("apitoken", "create", "--user", "ingen", "--organisation", "0880")
    with pytest.raises(CommandError, match="rapportör"):
        call_command(
            "apitoken", "create", "--user", "kommun_editor", "--organisation", "0881"
        )
    with pytest.raises(CommandError, match="unknown organisation"):
        call_command(
            "apitoken",
            "create",
            "--user",
            "kommun_editor",
            "--organisation",
            "Ankeborg",
        )
    call_command(
        "apitoken",
        "create",
        "--user",
        "kommun_editor",
        "--organisation",
        "Kalmars kommun",
    )
    assert ApiToken.objects.filter(organisation=kalmar, revoked_at=None).count() == 1


def test_it_accepts_token_writes_without_a_csrf_cookie(data, token):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, ACTIVITIES, _activity(data), token).status_code == 201


def test_it_refuses_absurd_ids_in_a_body(client, data, token):
    response = _post(client, ACTIVITIES, _activity(data, commitment_id=10**30), token)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "commitment_id"


def test_the_same_idempotency_key_saves_once(client, data, token, kalmar, nybro):
    before = Activity.objects.count()
    first = _post(
        client, ACTIVITIES, _activity(data), token, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    again = _post(
        client, ACTIVITIES, _activity(data), token, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Activity.objects.count() == before + 1
    # Another key, or none, is another activity.
    other = _post(
        client, ACTIVITIES, _activity(data), token, HTTP_IDEMPOTENCY_KEY="k-2"
    )
    assert other.status_code == 201
    assert _post(client, ACTIVITIES, _activity(data), token).status_code == 201
    assert Activity.objects.count() == before + 3
    too_long = _post(
        client, ACTIVITIES, _activity(data), token, HTTP_IDEMPOTENCY_KEY="x" * 201
    )
    assert too_long.status_code == 400
    assert Activity.objects.count() == before + 3


def test_a_browser_may_send_the_idempotency_key_and_read_the_location(
    client, data, token
):
    """The preflight of a write allows the documented Idempotency-Key; the answer
    lets a script read Location (and Retry-After, ETag, Last-Modified, Link)."""
    preflight = client.options(ACTIVITIES)
    assert preflight.status_code == 204
    allowed = {h.strip() for h in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"Authorization", "Content-Type", "Idempotency-Key"} <= allowed
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    response = _post(
        client, ACTIVITIES, _activity(data), token, HTTP_ORIGIN="https://x.example"
    )
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"Link", "Location", "Retry-After", "ETag", "Last-Modified"} <= exposed


def test_a_reused_idempotency_key_with_another_body_is_a_409(client, data, token):
    """The key names one request: another body under it is refused with an API
    message (not a form's "reload the page"), and nothing is saved."""
    first = _post(client, ACTIVITIES, _activity(data), token, HTTP_IDEMPOTENCY_KEY="k")
    assert first.status_code == 201
    before = Activity.objects.count()
    for change in ({"kind": "samtal"}, {"date": "2025-03-02"}, {"quantity": 5}):
        reused = _post(
            client, ACTIVITIES, _activity(data, **change), token,
            HTTP_IDEMPOTENCY_KEY="k",
        )  # fmt: skip
        assert reused.status_code == 409, change
        problem = reused.json()
        assert problem["title"] == "Konflikt"
        assert "nyckeln har redan använts för en annan begäran" in problem["detail"]
        assert problem["errors"][0]["field"] == "Idempotency-Key"
    assert Activity.objects.count() == before


def test_a_422_names_every_invalid_field_of_the_body(client, data, token):
    """An unknown field does not hide the others: the body's own checks and the
    service's rules are reported together, one entry per field."""
    body = _activity(data, date="2019-01-01", quantity=5000, participants="many")
    body["colour"] = "red"
    response = _post(client, ACTIVITIES, body, token)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert set(fields) == {"colour", "participants", "date", "quantity"}, fields
    assert len(fields) == len(set(fields))
