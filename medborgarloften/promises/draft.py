"""A promise as plain data: what the one writer (``services.writer``) saves.

Every way a promise is written builds a :class:`PromiseDraft` first — the staff
editor from its forms, the JSON loader from a record, the import review from its
forms — and hands it to ``promise_write``, which checks every rule once, checks
permissions before it writes, and records one revision.

This module imports nothing from Django, so anything can build a draft (a command,
a test, a reader of another format) without a database. Organisations and areas are
referred to by id when they are known, or by name when the writer is to create them
(an area the reviewer ticked as new). Rows carry the database id of the row they
replace, so follow-up registered against a commitment stays attached to it; a row
without an id is new, and a stored row no draft row names is removed.

Errors come back from the writer keyed by the draft's own paths — ``title``,
``parties``, ``commitments.2.text``, ``signatories.0.name``, ``__all__`` — so each
entry point can put them where its user sees them (:func:`row_path`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "AreaRef",
    "CommitmentDraft",
    "FocusAreaDraft",
    "Lifecycle",
    "OrganisationRef",
    "PromiseDraft",
    "SignatoryDraft",
    "TargetDraft",
    "parse_row_path",
    "row_path",
]


@dataclass(frozen=True)
class OrganisationRef:
    """A stored organisation (``id``) or one the writer creates from kind and name."""

    id: int | None = None
    kind: str = ""
    name: str = ""
    code: str = ""

    @classmethod
    def of(cls, organisation: Any) -> OrganisationRef:
        """The reference to a stored organisation (anything with pk, kind, name)."""
        return cls(
            id=organisation.pk,
            kind=organisation.kind,
            name=organisation.name,
            code=getattr(organisation, "code", "") or "",
        )


@dataclass(frozen=True)
class AreaRef:
    """A stored area (``id``), or a new one by ``name`` in the promise's first kommun."""

    id: int | None = None
    name: str = ""

    @classmethod
    def of(cls, area: Any) -> AreaRef:
        """The reference to a stored area (anything with pk and name)."""
        return cls(id=area.pk, name=area.name)


@dataclass(frozen=True)
class TargetDraft:
    """A measurable target: how many, of what, per what, by when."""

    quantity: int | None = None
    unit: str = ""
    per: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class FocusAreaDraft:
    """One focus area; ``id`` of the stored one it replaces, None for a new one."""

    title: str
    description: str = ""
    themes: Sequence[str] = ()
    areas: Sequence[AreaRef] = ()
    id: int | None = None


@dataclass(frozen=True)
class CommitmentDraft:
    """One commitment. ``focus_area`` is an index into the draft's focus areas, so a
    commitment can belong to a focus area created in the same save."""

    text: str
    focus_area: int | None = None
    responsible: Sequence[str] = ()
    other_parties: Sequence[OrganisationRef] = ()
    themes: Sequence[str] = ()
    areas: Sequence[AreaRef] = ()
    target: TargetDraft | None = None
    id: int | None = None


@dataclass(frozen=True)
class SignatoryDraft:
    """One signatory; ``organisation`` when it is one of the stored organisations,
    ``organisation_name`` as the document writes it."""

    name: str
    title: str = ""
    organisation: OrganisationRef | None = None
    organisation_name: str = ""
    signed_on: dt.date | None = None
    id: int | None = None


@dataclass(frozen=True)
class Lifecycle:
    """Status and its dates, set by a load (the editor changes status through
    ``promise_set_status`` and leaves these alone: ``PromiseDraft.lifecycle=None``)."""

    status: str = "draft"
    adopted_on: dt.date | None = None
    published_at: dt.datetime | None = None
    closed_on: dt.date | None = None
    #: An earlier promise entered afterwards (None: as stored).
    historical: bool | None = None


@dataclass(frozen=True)
class PromiseDraft:
    """A whole promise: its own fields, parties and rows, as the writer saves them.

    ``places`` (areas of the whole promise) and ``lifecycle`` are left as stored when
    None. ``uid`` names a new promise's id (a loaded record keeps its own); a stored
    promise keeps the one it has. ``reference_for``: the organisation that keeps the
    promise for comparison (another area's promise), if it is one.
    """

    title: str
    parties: Sequence[OrganisationRef] = ()
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_text: str = ""
    situation_summary: str = ""
    evidence_sources: Sequence[str] = ()
    themes: Sequence[str] = ()
    places: Sequence[AreaRef] | None = None
    follow_up_text: str = ""
    reports_per_period: int | None = None
    report_audience: str = ""
    source_url: str = ""
    focus_areas: Sequence[FocusAreaDraft] = ()
    commitments: Sequence[CommitmentDraft] = ()
    signatories: Sequence[SignatoryDraft] = ()
    lifecycle: Lifecycle | None = None
    uid: uuid.UUID | None = None
    reference_for: int | None = None


#: The draft's row lists, as they appear in error paths.
ROW_LISTS = ("focus_areas", "commitments", "signatories")


def row_path(rows: str, index: int, name: str) -> str:
    """The error key of a row's field: ``row_path("commitments", 2, "text")``."""
    return f"{rows}.{index}.{name}"


def parse_row_path(path: str) -> tuple[str, int, str] | None:
    """``"commitments.2.text"`` → ``("commitments", 2, "text")``; None for a path
    that does not name a row (``title``, ``__all__``)."""
    parts = path.split(".")
    if len(parts) != 3 or parts[0] not in ROW_LISTS or not parts[1].isdecimal():
        return None
    return parts[0], int(parts[1]), parts[2]
