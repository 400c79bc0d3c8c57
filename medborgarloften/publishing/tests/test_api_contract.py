"""The written contract (docs/api.md), the OpenAPI description and the DCAT
metadata all follow the one field registry: an undocumented field fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medborgarloften.publishing.api.fields import TABLES
from medborgarloften.publishing.api.openapi import description
from medborgarloften.publishing.api.plan_tables import TABLES as PLAN_TABLES
from medborgarloften.publishing.api.selectors import DATASETS
from medborgarloften.publishing.api.spec.filters import FILTER_SCHEMAS

DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def _section(name: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(rf"^### {name}\n(.*?)(?=^#{{2,3}} )", text, re.S | re.M)
    assert match, f"docs/api.md saknar avsnittet ### {name}"
    return match.group(1)


@pytest.mark.parametrize("name", list(TABLES))
def test_it_documents_every_field_and_filter_in_docs_api_md(name):
    section = _section(name)
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    assert documented == set(TABLES[name].names), (
        f"docs/api.md ### {name}: odokumenterade "
        f"{sorted(set(TABLES[name].names) - documented)}, "
        f"inte i registret {sorted(documented - set(TABLES[name].names))}"
    )
    for key in DATASETS[name].filters:
        assert f"`{key}`" in section, f"filtret {key} saknas i docs/api.md ### {name}"


def test_it_generates_the_openapi_schemas_from_the_registry():
    doc = description(server="http://testserver/api/v1")
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    for table in TABLES.values():
        assert list(schemas[table.schema_name]["properties"]) == table.names
        assert all(f.description for f in table.fields)
    for name, dataset in DATASETS.items():
        params = {p["name"] for p in doc["paths"][f"/{name}"]["get"]["parameters"]}
        assert params == {*dataset.filters, "limit", "cursor", "format"}
        assert set(dataset.filters) <= set(FILTER_SCHEMAS)


def test_it_serves_the_openapi_description(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["servers"] == [{"url": "http://testserver/api/v1"}]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db  # the page names the catalogue's publisher
def test_it_serves_a_readable_docs_page(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html or "<html lang='sv'>" in html
    for table in TABLES.values():
        for field in table.names:
            assert f"<code>{field}</code>" in html


@pytest.mark.django_db
def test_it_publishes_dcat_ap_se_for_every_table(client):
    response = client.get("/api/v1/dcat.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalog = response.json()
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["dcterms:license"]["@id"].startswith("https://creativecommons.org")
    datasets = catalog["dcat:dataset"]
    assert [d["dcterms:identifier"] for d in datasets] == [
        f"http://testserver/api/v1/{name}" for name in [*TABLES, *PLAN_TABLES]
    ]
    for dataset in datasets:
        assert dataset["dcterms:publisher"]["foaf:name"]
        # IANA media types as IRIs (DCAT-AP), not bare strings (issue #16 item 5).
        kinds = {d["dcat:mediaType"]["@id"] for d in dataset["dcat:distribution"]}
        iana = "https://www.iana.org/assignments/media-types/"
        assert kinds == {f"{iana}application/json", f"{iana}text/csv"}
        for distribution in dataset["dcat:distribution"]:
            assert client.get(distribution["dcat:accessURL"]["@id"]).status_code == 200


def _validator(doc, name):
    from jsonschema import Draft202012Validator

    schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    return Draft202012Validator(schema)


def test_it_answers_with_what_the_openapi_schemas_say(
    client, superuser, kalmar, lpo_kalmar, nybro
):
    from .apidata import build

    data = build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)
    doc = client.get("/api/v1/openapi.json").json()
    for name, table in TABLES.items():
        body = client.get(f"/api/v1/{name}").json()
        assert body["data"], name
        errors = list(_validator(doc, f"{table.schema_name}Page").iter_errors(body))
        assert not errors, [e.message for e in errors]
        body["data"][0][table.names[0]] = {"not": "a scalar"}  # the check can fail
        assert list(_validator(doc, f"{table.schema_name}Page").iter_errors(body))
    record = client.get(f"/api/v1/promises/{data.published.uid}").json()
    errors = list(_validator(doc, "PromiseDetail").iter_errors(record))
    assert not errors, [e.message for e in errors]
    record["commitments"][0]["measurable"] = "ja"
    assert list(_validator(doc, "PromiseDetail").iter_errors(record))
    problem = client.get("/api/v1/promises?limit=0").json()
    assert not list(_validator(doc, "Problem").iter_errors(problem))


@pytest.mark.django_db
def test_the_open_data_page_is_a_page_of_the_site_with_every_download(
    client, kalmar, kommun_editor, settings
):
    # It was a bare page without header or footer, listing five of the eight
    # datasets, no download links and "Kontakt: Medborgarlöften." (open-data review).
    settings.API_PUBLISHER = ""
    settings.API_PUBLISHER_KOMMUN = ""
    settings.API_CONTACT_EMAIL = "oppnadata@kalmar.example"
    html = client.get("/api/v1/docs").content.decode()
    assert 'href="/tillganglighet/"' in html  # the site's footer
    assert 'href="/"' in html  # and its header
    for name in (*TABLES, "action-plans", "situation-reports"):
        assert f'href="/api/v1/{name}"' in html, name
        assert f'href="/api/v1/{name}.csv"' in html, name
    assert 'href="/api/v1/cases"' in html and 'href="/api/v1/cases.csv"' in html
    assert f"Kontakt: {kalmar}" in html
    assert "mailto:oppnadata@kalmar.example" in html
    for download in ("/api/v1/action-plans.csv", "/api/v1/cases.csv"):
        assert client.get(download).status_code == 200


@pytest.mark.django_db
def test_in_english_the_open_data_page_is_english(client, kalmar):
    # It was the Swedish page with a note that it is in Swedish (new-user review):
    # now its prose and the datasets' titles and descriptions are English; only the
    # registry's column and filter texts stay Swedish, marked lang=sv.
    client.cookies["django_language"] = "en"
    html = client.get("/api/v1/docs").content.decode()
    assert '<html lang="en"' in html
    assert 'class="api-docs" lang="sv"' not in html
    assert "<h1>Open data – API v1</h1>" in html
    assert "Citizen promises" in html and "Datamängder" not in html
    assert "Villkor, servicenivå" not in html and 'id="villkor"' in html
    assert '<td lang="sv">' in html
    for name in (*TABLES, "action-plans", "situation-reports", "cases"):
        assert f'href="/api/v1/{name}"' in html, name
        assert f'href="/api/v1/{name}.csv"' in html, name
    assert 'href="/open311/v2/discovery.json"' in html
    client.cookies["django_language"] = "sv"
    swedish = client.get("/api/v1/docs").content.decode()
    assert "<h1>Öppna data – API v1</h1>" in swedish


@pytest.mark.django_db
def test_the_page_points_developers_to_the_feeds_and_open311(client):
    # The feeds and Open311 worked but the page never said so (new-user session).
    html = client.get("/api/v1/docs").content.decode()
    assert 'id="floden"' in html and 'href="/kommun/0880/flode/"' in html
    assert 'href="/open311/v2/discovery.json"' in html
    assert "/open311/v2/requests.json" in html
    assert client.get("/open311/v2/discovery.json").status_code == 200
