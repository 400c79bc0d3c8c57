"""Open311 GeoReport v2, checked against the specification's required fields
(http://wiki.open311.org/GeoReport_v2)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from medborgarloften.accounts.models import ApiToken
from medborgarloften.publishing.api.services import api_token_create

from ..handling import case_answer
from ..models import Case, CaseSource, Moderation
from ..services import case_create, case_moderate
from .conftest import KALMAR_POINT

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "service_code",
    "service_name",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
    "status_notes",
}


@pytest.fixture
def published(kalmar, kommun_editor):
    case = case_create(
        kommun=kalmar,
        source=CaseSource.FORM,
        theme="trygghet_offentlig_miljo",
        text="Trasig belysning, ring 070-123 45 67.",
        latitude=KALMAR_POINT[0],
        longitude=KALMAR_POINT[1],
        email="boende@example.org",
    )
    case_moderate(actor=kommun_editor, case=case, publish=True)
    case_answer(actor=kommun_editor, case=case, answer="Lagad.")
    case_create(kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="Dold")
    return case


@pytest.fixture
def api_key(kommun_editor, kalmar):
    return api_token_create(user=kommun_editor, organisation=kalmar, name="app")[1]


def test_services_json_has_every_required_field(client, kalmar):
    response = client.get("/open311/v2/services.json?jurisdiction_id=0880")
    services = response.json()
    assert response.status_code == 200 and services
    for service in services:
        assert set(service) >= SERVICE_FIELDS
        assert service["type"] in {"realtime", "batch", "blackbox"}
        assert service["metadata"] in (True, False)


def test_services_xml_is_services_of_service(client, kalmar):
    response = client.get("/open311/v2/services.xml?jurisdiction_id=0880")
    root = ET.fromstring(response.content)  # noqa: S314 - our own XML
    assert root.tag == "services"
    assert {child.tag for child in root[0]} >= SERVICE_FIELDS


def test_requests_json_lists_only_published_cases_anonymised(client, published):
    records = client.get("/open311/v2/requests.json?jurisdiction_id=0880").json()
    assert [r["service_request_id"] for r in records] == [str(published.pk)]
    record = records[0]
    assert set(record) >= REQUEST_FIELDS
    assert record["status"] == "closed" or record["status"] == "open"
    assert "070" not in json.dumps(record)
    assert "boende@example.org" not in json.dumps(record)
    assert record["service_code"] == "trygghet_offentlig_miljo"


def test_request_detail_in_xml(client, published):
    response = client.get(
        f"/open311/v2/requests/{published.pk}.xml?jurisdiction_id=0880"
    )
    root = ET.fromstring(response.content)  # noqa: S314 - our own XML
    assert root.tag == "service_requests" and root[0].tag == "request"
    assert root[0].find("service_request_id").text == str(published.pk)


def test_an_unpublished_request_is_404_in_the_spec_error_shape(client, published):
    hidden = Case.objects.exclude(pk=published.pk).get()
    response = client.get(f"/open311/v2/requests/{hidden.pk}.json")
    assert response.status_code == 404
    assert set(response.json()[0]) == {"code", "description"}


def test_an_unknown_jurisdiction_is_refused(client, db):
    response = client.get("/open311/v2/requests.json?jurisdiction_id=9999")
    assert response.status_code == 404


def test_post_creates_a_pending_request_with_an_api_key(client, kalmar, api_key):
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": api_key,
            "jurisdiction_id": "0880",
            "service_code": "skadegorelse",
            "lat": str(KALMAR_POINT[0]),
            "long": str(KALMAR_POINT[1]),
            "description": "Krossad busskur.",
        },
    )
    assert response.status_code == 201
    record = response.json()[0]
    assert set(record) >= {"service_request_id", "service_notice", "account_id"}
    case = Case.objects.get(pk=int(record["service_request_id"]))
    assert (case.source, case.moderation) == (CaseSource.OPEN311, Moderation.PENDING)


def test_post_without_a_valid_key_is_refused_and_saves_nothing(client, kalmar, api_key):
    for key in ("", "fel-nyckel"):
        response = client.post(
            "/open311/v2/requests.json",
            {
                "api_key": key,
                "jurisdiction_id": "0880",
                "service_code": "trafik",
                "address_string": "Storgatan 1",
                "description": "x",
            },
        )
        assert response.status_code == 403
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    response = client.post(
        "/open311/v2/requests.xml",
        {
            "api_key": api_key,
            "jurisdiction_id": "0880",
            "service_code": "trafik",
            "address_string": "Storgatan 1",
            "description": "x",
        },
    )
    assert response.status_code == 403
    assert ET.fromstring(response.content).tag == "errors"  # noqa: S314
    assert not Case.objects.exists()


def test_post_with_a_missing_location_or_code_is_400(client, kalmar, api_key):
    base = {"api_key": api_key, "jurisdiction_id": "0880", "description": "x"}
    assert client.post("/open311/v2/requests.json", base).status_code == 400
    response = client.post(
        "/open311/v2/requests.json", {**base, "service_code": "trafik"}
    )
    assert response.status_code == 400
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_discovery_is_one_object_with_its_endpoints_as_georeport_v2_shows(
    client, settings
):
    settings.API_CONTACT_EMAIL = "oppnadata@kalmar.example"
    found = client.get("/open311/v2/discovery.json").json()
    assert isinstance(found, dict)  # not a list
    assert set(found) == {"changeset", "contact", "key_service", "endpoints"}
    assert "oppnadata@kalmar.example" in found["contact"]
    assert "/api/v1/docs" in found["contact"]  # an address that answers
    (endpoint,) = found["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["application/json", "text/xml"]

    root = ET.fromstring(client.get("/open311/v2/discovery.xml").content)  # noqa: S314
    assert root.tag == "discovery"
    assert [child.tag for child in root] == [
        "changeset",
        "contact",
        "key_service",
        "endpoints",
    ]
    (element,) = root.findall("endpoints/endpoint")
    assert element.findtext("url") == "http://testserver/open311/v2/"
    assert [f.text for f in element.findall("formats/format")] == [
        "application/json",
        "text/xml",
    ]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (dt.date(2026, 12, 7), "2026-12-07T23:59:59+01:00"),
        (dt.date(2026, 7, 1), "2026-07-01T23:59:59+02:00"),
    ],
)
def test_expected_datetime_is_a_datetime_with_the_stockholm_offset(
    client, published, due, expected
):
    Case.objects.filter(pk=published.pk).update(due_on=due)
    record = client.get(
        f"/open311/v2/requests/{published.pk}.json?jurisdiction_id=0880"
    ).json()[0]
    assert record["expected_datetime"] == expected
    assert dt.datetime.fromisoformat(record["expected_datetime"]).utcoffset()


def test_expected_datetime_is_empty_without_a_due_day(client, published):
    Case.objects.filter(pk=published.pk).update(due_on=None)
    record = client.get(
        f"/open311/v2/requests/{published.pk}.json?jurisdiction_id=0880"
    ).json()[0]
    assert record["expected_datetime"] is None
