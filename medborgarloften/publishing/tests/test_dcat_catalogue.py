"""What a user of dataportal.se expects of the catalogue beyond the shapes (open-data
review): titles and descriptions in Swedish and English, first publication and last
change from the data, the theme vocabulary, the residents' cases once public, and
the same graph as Turtle (by Accept or by its own address)."""

from __future__ import annotations

import datetime as dt

import pytest
import rdflib
from rdflib.compare import isomorphic

from medborgarloften.cases.models import Case, CaseSource
from medborgarloften.cases.services import case_create, case_moderate
from medborgarloften.followup.models import Activity, Assessment, Report
from medborgarloften.promises.models import CommitmentVersion, Promise

from .test_pages import _log, _publish_report
from .test_pages import promise as promise  # noqa: F401 - the fixture

UTC = dt.UTC
EU_THEMES = "http://publications.europa.eu/resource/authority/data-theme"


def _catalog(client):
    response = client.get("/api/v1/dcat.jsonld")
    assert response.status_code == 200
    return response.json()


def _datasets(catalog) -> dict[str, dict]:
    return {
        d["@id"].rsplit("/", 1)[1].split("#")[0]: d for d in catalog["dcat:dataset"]
    }


def _languages(literals) -> dict[str, str]:
    literals = literals if isinstance(literals, list) else [literals]
    return {lit["@language"]: lit["@value"] for lit in literals}


def _publish_case(kommun, editor, text="Mörkt i gångtunneln"):
    case = case_create(kommun=kommun, source=CaseSource.FORM, theme="trafik", text=text)
    return case_moderate(actor=editor, case=case, publish=True)


def test_titles_and_descriptions_are_in_swedish_and_english(
    client,
    promise,  # noqa: F811
):
    catalog = _catalog(client)
    nodes = [catalog, *catalog["dcat:dataset"]]
    nodes += [d for n in catalog["dcat:dataset"] for d in n["dcat:distribution"]]
    for node in nodes:
        title = _languages(node["dcterms:title"])
        assert set(title) == {"sv", "en"}, node["@id"]
        assert title["en"] and title["en"] != title["sv"], node["@id"]
        if node["@type"] != "dcat:Distribution":
            text = _languages(node["dcterms:description"])
            assert set(text) == {"sv", "en"}, node["@id"]
            assert text["en"] and text["en"] != text["sv"], node["@id"]
    promises = _datasets(catalog)["promises"]
    assert _languages(promises["dcterms:title"]) == {
        "sv": "Medborgarlöften",
        "en": "Citizen promises",
    }
    assert "Columns: id, title" in _languages(promises["dcterms:description"])["en"]


def test_issued_and_modified_come_from_the_data_not_the_request(
    client,
    promise,  # noqa: F811
):
    _log(promise, 1)
    _publish_report(promise)
    published = dt.datetime(2025, 1, 20, 9, 0, tzinfo=UTC)
    Promise.objects.filter(pk=promise.pk).update(
        published_at=published, updated_at=dt.datetime(2025, 2, 1, 8, tzinfo=UTC)
    )
    Activity.objects.update(
        created_at=dt.datetime(2026, 3, 1, 12, tzinfo=UTC),
        updated_at=dt.datetime(2026, 3, 2, 12, tzinfo=UTC),
    )
    Report.objects.update(
        published_at=dt.datetime(2026, 1, 15, 10, tzinfo=UTC),
        updated_at=dt.datetime(2026, 1, 16, 10, tzinfo=UTC),
    )
    CommitmentVersion.objects.update(
        recorded_at=dt.datetime(2025, 1, 10, 8, tzinfo=UTC)
    )
    Assessment.objects.update(updated_at=dt.datetime(2025, 1, 11, 8, tzinfo=UTC))
    catalog = _catalog(client)
    datasets = _datasets(catalog)

    def when(node, key):
        return node[key]["@value"]

    # Swedish time, to the second, typed xsd:dateTime
    assert datasets["promises"]["dcterms:issued"] == {
        "@value": "2025-01-20T10:00:00+01:00",
        "@type": "xsd:dateTime",
    }
    assert when(datasets["promises"], "dcterms:modified") == "2025-02-01T09:00:00+01:00"
    assert when(datasets["activities"], "dcterms:issued") == "2026-03-01T13:00:00+01:00"
    assert when(datasets["activities"], "dcterms:modified") == (
        "2026-03-02T13:00:00+01:00"
    )
    # the commitments' progress counts activities: their last change is one
    assert when(datasets["commitments"], "dcterms:modified") == (
        "2026-03-02T13:00:00+01:00"
    )
    assert when(datasets["commitments"], "dcterms:issued") == (
        "2025-01-20T10:00:00+01:00"
    )
    assert when(datasets["reports"], "dcterms:issued") == "2026-01-15T11:00:00+01:00"
    # the catalogue: its first dataset's publication, its last dataset's change
    assert when(catalog, "dcterms:issued") == "2025-01-20T10:00:00+01:00"
    modified = [
        when(d, "dcterms:modified")
        for d in datasets.values()
        if "dcterms:modified" in d
    ]
    assert when(catalog, "dcterms:modified") == max(modified)
    # nothing dated today by the request: every date is one the data holds
    today = dt.date.today().isoformat()
    stamps = [when(catalog, "dcterms:modified"), *modified]
    assert not [s for s in stamps if s.startswith(today)], stamps


def test_an_empty_dataset_has_no_dates(client, db):
    catalog = _catalog(client)
    assert "dcterms:modified" not in catalog
    assert "dcterms:issued" not in _datasets(catalog)["activities"]


def test_the_catalogue_names_the_vocabulary_of_its_themes(
    client,
    promise,  # noqa: F811
):
    catalog = _catalog(client)
    assert catalog["dcat:themeTaxonomy"] == {
        "@id": EU_THEMES,
        "@type": "skos:ConceptScheme",
    }
    for dataset in catalog["dcat:dataset"]:
        for theme in dataset["dcat:theme"]:
            assert theme["@id"].startswith(EU_THEMES + "/")


def test_the_residents_cases_are_a_dataset_once_one_is_public(
    client,
    kalmar,
    kommun_editor,
    promise,  # noqa: F811
):
    case_create(kommun=kalmar, source=CaseSource.FORM, theme="trafik", text="Dold")
    assert "cases" not in _datasets(_catalog(client))
    _publish_case(kalmar, kommun_editor)
    Case.objects.update(created_at=dt.datetime(2026, 4, 2, 8, tzinfo=UTC))
    cases = _datasets(_catalog(client))["cases"]
    assert _languages(cases["dcterms:title"])["sv"] == "Synpunkter och svar"
    assert "received_on" in _languages(cases["dcterms:description"])["en"]
    access = [d["dcat:accessURL"]["@id"] for d in cases["dcat:distribution"]]
    assert [a.rsplit("/", 1)[1] for a in access] == ["cases", "cases.csv"]
    for url in access:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    assert [s["dcterms:identifier"] for s in cases["dcterms:spatial"]] == ["0880"]
    assert cases["dcterms:temporal"][0]["dcat:startDate"]["@value"] == "2026-04-02"
    assert cases["dcterms:issued"]["@value"] == "2026-04-02T10:00:00+02:00"


@pytest.mark.parametrize(
    ("url", "accept"),
    [
        ("/api/v1/dcat.ttl", ""),
        ("/api/v1/dcat.ttl", "application/ld+json"),
        ("/api/v1/dcat", "text/turtle"),
        ("/api/v1/dcat.jsonld", "text/turtle"),
        ("/api/v1/dcat.jsonld", "text/turtle;q=1, application/ld+json;q=0.5"),
    ],
)
def test_the_catalogue_is_served_as_turtle_with_the_same_graph(
    client,
    kalmar,
    kommun_editor,
    promise,  # noqa: F811
    url,
    accept,
):
    _log(promise, 2)
    _publish_report(promise)
    _publish_case(kalmar, kommun_editor, text='Ett "citat" \\ och\nen ny rad')
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    if not url.endswith(".ttl"):
        assert "Accept" in response["Vary"]
    turtle = rdflib.Graph().parse(data=response.content, format="turtle")
    jsonld = rdflib.Graph().parse(
        data=client.get("/api/v1/dcat.jsonld").content, format="json-ld"
    )
    assert len(turtle) > 200
    assert isomorphic(turtle, jsonld)
    catalog = rdflib.URIRef("http://testserver/api/v1/dcat.jsonld#catalog")
    titles = set(turtle.objects(catalog, rdflib.DCTERMS.title))
    assert rdflib.Literal("Citizen promises – open data", lang="en") in titles


@pytest.mark.parametrize("accept", ["", "*/*", "application/ld+json", "text/html"])
def test_without_a_wish_for_turtle_the_catalogue_is_json_ld(client, db, accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    for url in ("/api/v1/dcat", "/api/v1/dcat.jsonld"):
        response = client.get(url, **headers)
        assert response["Content-Type"] == "application/ld+json; charset=utf-8"
        rdflib.Graph().parse(data=response.content, format="json-ld")


def test_the_api_root_links_both_serialisations(client, db):
    root = client.get("/api/v1/").json()
    assert root["dcat"].endswith("/api/v1/dcat.jsonld")
    assert root["dcat_turtle"].endswith("/api/v1/dcat.ttl")
