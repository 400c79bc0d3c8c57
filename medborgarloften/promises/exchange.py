"""Medborgarlöfte JSON: the one exchange format (docs/format.md).

A record is a superset of the extraction record in the corpus SCHEMA: the same keys with
the same meaning, plus ids, status, details of focus areas and parties. ``promise_to_record``
is the single serializer: export, the API and the history snapshots all use it, so they
cannot drift apart. Output is deterministic: the same promise always gives the same JSON.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from medborgarloften.places.lookup import fold as normalise_name  # noqa: F401
from medborgarloften.places.lookup import (  # noqa: F401
    kommun_find,
    police_area_key,
)
from medborgarloften.places.lookup import kommun_keys as kommun_name_keys  # noqa: F401
from medborgarloften.places.models import Area, Organisation, OrganisationKind
from medborgarloften.vocabulary import EVIDENCE_SOURCES, THEMES, ordered_responsible

# The name rules moved to places.lookup (issue #15 item 2). These four names are
# the same functions under their old names, kept only so that branches written
# against them (the writer's) merge without breaking; new code imports
# places.lookup. Delete once nothing imports them from here.

FORMAT_NAME = "medborgarlofte-json"
FORMAT_VERSION = 1


@cache
def record_schema() -> dict[str, Any]:
    """The JSON Schema of the format (draft 2020-12), shipped inside the package."""
    text = (
        resources.files("medborgarloften.promises.schema")
        .joinpath("medborgarlofte.schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def dumps(data: Any) -> str:
    """The one way records are written: UTF-8 text, indent 2, å/ä/ö kept, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def envelope(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap records in the optional envelope that names the format and its version."""
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "promises": records}


def unstorable(data: Any, *, max_depth: int, nul_in_values: bool = False) -> str | None:
    """Why parsed JSON cannot be stored, or None; one "Swedish / English" line.

    Refused: nesting deeper than ``max_depth``; a lone surrogate (JSON's "\\ud800"
    parses to one, but it is not Unicode and neither SQLite nor PostgreSQL can take
    it); NUL (PostgreSQL text cannot hold it) — in string values only when
    ``nul_in_values`` is false: the write API cleans its values of control
    characters as the forms do (``lib.text.clean_text``), so NUL is dropped there.
    The line names where, as a path (``$.commitments[2].text``). Iterative: a deep
    document costs no recursion.
    """
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, dict | list) and depth >= max_depth:
            return (
                f"{where}: för djupt nästlat (högst {max_depth} nivåer) / nested "
                f"too deeply (at most {max_depth} levels)"
            )
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                problem = _unstorable_text(key, f"{where} (nyckel / key)")
                if problem:
                    return problem
                stack.append((item, f"{where}.{key}", depth + 1))
        elif isinstance(value, list):
            stack.extend(
                (item, f"{where}[{i}]", depth + 1)
                for i, item in reversed(list(enumerate(value)))
            )
        elif isinstance(value, str):
            problem = _unstorable_text(value, where, nul=not nul_in_values)
            if problem:
                return problem
    return None


def _unstorable_text(text: str, where: str, *, nul: bool = True) -> str | None:
    if nul and "\x00" in text:
        return (
            f"{where[:200]}: tecknet NUL (\\u0000) kan inte sparas / the NUL "
            f"character (\\u0000) cannot be stored"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return (
            f"{where[:200]}: ett ensamt surrogattecken (t.ex. \\ud800) är inte "
            f"giltig Unicode / a lone surrogate (e.g. \\ud800) is not valid Unicode"
        )
    return None


def records_from_json(data: Any) -> list[Any]:
    """The records in a parsed file: an object, an array of them, or an envelope.

    Raises ValueError with a message naming what is wrong (an unknown format or version).
    """
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "promises" in data and "id" not in data:
        if data.get("format") != FORMAT_NAME:
            raise ValueError(
                f"format: väntade {FORMAT_NAME!r}, fick {data.get('format')!r} / "
                "unknown format"
            )
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(
                f"version: kan läsa version {FORMAT_VERSION}, filen har "
                f"{data.get('version')!r} / unsupported version"
            )
        promises = data["promises"]
        if not isinstance(promises, list):
            raise ValueError("promises: ska vara en lista / must be an array")
        return promises
    if isinstance(data, dict):
        return [data]
    raise ValueError(
        "filen ska innehålla ett objekt, en lista eller ett kuvert / "
        "expected an object, an array or an envelope"
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _in_vocabulary_order(
    codes: set[str] | list[str], vocabulary: dict[str, str]
) -> list[str]:
    wanted = set(codes)
    return [code for code in vocabulary if code in wanted]


def police_area_name(organisation: Organisation) -> str:
    """The normalised 'Lokalpolisområde <Name>' form the extraction record uses."""
    name = organisation.name.strip()
    prefix = "lokalpolisområde"
    if name.casefold().startswith(prefix):
        rest = name[len(prefix) :].strip()
        return f"Lokalpolisområde {rest}" if rest else "Lokalpolisområde"
    if name.casefold().endswith(prefix):
        return f"Lokalpolisområde {name[: -len(prefix)].strip()}"
    return f"Lokalpolisområde {name}"


def _party(org: Organisation) -> dict[str, Any]:
    return {"name": org.name, "kind": org.kind, "code": org.code or None}


def _area_names(areas: list[Area]) -> list[str]:
    """Area names sorted and deduplicated: a canonical order makes loading reversible."""
    return sorted({a.name for a in areas})


def commitment_target(commitment: Any) -> dict[str, Any] | None:
    """The target object of the record, or None when the commitment is not measurable."""
    if not commitment.measurable:
        return None
    return {
        "quantity": commitment.target_quantity,
        "unit": commitment.target_unit or None,
        "per": commitment.target_per or None,
        "deadline": _iso(commitment.target_deadline),
    }


def promise_to_record(promise: Any) -> dict[str, Any]:
    """Serialize one promise, with everything it owns, to a medborgarlöfte JSON record."""
    parties = sorted(promise.parties.all(), key=lambda o: (o.kind, o.name))
    kommuner = [p for p in parties if p.kind == OrganisationKind.KOMMUN]
    lpos = [p for p in parties if p.kind == OrganisationKind.LOKALPOLISOMRADE]

    focus_areas = list(
        promise.focus_areas.prefetch_related("areas").order_by("position", "id")
    )
    commitments = list(
        promise.commitments.select_related("focus_area")
        .prefetch_related("areas", "other_parties")
        .order_by("position", "id")
    )
    signatories = list(
        promise.signatories.select_related("organisation").order_by("position", "id")
    )

    themes: set[str] = set(promise.themes)
    places: list[str] = _area_names(list(promise.areas.all()))
    for fa in focus_areas:
        themes.update(fa.themes)
        places += _area_names(list(fa.areas.all()))
    commitment_records = []
    for c in commitments:
        themes.update(c.themes)
        c_places = _area_names(list(c.areas.all()))
        places += c_places
        commitment_records.append(
            {
                "text": c.text,
                "responsible": ordered_responsible(c.responsible),
                "measurable": c.measurable,
                "target": commitment_target(c),
                "places": c_places,
                "themes": _in_vocabulary_order(c.themes, THEMES),
                "focus_area": c.focus_area.title if c.focus_area else None,
                "other_parties": sorted({o.name for o in c.other_parties.all()}),
            }
        )

    return {
        "id": str(promise.uid),
        "title": promise.title,
        "status": promise.status,
        "source_url": promise.source_url or None,
        "municipalities": [k.name for k in kommuner],
        "municipality_codes": [k.code for k in kommuner],
        "police_area": police_area_name(lpos[0]) if lpos else None,
        "parties": [_party(p) for p in parties],
        "period": {
            "start": _iso(promise.period_start),
            "end": _iso(promise.period_end),
            "text": promise.period_text or None,
        },
        "situation_summary": promise.situation_summary or None,
        "focus_areas": [fa.title for fa in focus_areas],
        "focus_area_details": [
            {
                "title": fa.title,
                "description": fa.description or None,
                "themes": _in_vocabulary_order(fa.themes, THEMES),
                "places": _area_names(list(fa.areas.all())),
            }
            for fa in focus_areas
        ],
        "themes": _in_vocabulary_order(themes, THEMES),
        "places": sorted(set(places)),
        "evidence_sources": _in_vocabulary_order(
            promise.evidence_sources, EVIDENCE_SOURCES
        ),
        "commitments": commitment_records,
        "follow_up": {
            "text": promise.follow_up_text or None,
            "reports_per_period": promise.reports_per_period,
            "audience": promise.report_audience or None,
        },
        "signatories": [
            {
                "name": s.name,
                "title": s.title or None,
                "organisation": (
                    s.organisation_name
                    or (s.organisation.name if s.organisation else None)
                ),
                "date": _iso(s.signed_on),
            }
            for s in signatories
        ],
        "adopted_on": _iso(promise.adopted_on),
        "published_at": _iso(promise.published_at),
        "closed_on": _iso(promise.closed_on),
        "historical": promise.historical,
    }
