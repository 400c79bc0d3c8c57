"""The medborgarlöfte record (docs/format.md) as components, and the promise
detail that wraps it with links."""

from __future__ import annotations

import copy
from typing import Any

from medborgarloften.promises.exchange import record_schema


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


PATHS: dict[str, Any] = {}
SCHEMAS: dict[str, Any] = {
    **_record_schemas(),
    "PromiseDetail": {
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
    },
}
