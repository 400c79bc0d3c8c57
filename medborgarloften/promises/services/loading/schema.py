"""Step 1: the record's shape against the JSON Schema (docs/format.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

from ...exchange import (
    record_schema,
)
from .results import RecordError

# --- step 1: the JSON Schema ------------------------------------------------------


def _record_validator() -> Draft202012Validator:
    schema = record_schema()
    record = {"$ref": "#/$defs/record", "$defs": schema["$defs"]}
    return Draft202012Validator(record, format_checker=FormatChecker())


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _schema_message(error: SchemaError) -> str:
    kind = error.validator
    value = error.instance
    if kind == "enum":
        allowed = ", ".join(
            "null" if v is None else str(v) for v in error.validator_value
        )
        return f"okänt värde {value!r} / unknown value; tillåtna / allowed: {allowed}"
    if kind == "type":
        expected = error.validator_value
        expected = " eller ".join(expected) if isinstance(expected, list) else expected
        return f"fel typ: väntade {expected}, fick {value!r} / wrong type"
    if kind == "required":
        return f"saknas / is missing: {error.message}"
    if kind == "minimum" and error.validator_value == 1:
        return (
            f"ska vara ett positivt heltal, fick {value!r} / must be a positive integer"
        )
    if kind == "pattern" and error.validator_value == r"^\d{4}$":
        return (
            f"en kommunkod har fyra siffror, fick {value!r} / a kommunkod has 4 digits"
        )
    if kind in {"pattern", "format"} and "date" in str(error.schema.get("format", "")):
        return f"ogiltigt datum {value!r}, skriv ÅÅÅÅ-MM-DD / invalid date"
    if kind == "minLength":
        return "får inte vara tom / must not be empty"
    if kind == "maxLength":
        return (
            f"för lång text, högst {error.validator_value} tecken / "
            f"longer than {error.validator_value} characters"
        )
    return error.message


def record_validate(record: Any) -> None:
    """Check one record against the JSON Schema; raise RecordError at the first problem."""
    errors = sorted(
        _record_validator().iter_errors(record),
        key=lambda e: (list(map(str, e.absolute_path)), e.validator),
    )
    if errors:
        error = errors[0]
        path = list(error.absolute_path)
        if error.validator == "required" and isinstance(error.validator_value, list):
            missing = [k for k in error.validator_value if k not in error.instance]
            path += missing[:1]
        raise RecordError(_path(path), _schema_message(error))


def _resolve_ref(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = record_schema()["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _unknown_keys(value: Any, schema: dict[str, Any], path: str = "") -> list[str]:
    """Keys the format does not define, as paths with list indexes dropped."""
    schema = _resolve_ref(schema)
    found: list[str] = []
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            if key not in schema["properties"]:
                found.append(sub)
            else:
                found += _unknown_keys(item, schema["properties"][key], sub)
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            found += _unknown_keys(item, schema["items"], f"{path}[]")
    return list(dict.fromkeys(found))
