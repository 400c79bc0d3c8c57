"""DCAT-AP-SE metadata as JSON-LD: one catalog, one dataset per table, each with a
JSON and a CSV distribution, so dataportal.se can harvest the API."""

from __future__ import annotations

from typing import Any

from .selectors import DATASETS, Links

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: EU vocabularies DCAT-AP-SE requires for theme, language and formats.
THEME_JUST = "http://publications.europa.eu/resource/authority/data-theme/JUST"
THEME_GOVE = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
SWEDISH = "http://publications.europa.eu/resource/authority/language/SWE"
FORMATS = {
    "json": "http://publications.europa.eu/resource/authority/file-type/JSON",
    "csv": "http://publications.europa.eu/resource/authority/file-type/CSV",
}
MEDIA = {"json": "application/json", "csv": "text/csv"}


def _id(uri: str) -> dict[str, str]:
    return {"@id": uri}


def _lang(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "sv"}


def catalog(*, links: Links, licence: dict[str, str], publisher: str) -> dict[str, Any]:
    """The catalog as a JSON-LD document."""
    publisher_node = {
        "@id": links.site_url("#utgivare"),
        "@type": "foaf:Agent",
        "foaf:name": publisher,
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": publisher,
        "vcard:hasURL": _id(links.site),
    }
    datasets = []
    for name, dataset in DATASETS.items():
        table = dataset.table
        distributions = []
        for fmt, path in (("json", name), ("csv", f"{name}.csv")):
            distributions.append(
                {
                    "@id": links.api_url(f"{path}#distribution"),
                    "@type": "dcat:Distribution",
                    "dcterms:title": _lang(f"{table.title} ({fmt.upper()})"),
                    "dcat:accessURL": _id(links.api_url(path)),
                    "dcat:downloadURL": _id(links.api_url(path)),
                    "dcat:mediaType": MEDIA[fmt],
                    "dcterms:format": _id(FORMATS[fmt]),
                    "dcterms:license": _id(licence["url"]),
                    "dcterms:conformsTo": _id(links.api_url("openapi.json")),
                }
            )
        datasets.append(
            {
                "@id": links.api_url(f"{name}#dataset"),
                "@type": "dcat:Dataset",
                "dcterms:identifier": links.api_url(name),
                "dcterms:title": _lang(table.title),
                "dcterms:description": _lang(
                    f"{table.description} Kolumner: {', '.join(table.names)}."
                ),
                "dcterms:publisher": publisher_node,
                "dcat:contactPoint": contact,
                "dcat:theme": [_id(THEME_JUST), _id(THEME_GOVE)],
                "dcat:keyword": [_lang("medborgarlöfte"), _lang("trygghet")],
                "dcterms:language": _id(SWEDISH),
                "dcterms:accessRights": _id(
                    "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
                ),
                "dcat:landingPage": _id(links.site),
                "dcat:distribution": distributions,
            }
        )
    return {
        "@context": CONTEXT,
        "@id": links.api_url("dcat.jsonld#catalog"),
        "@type": "dcat:Catalog",
        "dcterms:title": _lang("Medborgarlöften – öppna data"),
        "dcterms:description": _lang(
            "Medborgarlöften mellan kommun och polis, deras åtaganden, "
            "aktiviteter och uppföljningsrapporter."
        ),
        "dcterms:publisher": publisher_node,
        "dcterms:license": _id(licence["url"]),
        "dcterms:language": _id(SWEDISH),
        "foaf:homepage": _id(links.site),
        "dcat:dataset": datasets,
    }
