"""The staff editor's way into the writer (see services/__init__ and ``writer``).

``promise_create`` and ``promise_update`` take the editor's rows of stored objects
(``PromiseFields``, ``FocusAreaRow``…), turn them into a ``PromiseDraft``
(``fields_draft``) and hand it to ``promise_write``, which checks and saves it and
records the one Revision. ``promise_create`` adds what only a web form needs: the
form's key, so the same form sent twice saves one promise.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation

from ..draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
    TargetDraft,
)
from ..models import Promise, Revision
from ..permissions import can_create_promise
from .writer import promise_write

__all__ = [
    "CommitmentRow",
    "FocusAreaRow",
    "PromiseFields",
    "SignatoryRow",
    "fields_draft",
    "promise_create",
    "promise_update",
]


@dataclass(frozen=True)
class PromiseFields:
    """The promise's own fields as the staff form edits them."""

    title: str
    parties: Sequence[Organisation]
    period_start: date | None = None
    period_end: date | None = None
    situation_summary: str = ""
    evidence_sources: Sequence[str] = ()
    themes: Sequence[str] = ()
    follow_up_text: str = ""
    reports_per_period: int | None = None
    report_audience: str = ""


@dataclass(frozen=True)
class FocusAreaRow:
    """One focus area; ``id`` set for an existing one, None for a new one."""

    title: str
    description: str = ""
    themes: Sequence[str] = ()
    areas: Sequence[Area] = ()
    id: int | None = None


@dataclass(frozen=True)
class CommitmentRow:
    """One commitment. ``focus_area`` is an index into the focus-area rows passed
    alongside, so a commitment can belong to a focus area created in the same save."""

    text: str
    focus_area: int | None = None
    responsible: Sequence[str] = ()
    other_parties: Sequence[Organisation] = ()
    themes: Sequence[str] = ()
    areas: Sequence[Area] = ()
    target_quantity: int | None = None
    target_unit: str = ""
    target_per: str = ""
    target_deadline: date | None = None
    id: int | None = None


@dataclass(frozen=True)
class SignatoryRow:
    """One signatory; ``organisation_name`` when the organisation is not in the list."""

    name: str
    title: str = ""
    organisation: Organisation | None = None
    organisation_name: str = ""
    signed_on: date | None = None
    id: int | None = None


def _row_common(row: FocusAreaRow | CommitmentRow) -> dict[str, Any]:
    """The id, themes and areas a focus-area row and a commitment row share."""
    return {
        "id": row.id,
        "themes": tuple(row.themes),
        "areas": [AreaRef.of(a) for a in row.areas],
    }


def fields_draft(
    fields: PromiseFields,
    *,
    focus_areas: Sequence[FocusAreaRow] = (),
    commitments: Sequence[CommitmentRow] = (),
    signatories: Sequence[SignatoryRow] = (),
) -> PromiseDraft:
    """The draft the writer saves, from the editor's rows of stored objects."""
    return PromiseDraft(
        title=fields.title,
        parties=[OrganisationRef.of(p) for p in fields.parties],
        period_start=fields.period_start,
        period_end=fields.period_end,
        situation_summary=fields.situation_summary,
        evidence_sources=tuple(fields.evidence_sources),
        themes=tuple(fields.themes),
        follow_up_text=fields.follow_up_text,
        reports_per_period=fields.reports_per_period,
        report_audience=fields.report_audience,
        focus_areas=[
            FocusAreaDraft(
                title=row.title, description=row.description, **_row_common(row)
            )
            for row in focus_areas
        ],
        commitments=[
            CommitmentDraft(
                text=row.text,
                focus_area=row.focus_area,
                responsible=tuple(row.responsible),
                other_parties=[OrganisationRef.of(o) for o in row.other_parties],
                **_row_common(row),
                target=TargetDraft(
                    quantity=row.target_quantity,
                    unit=row.target_unit,
                    per=row.target_per,
                    deadline=row.target_deadline,
                ),
            )
            for row in commitments
        ],
        signatories=[
            SignatoryDraft(
                id=row.id,
                name=row.name,
                title=row.title,
                organisation=OrganisationRef.of(row.organisation)
                if row.organisation
                else None,
                organisation_name=row.organisation_name,
                signed_on=row.signed_on,
            )
            for row in signatories
        ],
    )


class PromiseContent(TypedDict):
    """What ``promise_create`` and ``promise_update`` write: ``draft`` as the editor
    builds it, or ``fields`` and rows of stored objects."""

    draft: NotRequired[PromiseDraft | None]
    fields: NotRequired[PromiseFields | None]
    focus_areas: NotRequired[Sequence[FocusAreaRow]]
    commitments: NotRequired[Sequence[CommitmentRow]]
    signatories: NotRequired[Sequence[SignatoryRow]]


def _draft(
    draft: PromiseDraft | None = None,
    fields: PromiseFields | None = None,
    focus_areas: Sequence[FocusAreaRow] = (),
    commitments: Sequence[CommitmentRow] = (),
    signatories: Sequence[SignatoryRow] = (),
) -> PromiseDraft:
    if draft is not None:
        return draft
    if fields is None:
        raise TypeError("give a draft or the fields")
    return fields_draft(
        fields,
        focus_areas=focus_areas,
        commitments=commitments,
        signatories=signatories,
    )


def promise_create(
    *,
    actor: Any,
    source: str = "webb",
    submission: uuid.UUID | None = None,
    **content: Unpack[PromiseContent],
) -> Promise:
    """Create a draft promise with all its rows, or nothing, through the writer:
    ``draft`` as the editor builds it, or ``fields`` and rows of stored objects.

    ``submission`` is the key of the form: when a promise with that key exists (the
    same form sent twice), it is returned with ``already_saved`` set and nothing new
    is written."""
    if not can_create_promise(actor):
        raise PermissionDenied(_("Du får inte skapa medborgarlöften."))
    if submission is not None:
        existing = _submitted(submission, actor)
        if existing is not None:
            return existing
    try:
        return promise_write(
            actor=actor,
            draft=_draft(**content),
            source=source,
            submission=submission,
        )
    except IntegrityError:
        # The same form arrived twice at once; the other copy was saved first.
        existing = _submitted(submission, actor) if submission else None
        if existing is None:
            raise
        return existing


def _submitted(submission: uuid.UUID, actor: Any) -> Promise | None:
    existing = Promise.objects.filter(submission=submission).first()
    if existing is None:
        return None
    if (
        existing.revisions.filter(action=Revision.Action.CREATED)
        .exclude(actor=actor)
        .exists()
    ):
        # Somebody else's form: never hand their promise over.
        raise ValidationError(
            _("Formuläret har redan använts; ladda om sidan och försök igen.")
        )
    existing.already_saved = True
    return existing


def promise_update(
    *,
    actor: Any,
    promise: Promise,
    source: str = "webb",
    expected_version: str | None = None,
    **content: Unpack[PromiseContent],
) -> Promise:
    """Replace a promise's fields and rows with the given ones through the writer
    (``promise_write``): all or nothing, one Revision with what changed (none when
    nothing did). Rows without an id are added, rows left out are removed."""
    return promise_write(
        actor=actor,
        promise=promise,
        draft=_draft(**content),
        source=source,
        expected_version=expected_version,
    )
