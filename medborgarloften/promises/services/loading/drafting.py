"""A checked, resolved record as a ``PromiseDraft``, rows matched to the stored ones
by title or text so follow-up stays attached; writer errors mapped back to record
paths."""

from __future__ import annotations

import uuid
from typing import Any

from medborgarloften.places.lookup import (
    fold,
    same_kommun,
)
from medborgarloften.places.models import (
    Organisation,
    OrganisationKind,
)
from medborgarloften.places.permissions import can_edit_areas

from ...draft import (
    CommitmentDraft,
    FocusAreaDraft,
    Lifecycle,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
    TargetDraft,
    parse_row_path,
)
from ...models import Promise, PromiseStatus
from .record_checks import _text
from .resolve import _Areas, _resolve_kommuner, _Resolver
from .results import RecordError

_FIELD_PATHS = {
    "period_start": "period.start",
    "period_end": "period.end",
    "period_text": "period.text",
    "follow_up_text": "follow_up.text",
    "reports_per_period": "follow_up.reports_per_period",
    "report_audience": "follow_up.audience",
    "__all__": "",
}


def _title(
    record: dict[str, Any], kommuner: list[Organisation], checked: dict[str, Any]
) -> str:
    """The record's title, or 'Medborgarlöfte Kalmar 2024–2025' from kommuner and period."""
    title = _text(record.get("title"))
    if title:
        return title
    names = " och ".join(k.name for k in kommuner)
    years = sorted({d.year for d in (checked["start"], checked["end"]) if d})
    period = "–".join(str(y) for y in years)
    return f"Medborgarlöfte {names} {period}".strip()[:300]


def _take(existing: list[Any], key: str, value: str) -> Any | None:
    """Reuse the first stored object with the same title/text, so links survive."""
    for i, obj in enumerate(existing):
        if getattr(obj, key) == value:
            return existing.pop(i)
    return None


def _record_path(path: str, checked: dict[str, Any]) -> str:
    """Where a writer's error (a draft path) sits in the record."""
    parts = path.split(".")
    row = parse_row_path(path)
    if row is not None:
        rows, index, name = row
        if rows == "focus_areas":
            if checked["focus_path"] == "focus_areas":
                return f"focus_areas[{index}]"
            return f"focus_area_details[{index}].{_ROW_FIELD_PATHS.get(name, name)}"
        return f"{rows}[{index}].{_ROW_FIELD_PATHS.get(name, name)}"
    if parts[0] == "parties":
        return "municipalities"
    return _FIELD_PATHS.get(parts[0], parts[0])


def _unlabelled(message: str) -> str:
    """The writer's message without the form label it starts with ("Titel: …"):
    a record path names the field instead."""
    label, sep, rest = message.partition(": ")
    if sep and rest and label[:1].isupper() and len(label) <= 30:
        return rest
    return message


#: Row field → where it sits in a record's row.
_ROW_FIELD_PATHS = {
    "target_quantity": "target.quantity",
    "target_unit": "target.unit",
    "target_per": "target.per",
    "target_deadline": "target.deadline",
    "areas": "places",
    "signed_on": "date",
}


def _draft(
    *,
    record: dict[str, Any],
    checked: dict[str, Any],
    resolver: _Resolver,
    promise: Promise | None,
    status: str | None,
    uid: uuid.UUID | None,
    reference_for: Organisation | None,
    area_actor: Any = None,
) -> PromiseDraft:
    """The record as a draft for the writer: names resolved to stored organisations
    and areas (or to new areas by name), rows matched to the stored ones by title or
    text, so follow-up registered against them stays attached."""
    kommuner = _resolve_kommuner(record, resolver)
    parties: list[Organisation] = list(kommuner)
    lpos: list[Organisation] = []
    for i, item in enumerate(record.get("parties") or []):
        path = f"parties[{i}]"
        if item["kind"] == OrganisationKind.KOMMUN:
            code = _text(item.get("code"))
            if not any(
                k.code == code or same_kommun(k.name, item["name"]) for k in kommuner
            ):
                raise RecordError(
                    path,
                    f"kommunen {item['name']!r} saknas i municipality_codes / "
                    "kommun not listed in municipality_codes",
                )
            continue
        if item["kind"] == OrganisationKind.LOKALPOLISOMRADE:
            org = resolver.police_area(item["name"], f"{path}.name", kommuner)
            lpos.append(org)
        else:
            org = resolver.party(item, path)
        if org not in parties:
            parties.append(org)
    police_area = _text(record.get("police_area"))
    if police_area:
        lpo = resolver.police_area(police_area, "police_area", kommuner)
        if lpos and lpo not in lpos:
            raise RecordError(
                "police_area",
                f"{police_area!r} finns inte bland parties / not among the parties",
            )
        if lpo not in parties:
            parties.append(lpo)

    # A place the first kommun lacks becomes its area only where the actor may add
    # areas there: a copy of another kommun's promise kept for comparison writes
    # nothing into that kommun (its places the kommun lacks are left out).
    areas = _Areas(
        kommuner,
        create=reference_for is None
        or area_actor is None
        or not kommuner
        or can_edit_areas(area_actor, kommuner[0]),
    )
    inner_places = {fold(p) for fa in checked["focus"] for p in fa["places"]}
    inner_places |= {fold(p) for c in checked["commitments"] for p in c["places"]}
    # Themes and places of the promise itself are what the record lists beyond
    # those of its focus areas and commitments (the export adds them back).
    inner_themes = {t for fa in checked["focus"] for t in fa["themes"]} | {
        t for c in checked["commitments"] for t in c["themes"]
    }
    old_focus = list(promise.focus_areas.order_by("position", "pk")) if promise else []
    old_commitments = (
        list(promise.commitments.order_by("position", "pk")) if promise else []
    )
    focus_index = {fa["title"]: i for i, fa in enumerate(checked["focus"])}
    period = record.get("period") or {}
    follow_up = record.get("follow_up") or {}

    def signatory_org(name: str) -> OrganisationRef | None:
        key = fold(name) if name else None
        for p in parties:
            if key in {fold(p.name), fold(str(p))}:
                return OrganisationRef.of(p)
        return None

    def taken_id(existing: list[Any], key: str, value: str) -> int | None:
        obj = _take(existing, key, value)
        return obj.pk if obj is not None else None

    return PromiseDraft(
        title=_title(record, kommuner, checked),
        parties=[OrganisationRef.of(p) for p in parties],
        period_start=checked["start"],
        period_end=checked["end"],
        period_text=_text(period.get("text")),
        situation_summary=_text(record.get("situation_summary")),
        evidence_sources=list(dict.fromkeys(record.get("evidence_sources") or [])),
        themes=[
            t
            for t in dict.fromkeys(record.get("themes") or [])
            if t not in inner_themes
        ],
        places=areas.refs(
            name
            for name in record.get("places") or []
            if fold(name) not in inner_places
        ),
        follow_up_text=_text(follow_up.get("text")),
        reports_per_period=follow_up.get("reports_per_period"),
        report_audience=_text(follow_up.get("audience")),
        source_url=_text(record.get("source_url")),
        focus_areas=[
            FocusAreaDraft(
                id=taken_id(old_focus, "title", fa["title"]),
                title=fa["title"],
                description=fa["description"],
                themes=fa["themes"],
                areas=areas.refs(fa["places"]),
            )
            for fa in checked["focus"]
        ],
        commitments=[
            CommitmentDraft(
                id=taken_id(old_commitments, "text", c["text"]),
                text=c["text"],
                focus_area=focus_index.get(c["focus_area"] or ""),
                responsible=c["responsible"],
                themes=c["themes"],
                areas=areas.refs(c["places"]),
                other_parties=[
                    OrganisationRef.of(resolver.other_party(name, parties))
                    for name in c["other_parties"]
                ],
                target=TargetDraft(**c["target"]),
            )
            for c in checked["commitments"]
        ],
        signatories=[
            SignatoryDraft(
                name=s["name"],
                title=s["title"],
                organisation=signatory_org(s["organisation"]),
                organisation_name=s["organisation"],
                signed_on=s["date"],
            )
            for s in checked["signatories"]
        ],
        lifecycle=Lifecycle(
            status=status or PromiseStatus.DRAFT,
            adopted_on=checked["adopted_on"],
            published_at=checked["published_at"],
            closed_on=checked["closed_on"],
            historical=checked["historical"],
        ),
        uid=uid or uuid.uuid4(),
        reference_for=reference_for.pk if reference_for is not None else None,
    )
