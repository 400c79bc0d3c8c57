"""Parameter schemas for the datasets' filters: they say what ``params`` accepts,
nothing looser."""

from __future__ import annotations

from typing import Any

from medborgarloften.followup.models import ReportKind
from medborgarloften.promises.models import PUBLIC_STATUSES
from medborgarloften.vocabulary import RESPONSIBLE, THEMES

from .. import params
from .common import DATE, UUID

FILTER_SCHEMAS: dict[str, tuple[dict[str, Any], str]] = {
    "lan": ({"type": "string", "pattern": "^[0-9]{2}$"}, "Länskod, t.ex. 08."),
    "kommun": (
        {"type": "string", "pattern": "^[0-9]{4}$"},
        "Kommunkod, t.ex. 0880.",
    ),
    "status": (
        {"type": "string", "enum": [str(s) for s in PUBLIC_STATUSES]},
        "Löftets status.",
    ),
    "theme": ({"type": "string", "enum": list(THEMES)}, "Tema (kod)."),
    "period_from": (DATE, "Perioden slutar tidigast detta datum."),
    "period_to": (
        DATE,
        "Perioden börjar senast detta datum; inte före period_from (då 400).",
    ),
    "promise": (UUID, "Medborgarlöftets id."),
    "measurable": ({"type": "boolean"}, "Bara mätbara (true) eller omätbara."),
    "responsible": (
        {"type": "string", "enum": list(RESPONSIBLE)},
        "Ansvarig part.",
    ),
    "commitment": (
        {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
        "Åtagandets id.",
    ),
    "area": (
        {"type": "integer", "minimum": 1, "maximum": params.MAX_ID},
        "Områdets id.",
    ),
    "date_from": (DATE, "Aktiviteten pågår detta datum eller senare."),
    "date_to": (
        DATE,
        "Aktiviteten började senast detta datum; inte före date_from (då 400).",
    ),
    "kind": ({"type": "string", "enum": list(ReportKind.values)}, "Rapporttyp."),
}
