"""The OpenAPI paths and schemas of ``/api/v1/action-plans`` and
``/api/v1/situation-reports`` (served by ``publishing.api.plans``), merged into the
API's description by ``merge``. Plain dicts: this app sits below publishing."""

from __future__ import annotations

import copy
from typing import Any

_STR = {"type": "string"}
_INT = {"type": "integer"}
_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}
_DATE = {"type": "string", "format": "date"}
_STRS = {"type": "array", "items": _STR}
_INTS = {"type": "array", "items": _INT}


def _object(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "required": list(properties),
        "properties": properties,
    }
    if description:
        schema["description"] = description
    return schema


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_DECISION = {
    "adopted_on": {**_DATE_OR_NULL, "description": "Beslutsdatum."},
    "decision_body": {**_STR, "description": "Beslutande organ."},
    "diarienummer": {**_STR, "description": "Beslutets diarienummer."},
}
_KOMMUN = {
    "id": {**_INT, "description": "Dokumentets id."},
    "kommun_code": {**_STR, "description": "Kommunkod, fyra siffror (SCB)."},
    "kommun_name": {**_STR, "description": "Kommunens namn."},
    "title": {**_STR, "description": "Titel."},
}

_NULLABLE = {"type": ["string", "null"]}

SCHEMAS: dict[str, Any] = {
    "PlanMeasureFollowup": _object(
        {
            "reported": {
                **_NULLABLE,
                "description": "Lägsta status som ägarna rapporterar för de "
                "kopplade åtagandena (not_started, behind, on_track, done).",
            },
            "evidenced": {
                **_NULLABLE,
                "description": "Lägsta status som underlaget stöder (no_activity, "
                "not_started, behind, activity_only, on_track, done).",
            },
            "schedule": {
                **_NULLABLE,
                "description": "Tidplan: overdue, due, awaiting_evaluation, "
                "running, planned (startar senare) eller undated.",
            },
            "commitments": {**_INT, "description": "Kopplade publika åtaganden."},
            "disagrees": {
                "type": "boolean",
                "description": "Någon ägare rapporterar mer än underlaget stöder.",
            },
        },
        "Åtgärdens uppföljning, sammanvägd från åtagandena som genomför den.",
    ),
    "PlanGoal": _object(
        {
            "id": _INT,
            "version": {**_INT, "description": "Version; en revidering är en ny rad."},
            "replaces": {
                "type": ["integer", "null"],
                "description": "Id för versionen den ersätter.",
            },
            "text": _STR,
            "indicator": _STR,
            "baseline": _STR,
            "target": _STR,
            "due_on": _DATE_OR_NULL,
        },
        "Ett mätbart mål; den ursprungliga texten finns kvar i äldre versioner.",
    ),
    "PlanCause": _object(
        {
            "id": _INT,
            "text": _STR,
            "cause_analysis": {
                "type": ["integer", "null"],
                "description": "Orsaksanalysen orsaken kommer från.",
            },
            "measures": {
                **_INTS,
                "description": "Nummer på åtgärder som verkar på den.",
            },
        }
    ),
    "PlanProblem": _object(
        {
            "number": _INT,
            "title": _STR,
            "description": _STR,
            "sections": {**_INTS, "description": "Avsnitt i lägesbilden (id)."},
            "figures": {**_STRS, "description": "Siffror i lägesbilden (nyckel)."},
            "causes": {"type": "array", "items": _ref("PlanCause")},
        }
    ),
    "PlanMeasure": _object(
        {
            "number": _INT,
            "title": _STR,
            "description": _STR,
            "kind": {"type": "string", "enum": ["situational", "social"]},
            "causes": {**_INTS, "description": "Orsaker den verkar på (id)."},
            "problems": {**_INTS, "description": "Problem den verkar på (nummer)."},
            "responsible": {"type": ["string", "null"]},
            "responsible_role": _STR,
            "starts_on": _DATE_OR_NULL,
            "ends_on": _DATE_OR_NULL,
            "follow_up": _STR,
            "followup": _ref("PlanMeasureFollowup"),
            "goals": {"type": "array", "items": _ref("PlanGoal")},
            "commitments": {
                "type": "array",
                "description": "Publicerade medborgarlöftens åtaganden som "
                "genomför åtgärden.",
                "items": _object(
                    {
                        "id": _INT,
                        "promise": {"type": "string", "format": "uuid"},
                        "text": _STR,
                    }
                ),
            },
            "agreements": {**_STRS, "description": "Samverkansöverenskommelser."},
        }
    ),
    "ActionPlan": _object(
        {
            **_KOMMUN,
            "period_start": _DATE,
            "period_end": _DATE,
            **_DECISION,
            "situation_report": {**_INT, "description": "Lägesbildens id."},
            "parties": _STRS,
            "follow_up": _STR,
            "problems": {"type": "array", "items": _ref("PlanProblem")},
            "measures": {"type": "array", "items": _ref("PlanMeasure")},
        },
        "En antagen åtgärdsplan i Brås struktur.",
    ),
    "SituationReport": _object(
        {
            **_KOMMUN,
            "version": _INT,
            "year": _INT,
            "summary": _STR,
            "crime": _STR,
            "analysis": _STR,
            **_DECISION,
            "revision_months": _INT,
            "next_revision_on": _DATE_OR_NULL,
            "sections": {
                "type": "array",
                "items": _object(
                    {
                        "id": _INT,
                        "kind": {
                            "type": "string",
                            "enum": ["crime", "other", "analysis"],
                        },
                        "heading": _STR,
                        "text": _STR,
                        "sources": _STRS,
                    }
                ),
            },
            "figures": {
                "type": "array",
                "items": _object(
                    {
                        "key": _STR,
                        "group": {
                            "type": "string",
                            "enum": ["crime", "area", "kpi", "survey", "area_survey"],
                        },
                        "label": _STR,
                        "value": {"type": ["number", "null"]},
                        "unit": _STR,
                        "year": _INT,
                        "area": _STR,
                        "source": _STR,
                    }
                ),
            },
        },
        "En antagen version av en kommuns lägesbild.",
    ),
}
for _name in ("ActionPlan", "SituationReport"):
    SCHEMAS[f"{_name}Page"] = _object(
        {
            "data": {"type": "array", "items": _ref(_name)},
            "next": {"type": ["string", "null"], "format": "uri"},
            "limit": _INT,
            "license": _ref("License"),
            "source": _ref("Source"),
        }
    )

_KOMMUN_FILTER = {
    "name": "kommun",
    "in": "query",
    "required": False,
    "description": "Kommunkod, t.ex. 0880.",
    "schema": {"type": "string", "pattern": "^[0-9]{4}$"},
}
_DOCUMENTS = {
    "action-plans": ("ActionPlan", "Åtgärdsplaner", "åtgärdsplan"),
    "situation-reports": ("SituationReport", "Lägesbilder", "lägesbild"),
}


def _paths(paging: list[dict[str, Any]], errors: dict[str, Any]) -> dict[str, Any]:
    """The three paths of each document list; ``paging`` holds the limit, cursor and
    format parameters (and ``bom``, for the CSV only), ``errors`` the shared error
    responses (from the builder)."""
    csv = {"text/csv": {"schema": {"type": "string"}}}
    plain = [p for p in paging if p["name"] != "format"]
    paging = [p for p in paging if p["name"] != "bom"]
    paths: dict[str, Any] = {}
    for name, (schema, title, one) in _DOCUMENTS.items():
        operation = name.replace("-", "_")
        listing: dict[str, Any] = {
            "security": [],
            "responses": {
                "200": {
                    "description": "En sida; Link-huvudet pekar på nästa.",
                    "headers": {"Link": {"$ref": "#/components/headers/Link"}},
                    "content": {
                        "application/json": {"schema": _ref(f"{schema}Page")},
                        **csv,
                    },
                },
                **errors,
            },
        }
        paths[f"/{name}"] = {
            "get": {
                **copy.deepcopy(listing),
                "operationId": f"{operation}_list",
                "summary": title,
                "description": f"Antagna {title.lower()}, en sida i taget.",
                "parameters": [_KOMMUN_FILTER, *paging],
            }
        }
        as_csv: dict[str, Any] = copy.deepcopy(listing)
        as_csv["responses"]["200"]["content"] = copy.deepcopy(csv)
        paths[f"/{name}.csv"] = {
            "get": {
                **as_csv,
                "operationId": f"{operation}_csv",
                "summary": f"{title} som CSV",
                "description": "En rad per dokument; utan limit alla.",
                "parameters": [_KOMMUN_FILTER, *plain],
            }
        }
        not_found = {k: v for k, v in errors.items() if k != "400"}
        paths[f"/{name}/{{id}}"] = {
            "get": {
                "operationId": f"{operation}_detail",
                "summary": f"En antagen {one}",
                "description": "Hela dokumentet; ett okänt id eller ett utkast ger 404.",
                "security": [],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "description": "Dokumentets id (heltal).",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 10**17,
                        },
                    }
                ],
                "responses": {
                    "200": {
                        "description": "Dokumentet.",
                        "content": {"application/json": {"schema": _ref(schema)}},
                    },
                    "404": {
                        "description": "Okänt id, eller inte antaget.",
                        "content": {
                            "application/problem+json": {
                                "schema": _ref("Problem"),
                                "example": {
                                    "type": "about:blank",
                                    "title": "Hittades inte",
                                    "status": 404,
                                    "detail": f"Det finns ingen antagen {one} "
                                    "med id 9999.",
                                    "instance": f"/api/v1/{name}/9999",
                                },
                            }
                        },
                    },
                    **not_found,
                },
            }
        }
    return paths


def merge(
    doc: dict[str, Any], paging: list[dict[str, Any]], errors: dict[str, Any]
) -> None:
    """Add the paths and schemas to the API's OpenAPI document."""
    doc["paths"].update(_paths(paging, errors))
    doc["components"]["schemas"].update(copy.deepcopy(SCHEMAS))
