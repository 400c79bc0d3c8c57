"""The cases API's part of the OpenAPI description (``/cases``, ``/cases.csv``),
merged into the document by ``publishing.api.openapi.description``."""

from __future__ import annotations

from typing import Any

from medborgarloften.vocabulary import THEMES

from .api import COLUMNS, CURSOR_PATTERN, DEFAULT_LIMIT, MAX_LIMIT
from .models import CaseStatus, Outcome

_NULL_STR = {"type": ["string", "null"]}
_NULL_INT = {"type": ["integer", "null"]}
_NULL_NUM = {"type": ["number", "null"]}

#: Every column, described (a test fails when one is missing).
FIELDS: dict[str, tuple[dict[str, Any], str]] = {
    "id": ({"type": "integer"}, "Ärendets nummer."),
    "kommun_code": (
        {"type": "string", "pattern": "^[0-9]{4}$"},
        "Kommunkod, fyra siffror (SCB).",
    ),
    "theme": ({"type": "string", "enum": list(THEMES)}, "Tema (docs/format.md)."),
    "area": (_NULL_STR, "Området platsen ligger i."),
    "latitude": (_NULL_NUM, "Latitud (WGS 84), avrundad till fyra decimaler."),
    "longitude": (_NULL_NUM, "Longitud (WGS 84), avrundad till fyra decimaler."),
    "text": (
        {"type": "string"},
        "Vad invånaren sa, granskat: personnummer, telefonnummer och e-postadresser borttagna.",
    ),
    "status": ({"type": "string", "enum": list(CaseStatus.values)}, "Status."),
    "responsible_organisation": (
        _NULL_STR,
        "Organisationen som ansvarar för svaret.",
    ),
    "answer": ({"type": "string"}, "Den ansvarigas svar (tomt tills svar finns)."),
    "outcome": (
        {"type": ["string", "null"], "enum": [*Outcome.values, None]},
        "Vad det blev av ett avslutat ärende: fixed (åtgärdat), partly (delvis "
        "åtgärdat), not_fixed (inte åtgärdat), referred (hänvisat vidare), answered "
        "(besvarat); null medan ärendet är öppet.",
    ),
    "close_reason": (
        {"type": "string"},
        "Utfallet med ord, som på sidan Du sa – vi gjorde.",
    ),
    "commitment_id": (_NULL_INT, "Åtagandet ärendet blev (id i /commitments)."),
    "commitment_number": (
        _NULL_INT,
        "Åtagandets nummer i löftet, från 1 (som på löftets sida och i /commitments).",
    ),
    "activity_id": (_NULL_INT, "Aktiviteten ärendet blev (id i /activities)."),
    "received_on": ({"type": "string", "format": "date"}, "Dag då ärendet kom in."),
    "answered_on": (
        {"type": ["string", "null"], "format": "date"},
        "Dag då ärendet besvarades.",
    ),
}
assert tuple(FIELDS) == COLUMNS

_PARAMETERS = [
    {
        "name": "kommun",
        "in": "query",
        "description": "Kommunkod, t.ex. 0880.",
        "schema": {"type": "string", "pattern": "^[0-9]{4}$"},
    },
    {
        "name": "theme",
        "in": "query",
        "description": "Tema (kod, docs/format.md), som i övriga listor.",
        "schema": {"type": "string", "enum": list(THEMES)},
    },
    {
        "name": "tema",
        "in": "query",
        "description": "Det första namnet på `theme`; gäller fortfarande, men "
        "inte tillsammans med `theme` (då 400).",
        "deprecated": True,
        "schema": {"type": "string", "enum": list(THEMES)},
    },
    {
        "name": "limit",
        "in": "query",
        "description": f"Rader per sida (standard {DEFAULT_LIMIT}).",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
    },
    {
        "name": "cursor",
        "in": "query",
        "description": "Markör från `next`.",
        "schema": {"type": "string", "pattern": CURSOR_PATTERN},
    },
]
#: The responses every operation documents (publishing.api.openapi's components).
_COMMON = {
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
    "500": {"$ref": "#/components/responses/ServerError"},
    "503": {"$ref": "#/components/responses/ServiceUnavailable"},
}
_LINK = {"Link": {"$ref": "#/components/headers/Link"}}
_PROBLEM = {
    "description": "Felaktig parameter.",
    "content": {
        "application/problem+json": {
            "schema": {"$ref": "#/components/schemas/Problem"},
            "example": {
                "type": "about:blank",
                "title": "Felaktig begäran",
                "status": 400,
                "detail": "limit: ett heltal 1–1000.",
                "instance": "/api/v1/cases",
                "errors": [{"field": "limit", "detail": "limit: ett heltal 1–1000."}],
            },
        }
    },
}

_NOT_FOUND = {
    "description": "Okänd kommunkod i filtret kommun.",
    "content": {
        "application/problem+json": {
            "schema": {"$ref": "#/components/schemas/Problem"},
            "example": {
                "type": "about:blank",
                "title": "Hittades inte",
                "status": 404,
                "detail": "kommun: ingen kommun med kommunkoden 9999.",
                "instance": "/api/v1/cases",
            },
        }
    },
}

SCHEMAS: dict[str, Any] = {
    "Case": {
        "type": "object",
        "description": "Ett ärende från en invånare och vad som blev gjort.",
        "required": list(FIELDS),
        "properties": {
            name: {**schema, "description": text}
            for name, (schema, text) in FIELDS.items()
        },
    },
    "CasePage": {
        "type": "object",
        "required": ["data", "next", "limit", "license", "source"],
        "properties": {
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/Case"}},
            "next": {"type": ["string", "null"], "format": "uri"},
            "limit": {"type": "integer"},
            "license": {"type": "object"},
            "source": {"type": "object"},
        },
    },
}

PATHS: dict[str, Any] = {
    "/cases": {
        "get": {
            "operationId": "cases_list",
            "summary": "Ärenden (Du sa – vi gjorde)",
            "description": "Granskade ärenden från invånare med vad som blev gjort, "
            "anonymiserade. Nyast först; följ `next`.",
            "security": [],
            "parameters": _PARAMETERS,
            "responses": {
                "200": {
                    "description": "En sida ärenden; Link-huvudet pekar på nästa.",
                    "headers": _LINK,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/CasePage"}
                        }
                    },
                },
                "400": _PROBLEM,
                "404": _NOT_FOUND,
                **_COMMON,
            },
        }
    },
    "/cases.csv": {
        "get": {
            "operationId": "cases_csv",
            "summary": "Ärenden som CSV",
            "description": "Samma rader som /cases, alla på en gång (eller `limit`).",
            "security": [],
            "parameters": [
                *_PARAMETERS[:3],
                {
                    "name": "bom",
                    "in": "query",
                    "description": "true: CSV för Excel med svenska "
                    "inställningar: filen börjar med UTF-8-BOM, fälten skiljs med "
                    "semikolon (;) och tal med decimaler har decimalkomma (56,66); "
                    "standard false (komma och decimalpunkt).",
                    "schema": {"type": "string", "enum": ["true", "false"]},
                },
            ],
            "responses": {
                "200": {
                    "description": "CSV med en rubrikrad.",
                    "headers": _LINK,
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                "400": _PROBLEM,
                "404": _NOT_FOUND,
                **_COMMON,
            },
        }
    },
}


PATHS["/cases/{id}"] = {
    "get": {
        "operationId": "cases_detail",
        "summary": "Ett ärende",
        "description": "Ett publicerat ärende, som en rad i /cases. Ett okänt eller "
        "opublicerat id ger 404.",
        "security": [],
        "parameters": [
            {
                "name": "id",
                "in": "path",
                "required": True,
                "schema": {"type": "integer", "minimum": 1},
            }
        ],
        "responses": {
            "200": {
                "description": "Ärendet.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/Case"}
                    }
                },
            },
            "404": {
                "description": "Okänt eller opublicerat id.",
                "content": {
                    "application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"},
                        "example": {
                            "type": "about:blank",
                            "title": "Hittades inte",
                            "status": 404,
                            "detail": "Inget publicerat ärende 12.",
                            "instance": "/api/v1/cases/12",
                        },
                    }
                },
            },
            **_COMMON,
        },
    }
}


def merge_into(doc: dict[str, Any]) -> None:
    """Add the cases paths and schemas to an OpenAPI document."""
    doc["paths"].update(PATHS)
    doc["components"]["schemas"].update(SCHEMAS)
