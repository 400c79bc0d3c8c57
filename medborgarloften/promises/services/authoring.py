"""Create and edit promises from the staff UI (see services/__init__).

A promise is written whole: its fields, parties, focus areas, commitments and
signatories in one transaction, validated before anything is saved, and leaving one
``Revision`` with the record before and after. Rows keep their database ids across
edits, so follow-up registered against a commitment stays attached to it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.places.models import Area, Organisation, OrganisationKind

from ..exchange import promise_to_record
from ..models import Commitment, FocusArea, Promise, Revision, Signatory
from ..permissions import can_author_with_parties, can_create_promise, can_edit_promise
from ..selectors import changed_sections, record_diff
from .core import revision_record
from .parties import asked_summary, promise_parties_assign

__all__ = [
    "CommitmentRow",
    "FocusAreaRow",
    "PromiseFields",
    "SignatoryRow",
    "promise_create",
    "promise_update",
    "promise_version",
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


STALE_ROW = gettext_lazy(
    "%(row)s finns inte (längre) i det här löftet. Någon kan ha ändrat löftet "
    "samtidigt; ladda om sidan."
)


def promise_version(promise: Promise) -> str:
    """A token that changes whenever the promise is saved, for spotting that somebody
    else saved it while an editor had it open."""
    return promise.updated_at.isoformat() if promise.updated_at else ""


class _Errors:
    """Collects messages by key ('title', 'commitments.1.text', '__all__')."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[str]] = {}

    def add(self, key: str, message: str) -> None:
        messages = self.by_key.setdefault(key, [])
        if message not in messages:
            messages.append(message)

    def merge(self, prefix: str, exc: ValidationError, skip: Sequence[str]) -> None:
        """Add a model's own validation messages, unless we already said something
        about that field (so a field does not get two messages for one problem)."""
        for field, messages in exc.message_dict.items():
            if field in skip:
                continue
            key = f"{prefix}{field}" if field != "__all__" else (prefix or "__all__")
            key = key.rstrip(".")
            if key in self.by_key:
                continue
            for message in messages:
                self.add(key, message)

    def raise_if_any(self) -> None:
        if self.by_key:
            raise ValidationError(self.by_key)


@dataclass
class _Plan:
    """Unsaved instances, checked, in the order they will be saved."""

    promise: Promise
    parties: list[Organisation]
    focus_areas: list[tuple[FocusArea, FocusAreaRow]]
    commitments: list[tuple[Commitment, CommitmentRow]]
    signatories: list[tuple[Signatory, SignatoryRow]]
    delete_focus_areas: list[int]
    delete_commitments: list[int]
    delete_signatories: list[int]


def _apply_fields(promise: Promise, fields: PromiseFields) -> None:
    promise.title = fields.title.strip()
    promise.period_start = fields.period_start
    promise.period_end = fields.period_end
    promise.situation_summary = fields.situation_summary.strip()
    promise.evidence_sources = list(fields.evidence_sources)
    promise.themes = list(fields.themes)
    promise.follow_up_text = fields.follow_up_text.strip()
    promise.reports_per_period = fields.reports_per_period
    promise.report_audience = fields.report_audience.strip()


def _existing(rows: Any, promise: Promise | None) -> dict[int, Any]:
    if promise is None or promise.pk is None:
        return {}
    return {row.pk: row for row in rows.filter(promise=promise)}


def _check_areas(
    errors: _Errors, key: str, areas: Sequence[Area], kommun_ids: set[int]
) -> None:
    outside = [a.name for a in areas if a.kommun_id not in kommun_ids]
    if outside:
        errors.add(
            key,
            _("Områden: %(areas)s ligger inte i någon av löftets kommuner.")
            % {"areas": ", ".join(outside)},
        )


def _plan(
    *,
    actor: Any,
    promise: Promise,
    fields: PromiseFields,
    focus_areas: Sequence[FocusAreaRow],
    commitments: Sequence[CommitmentRow],
    signatories: Sequence[SignatoryRow],
) -> _Plan:
    """Check everything and build the instances to save; raise ValidationError with
    every problem at once, keyed by field ('commitments.1.text')."""
    errors = _Errors()
    existing_promise = promise if promise.pk else None

    # The promise and its parties.
    _apply_fields(promise, fields)
    if not promise.title:
        errors.add("title", _("Titel: skriv en titel för löftet."))
    parties = list(dict.fromkeys(fields.parties))
    kommun_ids = {p.pk for p in parties if p.kind == OrganisationKind.KOMMUN}
    if not kommun_ids:
        errors.add("parties", _("Parter: välj minst en kommun."))
    if not can_author_with_parties(
        actor, [p.pk for p in parties], reference_for=promise.reference_for_id
    ):
        errors.add(
            "parties",
            _("Parter: din egen organisation måste vara part i löftet."),
        )
    if (
        promise.period_start
        and promise.period_end
        and promise.period_end < promise.period_start
    ):
        errors.add(
            "period_end",
            _("Period till: periodens slut kan inte ligga före dess början."),
        )
    try:
        promise.full_clean(exclude=["uid", "status"], validate_unique=False)
    except ValidationError as exc:
        errors.merge("", exc, skip=())

    # Focus areas.
    old_focus = _existing(FocusArea.objects, existing_promise)
    planned_focus: list[tuple[FocusArea, FocusAreaRow]] = []
    for index, row in enumerate(focus_areas):
        key = f"focus_areas.{index}."
        if row.id is not None and row.id not in old_focus:
            errors.add(f"{key}title", STALE_ROW % {"row": _("Fokusområdet")})
            continue
        focus = old_focus.get(row.id) if row.id is not None else None
        focus = focus or FocusArea(promise=promise if promise.pk else None)
        focus.title = row.title.strip()
        focus.description = row.description.strip()
        focus.themes = list(row.themes)
        focus.position = index
        if not focus.title:
            errors.add(f"{key}title", _("Rubrik: skriv fokusområdets rubrik."))
        try:
            focus.full_clean(exclude=["promise"], validate_unique=False)
        except ValidationError as exc:
            errors.merge(key, exc, skip=())
        _check_areas(errors, f"{key}areas", row.areas, kommun_ids)
        planned_focus.append((focus, row))

    # Commitments.
    old_commitments = _existing(Commitment.objects, existing_promise)
    planned_commitments: list[tuple[Commitment, CommitmentRow]] = []
    for index, row in enumerate(commitments):
        key = f"commitments.{index}."
        if row.id is not None and row.id not in old_commitments:
            errors.add(f"{key}text", STALE_ROW % {"row": _("Åtagandet")})
            continue
        commitment = old_commitments.get(row.id) if row.id is not None else None
        commitment = commitment or Commitment(promise=promise if promise.pk else None)
        commitment.text = row.text.strip()
        commitment.responsible = list(row.responsible)
        commitment.themes = list(row.themes)
        commitment.target_quantity = row.target_quantity
        commitment.target_unit = row.target_unit.strip()
        commitment.target_per = row.target_per
        commitment.target_deadline = row.target_deadline
        commitment.position = index
        if not commitment.text:
            errors.add(f"{key}text", _("Åtagande: skriv vad som ska göras."))
        if row.target_quantity is not None and row.target_quantity < 1:
            errors.add(
                f"{key}target_quantity",
                _("Antal: ange ett positivt heltal, till exempel 12."),
            )
        if row.focus_area is not None and not 0 <= row.focus_area < len(focus_areas):
            errors.add(
                f"{key}focus_area",
                _("Fokusområde: välj ett av löftets fokusområden."),
            )
        try:
            commitment.full_clean(
                exclude=["promise", "focus_area"], validate_unique=False
            )
        except ValidationError as exc:
            errors.merge(key, exc, skip=())
        _check_areas(errors, f"{key}areas", row.areas, kommun_ids)
        planned_commitments.append((commitment, row))

    kept = {c.pk for c, _row in planned_commitments if c.pk}
    removed_commitments = [pk for pk in old_commitments if pk not in kept]
    if removed_commitments:
        with_activities = Commitment.objects.filter(
            pk__in=removed_commitments, activities__isnull=False
        ).distinct()
        for commitment in with_activities:
            errors.add(
                "__all__",
                _(
                    "Åtagandet ”%(text)s” har registrerad uppföljning och kan inte "
                    "tas bort. Ändra texten i stället, eller ta bort uppföljningen först."
                )
                % {"text": commitment.text[:80]},
            )

    # Signatories.
    old_signatories = _existing(Signatory.objects, existing_promise)
    planned_signatories: list[tuple[Signatory, SignatoryRow]] = []
    for index, row in enumerate(signatories):
        key = f"signatories.{index}."
        if row.id is not None and row.id not in old_signatories:
            errors.add(f"{key}name", STALE_ROW % {"row": _("Undertecknaren")})
            continue
        signatory = old_signatories.get(row.id) if row.id is not None else None
        signatory = signatory or Signatory(promise=promise if promise.pk else None)
        signatory.name = row.name.strip()
        signatory.title = row.title.strip()
        signatory.organisation = row.organisation
        signatory.organisation_name = row.organisation_name.strip()
        signatory.signed_on = row.signed_on
        signatory.position = index
        if not signatory.name:
            errors.add(f"{key}name", _("Namn: skriv undertecknarens namn."))
        try:
            signatory.full_clean(
                exclude=["promise", "organisation"], validate_unique=False
            )
        except ValidationError as exc:
            errors.merge(key, exc, skip=())
        planned_signatories.append((signatory, row))

    errors.raise_if_any()
    kept_focus = {f.pk for f, _row in planned_focus if f.pk}
    kept_signatories = {s.pk for s, _row in planned_signatories if s.pk}
    return _Plan(
        promise=promise,
        parties=parties,
        focus_areas=planned_focus,
        commitments=planned_commitments,
        signatories=planned_signatories,
        delete_focus_areas=[pk for pk in old_focus if pk not in kept_focus],
        delete_commitments=removed_commitments,
        delete_signatories=[pk for pk in old_signatories if pk not in kept_signatories],
    )


def _save(plan: _Plan, actor: Any) -> tuple[Promise, list[Organisation]]:
    """Save the plan; return the promise and the organisations newly asked to
    accept being a party (services.parties)."""
    promise = plan.promise
    promise.save()
    asked = promise_parties_assign(promise=promise, parties=plan.parties, actor=actor)
    Commitment.objects.filter(pk__in=plan.delete_commitments).delete()
    Signatory.objects.filter(pk__in=plan.delete_signatories).delete()

    saved_focus: list[FocusArea] = []
    for focus, row in plan.focus_areas:
        focus.promise = promise
        focus.save()
        focus.areas.set(row.areas)
        saved_focus.append(focus)
    for commitment, row in plan.commitments:
        commitment.promise = promise
        commitment.focus_area = (
            saved_focus[row.focus_area] if row.focus_area is not None else None
        )
        commitment.save()
        commitment.areas.set(row.areas)
        commitment.other_parties.set(row.other_parties)
    # After commitments point at their new focus areas, so none is left dangling.
    FocusArea.objects.filter(pk__in=plan.delete_focus_areas).delete()
    for signatory, _row in plan.signatories:
        signatory.promise = promise
        signatory.save()
    return promise, asked


def _with_asked(summary: str, asked: list[Organisation]) -> str:
    return f"{summary}; {asked_summary(asked)}" if asked else summary


def promise_create(
    *,
    actor: Any,
    fields: PromiseFields,
    focus_areas: Sequence[FocusAreaRow] = (),
    commitments: Sequence[CommitmentRow] = (),
    signatories: Sequence[SignatoryRow] = (),
    source: str = "webb",
    submission: uuid.UUID | None = None,
) -> Promise:
    """Create a draft promise with all its rows, or nothing; record who created it.

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
        return _create(
            actor=actor,
            fields=fields,
            focus_areas=focus_areas,
            commitments=commitments,
            signatories=signatories,
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


def _create(
    *,
    actor: Any,
    fields: PromiseFields,
    focus_areas: Sequence[FocusAreaRow],
    commitments: Sequence[CommitmentRow],
    signatories: Sequence[SignatoryRow],
    source: str,
    submission: uuid.UUID | None,
) -> Promise:
    with transaction.atomic():
        plan = _plan(
            actor=actor,
            promise=Promise(submission=submission),
            fields=fields,
            focus_areas=focus_areas,
            commitments=commitments,
            signatories=signatories,
        )
        promise, asked = _save(plan, actor)
        revision_record(
            promise=promise,
            actor=actor,
            action=Revision.Action.CREATED,
            before=None,
            summary=_with_asked(
                _("Skapat: %(title)s") % {"title": promise.title}, asked
            ),
            source=source,
        )
    return promise


def promise_update(
    *,
    actor: Any,
    promise: Promise,
    fields: PromiseFields,
    focus_areas: Sequence[FocusAreaRow] = (),
    commitments: Sequence[CommitmentRow] = (),
    signatories: Sequence[SignatoryRow] = (),
    source: str = "webb",
    expected_version: str | None = None,
) -> Promise:
    """Replace a promise's fields and rows with the given ones, all or nothing, and
    record a Revision with what changed (none when nothing did). Rows without an id
    are added, rows left out are removed. With ``expected_version`` (from
    ``promise_version`` when the editor opened it), refuses to overwrite a promise
    somebody else saved in between (an empty one never matches: a form that lost
    its version is refused, not saved blind)."""
    with transaction.atomic():
        promise = Promise.objects.select_for_update().get(pk=promise.pk)
        if not can_edit_promise(actor, promise):
            raise PermissionDenied(_("Du får inte ändra det här medborgarlöftet."))
        if expected_version is not None and expected_version != promise_version(
            promise
        ):
            raise ValidationError(
                _(
                    "Någon annan har sparat ändringar i löftet medan du arbetade. "
                    "Inget av det du skrivit är sparat. Öppna löftet i en ny flik för "
                    "att se deras ändringar; tryck Spara igen för att ersätta dem med "
                    "dina."
                ),
                code="stale",
            )
        before = promise_to_record(promise)
        plan = _plan(
            actor=actor,
            promise=promise,
            fields=fields,
            focus_areas=focus_areas,
            commitments=commitments,
            signatories=signatories,
        )
        promise, asked = _save(plan, actor)
        after = promise_to_record(promise)
        if after != before or asked:
            sections = changed_sections(record_diff(before, after)) or [_("parter")]
            revision_record(
                promise=promise,
                actor=actor,
                action=Revision.Action.UPDATED,
                before=before,
                after=after,
                summary=_with_asked(
                    _("Ändrat: %(what)s") % {"what": ", ".join(sections)}, asked
                ),
                source=source,
            )
    return promise
