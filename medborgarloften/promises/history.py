"""A promise's history: its revisions, and each one as readable changes (which field,
what it was, what it became) for the staff's history page."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.vocabulary import EVIDENCE_SOURCES, PER, RESPONSIBLE, THEMES

from .models import (
    Promise,
    PromiseStatus,
    Revision,
)


def promise_history(*, promise: Promise) -> list[Revision]:
    """Every change to the promise, newest first, with who made it."""
    return list(
        Revision.objects.filter(promise=promise)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class Change:
    """One readable line of a diff: which field, what it was, what it became."""

    label: str
    before: str
    after: str

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


# Keys of the record that repeat what other keys say (derived from parties or from the
# focus-area details), left out so a change is shown once.
_DERIVED_KEYS = {
    "id",
    "municipalities",
    "municipality_codes",
    "police_area",
    "focus_areas",
}

_LABELS = {
    "title": "Titel",
    "status": "Status",
    "source_url": "Källa",
    "parties": "Parter",
    "period": "Period",
    "period.start": "Period från",
    "period.end": "Period till",
    "period.text": "Period som den skrivs",
    "situation_summary": "Lägesbild",
    "focus_area_details": "Fokusområde",
    "themes": "Teman",
    "places": "Platser",
    "evidence_sources": "Underlag",
    "commitments": "Åtagande",
    "follow_up": "Uppföljning",
    "follow_up.text": "Uppföljning",
    "follow_up.reports_per_period": "Antal redovisningar under perioden",
    "follow_up.audience": "Redovisas för",
    "signatories": "Undertecknare",
    "adopted_on": "Antaget",
    "published_at": "Publicerat",
    "closed_on": "Avslutat",
    # Inside list items
    "text": "Text",
    "description": "Beskrivning",
    "responsible": "Ansvarig",
    "measurable": "Mätbart",
    "target": "Mål",
    "target.quantity": "Antal",
    "target.unit": "Enhet",
    "target.per": "Per",
    "target.deadline": "Senast",
    "focus_area": "Fokusområde",
    "other_parties": "Andra ansvariga parter",
    "name": "Namn",
    "organisation": "Organisation",
    "date": "Datum",
}

_VOCABULARIES: dict[str, dict[str, str]] = {
    "themes": THEMES,
    "evidence_sources": EVIDENCE_SOURCES,
    "responsible": RESPONSIBLE,
    "per": PER,
    "status": {s.value: str(s.label) for s in PromiseStatus},
}

# Which key names an item of a list of objects, for matching items before and after.
_ITEM_KEYS = {
    "commitments": "text",
    "focus_area_details": "title",
    "signatories": "name",
}


def _label(path: str) -> str:
    return _(_LABELS.get(path, path))


def _display(value: Any, key: str = "") -> str:
    vocabulary = _VOCABULARIES.get(key)
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return ", ".join(str(v.get("name", v)) for v in value)
        return ", ".join(
            str(vocabulary.get(v, v)) if vocabulary else str(v) for v in value
        )
    if vocabulary and isinstance(value, str):
        return vocabulary.get(value, value)
    if key.endswith("_at") and isinstance(value, str):
        # Timestamps are stored in UTC; show them as local time, to the minute.
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _flatten(record: dict[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted paths; lists stay whole."""
    flat: dict[str, Any] = {}
    for key, value in (record or {}).items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = value
    return flat


def _item_summary(item: dict[str, Any], key: str) -> str:
    return str(item.get(key) or "")


def _item_changes(
    list_key: str, before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> list[Change]:
    """Match items by their naming key (so removing the first commitment does not
    show every later one as changed), then diff matched pairs field by field."""
    name_key = _ITEM_KEYS[list_key]
    noun = _label(list_key)
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(
        a=[_item_summary(i, name_key) for i in before],
        b=[_item_summary(i, name_key) for i in after],
        autojunk=False,
    )

    def pair(i: int, j: int) -> None:
        old, new = _flatten(before[i]), _flatten(after[j])
        for path in [*old, *[p for p in new if p not in old]]:
            key = path.rsplit(".", 1)[-1]
            a, b = _display(old.get(path), key), _display(new.get(path), key)
            if a != b:
                changes.append(Change(f"{noun} {j + 1}: {_label(path)}", a, b))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for offset in range(i2 - i1):
                pair(i1 + offset, j1 + offset)
            continue
        common = min(i2 - i1, j2 - j1)
        for offset in range(common):
            pair(i1 + offset, j1 + offset)
        for i in range(i1 + common, i2):
            changes.append(
                Change(f"{noun} {i + 1}", _item_summary(before[i], name_key), "")
            )
        for j in range(j1 + common, j2):
            changes.append(
                Change(f"{noun} {j + 1}", "", _item_summary(after[j], name_key))
            )
    return changes


def record_diff(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> list[Change]:
    """Readable field-level changes between two medborgarlöfte JSON records."""
    old, new = _flatten(before), _flatten(after)
    changes: list[Change] = []
    for path in [*new, *[p for p in old if p not in new]]:
        if path.split(".", 1)[0] in _DERIVED_KEYS:
            continue
        a, b = old.get(path), new.get(path)
        if a == b:
            continue
        if path in _ITEM_KEYS:
            changes += _item_changes(path, a or [], b or [])
            continue
        key = path.rsplit(".", 1)[-1]
        a_text, b_text = _display(a, key), _display(b, key)
        if a_text != b_text:
            changes.append(Change(_label(path), a_text, b_text))
    return changes


def changed_sections(changes: Iterable[Change]) -> list[str]:
    """The distinct things that changed, for a one-line summary ('Titel, Åtagande 2')."""
    seen: list[str] = []
    for change in changes:
        head = change.label.split(":", 1)[0]
        if head not in seen:
            seen.append(head)
    return seen


@dataclass
class HistoryEntry:
    revision: Revision
    changes: list[Change]


def promise_history_with_changes(*, promise: Promise) -> list[HistoryEntry]:
    """Each revision with what it changed, for the history page."""
    return [
        HistoryEntry(revision, record_diff(revision.before, revision.after))
        for revision in promise_history(promise=promise)
    ]
