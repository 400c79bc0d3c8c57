"""The read-only datasets: list, CSV and detail operations, row and page schemas."""

from __future__ import annotations

from typing import Any

from .. import params
from ..selectors import DATASETS, Dataset
from .common import (
    ANONYMOUS,
    BOM,
    COMMON,
    ERRORS_READ,
    FORMAT,
    UUID,
    header,
    paging,
    problem_response,
)
from .filters import FILTER_SCHEMAS

DETAIL_ID: dict[str, dict[str, Any]] = {
    "kommuner": {"type": "string", "pattern": "^[0-9]{4}$"},
    "promises": UUID,
    "commitments": {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
    "activities": {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
    "reports": UUID,
}


def _operations(name: str, dataset: Dataset) -> dict[str, Any]:
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
    paths: dict[str, Any] = {}
    paths[f"/{name}"] = {
        "get": {
            "operationId": f"{name}_list",
            "summary": table.title,
            "description": f"{table.description} En sida i taget, i "
            "nyckelordning; följ `next` (eller Link-huvudet) till nästa sida. "
            "Filter kombineras med OCH; en okänd parameter ger 400.",
            "security": ANONYMOUS,
            "parameters": [*filters, *paging(dataset.key_type), FORMAT],
            "responses": {
                "200": {
                    "description": "En sida rader; Link-huvudet pekar på nästa.",
                    "headers": {"Link": header("Link")},
                    "content": {
                        "application/json": {
                            "schema": {
                                "$ref": f"#/components/schemas/{table.schema_name}Page"
                            }
                        },
                        **csv_content,
                    },
                },
                **ERRORS_READ,
                **COMMON,
            },
        }
    }
    paths[f"/{name}.csv"] = {
        "get": {
            "operationId": f"{name}_csv",
            "summary": f"{table.title} som CSV",
            "description": "Samma kolumner och filter som JSON; utan limit hela "
            "tabellen.",
            "security": ANONYMOUS,
            "parameters": [*filters, *paging(dataset.key_type), BOM],
            "responses": {
                "200": {
                    "description": "CSV, UTF-8; med limit en sida, och då "
                    "pekar Link-huvudet på nästa.",
                    "headers": {"Link": header("Link")},
                    "content": csv_content,
                },
                **ERRORS_READ,
                **COMMON,
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
            "security": ANONYMOUS,
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
                    "schema": DETAIL_ID[name],
                }
            ],
            "responses": {
                "200": {
                    "description": "Raden.",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/{detail_schema}"}
                        }
                    },
                },
                "404": problem_response(
                    "Okänt id, eller inte publicerat.",
                    404,
                    "Det finns ingen kommun med kommunkoden 9999.",
                ),
                **COMMON,
            },
        }
    }
    return paths


def _schemas(dataset: Dataset) -> dict[str, Any]:
    table = dataset.table
    return {
        table.schema_name: {
            "type": "object",
            "description": table.description,
            "required": table.names,
            "properties": {f.name: f.schema() for f in table.fields},
        },
        f"{table.schema_name}Page": {
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
        },
    }


PATHS: dict[str, Any] = {
    path: operations
    for name, dataset in DATASETS.items()
    for path, operations in _operations(name, dataset).items()
}
SCHEMAS: dict[str, Any] = {
    name: schema
    for dataset in DATASETS.values()
    for name, schema in _schemas(dataset).items()
}
