"""The OpenAPI 3.1 description, generated from the field registry and the datasets'
filters, so the documented columns and parameters are the served ones.

This module builds the document; the path and schema tables live in ``spec/``, one
module per topic. To document another API, give it a module with ``PATHS`` and
``SCHEMAS`` dicts and add it to ``CONTRIBUTORS`` (one line)."""

from __future__ import annotations

import copy
from types import ModuleType
from typing import Any

from django.conf import settings

from medborgarloften.cases import openapi as cases_openapi
from medborgarloften.planning import openapi as planning_openapi

from . import params
from .examples import example
from .selectors import DATASETS
from .spec import common, datasets, info, records, writes
from .spec.info import VERSION, contact_object
from .tabular import lines

#: The modules whose ``PATHS`` and ``SCHEMAS`` make up the document, in order.
CONTRIBUTORS: tuple[ModuleType, ...] = (
    common,
    datasets,
    records,
    writes,
    info,
)


def _merge(contributors: tuple[ModuleType, ...]) -> tuple[dict, dict]:
    """All contributors' paths and schemas; a path's operations may come from
    several contributors, but no operation or schema is defined twice."""
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    for module in contributors:
        for path, operations in copy.deepcopy(module.PATHS).items():
            known = paths.setdefault(path, {})
            twice = set(known) & set(operations)
            assert not twice, f"{module.__name__}: {path} {twice} defined twice"
            known.update(operations)
        twice = set(schemas) & set(module.SCHEMAS)
        assert not twice, f"{module.__name__}: schemas {twice} defined twice"
        schemas.update(copy.deepcopy(module.SCHEMAS))
    return paths, schemas


def _description_text() -> str:
    limit, window = getattr(settings, "RATELIMITS", {}).get("api", (300, 60))
    return (
        "Publicerade medborgarlöften mellan kommun och polis, deras åtaganden, "
        "aktiviteter och uppföljningsrapporter, som JSON och CSV. Läsningar kräver "
        "ingen nyckel; skrivningar (aktiviteter, observationer) kräver en API-nyckel "
        "för en organisation. Fel följer RFC 9457 (application/problem+json).\n\n"
        "**Begränsningar och kända problem:** högst "
        f"{limit} förfrågningar per {window} sekunder och klient (sedan 429 med "
        f"Retry-After); högst {params.MAX_LIMIT} rader per sida. Bläddring sker "
        "med markör (cursor) i stället för page/offset, se docs/api.md. Bara "
        "publicerade och avslutade löften syns.\n\n"
        "*In English:* open data on the published citizen promises "
        "(medborgarlöften) between a Swedish municipality and the police, their "
        "commitments, activities and follow-up reports. Reads need no key; "
        f"limits: {limit} requests per {window} seconds per client and "
        f"{params.MAX_LIMIT} rows per page; paging uses an opaque cursor."
    )


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= _refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node)) if node else set()
    return set()


def _prune_record_schemas(doc: dict[str, Any]) -> None:
    """Drop the record schema's $defs that nothing here refers to."""
    schemas = doc["components"]["schemas"]
    while True:
        used = {r.rsplit("/", 1)[1] for r in _refs(doc)}
        unused = [n for n in schemas if n.startswith("Record_") and n not in used]
        if not unused:
            return
        for name in unused:
            del schemas[name]


def _add_examples(doc: dict[str, Any]) -> None:
    """An example for every JSON body, built from its own schema (DIGG DOK.15)."""
    for operations in doc["paths"].values():
        for operation in operations.values():
            bodies = [operation.get("requestBody", {}).get("content", {})]
            bodies += [r.get("content", {}) for r in operation["responses"].values()]
            for content in bodies:
                media = content.get("application/json")
                if media is not None and "example" not in media:
                    media["example"] = example(media["schema"], doc)
    # CSV: the JSON example's rows, written as the API writes them.
    for name, dataset in DATASETS.items():
        listing = doc["paths"][f"/{name}"]["get"]["responses"]["200"]["content"]
        rows = listing["application/json"]["example"]["data"]
        csv_text = "".join(lines(dataset.table, [rows]))
        for path in (f"/{name}", f"/{name}.csv"):
            content = doc["paths"][path]["get"]["responses"]["200"]["content"]
            content["text/csv"] = {**content["text/csv"], "example": csv_text}


def description(
    *,
    server: str,
    licence: dict[str, str] | None = None,
    contact: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document for a server URL ending in /api/v1, with the
    installation's data licence and contact (DIGG's profile: DOK.03, DOK.08)."""
    licence = licence or {
        "id": "CC0-1.0",
        "name": "Creative Commons Zero v1.0 Universal",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/",
    }
    contact = contact or {
        "name": "Medborgarlöften",
        "url": server.rsplit("/api/", 1)[0] + "/",
    }
    paths, schemas = _merge(CONTRIBUTORS)
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "Medborgarlöften – öppna data",
            "version": VERSION,
            "description": _description_text(),
            "termsOfService": f"{server}/docs#villkor",
            "contact": contact_object(contact),
            "license": {"name": licence["name"], "url": licence["url"]},
        },
        "externalDocs": {
            "description": "Läsbar dokumentation med villkor, begränsningar och "
            "servicenivå (SLA).",
            "url": f"{server}/docs",
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "headers": copy.deepcopy(common.HEADERS),
            "responses": common.common_responses(),
            "securitySchemes": copy.deepcopy(common.SECURITY_SCHEMES),
        },
    }
    planning_openapi.merge(
        doc,
        [*common.paging(int), common.FORMAT, common.BOM],
        {**common.ERRORS_READ, **common.COMMON},
    )
    cases_openapi.merge_into(doc)
    _prune_record_schemas(doc)
    _add_examples(doc)
    return doc
