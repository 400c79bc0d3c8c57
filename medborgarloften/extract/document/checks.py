"""Document-level checks a reviewer wants before a promise is published.

Every promise needs a follow-up clause, a period, both parties and signatures
with a date; a date written as a placeholder ("2023-xx-xx") is flagged. A
samverkansöverenskommelse must also contain the six elements Brå asks for: the
problems in focus, their probable causes, delimited measurable goals, how the work
is documented, how it is followed up, and the period it covers.
"""

from __future__ import annotations

import re
from typing import Any

from medborgarloften.lib.months import MONTH_PATTERN_SV

from .period import is_agreement_document

_I = re.IGNORECASE
PLACEHOLDER_DATE = re.compile(
    r"\b(?:19|20)\d{2}-(?:[xX?_]{1,2}|\d{2})-(?:[xX?_]{1,2})\b|\b(?:19|20)\d{2}-[xX?_]{1,2}-\d{2}\b|"
    r"\bdatum\s*:?\s*(?:_{3,}|\.{3,}|x{2,})",
    _I,
)
SIGNATURE_DATE = re.compile(
    r"(?:19|20)\d{2}-[01]\d-[0-3]\d|\b\d{1,2}\s+(?:"
    + MONTH_PATTERN_SV
    + r")\s+(?:19|20)\d{2}",
    _I,
)
IS_AGREEMENT = re.compile(r"\bdenna\s+samverkansöverenskommelse\b", _I)
BRA_ELEMENTS = (
    ("problems", re.compile(r"problembild|problem\w*\s+i\s+fokus|lägesbild|prioriterade\s+problem", _I)),
    ("causes", re.compile(r"\borsak", _I)),
    ("goals", re.compile(r"\bmål(?:en|et|sättning)?\b|mätbar", _I)),
    ("documentation", re.compile(r"dokumenter", _I)),
    ("follow_up", re.compile(r"uppfölj|följs\s+upp|följas\s+upp|utvärder", _I)),
    ("period", re.compile(r"(?:19|20)\d{2}", _I)),
)  # fmt: skip


def _check(code: str, ok: bool, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "ok": ok, "message": message, **extra}


def check_document(
    text: str,
    *,
    municipalities: list[str],
    police_area: str | None,
    period: dict[str, Any],
    follow_up: dict[str, Any],
    signatories: list[dict[str, Any]],
    signature_spans: list[tuple[int, int]],
) -> list[dict[str, Any]]:
    """Checks as ``{"code", "ok", "message"}`` dicts; messages in Swedish."""
    checks = [
        _check(
            "follow_up",
            bool(follow_up.get("text")),
            "Uppföljning beskrivs."
            if follow_up.get("text")
            else "Ingen uppföljning hittades.",
        ),
        _check(
            "period",
            bool(period.get("start") or period.get("end")),
            "Löftesperioden är angiven."
            if period.get("start") or period.get("end")
            else "Ingen giltighetsperiod med datum hittades.",
        ),
    ]
    has_police = bool(police_area) or bool(re.search(r"\bpolis", text, _I))
    parties_ok = bool(municipalities) and has_police
    checks.append(
        _check(
            "parties",
            parties_ok,
            "Kommun och polis är namngivna."
            if parties_ok
            else "Kommun eller lokalpolisområde saknas.",
        )
    )
    if signatories:
        first = min(s for s, _ in signature_spans) if signature_spans else 0
        last = max(e for _, e in signature_spans) if signature_spans else len(text)
        window = text[max(0, first - 400) : last + 400]
        placeholder = PLACEHOLDER_DATE.search(window)
        dated = bool(SIGNATURE_DATE.search(window))
        if placeholder:
            checks.append(
                _check(
                    "signature_date",
                    False,
                    f"Underskriftsdatumet är en platshållare: {placeholder.group(0)!r}.",
                    span=[
                        max(0, first - 400) + placeholder.start(),
                        max(0, first - 400) + placeholder.end(),
                    ],
                )
            )
        else:
            checks.append(
                _check(
                    "signature_date",
                    dated,
                    "Underskrifterna är daterade."
                    if dated
                    else "Underskrifterna saknar datum.",
                )
            )
    else:
        checks.append(_check("signatures", False, "Inga underskrifter hittades."))
    if is_agreement_document(text) or IS_AGREEMENT.search(text):
        missing = [name for name, rx in BRA_ELEMENTS if not rx.search(text)]
        checks.append(
            _check(
                "agreement_elements",
                not missing,
                "Samverkansöverenskommelsen har Brås sex delar."
                if not missing
                else "Samverkansöverenskommelsen saknar: " + ", ".join(missing) + ".",
                missing=missing,
            )
        )
    return checks
