"""The write operations: registering activities and reporting observations."""

from __future__ import annotations

from typing import Any

from medborgarloften.followup.models import Activity
from medborgarloften.lib.fields import limit
from medborgarloften.situation.models import Observation, ObservationCategory

from ..writes import ACTIVITY_KEYS, OBSERVATION_KEYS
from .common import COMMON, DATE, STR, header, problem_response

_WRITE_ERRORS = {
    "400": problem_response("Kroppen är ingen JSON.", 400),
    "401": problem_response("Ingen eller ogiltig API-nyckel.", 401),
    "403": problem_response("Organisationen får inte skriva här.", 403),
    "409": problem_response(
        "Idempotency-Key har redan använts för en annan kropp / reused with a "
        "different request.",
        409,
    ),
    "415": problem_response("Inte application/json.", 415),
    "422": problem_response("Fält som inte godtogs, i errors.", 422),
    **COMMON,
}

PATHS: dict[str, Any] = {
    "/activities": {
        "post": {
            "operationId": "activities_create",
            "summary": "Registrera en aktivitet",
            "description": (
                "Nyckelns organisation är part i åtagandets medborgarlöfte eller "
                "partner för åtagandet (som på partnerns sida), annars 403. "
                "Med rubriken Idempotency-Key sparas samma anrop en gång: ett "
                "upprepat anrop med samma nyckel (från samma API-nyckel) svarar 200 "
                "med det som sparades första gången."
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
                    "headers": {"Location": header("Location")},
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Activities"}
                        }
                    },
                },
                "200": {
                    "description": "Redan sparad med samma Idempotency-Key; "
                    "Location pekar på aktiviteten.",
                    "headers": {"Location": header("Location")},
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Activities"}
                        }
                    },
                },
                **_WRITE_ERRORS,
            },
        }
    },
    "/observations": {
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
                **_WRITE_ERRORS,
            },
        }
    },
}

SCHEMAS: dict[str, Any] = {
    "ActivityInput": {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, required in ACTIVITY_KEYS.items() if required],
        "properties": {
            "commitment_id": {"type": "integer", "minimum": 1},
            "date": DATE,
            "end_date": DATE,
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
    },
    "ObservationInput": {
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
    },
    "Observation": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "kommun": STR,
            "category": STR,
            "observed_at": {"type": "string", "format": "date-time"},
            "area_id": {"type": ["integer", "null"]},
            "latitude": {"type": ["number", "null"]},
            "longitude": {"type": ["number", "null"]},
            "text": STR,
        },
    },
}
assert set(SCHEMAS["ActivityInput"]["properties"]) == set(ACTIVITY_KEYS)
assert set(SCHEMAS["ObservationInput"]["properties"]) == set(OBSERVATION_KEYS)
