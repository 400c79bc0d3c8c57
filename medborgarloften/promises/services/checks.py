"""The writer's checks (``services.writer``): a draft against the stored promise.

Each ``check_*`` applies a part of a ``PromiseDraft`` to unsaved (or stored, locked)
instances and adds every problem it finds to a :class:`DraftErrors`, keyed by the
draft's path, so the writer reports them all at once and writes nothing until there
are none. Organisations and areas the draft names by id are read in one go
(:func:`load_refs`); those it names by name only are new, unsaved instances here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.places.lookup import fold
from medborgarloften.places.models import Area, AreaKind, Organisation, OrganisationKind

from ..draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
)
from ..models import Commitment, FocusArea, Promise, Signatory

__all__ = [
    "DraftErrors",
    "Refs",
    "check_areas",
    "check_commitments",
    "check_focus_areas",
    "check_promise",
    "check_signatories",
    "load_refs",
]

STALE_ROW = gettext_lazy(
    "%(row)s finns inte (längre) i det här löftet. Någon kan ha ändrat löftet "
    "samtidigt; ladda om sidan."
)


class DraftErrors:
    """Collects messages by draft path ('title', 'commitments.1.text', '__all__')."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[ValidationError]] = {}

    def add(self, key: str, message: str, code: str | None = None) -> None:
        errors = self.by_key.setdefault(key, [])
        if all(str(message) != e.message for e in errors):
            errors.append(ValidationError(str(message), code=code))

    def merge(self, prefix: str, exc: ValidationError) -> None:
        """Add a model's own validation messages, unless we already said something
        about that field (so a field does not get two messages for one problem)."""
        for name, messages in exc.message_dict.items():
            key = f"{prefix}{name}" if name != "__all__" else (prefix or "__all__")
            key = key.rstrip(".")
            if key in self.by_key:
                continue
            for message in messages:
                self.add(key, message)

    def raise_if_any(self) -> None:
        if self.by_key:
            raise ValidationError(self.by_key)


# --- references to organisations and areas --------------------------------------------


@dataclass
class Refs:
    """The stored organisations and areas a draft names by id, and the new
    organisations it names by kind and name (one unsaved instance per name)."""

    organisations: dict[int, Organisation]
    areas: dict[int, Area]
    new: dict[tuple[str, str], Organisation] = field(default_factory=dict)


def _ids(refs: Iterable[OrganisationRef | AreaRef | None]) -> set[int]:
    return {ref.id for ref in refs if ref is not None and ref.id is not None}


def load_refs(draft: PromiseDraft) -> Refs:
    org_refs: list[OrganisationRef | None] = [*draft.parties]
    area_refs: list[AreaRef] = [*(draft.places or ())]
    for fa in draft.focus_areas:
        area_refs += fa.areas
    for c in draft.commitments:
        org_refs += c.other_parties
        area_refs += c.areas
    org_refs += [s.organisation for s in draft.signatories]
    org_ids = _ids(org_refs)
    area_ids = _ids(area_refs)
    return Refs(
        organisations=Organisation.objects.in_bulk(org_ids) if org_ids else {},
        areas=Area.objects.in_bulk(area_ids) if area_ids else {},
    )


def _organisation(
    ref: OrganisationRef, refs: Refs, errors: DraftErrors, key: str
) -> Organisation | None:
    """The stored organisation, or a new unsaved one made from kind and name (the
    same one wherever the draft names it)."""
    if ref.id is not None:
        found = refs.organisations.get(ref.id)
        if found is None:
            errors.add(key, _("Organisationen finns inte (längre)."))
        return found
    kind = ref.kind or OrganisationKind.ANNAN
    name = " ".join(ref.name.split())
    if (kind, fold(name)) in refs.new:
        return refs.new[(kind, fold(name))]
    org = Organisation(
        kind=kind, name=name, code=ref.code.strip(), source="medborgarlöfte-JSON"
    )
    try:
        org.full_clean(validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        errors.add(key, "; ".join(exc.messages))
        return None
    refs.new[(kind, fold(name))] = org
    return org


def check_areas(
    areas: Sequence[AreaRef],
    refs: Refs,
    errors: DraftErrors,
    key: str,
    kommun_ids: set[int],
) -> list[Area]:
    """Stored areas by id (inside the promise's kommuner) and new ones by name."""
    out: list[Area] = []
    for ref in areas:
        if ref.id is not None:
            found = refs.areas.get(ref.id)
            if found is None:
                errors.add(key, _("Området finns inte (längre)."))
            elif found not in out:
                out.append(found)
        elif " ".join(ref.name.split()):
            out.append(Area(name=" ".join(ref.name.split()), kind=AreaKind.OMRADE))
    outside = [a.name for a in out if a.pk and a.kommun_id not in kommun_ids]
    if outside:
        errors.add(
            key,
            _("Områden: %(areas)s ligger inte i någon av löftets kommuner.")
            % {"areas": ", ".join(outside)},
        )
    return out


def _existing(manager: Any, promise: Promise) -> dict[int, Any]:
    if promise.pk is None:
        return {}
    return {row.pk: row for row in manager.filter(promise=promise)}


def _row(
    model: type[Any],
    old: dict[int, Any],
    row_id: int | None,
    promise: Promise,
    stale: tuple[str, str],
    errors: DraftErrors,
) -> Any | None:
    """The stored row a draft row replaces, or a new one; None (and an error at
    ``stale``: key and noun) when the id names no row of this promise."""
    if row_id is not None and row_id not in old:
        key, noun = stale
        errors.add(key, STALE_ROW % {"row": noun})
        return None
    found = old.get(row_id) if row_id is not None else None
    return found or model(promise=promise if promise.pk else None)


class _DraftRow(Protocol):
    @property
    def id(self) -> int | None: ...


_Row = TypeVar("_Row", bound=_DraftRow)


def _matched(
    model: type[Any],
    old: dict[int, Any],
    rows: Sequence[_Row],
    promise: Promise,
    part: str,
    stale: tuple[str, str],
    errors: DraftErrors,
) -> Iterator[tuple[int, str, _Row, Any]]:
    """Each draft row of ``part`` with its key prefix and the instance it fills
    (:func:`_row`); a row whose id is stale is reported (at ``stale``: field and
    noun) and skipped."""
    field_name, noun = stale
    for index, row in enumerate(rows):
        key = f"{part}.{index}."
        found = _row(model, old, row.id, promise, (f"{key}{field_name}", noun), errors)
        if found is not None:
            yield index, key, row, found


def _apply_fields(promise: Promise, draft: PromiseDraft) -> None:
    promise.title = draft.title.strip()
    promise.period_start = draft.period_start
    promise.period_end = draft.period_end
    promise.period_text = draft.period_text.strip()
    promise.situation_summary = draft.situation_summary.strip()
    promise.evidence_sources = list(dict.fromkeys(draft.evidence_sources))
    promise.themes = list(dict.fromkeys(draft.themes))
    promise.follow_up_text = draft.follow_up_text.strip()
    promise.reports_per_period = draft.reports_per_period
    promise.report_audience = draft.report_audience.strip()
    promise.source_url = draft.source_url.strip()
    if draft.reference_for is not None:
        promise.reference_for_id = draft.reference_for
    if draft.lifecycle is not None:
        promise.status = draft.lifecycle.status
        promise.adopted_on = draft.lifecycle.adopted_on
        promise.published_at = draft.lifecycle.published_at
        promise.closed_on = draft.lifecycle.closed_on
        if draft.lifecycle.historical is not None:
            promise.historical = draft.lifecycle.historical


def check_promise(
    promise: Promise, draft: PromiseDraft, refs: Refs, errors: DraftErrors
) -> list[Organisation]:
    """The promise's own fields and its parties; return the parties."""
    _apply_fields(promise, draft)
    if not promise.title:
        errors.add("title", _("Titel: skriv en titel för löftet."))
    parties: list[Organisation] = []
    for i, ref in enumerate(draft.parties):
        org = _organisation(ref, refs, errors, f"parties.{i}")
        if org is not None and (org.pk is None or org not in parties):
            parties.append(org)
    if not any(p.kind == OrganisationKind.KOMMUN and p.pk for p in parties):
        errors.add("parties", _("Parter: välj minst en kommun."))
    if (
        promise.period_start
        and promise.period_end
        and promise.period_end < promise.period_start
    ):
        errors.add(
            "period_end",
            _("Period till: perioden slutar (%(end)s) före den börjar (%(start)s).")
            % {"end": promise.period_end, "start": promise.period_start},
        )
    exclude = ["uid"] if draft.lifecycle is not None else ["uid", "status"]
    try:
        # Its constraints (period end after start, status among the choices) are
        # the check above and the field's choices, in Python: no database queries.
        promise.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        errors.merge("", exc)
    return parties


def check_focus_areas(
    promise: Promise,
    rows: Sequence[FocusAreaDraft],
    refs: Refs,
    errors: DraftErrors,
    kommun_ids: set[int],
) -> tuple[list[tuple[FocusArea, list[Area]]], list[int]]:
    old = _existing(FocusArea.objects, promise)
    planned: list[tuple[FocusArea, list[Area]]] = []
    titles: set[str] = set()
    stale = ("title", _("Fokusområdet"))
    for index, key, row, focus in _matched(
        FocusArea, old, rows, promise, "focus_areas", stale, errors
    ):
        focus.title = row.title.strip()
        focus.description = row.description.strip()
        focus.themes = list(row.themes)
        focus.position = index
        if not focus.title:
            errors.add(f"{key}title", _("Rubrik: skriv fokusområdets rubrik."))
        elif focus.title in titles:
            errors.add(
                f"{key}title",
                _("Fokusområdet ”%(title)s” finns två gånger.")
                % {"title": focus.title},
            )
        titles.add(focus.title)
        try:
            focus.full_clean(exclude=["promise"], validate_unique=False)
        except ValidationError as exc:
            errors.merge(key, exc)
        areas = check_areas(row.areas, refs, errors, f"{key}areas", kommun_ids)
        planned.append((focus, areas))
    kept = {focus.pk for focus, _areas in planned if focus.pk}
    return planned, [pk for pk in old if pk not in kept]


def check_commitments(
    promise: Promise,
    rows: Sequence[CommitmentDraft],
    n_focus: int,
    refs: Refs,
    errors: DraftErrors,
    kommun_ids: set[int],
) -> tuple[
    list[tuple[Commitment, int | None, list[Area], list[Organisation]]], list[int]
]:
    old = _existing(Commitment.objects, promise)
    planned: list[tuple[Commitment, int | None, list[Area], list[Organisation]]] = []
    stale = ("text", _("Åtagandet"))
    for index, key, row, commitment in _matched(
        Commitment, old, rows, promise, "commitments", stale, errors
    ):
        target = row.target
        commitment.text = row.text.strip()
        commitment.responsible = list(row.responsible)
        commitment.themes = list(row.themes)
        commitment.target_quantity = target.quantity if target else None
        commitment.target_unit = target.unit.strip() if target else ""
        commitment.target_per = target.per if target else ""
        commitment.target_deadline = target.deadline if target else None
        commitment.position = index
        if not commitment.text:
            errors.add(f"{key}text", _("Åtagande: skriv vad som ska göras."))
        if target is not None and target.quantity is not None and target.quantity < 1:
            errors.add(
                f"{key}target_quantity",
                _("Antal: ange ett positivt heltal, till exempel 12."),
            )
        if row.focus_area is not None and not 0 <= row.focus_area < n_focus:
            errors.add(
                f"{key}focus_area",
                _("Fokusområde: välj ett av löftets fokusområden."),
            )
        try:
            # Its one constraint (quantity >= 1) is the model's clean() and the check
            # above, in Python: no database query per row when a review is checked.
            commitment.full_clean(
                exclude=["promise", "focus_area"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors.merge(key, exc)
        areas = check_areas(row.areas, refs, errors, f"{key}areas", kommun_ids)
        others: list[Organisation] = []
        for ref in row.other_parties:
            org = _organisation(ref, refs, errors, f"{key}other_parties")
            if org is not None and (org.pk is None or org not in others):
                others.append(org)
        planned.append((commitment, row.focus_area, areas, others))

    kept = {c.pk for c, *_rest in planned if c.pk}
    removed = [pk for pk in old if pk not in kept]
    if removed:
        with_activities = Commitment.objects.filter(
            pk__in=removed, activities__isnull=False
        ).distinct()
        for commitment in with_activities:
            errors.add(
                "__all__",
                _(
                    "Åtagandet ”%(text)s” har registrerad uppföljning (aktiviteter) "
                    "och kan inte tas bort. Ändra texten i stället, eller ta bort "
                    "uppföljningen först."
                )
                % {"text": commitment.text[:80]},
            )
    return planned, removed


def check_signatories(
    promise: Promise,
    rows: Sequence[SignatoryDraft],
    refs: Refs,
    errors: DraftErrors,
) -> tuple[list[Signatory], list[int]]:
    old = _existing(Signatory.objects, promise)
    planned: list[Signatory] = []
    stale = ("name", _("Undertecknaren"))
    for index, key, row, signatory in _matched(
        Signatory, old, rows, promise, "signatories", stale, errors
    ):
        signatory.name = row.name.strip()
        signatory.title = row.title.strip()
        signatory.organisation = (
            _organisation(row.organisation, refs, errors, f"{key}organisation")
            if row.organisation is not None
            else None
        )
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
            errors.merge(key, exc)
        planned.append(signatory)
    kept = {s.pk for s in planned if s.pk}
    return planned, [pk for pk in old if pk not in kept]
