"""/api/v1/action-plans and /api/v1/situation-reports: adopted documents only, whole
and nested in JSON, one row each in CSV, in the OpenAPI description and in DCAT."""

from __future__ import annotations

import csv
import io

import pytest

from .apidata import build
from .apidata_plans import build_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(superuser, kalmar, lpo_kalmar, nybro):
    api = build(actor=superuser, kalmar=kalmar, lpo_kalmar=lpo_kalmar, nybro=nybro)
    return build_plans(actor=superuser, kalmar=kalmar, promise=api.published)


def test_it_lists_the_adopted_plan_of_a_kommun_with_its_chain(client, data):
    body = client.get("/api/v1/action-plans?kommun=0880").json()
    assert [p["title"] for p in body["data"]] == ["Åtgärdsplan Kalmar 2025–2026"]
    plan = body["data"][0]
    assert (plan["decision_body"], plan["diarienummer"]) == (
        "Kommunfullmäktige",
        "KS 2025/7",
    )
    problem = plan["problems"][0]
    assert problem["number"] == 1 and problem["sections"]
    assert problem["causes"][0]["measures"] == [1]
    measure = plan["measures"][0]
    assert measure["problems"] == [1]
    assert measure["goals"][0]["baseline"] == "62 % (2024)"
    assert measure["commitments"][0]["text"].startswith("Trygghetsvandringar")
    assert body["license"]["id"] == "CC0-1.0"
    assert client.get("/api/v1/action-plans?kommun=0881").json()["data"] == []


def test_it_never_shows_a_draft(client, data):
    assert client.get(f"/api/v1/action-plans/{data.draft_plan.pk}").status_code == 404
    response = client.get(f"/api/v1/situation-reports/{data.draft_report.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    ids = [r["id"] for r in client.get("/api/v1/situation-reports").json()["data"]]
    assert ids == [data.report.pk]


def test_it_gives_the_lagesbild_whole(client, data):
    body = client.get(f"/api/v1/situation-reports/{data.report.pk}").json()
    assert body["sections"][0]["sources"] == ["Socialnämnden 2024", "CAN 2024"]
    assert body["adopted_on"] == "2025-01-15"
    assert body["next_revision_on"] == "2026-01-15"


def test_it_gives_one_csv_row_per_document(client, data):
    response = client.get("/api/v1/action-plans.csv?kommun=0880")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["title"], r["problems"], r["linked_commitments"]) for r in rows] == [
        ("Åtgärdsplan Kalmar 2025–2026", "1", "1")
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/api/v1/situation-reports.csv").content.decode())
        )
    )
    assert [r["diarienummer"] for r in rows] == ["KS 2025/1"]


def test_it_refuses_a_bad_kommun_code(client, data):
    response = client.get("/api/v1/action-plans?kommun=88")
    assert response.status_code == 400


def test_the_answers_match_the_openapi_schemas(client, data):
    from jsonschema import Draft202012Validator

    doc = client.get("/api/v1/openapi.json").json()

    def errors(name, body):
        schema = {
            "$ref": f"#/components/schemas/{name}",
            "components": doc["components"],
        }
        return list(Draft202012Validator(schema).iter_errors(body))

    page = client.get("/api/v1/action-plans").json()
    assert not errors("ActionPlanPage", page)
    page["data"][0]["measures"][0]["kind"] = "annan"  # the check can fail
    assert errors("ActionPlanPage", page)
    assert not errors(
        "SituationReportPage", client.get("/api/v1/situation-reports").json()
    )
    for path in ("/action-plans", "/action-plans.csv", "/action-plans/{id}"):
        assert path in doc["paths"]


def test_the_catalogue_lists_both(client, data):
    catalog = client.get("/api/v1/dcat.jsonld").json()
    ids = [d["dcterms:identifier"] for d in catalog["dcat:dataset"]]
    assert "http://testserver/api/v1/action-plans" in ids
    assert "http://testserver/api/v1/situation-reports" in ids


def test_an_adoption_reaches_the_cached_list(client, data, superuser):
    import datetime as dt

    from medborgarloften.planning import services

    first = client.get("/api/v1/action-plans")
    assert len(first.json()["data"]) == 1
    assert client.get("/api/v1/action-plans")["X-Page-Cache"] == "hit"
    plan = data.draft_plan
    problem = services.problem_add(
        actor=superuser,
        plan=plan,
        title="P",
        sections=list(data.report.sections.all()),
    )
    cause = services.cause_add(actor=superuser, problem=problem, text="Orsak")
    services.measure_add(
        actor=superuser, plan=plan, title="M", kind="social", causes=[cause]
    )
    services.plan_adopt(
        actor=superuser,
        plan=plan,
        adopted_on=dt.date(2026, 12, 1),
        decision_body="KF",
        diarienummer="KS 2026/99",
    )
    assert len(client.get("/api/v1/action-plans").json()["data"]) == 2
