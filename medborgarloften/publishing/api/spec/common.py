"""Pieces every operation shares: parameters, problem responses, headers."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from .. import params

STR = {"type": "string"}
DATE = {"type": "string", "format": "date"}
UUID = {"type": "string", "format": "uuid"}

LIMIT = {
    "name": "limit",
    "in": "query",
    "required": False,
    "description": f"Rader per sida, 1–{params.MAX_LIMIT} "
    f"(standard {params.DEFAULT_LIMIT}).",
    "schema": {"type": "integer", "minimum": 1, "maximum": params.MAX_LIMIT},
}
FORMAT = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "json (standard) eller csv.",
    "schema": {"type": "string", "enum": ["json", "csv"]},
}


BOM = {
    "name": "bom",
    "in": "query",
    "required": False,
    "description": "true: CSV för Excel med svenska inställningar: filen börjar "
    "med UTF-8-BOM så att å, ä och ö läses rätt, fälten skiljs med semikolon (;) och "
    "tal med decimaler har decimalkomma (56,66). Standard false: ren UTF-8 för "
    "program, komma mellan fälten och decimalpunkt.",
    "schema": {"type": "string", "enum": ["true", "false"]},
}


def paging(key_type: type) -> list[dict[str, Any]]:
    return [
        LIMIT,
        {
            "name": "cursor",
            "in": "query",
            "required": False,
            "description": "Markör från next; följ länken, bygg den inte själv.",
            "schema": {"type": "string", "pattern": params.CURSOR_PATTERNS[key_type]},
        },
    ]


TITLES = {
    400: "Felaktig begäran",
    401: "Inte inloggad",
    403: "Förbjuden",
    404: "Hittades inte",
    405: "Metoden stöds inte",
    409: "Konflikt",
    415: "Fel mediatyp",
    422: "Fält som inte godtogs",
    429: "För många förfrågningar",
    500: "Serverfel",
    503: "Tjänsten är inte tillgänglig",
}


def problem_response(
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
                    "title": TITLES[status],
                    "status": status,
                    "detail": detail or description,
                    "instance": "/api/v1/promises",
                },
            }
        },
    }


#: Headers the API sends, documented once (DIGG's profile: Link, Location, Allow,
#: Retry-After).
HEADERS: dict[str, Any] = {
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


def header(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/headers/{name}"}


def common_responses() -> dict[str, Any]:
    """Errors any operation can answer: wrong method, rate limit, server trouble."""
    limit, window = getattr(settings, "RATELIMITS", {}).get("api", (300, 60))
    method = problem_response(
        "Metoden stöds inte här; Allow anger vilka som gör det.",
        405,
        "Metoden DELETE stöds inte här; använd GET, HEAD, OPTIONS.",
    )
    method["headers"] = {"Allow": header("Allow")}
    many = problem_response(
        f"För många förfrågningar: högst {limit} per {window} sekunder och klient.",
        429,
        "För många förfrågningar. Försök igen om 30 sekunder.",
    )
    many["headers"] = {"Retry-After": header("Retry-After")}
    unavailable = problem_response(
        "Databasen svarar inte just nu; försök igen efter Retry-After.", 503
    )
    unavailable["headers"] = {"Retry-After": header("Retry-After")}
    return {
        "MethodNotAllowed": method,
        "TooManyRequests": many,
        "ServerError": problem_response("Oväntat fel i servern.", 500),
        "ServiceUnavailable": unavailable,
    }


COMMON = {
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
    "500": {"$ref": "#/components/responses/ServerError"},
    "503": {"$ref": "#/components/responses/ServiceUnavailable"},
}

ERRORS_READ = {
    "400": problem_response(
        "Felaktig parameter (också ett intervall som slutar före sin början).",
        400,
        "limit: 0 ligger utanför 1–500.",
    ),
    "404": problem_response(
        "Okänd kommunkod i filtret kommun.",
        404,
        "kommun: ingen kommun med kommunkoden 9999.",
    ),
}
#: Reads need no key: an empty security requirement says so explicitly.
ANONYMOUS: list[dict[str, list[str]]] = []

SECURITY_SCHEMES = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "API-nyckel för en organisation "
        "(medborgarloften manage apitoken create).",
    }
}

PATHS: dict[str, Any] = {}
SCHEMAS: dict[str, Any] = {
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
        "properties": dict.fromkeys(("id", "name", "url"), STR),
    },
    "Source": {
        "type": "object",
        "required": ["name", "url"],
        "properties": dict.fromkeys(("name", "url"), STR),
    },
}
