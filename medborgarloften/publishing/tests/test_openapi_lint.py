"""The served OpenAPI document against Redocly's ``recommended`` rules and DIGG's
REST API profile (issue #16 item 6): contact and terms in ``info``, ``/api-info``,
documented Link/Location headers and 405/429/5xx answers, an example for every JSON
body (valid against its schema), a description on every operation and response."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from .nodetools import node_tool

COMMON = {"405", "429", "500", "503"}


@pytest.fixture
def doc(client, settings):
    settings.API_PUBLISHER = "Kalmar kommun"
    settings.API_CONTACT_EMAIL = "oppnadata@kalmar.se"
    settings.API_PUBLISHER_URL = "https://kalmar.se/"
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(doc):
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _resolve(doc, node):
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        kind = node["$ref"].split("/")[2]
        node = doc["components"][kind][name]
    return node


def test_redocly_recommended_finds_nothing_in_the_served_document(doc, tmp_path):
    redocly = node_tool("@redocly/cli", "redocly")
    served = tmp_path / "openapi.json"
    served.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    env = {
        **os.environ,
        "REDOCLY_TELEMETRY": "off",
        "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
        "NO_COLOR": "1",
    }
    result = subprocess.run(  # noqa: S603 - the pinned tool on our own file
        [
            str(redocly),
            "lint",
            "--extends",
            "recommended",
            "--format",
            "json",
            str(served),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    report = json.loads(result.stdout[result.stdout.index("{") :])
    problems = [
        f"{p['severity']} {p['ruleId']}: {p['message']} at "
        f"{p['location'][0]['pointer']}"
        for p in report["problems"]
    ]
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert result.returncode == 0 and not errors, "\n".join(problems)
    assert report["totals"]["errors"] == 0
    # Warnings too: none today, and none may creep in.
    assert report["totals"]["warnings"] == 0, "\n".join(problems)


def test_info_names_contact_terms_and_licence(doc):
    info = doc["info"]
    assert info["contact"] == {
        "name": "Kalmar kommun",
        "email": "oppnadata@kalmar.se",
        "url": "https://kalmar.se/",
    }
    assert info["termsOfService"] == "http://testserver/api/v1/docs#villkor"
    assert info["license"]["url"].startswith("https://creativecommons.org/")
    # DOK.09: limits and known problems are stated; DOK.06: Swedish and English.
    assert "Begränsningar" in info["description"]
    assert "In English" in info["description"]


@pytest.mark.django_db  # the page names the catalogue's publisher
def test_the_terms_are_on_the_docs_page(client, doc):
    page = client.get("/api/v1/docs").content.decode()
    assert 'id="villkor"' in page or "id='villkor'" in page
    assert "oppnadata@kalmar.se" in page
    assert "Servicenivå" in page


@pytest.mark.django_db  # it opens the docs page, which names the publisher
def test_api_info_is_served_and_matches_its_schema(client, doc):
    assert "/api-info" in doc["paths"]
    response = client.get("/api/v1/api-info")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    schema = {"$ref": "#/components/schemas/ApiInfo", "components": doc["components"]}
    Draft202012Validator(schema, format_checker=FormatChecker()).validate(body)
    assert body["apiName"] == doc["info"]["title"]
    assert body["apiVersion"] == doc["info"]["version"]
    assert body["apiStatus"] == "active"
    assert body["apiSpecification"] == "http://testserver/api/v1/openapi.json"
    assert body["apiContact"]["email"] == "oppnadata@kalmar.se"
    assert client.get(body["apiDocumentation"]).status_code == 200


def test_every_operation_and_response_is_described(doc):
    for path, method, operation in _operations(doc):
        assert operation.get("description"), f"{method.upper()} {path}"
        assert operation.get("summary"), f"{method.upper()} {path}"
        for status, response in operation["responses"].items():
            assert _resolve(doc, response).get("description"), (path, status)


def test_every_operation_documents_405_429_and_server_errors(doc):
    for path, method, operation in _operations(doc):
        missing = COMMON - set(operation["responses"])
        assert not missing, f"{method.upper()} {path} saknar {sorted(missing)}"
    responses = doc["components"]["responses"]
    assert "Allow" in responses["MethodNotAllowed"]["headers"]
    assert "Retry-After" in responses["TooManyRequests"]["headers"]
    assert "Retry-After" in responses["ServiceUnavailable"]["headers"]


def test_link_and_location_headers_are_documented(doc):
    for path, method, operation in _operations(doc):
        if method == "get" and path.startswith("/") and "{" not in path:
            if path == "/api-info":
                continue
            assert "Link" in operation["responses"]["200"]["headers"], path
    created = doc["paths"]["/activities"]["post"]["responses"]
    assert "Location" in created["201"]["headers"]
    assert "Location" in created["200"]["headers"]


def test_every_json_body_has_an_example_that_its_schema_accepts(doc):
    checked = 0
    for path, method, operation in _operations(doc):
        bodies = [operation.get("requestBody", {}).get("content", {})]
        bodies += [
            _resolve(doc, r).get("content", {}) for r in operation["responses"].values()
        ]
        for content in bodies:
            for media_type, media in content.items():
                if "json" not in media_type:
                    continue
                assert "example" in media, f"{method.upper()} {path} {media_type}"
                schema = {**media["schema"], "components": doc["components"]}
                Draft202012Validator(schema, format_checker=FormatChecker()).validate(
                    media["example"]
                )
                checked += 1
    assert checked > 40


def test_reads_say_they_need_no_key_and_writes_name_the_bearer_scheme(doc):
    for path, method, operation in _operations(doc):
        expected = [{"bearer": []}] if method == "post" else []
        assert operation["security"] == expected, f"{method.upper()} {path}"


def test_errors_are_problem_json_with_every_rfc_9457_member(doc):
    """DIGG FEL.01 and FEL.02."""
    problem = doc["components"]["schemas"]["Problem"]["properties"]
    assert {"type", "title", "status", "detail", "instance"} <= set(problem)
    for path, _method, operation in _operations(doc):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                content = _resolve(doc, response)["content"]
                assert list(content) == ["application/problem+json"], (path, status)


def test_query_parameters_are_snake_case_and_start_with_a_letter(doc):
    """DIGG FNS.01 and FNS.03; API keys travel only in a header (SAK.10, SAK.16)."""
    for path, _method, operation in _operations(doc):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query":
                name = parameter["name"]
                assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name), (path, name)
    schemes = doc["components"]["securitySchemes"]
    assert schemes == {
        "bearer": {**schemes["bearer"], "type": "http", "scheme": "bearer"}
    }
