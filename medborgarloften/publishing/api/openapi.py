"""The OpenAPI 3.1 description, generated from the field registry and the datasets'
filters, so the documented columns and parameters are the served ones."""

from __future__ import annotations

import copy
from typing import Any

from medborgarloften.followup.models import Activity, ReportKind
from medborgarloften.lib.fields import limit
from medborgarloften.promises.exchange import record_schema
from medborgarloften.promises.models import PUBLIC_STATUSES
from medborgarloften.situation.models import Observation, ObservationCategory
from medborgarloften.vocabulary import RESPONSIBLE, THEMES

from . import params
from .selectors import DATASETS
from .writes import ACTIVITY_KEYS, OBSERVATION_KEYS

_STR = {"type": "string"}
_DATE = {"type": "string", "format": "date"}
_UUID = {"type": "string", "format": "uuid"}

#: Parameter schemas: they say what ``params`` accepts, nothing looser.
FILTER_SCHEMAS: dict[str, tuple[dict[str, Any], str]] = {
    "lan": ({"type": "string", "pattern": "^[0-9]{2}$"}, "Länskod, t.ex. 08."),
    "kommun": (
        {"type": "string", "pattern": "^[0-9]{4}$"},
        "Kommunkod, t.ex. 0880.",
    ),
    "status": (
        {"type": "string", "enum": [str(s) for s in PUBLIC_STATUSES]},
        "Löftets status.",
    ),
    "theme": ({"type": "string", "enum": list(THEMES)}, "Tema (kod)."),
    "period_from": (_DATE, "Perioden slutar tidigast detta datum."),
    "period_to": (_DATE, "Perioden börjar senast detta datum."),
    "promise": (_UUID, "Medborgarlöftets id."),
    "measurable": ({"type": "boolean"}, "Bara mätbara (true) eller omätbara."),
    "responsible": (
        {"type": "string", "enum": list(RESPONSIBLE)},
        "Ansvarig part.",
    ),
    "commitment": (
        {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
        "Åtagandets id.",
    ),
    "area": (
        {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
        "Områdets id.",
    ),
    "date_from": (_DATE, "Aktiviteten pågår detta datum eller senare."),
    "date_to": (_DATE, "Aktiviteten började senast detta datum."),
    "kind": ({"type": "string", "enum": list(ReportKind.values)}, "Rapporttyp."),
}


def _paging(key_type: type) -> list[dict[str, Any]]:
    return [
        _LIMIT,
        {
            "name": "cursor",
            "in": "query",
            "required": False,
            "description": "Markör från next; följ länken, bygg den inte själv.",
            "schema": {"type": "string", "pattern": params.CURSOR_PATTERNS[key_type]},
        },
    ]


_LIMIT = {
    "name": "limit",
    "in": "query",
    "required": False,
    "description": f"Rader per sida, 1–{params.MAX_LIMIT} "
    f"(standard {params.DEFAULT_LIMIT}).",
    "schema": {"type": "integer", "minimum": 1, "maximum": params.MAX_LIMIT},
}
_FORMAT = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "json (standard) eller csv.",
    "schema": {"type": "string", "enum": ["json", "csv"]},
}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {
                "schema": {"$ref": "#/components/schemas/Problem"}
            }
        },
    }


def _record_schemas() -> dict[str, Any]:
    """The medborgarlöfte record schema's $defs as components, refs rewritten."""
    source = record_schema()

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    value.replace("#/$defs/", "#/components/schemas/Record_")
                    if key == "$ref" and isinstance(value, str)
                    else rewrite(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    return {
        f"Record_{name}": rewrite(copy.deepcopy(schema))
        for name, schema in source["$defs"].items()
    }


def _components() -> dict[str, Any]:
    schemas: dict[str, Any] = {
        "Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["field", "detail"],
                        "properties": {
                            "field": {"type": "string"},
                            "detail": {"type": "string"},
                        },
                    },
                },
            },
        },
        "License": {
            "type": "object",
            "required": ["id", "name", "url"],
            "properties": dict.fromkeys(("id", "name", "url"), _STR),
        },
        "Source": {
            "type": "object",
            "required": ["name", "url"],
            "properties": dict.fromkeys(("name", "url"), _STR),
        },
    }
    for dataset in DATASETS.values():
        table = dataset.table
        schemas[table.schema_name] = {
            "type": "object",
            "description": table.description,
            "required": table.names,
            "properties": {f.name: f.schema() for f in table.fields},
        }
        schemas[f"{table.schema_name}Page"] = {
            "type": "object",
            "required": ["data", "next", "limit", "license", "source"],
            "properties": {
                "data": {
                    "type": "array",
                    "items": {"$ref": f"#/components/schemas/{table.schema_name}"},
                },
                "next": {"type": ["string", "null"], "format": "uri"},
                "limit": {"type": "integer"},
                "license": {"$ref": "#/components/schemas/License"},
                "source": {"$ref": "#/components/schemas/Source"},
            },
        }
    schemas.update(_record_schemas())
    schemas["PromiseDetail"] = {
        "allOf": [
            {"$ref": "#/components/schemas/Record_record"},
            {
                "type": "object",
                "required": ["links"],
                "properties": {
                    "links": {
                        "type": "object",
                        "properties": {
                            k: {"type": "string", "format": "uri"}
                            for k in (
                                "self",
                                "html",
                                "commitments",
                                "activities",
                                "reports",
                            )
                        },
                    }
                },
            },
        ]
    }
    schemas["ActivityInput"] = {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, required in ACTIVITY_KEYS.items() if required],
        "properties": {
            "commitment_id": {"type": "integer", "minimum": 1},
            "date": _DATE,
            "end_date": _DATE,
            "kind": {
                "type": "string",
                "minLength": 1,
                "maxLength": limit(Activity, "kind"),
            },
            "quantity": {"type": "integer", "minimum": 1, "maximum": 1000},
            "participants": {"type": "integer", "minimum": 0},
            "area_id": {"type": "integer", "minimum": 1},
            "description": {
                "type": "string",
                "maxLength": limit(Activity, "description"),
            },
            "links": {
                "type": "array",
                "maxItems": Activity._meta.get_field("links").max_items,
                "items": {
                    "type": "string",
                    "format": "uri",
                    "maxLength": limit(Activity, "links"),
                },
            },
        },
    }
    assert set(schemas["ActivityInput"]["properties"]) == set(ACTIVITY_KEYS)
    schemas["ObservationInput"] = {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, required in OBSERVATION_KEYS.items() if required],
        "properties": {
            "kommun": {"type": "string", "pattern": "^[0-9]{4}$"},
            "category": {"type": "string", "enum": list(ObservationCategory.values)},
            "observed_at": {"type": "string", "format": "date-time"},
            "area_id": {"type": "integer", "minimum": 1},
            "latitude": {"type": "number", "minimum": -90, "maximum": 90},
            "longitude": {"type": "number", "minimum": -180, "maximum": 180},
            "text": {"type": "string", "maxLength": limit(Observation, "text")},
        },
    }
    assert set(schemas["ObservationInput"]["properties"]) == set(OBSERVATION_KEYS)
    schemas["Observation"] = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "kommun": _STR,
            "category": _STR,
            "observed_at": {"type": "string", "format": "date-time"},
            "area_id": {"type": ["integer", "null"]},
            "latitude": {"type": ["number", "null"]},
            "longitude": {"type": ["number", "null"]},
            "text": _STR,
        },
    }
    return {
        "schemas": schemas,
        "securitySchemes": {
            "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "API-nyckel för en organisation "
                "(medborgarloften manage apitoken create).",
            }
        },
    }


_ERRORS_READ = {
    "400": _problem_response("Felaktig parameter."),
}
_DETAIL_ID: dict[str, dict[str, Any]] = {
    "kommuner": {"type": "string", "pattern": "^[0-9]{4}$"},
    "promises": _UUID,
    "commitments": {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
    "activities": {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
    "reports": _UUID,
}


def _paths() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for name, dataset in DATASETS.items():
        table = dataset.table
        filters = [
            {
                "name": key,
                "in": "query",
                "required": False,
                "description": FILTER_SCHEMAS[key][1],
                "schema": FILTER_SCHEMAS[key][0],
            }
            for key in dataset.filters
        ]
        csv_content = {"text/csv": {"schema": {"type": "string"}}}
        paths[f"/{name}"] = {
            "get": {
                "operationId": f"{name}_list",
                "summary": table.title,
                "description": table.description,
                "parameters": [*filters, *_paging(dataset.key_type), _FORMAT],
                "responses": {
                    "200": {
                        "description": "En sida rader; Link-huvudet pekar på nästa.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "$ref": "#/components/schemas/"
                                    f"{table.schema_name}Page"
                                }
                            },
                            **csv_content,
                        },
                    },
                    **_ERRORS_READ,
                },
            }
        }
        paths[f"/{name}.csv"] = {
            "get": {
                "operationId": f"{name}_csv",
                "summary": f"{table.title} som CSV",
                "description": "Samma kolumner och filter som JSON; utan limit hela "
                "tabellen.",
                "parameters": [*filters, *_paging(dataset.key_type)],
                "responses": {
                    "200": {"description": "CSV, UTF-8.", "content": csv_content},
                    **_ERRORS_READ,
                },
            }
        }
        detail_schema = "PromiseDetail" if name == "promises" else table.schema_name
        paths[f"/{name}/{{id}}"] = {
            "get": {
                "operationId": f"{name}_detail",
                "summary": f"En rad ur {table.title.lower()}",
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": _DETAIL_ID[name],
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Raden.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "$ref": f"#/components/schemas/{detail_schema}"
                                }
                            }
                        },
                    },
                    "404": _problem_response("Okänt id, eller inte publicerat."),
                },
            }
        }
    write_errors = {
        "400": _problem_response("Kroppen är ingen JSON."),
        "401": _problem_response("Ingen eller ogiltig API-nyckel."),
        "403": _problem_response("Organisationen får inte skriva här."),
        "415": _problem_response("Inte application/json."),
        "422": _problem_response("Fält som inte godtogs, i errors."),
    }
    paths["/activities"]["post"] = {
        "operationId": "activities_create",
        "summary": "Registrera en aktivitet",
        "description": (
            "Med rubriken Idempotency-Key sparas samma anrop en gång: ett upprepat "
            "anrop med samma nyckel (från samma API-nyckel) svarar 200 med det som "
            "sparades första gången."
        ),
        "security": [{"bearer": []}],
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": "Valfri nyckel per aktivitet, högst 200 tecken.",
                "schema": {"type": "string", "maxLength": 200},
            }
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/ActivityInput"}
                }
            },
        },
        "responses": {
            "201": {
                "description": "Sparad.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Activities"}
                    }
                },
            },
            "200": {
                "description": "Redan sparad med samma Idempotency-Key.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Activities"}
                    }
                },
            },
            **write_errors,
        },
    }
    paths["/observations"] = {
        "post": {
            "operationId": "observations_create",
            "summary": "Rapportera en observation (EST)",
            "security": [{"bearer": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/ObservationInput"}
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Sparad.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Observation"}
                        }
                    },
                },
                **write_errors,
            },
        }
    }
    return paths


def description(*, server: str) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document for a server URL ending in /api/v1."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Medborgarlöften – öppna data",
            "version": "1.0.0",
            "description": "Publicerade medborgarlöften, åtaganden, aktiviteter och "
            "uppföljningsrapporter. Se docs/api.md.",
            "license": {"name": "CC0-1.0", "identifier": "CC0-1.0"},
        },
        "servers": [{"url": server}],
        "paths": _paths(),
        "components": _components(),
    }
