"""Initial values of the review form, mapped from the extraction record as the
command-line import maps them (``documents.draft``)."""

from __future__ import annotations

from typing import Any

from medborgarloften.places.lookup import same_kommun
from medborgarloften.vocabulary import EVIDENCE_SOURCES, RESPONSIBLE, THEMES

from ..draft import commitment_text, draft_record
from ..models import ExtractionRun
from .fields import parse_date


def _commitment_initial(i: int, c: dict[str, Any]) -> dict[str, Any]:
    target = c.get("target") if isinstance(c.get("target"), dict) else {}
    return {
        "origin": i,
        "text": commitment_text(c.get("text")),
        "responsible": [r for r in c.get("responsible") or [] if r in RESPONSIBLE],
        "target_quantity": target.get("quantity") if target else None,
        "target_unit": (target.get("unit") or "") if target else "",
        "target_per": (target.get("per") or "") if target else "",
        "target_deadline": parse_date(target.get("deadline")) if target else None,
        "places": ", ".join(str(p) for p in c.get("places") or []),
        "other_parties": ", ".join(
            str(p) for p in c.get("other_parties") or [] if isinstance(p, str)
        ),
        "focus_area": str(c.get("focus_area") or ""),
    }


def document_kommun_names(run: ExtractionRun) -> list[str]:
    """The kommuner the run's document names (the kommun chosen at the upload only
    when it names none), each once."""
    record = run.record if isinstance(run.record, dict) else {}
    kommun = run.document.kommun
    names: list[str] = []
    for name in record.get("municipalities") or []:
        if isinstance(name, str) and not any(same_kommun(name, n) for n in names):
            names.append(name)
    if not names and kommun is not None:
        names = [kommun.name]
    return names


def may_act_for_named(user: Any, names: list[str]) -> bool:
    """Whether ``user`` may import for one of the kommuner ``names`` names (a
    national admin for all; an editor for their own and those their
    lokalpolisområde serves): then the promise is imported for that kommun."""
    if user is None or not names:
        return False
    from medborgarloften.places.lookup import KommunIndex

    from ..selectors import kommuner_for_import

    index = KommunIndex(
        kommuner_for_import(user=user).only("pk", "name", "code", "official_name")
    )
    return any(index.find(name) is not None for name in names)


def review_initial(run: ExtractionRun, *, user: Any = None) -> dict[str, Any]:
    """The record's fields as the review form shows them first.

    The kommuner are those the document names (the kommun chosen at the upload only
    when it names none), and the title, lägesbild and focus areas are mapped as the
    command-line import maps them (``documents.draft``). Another kommun's promise
    is offered as a reference only to a ``user`` who may not import for the kommun
    it names; whoever may (a national admin, that kommun's editor) makes it a
    draft of that kommun, as the command line does.
    """
    record = run.record if isinstance(run.record, dict) else {}
    kommun = run.document.kommun
    names = document_kommun_names(run)
    draft = draft_record(
        {**record, "municipalities": names}, run.document.meta, kommuner=names
    )
    period = record.get("period") or {}
    follow_up = record.get("follow_up") or {}
    mine = kommun is not None and any(same_kommun(n, kommun.name) for n in names)
    foreign = kommun is not None and not mine
    return {
        "title": draft["title"],
        "municipalities": ", ".join(names),
        "as_reference": foreign and not may_act_for_named(user, names),
        "foreign": foreign,
        "situation_summary": draft["situation_summary"] or "",
        "police_area": record.get("police_area") or "",
        "period_start": parse_date(period.get("start")),
        "period_end": parse_date(period.get("end")),
        "period_text": period.get("text") or "",
        "focus_areas": "\n".join(draft["focus_areas"]),
        "themes": [t for t in record.get("themes") or [] if t in THEMES],
        "evidence_sources": [
            e for e in record.get("evidence_sources") or [] if e in EVIDENCE_SOURCES
        ],
        "places": ", ".join(str(p) for p in record.get("places") or []),
        "follow_up_text": follow_up.get("text") or "",
        "reports_per_period": follow_up.get("reports_per_period"),
        "new_areas": [],
    }
