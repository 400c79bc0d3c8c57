"""The OpenAPI 3.1 description, generated from the field registry and the datasets'
filters, so the documented columns and parameters are the served ones."""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings

from medborgarloften.cases import openapi as cases_openapi
from medborgarloften.followup.models import Activity, ReportKind
from medborgarloften.lib.fields import limit
from medborgarloften.promises.exchange import record_schema
from medborgarloften.promises.models import PUBLIC_STATUSES
from medborgarloften.situation.models import Observation, ObservationCategory
from medborgarloften.vocabulary import RESPONSIBLE, THEMES

from . import params
from .examples import example
from .selectors import DATASETS
from .tabular import lines
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


_TITLES = {
    400: "Felaktig begäran",
    401: "Inte inloggad",
    403: "Förbjuden",
    404: "Hittades inte",
    405: "Metoden stöds inte",
    415: "Fel mediatyp",
    422: "Fält som inte godtogs",
    429: "För många förfrågningar",
    500: "Serverfel",
    503: "Tjänsten är inte tillgänglig",
}


def _problem_response(
    description: str, status: int = 400, detail: str | None = None
) -> dict[str, Any]:
    """A documented error: problem+json (RFC 9457) with an example."""
    return {
        "description": description,
        "content": {
            "application/problem+json": {
                "schema": {"$ref": "#/components/schemas/Problem"},
                "example": {
                    "type": "about:blank",
                    "title": _TITLES[status],
                    "status": status,
                    "detail": detail or description,
                    "instance": "/api/v1/promises",
                },
            }
        },
    }


#: Headers the API sends, documented once (DIGG's profile: Link, Location, Allow,
#: Retry-After).
_HEADERS: dict[str, Any] = {
    "Link": {
        "description": 'Nästa sida: `<URL>; rel="next"` (RFC 8288); saknas på sista '
        "sidan. Samma URL som `next` i kroppen.",
        "schema": {"type": "string"},
        "example": "<https://trygghet.kalmar.example/api/v1/promises?cursor=MTAw"
        '&limit=100>; rel="next"',
    },
    "Location": {
        "description": "Den sparade aktivitetens URL i API:t.",
        "schema": {"type": "string", "format": "uri"},
        "example": "https://trygghet.kalmar.example/api/v1/activities/42",
    },
    "Allow": {
        "description": "Metoderna som resursen stöder.",
        "schema": {"type": "string"},
        "example": "GET, HEAD, OPTIONS",
    },
    "Retry-After": {
        "description": "Sekunder att vänta innan nästa försök.",
        "schema": {"type": "integer", "minimum": 0},
        "example": 30,
    },
}


def _header(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/headers/{name}"}


def _common_responses() -> dict[str, Any]:
    """Errors any operation can answer: wrong method, rate limit, server trouble."""
    limit, window = getattr(settings, "RATELIMITS", {}).get("api", (300, 60))
    method = _problem_response(
        "Metoden stöds inte här; Allow anger vilka som gör det.",
        405,
        "Metoden DELETE stöds inte här; använd GET, HEAD, OPTIONS.",
    )
    method["headers"] = {"Allow": _header("Allow")}
    many = _problem_response(
        f"För många förfrågningar: högst {limit} per {window} sekunder och klient.",
        429,
        "För många förfrågningar. Försök igen om 30 sekunder.",
    )
    many["headers"] = {"Retry-After": _header("Retry-After")}
    unavailable = _problem_response(
        "Databasen svarar inte just nu; försök igen efter Retry-After.", 503
    )
    unavailable["headers"] = {"Retry-After": _header("Retry-After")}
    return {
        "MethodNotAllowed": method,
        "TooManyRequests": many,
        "ServerError": _problem_response("Oväntat fel i servern.", 500),
        "ServiceUnavailable": unavailable,
    }


_COMMON = {
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
    "500": {"$ref": "#/components/responses/ServerError"},
    "503": {"$ref": "#/components/responses/ServiceUnavailable"},
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
    schemas["ApiInfo"] = {
        "type": "object",
        "description": "DIGG:s api-info (REST-API-profilen, VER.06).",
        "required": [
            "apiName",
            "apiVersion",
            "apiReleased",
            "apiDocumentation",
            "apiSpecification",
            "apiStatus",
        ],
        "properties": {
            "apiName": {"type": "string", "description": "API:ts namn."},
            "apiVersion": {"type": "string", "description": "Version (semver)."},
            "apiReleased": {
                "type": "string",
                "format": "date",
                "description": "Dagen versionen släpptes.",
            },
            "apiDocumentation": {
                "type": "string",
                "format": "uri",
                "description": "Läsbar dokumentation.",
            },
            "apiSpecification": {
                "type": "string",
                "format": "uri",
                "description": "OpenAPI-beskrivningen.",
            },
            "apiStatus": {
                "type": "string",
                "enum": ["active", "deprecated"],
                "description": "active, eller deprecated när en ny version finns.",
            },
            "apiContact": {
                "type": "object",
                "description": "Vem som svarar på frågor om API:t.",
                "properties": {
                    "name": {"type": "string"},
                    "email": {"type": "string", "format": "email"},
                    "url": {"type": "string", "format": "uri"},
                },
            },
            "apiTermsOfService": {
                "type": "string",
                "format": "uri",
                "description": "Villkor och servicenivå.",
            },
            "apiLicense": {"$ref": "#/components/schemas/License"},
        },
    }
    return {
        "schemas": schemas,
        "headers": _HEADERS,
        "responses": _common_responses(),
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
    "400": _problem_response(
        "Felaktig parameter.", 400, "limit: 0 ligger utanför 1–500."
    ),
}
#: Reads need no key: an empty security requirement says so explicitly.
_ANONYMOUS: list[dict[str, list[str]]] = []
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
                "description": f"{table.description} En sida i taget, i "
                "nyckelordning; följ `next` (eller Link-huvudet) till nästa sida. "
                "Filter kombineras med OCH; en okänd parameter ger 400.",
                "security": _ANONYMOUS,
                "parameters": [*filters, *_paging(dataset.key_type), _FORMAT],
                "responses": {
                    "200": {
                        "description": "En sida rader; Link-huvudet pekar på nästa.",
                        "headers": {"Link": _header("Link")},
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
                    **_COMMON,
                },
            }
        }
        paths[f"/{name}.csv"] = {
            "get": {
                "operationId": f"{name}_csv",
                "summary": f"{table.title} som CSV",
                "description": "Samma kolumner och filter som JSON; utan limit hela "
                "tabellen.",
                "security": _ANONYMOUS,
                "parameters": [*filters, *_paging(dataset.key_type)],
                "responses": {
                    "200": {
                        "description": "CSV, UTF-8; med limit en sida, och då "
                        "pekar Link-huvudet på nästa.",
                        "headers": {"Link": _header("Link")},
                        "content": csv_content,
                    },
                    **_ERRORS_READ,
                    **_COMMON,
                },
            }
        }
        detail_schema = "PromiseDetail" if name == "promises" else table.schema_name
        paths[f"/{name}/{{id}}"] = {
            "get": {
                "operationId": f"{name}_detail",
                "summary": f"En rad ur {table.title.lower()}",
                "description": (
                    "Hela medborgarlöfte-posten (docs/format.md) med länkar till "
                    "åtaganden, aktiviteter och rapporter."
                    if name == "promises"
                    else "Samma rad som i listan, hämtad på sitt stabila id."
                )
                + " Ett okänt eller opublicerat id ger 404.",
                "security": _ANONYMOUS,
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "description": "Radens stabila id ("
                        + (
                            "kommunkod"
                            if name == "kommuner"
                            else "uuid"
                            if name in ("promises", "reports")
                            else "heltal"
                        )
                        + ").",
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
                    "404": _problem_response(
                        "Okänt id, eller inte publicerat.",
                        404,
                        "Det finns ingen kommun med kommunkoden 9999.",
                    ),
                    **_COMMON,
                },
            }
        }
    write_errors = {
        "400": _problem_response("Kroppen är ingen JSON.", 400),
        "401": _problem_response("Ingen eller ogiltig API-nyckel.", 401),
        "403": _problem_response("Organisationen får inte skriva här.", 403),
        "415": _problem_response("Inte application/json.", 415),
        "422": _problem_response("Fält som inte godtogs, i errors.", 422),
        **_COMMON,
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
                "description": "Sparad; Location pekar på aktiviteten.",
                "headers": {"Location": _header("Location")},
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Activities"}
                    }
                },
            },
            "200": {
                "description": "Redan sparad med samma Idempotency-Key; Location "
                "pekar på aktiviteten.",
                "headers": {"Location": _header("Location")},
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
            "description": "En observation (t.ex. från en trygghetsvandring eller "
            "EST, effektiv samordning för trygghet) i en kommun som nyckelns "
            "organisation verkar i. Observationer är inte öppna data: de läses "
            "bara i lägesbilden av inloggad personal.",
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
    paths["/api-info"] = {
        "get": {
            "operationId": "api_info",
            "summary": "Information om API:t",
            "description": "Namn, version, status, utgivningsdatum, dokumentation "
            "och kontakt, som DIGG:s REST-API-profil kräver (VER.06). Fältnamnen "
            "är profilens egna.",
            "security": _ANONYMOUS,
            "responses": {
                "200": {
                    "description": "Information om API:t.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ApiInfo"}
                        }
                    },
                },
                **_COMMON,
            },
        }
    }
    return paths


#: The day API v1 was first served (git history of publishing/api/).
RELEASED = "2026-11-22"
VERSION = "1.0.0"


def _contact(contact: dict[str, str]) -> dict[str, str]:
    return {k: contact[k] for k in ("name", "email", "url") if contact.get(k)}


def info(*, server: str, licence: dict[str, str], contact: dict[str, str]) -> dict:
    """The ``/api-info`` resource (DIGG's REST API profile, VER.06)."""
    return {
        "apiName": "Medborgarlöften – öppna data",
        "apiVersion": VERSION,
        "apiReleased": RELEASED,
        "apiDocumentation": f"{server}/docs",
        "apiSpecification": f"{server}/openapi.json",
        "apiStatus": "active",
        "apiContact": _contact(contact),
        "apiTermsOfService": f"{server}/docs#villkor",
        "apiLicense": licence,
    }


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
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "Medborgarlöften – öppna data",
            "version": VERSION,
            "description": _description_text(),
            "termsOfService": f"{server}/docs#villkor",
            "contact": _contact(contact),
            "license": {"name": licence["name"], "url": licence["url"]},
        },
        "externalDocs": {
            "description": "Läsbar dokumentation med villkor, begränsningar och "
            "servicenivå (SLA).",
            "url": f"{server}/docs",
        },
        "servers": [{"url": server}],
        "paths": _paths(),
        "components": _components(),
    }
    cases_openapi.merge_into(doc)
    _prune_record_schemas(doc)
    _add_examples(doc)
    return doc
