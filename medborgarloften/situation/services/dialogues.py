"""Dialogues: medborgardialog, medarbetardialog and trygghetsvandring — who took part
(counts by group, never names) and what was found, tagged with theme and place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.errors import FieldErrors
from medborgarloften.places.lookup import area_find, fold
from medborgarloften.places.models import Area, Organisation
from medborgarloften.places.services import area_in_kommun, kommun_required
from medborgarloften.vocabulary import THEMES

from ..models import Dialogue, DialogueFinding, DialogueKind
from ..permissions import can_edit_situation

__all__ = ["dialogue_create", "dialogue_delete", "dialogue_update"]

GROUP_MAX = 60


def _area_named(kommun: Organisation, place: str) -> Area | None:
    return area_find(place, kommun=kommun) if fold(place) else None


def _check(
    *,
    kommun: Organisation,
    kind: str,
    held_on: dt.date,
    area: Area | None,
    participants: dict[str, int],
    findings: Sequence[Mapping[str, Any]],
) -> None:
    """Every problem of a dialogue as the form shows them; raises ValidationError."""
    errors = FieldErrors()
    add = errors.add

    kommun_required(errors, kommun)
    if kind not in DialogueKind.values:
        add("kind", _("Typ: okänd dialogtyp %(v)r.") % {"v": kind})
    if held_on > timezone.localdate():
        add("held_on", _("Datum: dialogen kan inte ha hållits i framtiden."))
    area_in_kommun(errors, area, kommun)
    for group, count in participants.items():
        if not str(group).strip() or len(str(group)) > GROUP_MAX:
            add(
                "participants",
                _("Deltagare: en grupp behöver ett kort namn (högst %(n)d tecken).")
                % {"n": GROUP_MAX},
            )
        if not isinstance(count, int) or count < 0:
            add(
                "participants",
                _("Deltagare: antalet för %(group)s ska vara ett heltal ≥ 0.")
                % {"group": group},
            )
    for number, finding in enumerate(findings, 1):
        if finding.get("theme") not in THEMES:
            add(
                "findings",
                _("Iakttagelse %(n)d: okänt tema %(theme)r.")
                % {"n": number, "theme": finding.get("theme")},
            )
        if not str(finding.get("text", "")).strip():
            add("findings", _("Iakttagelse %(n)d: texten saknas.") % {"n": number})
    if errors:
        raise ValidationError(errors)


def _findings_save(dialogue: Dialogue, findings: Sequence[Mapping[str, Any]]) -> None:
    """The dialogue's findings as given: existing ones are changed in order (a case
    made from one keeps pointing to it), extra ones added, the rest removed."""
    kommun = dialogue.kommun
    existing = list(dialogue.findings.order_by("id"))
    for index, finding in enumerate(findings):
        place = str(finding.get("place", "")).strip()
        values = {
            "text": str(finding["text"]).strip(),
            "theme": finding["theme"],
            "place": place,
            "area": finding.get("area") or _area_named(kommun, place) or dialogue.area,
        }
        if index < len(existing):
            row = existing[index]
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        else:
            DialogueFinding.objects.create(dialogue=dialogue, **values)
    DialogueFinding.objects.filter(
        pk__in=[f.pk for f in existing[len(findings) :]]
    ).delete()


class DialogueFields(TypedDict):
    """What recording and changing a dialogue take (``dialogue_create``,
    ``dialogue_update``)."""

    kind: str
    held_on: dt.date
    area: NotRequired[Area | None]
    title: NotRequired[str]
    participants: NotRequired[Mapping[str, int] | None]
    findings: NotRequired[Sequence[Mapping[str, Any]]]


def _checked(
    kommun: Organisation, fields: DialogueFields
) -> tuple[dict[str, Any], Sequence[Mapping[str, Any]]]:
    """A dialogue's fields as recording and changing save them, and its findings,
    once ``_check`` finds no problem (else ValidationError)."""
    kind, held_on, area = fields["kind"], fields["held_on"], fields.get("area")
    participants = dict(fields.get("participants") or {})
    findings = fields.get("findings", ())
    _check(
        kommun=kommun,
        kind=kind,
        held_on=held_on,
        area=area,
        participants=participants,
        findings=findings,
    )
    values = {
        "kind": kind,
        "held_on": held_on,
        "area": area,
        "title": fields.get("title", "").strip(),
        "participants": {str(k).strip(): v for k, v in participants.items()},
    }
    return values, findings


@transaction.atomic
def dialogue_create(
    *, kommun: Organisation, actor: Any = None, **fields: Unpack[DialogueFields]
) -> Dialogue:
    """Record a dialogue in the kommun with counts per group and findings whose theme
    is known; a finding's place that names an area of the kommun is linked to it."""
    values, findings = _checked(kommun, fields)
    dialogue = Dialogue.objects.create(
        kommun=kommun, created_by=recorded_actor(actor), **values
    )
    _findings_save(dialogue, findings)
    return dialogue


def _editor_required(actor: Any, dialogue: Dialogue) -> None:
    if not can_edit_situation(actor, dialogue.kommun):
        raise PermissionDenied(
            _("Bara redaktörer och administratörer för %(kommun)s kan ändra här.")
            % {"kommun": dialogue.kommun}
        )


@transaction.atomic
def dialogue_update(
    *, dialogue: Dialogue, actor: Any = None, **fields: Unpack[DialogueFields]
) -> Dialogue:
    """Change a dialogue and its findings (the same checks as when it was made);
    editors of its kommun only."""
    _editor_required(actor, dialogue)
    values, findings = _checked(dialogue.kommun, fields)
    for name, value in values.items():
        setattr(dialogue, name, value)
    dialogue.save()
    _findings_save(dialogue, findings)
    return dialogue


@transaction.atomic
def dialogue_delete(*, dialogue: Dialogue, actor: Any = None) -> None:
    """Remove a dialogue and its findings; editors of its kommun only. Cases made
    from a finding stay (they keep their own copy of the text)."""
    _editor_required(actor, dialogue)
    dialogue.delete()
