"""The residents' cases (``/api/v1/cases``, served by ``cases/api.py``) as a table of
the registry's kind, so that the open data page and the DCAT catalogue describe
them as they describe every other dataset: the columns come from the cases app's
own contract (``cases/openapi.py``), never a second list."""

from __future__ import annotations

from typing import Any

from medborgarloften.cases.openapi import FIELDS as CASE_FIELDS

from .fields import Field, Table

#: The filters ``cases/api.py`` reads (``tema`` is ``theme``'s first name).
FILTERS = ("kommun", "theme")


def _field(name: str, schema: dict[str, Any], description: str) -> Field:
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    kind = next(k for k in kinds if k != "null")
    return Field(
        name,
        kind,
        description,
        nullable="null" in kinds,
        format=schema.get("format"),
        enum=tuple(schema["enum"]) if "enum" in schema else None,
    )


CASES = Table(
    name="cases",
    title="Synpunkter och svar",
    description="Invånarnas synpunkter och anmälningar som kommunen har granskat "
    "och publicerat, med svaret och vad som blev gjort; anonymiserade (ingen "
    "e-post, platsen avrundad till ungefär tio meter).",
    title_en="Residents' cases and answers",
    description_en="Residents' comments and reports that the municipality has "
    "reviewed and published, with the answer and what was done; anonymised (no "
    "e-mail, the place rounded to about ten metres).",
    fields=tuple(
        _field(name, schema, text) for name, (schema, text) in CASE_FIELDS.items()
    ),
)
