"""DIGG's ``/api-info`` (REST API profile, VER.06): the resource and its schema."""

from __future__ import annotations

from typing import Any

from .common import ANONYMOUS, COMMON

#: The day API v1 was first served (git history of publishing/api/).
RELEASED = "2026-11-22"
VERSION = "1.0.0"


def contact_object(contact: dict[str, str]) -> dict[str, str]:
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
        "apiContact": contact_object(contact),
        "apiTermsOfService": f"{server}/docs#villkor",
        "apiLicense": licence,
    }


PATHS: dict[str, Any] = {
    "/api-info": {
        "get": {
            "operationId": "api_info",
            "summary": "Information om API:t",
            "description": "Namn, version, status, utgivningsdatum, dokumentation "
            "och kontakt, som DIGG:s REST-API-profil kräver (VER.06). Fältnamnen "
            "är profilens egna.",
            "security": ANONYMOUS,
            "responses": {
                "200": {
                    "description": "Information om API:t.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ApiInfo"}
                        }
                    },
                },
                **COMMON,
            },
        }
    }
}

SCHEMAS: dict[str, Any] = {
    "ApiInfo": {
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
}
