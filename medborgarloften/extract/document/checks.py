"""Document-level checks a reviewer wants before a promise is published.

Every promise needs a follow-up clause, a period, both parties and signatures
with a date; a date written as a placeholder ("2023-xx-xx") is flagged. A
samverkansöverenskommelse must also contain the six elements Brå asks for: the
problems in focus, their probable causes, delimited measurable goals, how the work
is documented, how it is followed up, and the period it covers.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from medborgarloften.lib.months import MONTH_PATTERN_SV

from ..prefilter import prefiltered
from .period import MONTHS, is_agreement_document

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
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+(\w+?)\.?\s+(\d{4})")


def _signature_window(
    text: str, signature_spans: list[tuple[int, int]]
) -> tuple[int, str]:
    """Where a signing date is looked for: 400 characters either side of the
    signature block (its offset in ``text``, and the text)."""
    first = min(s for s, _ in signature_spans) if signature_spans else 0
    last = max(e for _, e in signature_spans) if signature_spans else len(text)
    offset = max(0, first - 400)
    return offset, text[offset : last + 400]


def _iso(written: str) -> str | None:
    """'2023-02-15' or '15 februari 2023' as an ISO date; None if not a real day."""
    m = _DAY_MONTH_YEAR.fullmatch(written)
    try:
        if m is None:
            return date.fromisoformat(written).isoformat()
        month = MONTHS.get(m.group(2).casefold())
        if month is None:
            return None
        return date(int(m.group(3)), month, int(m.group(1))).isoformat()
    except ValueError:
        return None


# What stands before a date that is no signing: a deadline ("före den", "senast",
# "till och med") or a web page's publication ("Publicerad", "Sidan uppdaterades").
_NOT_SIGNED_BEFORE = re.compile(
    r"\b(?:före|senast|innan|till\s+och\s+med|t\.\s?o\.\s?m\.?|publicerad"
    r"|uppdaterad|uppdaterades|ändrad)(?:\s+den)?:?\s+$",
    _I,
)


def signature_date(
    text: str, signature_spans: list[tuple[int, int]]
) -> tuple[str, tuple[int, int]] | None:
    """The date the signatures carry ("Kalmar den 15 februari 2023") as an ISO date
    with its span, or None (none, or only a placeholder such as "2023-xx-xx")."""
    offset, window = _signature_window(text, signature_spans)
    if PLACEHOLDER_DATE.search(window):
        return None
    first = min(s for s, _ in signature_spans) if signature_spans else 0
    last = max(e for _, e in signature_spans) if signature_spans else len(text)
    found: list[tuple[int, str, tuple[int, int]]] = []
    for m in SIGNATURE_DATE.finditer(window):
        if _NOT_SIGNED_BEFORE.search(window, max(0, m.start() - 20), m.start()):
            continue  # "… lampor före den 1 oktober 2031": a deadline, not signed
        iso = _iso(" ".join(m.group(0).split()))
        if iso is not None:
            start, end = offset + m.start(), offset + m.end()
            # The one nearest the block: a deadline in the text above is not it.
            distance = max(first - end, start - last, 0)
            found.append((distance, iso, (start, end)))
    if not found:
        return None
    _distance, iso, span = min(found, key=lambda f: f[0])
    return iso, span


IS_AGREEMENT = prefiltered(re.compile(r"\bdenna\s+samverkansöverenskommelse\b", _I))
BRA_ELEMENTS = (
    ("problems", re.compile(r"problembild|problem\w*\s+i\s+fokus|lägesbild|prioriterade\s+problem", _I)),
    ("causes", re.compile(r"\borsak", _I)),
    ("goals", re.compile(r"\bmål(?:en|et|sättning)?\b|mätbar", _I)),
    ("documentation", re.compile(r"dokumenter", _I)),
    ("follow_up", re.compile(r"uppfölj|följs\s+upp|följas\s+upp|utvärder", _I)),
    ("period", re.compile(r"(?:19|20)\d{2}", _I)),
)  # fmt: skip


# The police named as an organisation that is a party, not any word beginning
# "polis" ("polisanmälningar", "polishuset"): the authority by name, a police
# area or region, or "polisen" beside the kommun or promising something itself.
_POLICE_PARTY = (
    re.compile(r"\b(?:Polisen|Polismyndigheten)\b"),
    re.compile(
        r"\b(?:lokal)?polisområde(?:t|n)?\b|\bpolisregion(?:en)?\b"
        r"|\bpolismyndigheten\b",
        _I,
    ),
    re.compile(
        r"\bkommun(?:en)?\s+och\s+polisen\b|\bpolisen\s+och\s+(?:\w+\s+)?kommun"
        r"|\bpolisen\s+(?:lovar|åtar\s+sig|ska|kommer\s+att)\b",
        _I,
    ),
)
_POLICE_SIGNATORY = re.compile(r"polis", _I)


def police_party_named(
    text: str, police_area: str | None, signatories: list[dict[str, Any]]
) -> bool:
    """Whether the police are named as a party: a lokalpolisområde found, a
    signatory signing for the police, or the text naming the police organisation
    (see ``_POLICE_PARTY``)."""
    if police_area:
        return True
    for signatory in signatories:
        said = f"{signatory.get('organisation') or ''} {signatory.get('title') or ''}"
        if _POLICE_SIGNATORY.search(said):
            return True
    return any(rx.search(text) for rx in _POLICE_PARTY)


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
    has_police = police_party_named(text, police_area, signatories)
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
        offset, window = _signature_window(text, signature_spans)
        placeholder = PLACEHOLDER_DATE.search(window)
        dated = signature_date(text, signature_spans) is not None
        if placeholder:
            checks.append(
                _check(
                    "signature_date",
                    False,
                    f"Underskriftsdatumet är en platshållare: {placeholder.group(0)!r}.",
                    span=[offset + placeholder.start(), offset + placeholder.end()],
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
