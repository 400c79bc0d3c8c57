"""DCAT-AP-SE 3.0.1 metadata as JSON-LD (and Turtle, ``turtle.py``): one catalog, one
dataset per table (the residents' cases too, once any is public), each with a JSON
and a CSV distribution, so dataportal.se can harvest it. Titles and descriptions
are in Swedish and English (language-tagged literals); the catalog and each dataset
say when they were first published and last changed (``dataset_dates.py``, from
the data, never the time of the request); the catalog names the EU data-theme
vocabulary its datasets' themes come from (``dcat:themeTaxonomy``). ``../shared/tools/dcat/check_dcat.py`` (DIGG's and SEMIC's shapes) finds
no violation in it; ``tests/test_dcat.py`` runs it.

Every node that a shape checks by class says its class (DIGG's validator does no
inference): media types are IANA IRIs typed ``dcterms:MediaType``, the licence a
``dcterms:LicenseDocument``, the publisher a ``foaf:Agent`` with a ``dcterms:type``
from the ADMS publisher types, the contact point a ``vcard:Kind`` with an e-mail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .catalogue import Coverage, Publisher
from .dataset_dates import Dates, Moment
from .fields import Table
from .selectors import Links

# No dcat:DataService for the API itself: SEMIC's DCAT-AP 3.0.1 shapes hold a
# malformed DataService property shape, on which pyshacl (DIGG's validator) stops.

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
#: EU vocabularies DCAT-AP-SE requires for theme, language and formats.
THEME_JUST = f"{EU}data-theme/JUST"
THEME_GOVE = f"{EU}data-theme/GOVE"
#: The scheme both themes belong to (the catalog's dcat:themeTaxonomy).
THEMES = f"{EU}data-theme"
SWEDISH = f"{EU}language/SWE"
ENGLISH = f"{EU}language/ENG"
SWEDEN = f"{EU}country/SWE"
PUBLIC = f"{EU}access-right/PUBLIC"
FORMATS = {"json": f"{EU}file-type/JSON", "csv": f"{EU}file-type/CSV"}
#: IANA media types, as IRIs (DCAT-AP: dcat:mediaType ranges over dcterms:MediaType).
IANA = "https://www.iana.org/assignments/media-types/"
MEDIA = {"json": f"{IANA}application/json", "csv": f"{IANA}text/csv"}
#: ADMS publisher types (http://purl.org/adms/publishertype/), which DCAT-AP-SE uses
#: for dcterms:type on an Agent.
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"


def _id(uri: str) -> dict[str, str]:
    return {"@id": uri}


def _typed(uri: str, kind: str) -> dict[str, str]:
    return {"@id": uri, "@type": kind}


def _lang(text: str, language: str = "sv") -> dict[str, str]:
    return {"@value": text, "@language": language}


def _both(swedish: str, english: str) -> list[dict[str, str]]:
    """A text in Swedish and in English, as two language-tagged literals."""
    return [_lang(swedish), _lang(english, "en")]


def _date(day: dt.date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _moment(moment: Moment) -> dict[str, str]:
    """A day as xsd:date, a time as xsd:dateTime in Swedish time, to the second."""
    if not isinstance(moment, dt.datetime):
        return _date(moment)
    local = timezone.localtime(moment).isoformat(timespec="seconds")
    return {"@value": local, "@type": "xsd:dateTime"}


def _dated(node: dict[str, Any], dates: Dates | None) -> None:
    if dates is not None and dates.issued is not None:
        node["dcterms:issued"] = _moment(dates.issued)
    if dates is not None and dates.modified is not None:
        node["dcterms:modified"] = _moment(dates.modified)


def _publisher(publisher: Publisher, links: Links) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": (
            links.api_url(f"kommuner/{publisher.kommun.code}#organisation")
            if publisher.kommun is not None and publisher.kommun.code
            else links.site_url("#utgivare")
        ),
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _lang(publisher.name),
        "dcterms:type": {
            "@id": LOCAL_AUTHORITY,
            "@type": "skos:Concept",
            "skos:prefLabel": {"@value": "Local Authority", "@language": "en"},
        },
    }
    if publisher.homepage:
        node["foaf:homepage"] = _typed(publisher.homepage, "foaf:Document")
    if publisher.email:
        node["foaf:mbox"] = _id(f"mailto:{publisher.email}")
    return node


def _contact(publisher: Publisher, links: Links) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": links.site_url("#kontakt"),
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": publisher.name,
        "vcard:hasURL": _id(publisher.homepage or links.site),
    }
    if publisher.email:
        node["vcard:hasEmail"] = _id(f"mailto:{publisher.email}")
    return node


def _spatial(coverage: Coverage, links: Links) -> list[dict[str, Any]]:
    if not coverage.kommuner:
        return [
            {
                "@id": SWEDEN,
                "@type": "dcterms:Location",
                "skos:prefLabel": _both("Sverige", "Sweden"),
            }
        ]
    return [
        {
            "@id": links.api_url(f"kommuner/{kommun.code}#omrade"),
            "@type": "dcterms:Location",
            "skos:prefLabel": _lang(str(kommun)),
            "dcterms:identifier": kommun.code,
        }
        for kommun in coverage.kommuner
    ]


def _temporal(coverage: Coverage) -> list[dict[str, Any]]:
    if coverage.start is None and coverage.end is None:
        return []
    period: dict[str, Any] = {"@type": "dcterms:PeriodOfTime"}
    if coverage.start is not None:
        period["dcat:startDate"] = _date(coverage.start)
    if coverage.end is not None:
        period["dcat:endDate"] = _date(coverage.end)
    return [period]


def catalog(
    *,
    links: Links,
    licence: dict[str, str],
    publisher: Publisher,
    tables: dict[str, Table],
    coverage: dict[str, Coverage],
    dates: dict[str, Dates] | None = None,
    catalogue_dates: Dates | None = None,
) -> dict[str, Any]:
    """The catalog as a JSON-LD document: one dataset per table in ``tables``."""
    dates = dates or {}
    agent = _publisher(publisher, links)
    contact = _contact(publisher, links)
    licence_node = _typed(licence["url"], "dcterms:LicenseDocument")
    language = _typed(SWEDISH, "dcterms:LinguisticSystem")
    access = _typed(PUBLIC, "dcterms:RightsStatement")
    standard = {
        "@id": links.api_url("openapi.json"),
        "@type": "dcterms:Standard",
        "dcterms:title": _both(
            "OpenAPI-beskrivning av API v1", "OpenAPI description of API v1"
        ),
    }
    landing = _typed(links.site, "foaf:Document")
    datasets = []
    for name, table in tables.items():
        distributions = []
        for fmt, path in (("json", name), ("csv", f"{name}.csv")):
            distribution = {
                "@id": links.api_url(f"{path}#distribution"),
                "@type": "dcat:Distribution",
                "dcterms:title": _both(
                    f"{table.title} ({fmt.upper()})",
                    f"{table.title_en} ({fmt.upper()})",
                ),
                "dcat:accessURL": _id(links.api_url(path)),
                "dcat:mediaType": _typed(MEDIA[fmt], "dcterms:MediaType"),
                "dcterms:format": _typed(FORMATS[fmt], "dcterms:MediaTypeOrExtent"),
                "dcterms:license": licence_node,
                "dcterms:conformsTo": standard,
            }
            if fmt == "csv":
                # The CSV is the whole table in one file; the JSON comes a page at a
                # time (``next``), an API and no file to download.
                distribution["dcat:downloadURL"] = _id(links.api_url(path))
            distributions.append(distribution)
        columns = ", ".join(table.names)
        node: dict[str, Any] = {
            "@id": links.api_url(f"{name}#dataset"),
            "@type": "dcat:Dataset",
            "dcterms:identifier": links.api_url(name),
            "dcterms:title": _both(table.title, table.title_en),
            "dcterms:description": _both(
                f"{table.description} Kolumner: {columns}.",
                f"{table.description_en} Columns: {columns}.",
            ),
            "dcterms:publisher": agent,
            "dcat:contactPoint": contact,
            "dcat:theme": [_id(THEME_JUST), _id(THEME_GOVE)],
            "dcat:keyword": [
                _lang("medborgarlöfte"),
                _lang("trygghet"),
                _lang("citizen promise", "en"),
                _lang("community safety", "en"),
            ],
            "dcterms:language": language,
            "dcterms:accessRights": access,
            "dcterms:spatial": _spatial(coverage[name], links),
            "dcat:landingPage": landing,
            "dcat:distribution": distributions,
        }
        _dated(node, dates.get(name))
        temporal = _temporal(coverage[name])
        if temporal:
            node["dcterms:temporal"] = temporal
        datasets.append(node)
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": links.api_url("dcat.jsonld#catalog"),
        "@type": "dcat:Catalog",
        "dcterms:title": _both(
            "Medborgarlöften – öppna data", "Citizen promises – open data"
        ),
        "dcterms:description": _both(
            "Medborgarlöften mellan kommun och polis, deras åtaganden, "
            "aktiviteter och uppföljningsrapporter, kommunernas lägesbilder och "
            "åtgärdsplaner, och invånarnas synpunkter med svar.",
            "Citizen promises between municipalities and the police, their "
            "commitments, activities and follow-up reports, the municipalities' "
            "crime situation reports and action plans, and residents' cases with "
            "the answers.",
        ),
        "dcterms:publisher": agent,
        "dcat:contactPoint": contact,
        "dcterms:license": licence_node,
        # The languages of the catalogue's own texts; each dataset's data is Swedish.
        "dcterms:language": [language, _typed(ENGLISH, "dcterms:LinguisticSystem")],
        "dcterms:spatial": _spatial(coverage["promises"], links),
        "foaf:homepage": landing,
        "dcat:themeTaxonomy": _typed(THEMES, "skos:ConceptScheme"),
    }
    _dated(document, catalogue_dates)
    document["dcat:dataset"] = datasets
    return document
