"""Examples for the OpenAPI description, built from the schemas themselves so they
cannot drift from them (``test_openapi_lint.py`` validates each against its
schema). Names the API uses often get a realistic value; the rest follow their type,
format, enum and bounds."""

from __future__ import annotations

import re
from typing import Any

SERVER = "https://trygghet.kalmar.example"
PROMISE_UID = "5d0c2f1e-8a4b-4c3d-9e2f-7a6b5c4d3e21"

#: Realistic values by property name (a Kalmar promise, its commitment, an activity).
BY_NAME: dict[str, Any] = {
    "code": "0880",
    "name": "Kalmar",
    "lan_code": "08",
    "lan_name": "Kalmar län",
    "kommun": "0880",
    "kommun_codes": ["0880"],
    "kommun_names": ["Kalmar"],
    "municipalities": ["Kalmar"],
    "municipality_codes": ["0880"],
    "id": PROMISE_UID,
    "status": "published",
    "police_area": "Lokalpolisområde Kalmar",
    "title": "Medborgarlöfte Kalmar 2025–2027",
    "text": "Polis och kommun genomför trygghetsvandringar i Centrum varje kvartal.",
    "description": "Tolv deltagare; belysningen vid busstationen rapporterad.",
    "summary": "Fyra av sex åtaganden är i fas.",
    "kind": "Trygghetsvandring",
    "area": "Centrum",
    "areas": ["Centrum"],
    "focus_area": "Trygghet i centrala Kalmar",
    "organisation": "Kalmar kommun",
    "target_text": "Fyra trygghetsvandringar per år",
    "target_unit": "trygghetsvandringar",
    "progress_status": "on_track",
    "progress_status_label": "I fas",
    "progress_done": 2,
    "progress_target": 4,
    "progress_percent": 50,
    "places": ["Centrum"],
    "focus_areas": ["Trygghet i centrala Kalmar"],
    "situation_summary": "Otrygghet kvällstid kring busstationen.",
    "other_parties": ["Kalmarhem"],
    "process": "Sex trygghetsvandringar genomfördes, två fler än planerat.",
    "effect": "Färre anmälningar om skadegörelse i Centrum än året innan.",
    "promise_id": PROMISE_UID,
    "period_start": "2025-01-01",
    "period_end": "2027-12-31",
    "date": "2026-03-01",
    "end_date": "2026-03-01",
    "target_deadline": "2025-12-31",
    "published_at": "2025-02-03T10:00:00+01:00",
    "observed_at": "2026-03-01T21:30:00+01:00",
    "category": None,  # the schema's first enum value
    "latitude": 56.6634,
    "longitude": 16.3568,
    "source_url": "https://kalmar.example/medborgarlofte-2025.pdf",
    "url": f"{SERVER}/api/v1/promises/{PROMISE_UID}",
    "html_url": f"{SERVER}/loften/{PROMISE_UID}/",
    "self": f"{SERVER}/api/v1/promises/{PROMISE_UID}",
    "html": f"{SERVER}/loften/{PROMISE_UID}/",
    "next": f"{SERVER}/api/v1/promises?cursor=MTAw&limit=100",
    "limit": 100,
    "links": ["https://kalmar.example/nyheter/trygghetsvandring-mars"],
    "quantity": 1,
    "participants": 12,
    "number": 1,
    "commitment_id": 12,
    "area_id": 3,
}
#: Values by ``parent.name``, checked before the name alone.
BY_PATH: dict[str, Any] = {
    "license.id": "CC0-1.0",
    "license.name": "Creative Commons Zero v1.0 Universal",
    "license.url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "apiLicense.id": "CC0-1.0",
    "apiLicense.name": "Creative Commons Zero v1.0 Universal",
    "apiLicense.url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "source.name": "Kalmar kommun",
    "source.url": f"{SERVER}/",
    "period.start": "2025-01-01",
    "period.end": "2027-12-31",
    "period.text": "2025–2027",
    "signatories.name": "Anna Andersson",
    "signatories.title": "Kommunstyrelsens ordförande",
    "focus_area_details.title": "Trygghet i centrala Kalmar",
    "follow_up.text": "Uppföljning två gånger per år i kommunstyrelsen.",
    "follow_up.audience": "Kommunstyrelsen och lokalpolisområdet",
    "target.unit": "trygghetsvandringar",
    "parties.name": "Kalmar",
    "links.commitments": f"{SERVER}/api/v1/commitments?promise={PROMISE_UID}",
    "links.activities": f"{SERVER}/api/v1/activities?promise={PROMISE_UID}",
    "links.reports": f"{SERVER}/api/v1/reports?promise={PROMISE_UID}",
    "apiContact.name": "Kalmar kommun",
    "apiContact.url": "https://kalmar.example/",
}
_BY_FORMAT = {
    "date": "2026-03-01",
    "date-time": "2026-03-01T18:00:00+01:00",
    "uuid": PROMISE_UID,
    "uri": f"{SERVER}/api/v1/",
    "email": "oppnadata@kalmar.example",
}
_BY_PATTERN = {
    "^[0-9]{4}$": "0880",
    "^[0-9]{2}$": "08",
    "^\\d{4}$": "0880",
    "^\\d{2}$": "08",
}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        path = schema["$ref"].removeprefix("#/").split("/")
        node: Any = root
        for part in path:
            node = node[part]
        schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _fits(value: Any, schema: dict[str, Any]) -> bool:
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    python: dict[str, type | tuple[type, ...]] = {
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "array": list,
        "object": dict,
        "null": type(None),
    }
    if kinds and not any(isinstance(value, python[k]) for k in kinds):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, str) and "pattern" in schema:
        return re.search(schema["pattern"], value) is not None
    return True


def example(
    schema: dict[str, Any],
    root: dict[str, Any],
    name: str | None = None,
    parent: str | None = None,
) -> Any:
    """A value that satisfies ``schema`` (refs resolved in ``root``); ``name`` is
    the property it is for, ``parent`` the property holding that object."""
    schema = _resolve(schema, root)
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example(part, root, name, parent)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return example(schema[key][0], root, name, parent)
    if "const" in schema:
        return schema["const"]
    for known in (BY_PATH.get(f"{parent}.{name}"), BY_NAME.get(name or "")):
        if known is not None and _fits(known, schema):
            return known
    if "enum" in schema:
        return next((v for v in schema["enum"] if v is not None), None)
    kinds = schema.get("type", "object")
    kind = (
        next((k for k in kinds if k != "null"), "null")
        if isinstance(kinds, list)
        else kinds
    )
    if kind == "object":
        return {
            key: example(sub, root, key, name)
            for key, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        count = max(1, schema.get("minItems", 1))
        item = schema.get("items", {})
        return [example(item, root, name, parent) for _ in range(count)]
    if kind == "integer":
        low = schema.get("minimum", 1)
        return max(low, min(schema.get("maximum", low), 1))
    if kind == "number":
        return float(schema.get("minimum", 0))
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    value = _BY_FORMAT.get(schema.get("format", "")) or _BY_PATTERN.get(
        schema.get("pattern", ""), "Exempel"
    )
    if len(value) < schema.get("minLength", 0):
        value = value.ljust(schema["minLength"], "x")
    return value[: schema.get("maxLength", len(value))]
