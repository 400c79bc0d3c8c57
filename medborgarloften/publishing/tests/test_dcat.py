"""The DCAT-AP-SE catalogue (issue #16 item 5): DIGG's and SEMIC's shapes, run by
``../shared/tools/dcat/check_dcat.py`` against the served catalogue, find nothing;
the kommun, not the application, publishes it."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from .test_pages import _log, _publish_report
from .test_pages import promise as promise  # noqa: F401 - the fixture

CHECK_DCAT = (
    Path(__file__).resolve().parents[3].parent / "shared/tools/dcat/check_dcat.py"
)
IANA = "https://www.iana.org/assignments/media-types/"


@pytest.fixture
def installation(settings):
    settings.API_PUBLISHER_KOMMUN = "0880"
    settings.API_CONTACT_EMAIL = "oppnadata@kalmar.se"
    settings.API_PUBLISHER_URL = "https://kalmar.se/"
    settings.API_PUBLISHER = ""


def _catalog(client):
    response = client.get(reverse("api:dcat"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return response.json()


@pytest.mark.skipif(
    not CHECK_DCAT.is_file(),
    reason=f"{CHECK_DCAT} saknas (../shared finns inte här) / ../shared is missing",
)
@pytest.mark.parametrize(
    ("url", "saved_as"),
    [("/api/v1/dcat.jsonld", "dcat.jsonld"), ("/api/v1/dcat.ttl", "dcat.ttl")],
)
def test_the_served_catalogue_has_no_dcat_ap_se_violation(
    client,
    installation,
    kalmar,
    kommun_editor,
    promise,  # noqa: F811
    tmp_path,
    url,
    saved_as,
):
    # Every dataset the catalogue can list, the residents' cases included, in both
    # serialisations; the validator reads the format from the file's name. pyshacl
    # is a dev dependency: without it the validator fails, and so does this test.
    from medborgarloften.cases.models import CaseSource
    from medborgarloften.cases.services import case_create, case_moderate

    _log(promise, 2)
    _publish_report(promise)
    case = case_create(kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="x")
    case_moderate(actor=kommun_editor, case=case, publish=True)
    response = client.get(url)
    assert response.status_code == 200
    catalogue = tmp_path / saved_as
    catalogue.write_bytes(response.content)
    assert "cases.csv" in response.content.decode()
    result = subprocess.run(  # noqa: S603 - our own tool on our own catalogue
        [sys.executable, str(CHECK_DCAT), str(catalogue)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout + result.stderr
    # DIGG's profile and the EU base profile alike.
    assert last == "violations: 0 (DCAT-AP-SE) 0 (DCAT-AP 3.0.1)", result.stdout


def test_the_kommun_publishes_the_catalogue_with_a_typed_agent_and_an_email(
    client,
    installation,
    promise,  # noqa: F811
):
    catalog = _catalog(client)
    publisher = catalog["dcterms:publisher"]
    assert publisher["foaf:name"]["@value"] == "Kalmar kommun"
    assert publisher["@id"].endswith("/api/v1/kommuner/0880#organisation")
    assert publisher["dcterms:type"]["@id"] == (
        "http://purl.org/adms/publishertype/LocalAuthority"
    )
    contact = catalog["dcat:contactPoint"]
    assert contact["vcard:hasEmail"] == {"@id": "mailto:oppnadata@kalmar.se"}
    for dataset in catalog["dcat:dataset"]:
        assert dataset["dcterms:publisher"]["foaf:name"]["@value"] == "Kalmar kommun"
        assert dataset["dcat:contactPoint"]["vcard:hasEmail"]["@id"].startswith(
            "mailto:"
        )


def test_without_a_setting_the_kommun_whose_staff_work_here_publishes(
    client,
    settings,
    kommun_editor,
    promise,  # noqa: F811
):
    settings.API_PUBLISHER_KOMMUN = ""
    settings.API_PUBLISHER = ""
    publisher = _catalog(client)["dcterms:publisher"]
    assert publisher["foaf:name"]["@value"] == "Kalmar kommun"
    assert publisher["foaf:name"]["@value"] != "Medborgarlöften"


def test_media_types_are_iana_iris(client, db, installation):
    for dataset in _catalog(client)["dcat:dataset"]:
        types = {d["dcat:mediaType"]["@id"] for d in dataset["dcat:distribution"]}
        assert types == {f"{IANA}application/json", f"{IANA}text/csv"}


def test_each_dataset_says_where_and_when_it_applies(
    client,
    installation,
    promise,  # noqa: F811
):
    _log(promise, 2, day=dt.date(2026, 3, 1))
    _publish_report(promise)
    datasets = {
        d["@id"].rsplit("/", 1)[1].split("#")[0]: d
        for d in _catalog(client)["dcat:dataset"]
    }
    spatial = datasets["promises"]["dcterms:spatial"]
    assert [s["dcterms:identifier"] for s in spatial] == ["0880"]
    assert spatial[0]["skos:prefLabel"]["@value"] == "Kalmar kommun"
    assert datasets["kommuner"]["dcterms:spatial"][0]["@id"].endswith("country/SWE")
    period = datasets["promises"]["dcterms:temporal"][0]
    assert period["dcat:startDate"]["@value"] == "2025-01-01"
    assert period["dcat:endDate"]["@value"] == "2027-12-31"
    activities = datasets["activities"]["dcterms:temporal"][0]
    assert activities["dcat:startDate"]["@value"] == "2026-02-28"
    assert activities["dcat:endDate"]["@value"] == "2026-03-01"
    reports = datasets["reports"]["dcterms:temporal"][0]
    assert reports["dcat:startDate"]["@value"] == "2025-01-01"
    assert "dcterms:temporal" not in datasets["kommuner"]


def test_check_deploy_warns_while_the_publisher_or_contact_is_unknown(settings):
    from medborgarloften.publishing.checks import check_open_data_publisher

    settings.API_PUBLISHER_KOMMUN = ""
    settings.API_PUBLISHER = ""
    settings.API_CONTACT_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "medborgarloften@localhost"
    (warning,) = check_open_data_publisher()
    assert warning.id == "medborgarloften.W020"
    assert "API_PUBLISHER_KOMMUN" in warning.msg
    assert "API_CONTACT_EMAIL" in warning.msg
    # Only what is missing is named: the kommun code set, the name not.
    settings.API_PUBLISHER_KOMMUN = "0880"
    (warning,) = check_open_data_publisher()
    assert "API_PUBLISHER_KOMMUN" not in warning.msg
    assert "API_PUBLISHER" in warning.msg
    settings.API_PUBLISHER = "Kalmar kommun"
    settings.API_CONTACT_EMAIL = "oppnadata@kalmar.se"
    assert check_open_data_publisher() == []


@pytest.mark.django_db
def test_only_a_whole_table_is_offered_as_a_download(client):
    # The JSON list comes a page at a time: a harvester that downloaded it got the
    # first hundred of 290 kommuner (open-data review). The CSV is the whole table.
    graph = client.get("/api/v1/dcat.jsonld").json()
    nodes = graph.get("@graph") or [graph]
    distributions = [
        d
        for node in json_walk(nodes)
        if node.get("@type") == "dcat:Distribution"
        for d in [node]
    ]
    assert distributions
    for distribution in distributions:
        access = distribution["dcat:accessURL"]["@id"]
        if access.endswith(".csv"):
            assert distribution["dcat:downloadURL"]["@id"] == access
        else:
            assert "dcat:downloadURL" not in distribution, access
    response = client.get("/api/v1/kommuner.csv")
    assert response.status_code == 200 and "Link" not in response


def json_walk(value):
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from json_walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from json_walk(child)


def test_the_contact_falls_back_to_the_sender_address_in_openapi_and_dcat(
    client,
    settings,
    kommun_editor,
    promise,  # noqa: F811
):
    """Without API_CONTACT_EMAIL the site's sender address is the contact, in the
    OpenAPI description and the catalogue alike; a @localhost one is not published,
    and the demo (make run) names an address of the reserved .example domain."""
    from pathlib import Path

    settings.API_CONTACT_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "trygghet@ekby.example"
    info = client.get(reverse("api:openapi")).json()["info"]
    assert info["contact"]["email"] == "trygghet@ekby.example"
    contact = _catalog(client)["dcat:contactPoint"]
    assert contact["vcard:hasEmail"] == {"@id": "mailto:trygghet@ekby.example"}
    settings.DEFAULT_FROM_EMAIL = "medborgarloften@localhost"
    assert "email" not in client.get(reverse("api:openapi")).json()["info"]["contact"]
    makefile = (Path(__file__).parents[3] / "Makefile").read_text()
    assert "run: export API_CONTACT_EMAIL ?= oppnadata@kalmar.example" in makefile
