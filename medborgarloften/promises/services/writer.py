"""The one writer of a promise: ``promise_write`` saves a ``PromiseDraft``.

The staff editor, the JSON loader and the import review all build a draft
(``promises.draft``) and call this service, so the rules live here once:

1. **Permissions first**, before anything is written: a signed-in actor must be
   allowed to create (or edit) the promise, and the saved promise must keep one of
   the actor's own organisations as a party (``permissions``). No actor is the
   operator (commands, loaders), who speaks for every organisation.
2. **Everything checked before anything is saved**, every problem reported at once,
   keyed by the draft's paths (``title``, ``commitments.1.text``, ``__all__``): a
   title, a kommun among the parties, a period that does not end before it starts,
   rows that exist and belong to this promise, a text per commitment, positive
   target quantities, focus areas that exist, areas inside the promise's kommuner,
   the models' own validation — and no commitment with registered follow-up removed.
3. **Saved whole** in one transaction, rows keeping their ids, and **one Revision**
   recording the promise before and after (none for an edit that changed nothing).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.places.models import (
    POLICE_KINDS,
    Area,
    AreaKind,
    Organisation,
    OrganisationKind,
)
from medborgarloften.places.services import area_create, organisation_create

from ..draft import (
    AreaRef,
    CommitmentDraft,
    FocusAreaDraft,
    OrganisationRef,
    PromiseDraft,
    SignatoryDraft,
)
from ..exchange import normalise_name, promise_to_record
from ..models import Commitment, FocusArea, Promise, Revision, Signatory
from ..permissions import can_author_with_parties, can_create_promise, can_edit_promise
from ..selectors import changed_sections, record_diff
from .core import revision_record
from .parties import asked_summary, promise_parties_assign

__all__ = ["NOT_OWN_PARTY", "DraftErrors", "promise_version", "promise_write"]

#: The code of the error that the actor's own organisation is not a party.
NOT_OWN_PARTY = "not_own_party"

STALE_ROW = gettext_lazy(
    "%(row)s finns inte (längre) i det här löftet. Någon kan ha ändrat löftet "
    "samtidigt; ladda om sidan."
)


def promise_version(promise: Promise) -> str:
    """A token that changes whenever the promise is saved, for spotting that somebody
    else saved it while an editor had it open."""
    return promise.updated_at.isoformat() if promise.updated_at else ""


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
class _Refs:
    """The stored organisations and areas a draft names by id, and the new
    organisations it names by kind and name (one unsaved instance per name)."""

    organisations: dict[int, Organisation]
    areas: dict[int, Area]
    new: dict[tuple[str, str], Organisation] = field(default_factory=dict)


def _ids(refs: Iterable[OrganisationRef | AreaRef | None]) -> set[int]:
    return {ref.id for ref in refs if ref is not None and ref.id is not None}


def _load_refs(draft: PromiseDraft) -> _Refs:
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
    return _Refs(
        organisations=Organisation.objects.in_bulk(org_ids) if org_ids else {},
        areas=Area.objects.in_bulk(area_ids) if area_ids else {},
    )


def _organisation(
    ref: OrganisationRef, refs: _Refs, errors: DraftErrors, key: str
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
    if (kind, normalise_name(name)) in refs.new:
        return refs.new[(kind, normalise_name(name))]
    org = Organisation(
        kind=kind, name=name, code=ref.code.strip(), source="medborgarlöfte-JSON"
    )
    try:
        org.full_clean(validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        errors.add(key, "; ".join(exc.messages))
        return None
    refs.new[(kind, normalise_name(name))] = org
    return org


def _areas(
    areas: Sequence[AreaRef],
    refs: _Refs,
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


# --- the plan: every check before any write -------------------------------------------


@dataclass
class _Plan:
    """Unsaved instances, checked, in the order they will be saved."""

    promise: Promise
    parties: list[Organisation]
    places: list[Area] | None
    focus_areas: list[tuple[FocusArea, list[Area]]]
    commitments: list[tuple[Commitment, int | None, list[Area], list[Organisation]]]
    signatories: list[Signatory]
    delete_focus_areas: list[int]
    delete_commitments: list[int]
    delete_signatories: list[int]


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


def _check_promise(
    promise: Promise, draft: PromiseDraft, refs: _Refs, errors: DraftErrors
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
        promise.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        errors.merge("", exc)
    return parties


def _check_focus_areas(
    promise: Promise,
    rows: Sequence[FocusAreaDraft],
    refs: _Refs,
    errors: DraftErrors,
    kommun_ids: set[int],
) -> tuple[list[tuple[FocusArea, list[Area]]], list[int]]:
    old = _existing(FocusArea.objects, promise)
    planned: list[tuple[FocusArea, list[Area]]] = []
    titles: set[str] = set()
    for index, row in enumerate(rows):
        key = f"focus_areas.{index}."
        stale = (f"{key}title", _("Fokusområdet"))
        focus = _row(FocusArea, old, row.id, promise, stale, errors)
        if focus is None:
            continue
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
        areas = _areas(row.areas, refs, errors, f"{key}areas", kommun_ids)
        planned.append((focus, areas))
    kept = {focus.pk for focus, _areas in planned if focus.pk}
    return planned, [pk for pk in old if pk not in kept]


def _check_commitments(
    promise: Promise,
    rows: Sequence[CommitmentDraft],
    n_focus: int,
    refs: _Refs,
    errors: DraftErrors,
    kommun_ids: set[int],
) -> tuple[
    list[tuple[Commitment, int | None, list[Area], list[Organisation]]], list[int]
]:
    old = _existing(Commitment.objects, promise)
    planned: list[tuple[Commitment, int | None, list[Area], list[Organisation]]] = []
    for index, row in enumerate(rows):
        key = f"commitments.{index}."
        stale = (f"{key}text", _("Åtagandet"))
        commitment = _row(Commitment, old, row.id, promise, stale, errors)
        if commitment is None:
            continue
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
            commitment.full_clean(
                exclude=["promise", "focus_area"], validate_unique=False
            )
        except ValidationError as exc:
            errors.merge(key, exc)
        areas = _areas(row.areas, refs, errors, f"{key}areas", kommun_ids)
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


def _check_signatories(
    promise: Promise,
    rows: Sequence[SignatoryDraft],
    refs: _Refs,
    errors: DraftErrors,
) -> tuple[list[Signatory], list[int]]:
    old = _existing(Signatory.objects, promise)
    planned: list[Signatory] = []
    for index, row in enumerate(rows):
        key = f"signatories.{index}."
        stale = (f"{key}name", _("Undertecknaren"))
        signatory = _row(Signatory, old, row.id, promise, stale, errors)
        if signatory is None:
            continue
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


def _check_permission(
    actor: Any, promise: Promise, parties: list[Organisation], errors: DraftErrors
) -> None:
    """Who may write this promise with these parties (the operator may all)."""
    if actor is None:
        return
    # Editing a stored promise was allowed (or refused) first thing in promise_write.
    if promise.pk is None and not can_create_promise(actor):
        raise PermissionDenied(_("Du får inte skapa medborgarlöften."))
    if not can_author_with_parties(
        actor, [p.pk for p in parties if p.pk], reference_for=promise.reference_for_id
    ):
        errors.add(
            "parties",
            _("Parter: din egen organisation måste vara part i löftet."),
            code=NOT_OWN_PARTY,
        )


def _plan(*, actor: Any, promise: Promise, draft: PromiseDraft) -> _Plan:
    """Check permissions and everything else and build the instances to save; raise
    PermissionDenied, or ValidationError with every problem at once."""
    errors = DraftErrors()
    refs = _load_refs(draft)
    parties = _check_promise(promise, draft, refs, errors)
    _check_permission(actor, promise, parties, errors)
    kommun_ids = {p.pk for p in parties if p.kind == OrganisationKind.KOMMUN and p.pk}
    places = (
        None
        if draft.places is None
        else _areas(draft.places, refs, errors, "places", kommun_ids)
    )
    focus, delete_focus = _check_focus_areas(
        promise, draft.focus_areas, refs, errors, kommun_ids
    )
    commitments, delete_commitments = _check_commitments(
        promise, draft.commitments, len(draft.focus_areas), refs, errors, kommun_ids
    )
    signatories, delete_signatories = _check_signatories(
        promise, draft.signatories, refs, errors
    )
    errors.raise_if_any()
    return _Plan(
        promise=promise,
        parties=parties,
        places=places,
        focus_areas=focus,
        commitments=commitments,
        signatories=signatories,
        delete_focus_areas=delete_focus,
        delete_commitments=delete_commitments,
        delete_signatories=delete_signatories,
    )


# --- saving ------------------------------------------------------------------------


def _saved(
    objects: list[Any],
    kommuner: list[Organisation],
    actor: Any,
    made: dict[int, Any],
) -> list[Any]:
    """Save the new organisations and areas among ``objects``; return them all.

    A new area goes to the first kommun (unless it has one by that name or alias);
    a new police unit serves the promise's kommuner, with the grant audited
    (``places.services.organisation_create``, which also says who may add one).
    ``made`` remembers what this save created, so a new one named twice is made once.
    """
    kommun = kommuner[0] if kommuner else None
    out: list[Any] = []
    for obj in objects:
        if obj.pk is None and id(obj) in made:
            obj = made[id(obj)]
        elif obj.pk is None and isinstance(obj, Area):
            if kommun is None:
                raise ValidationError(
                    {"places": _("Ett nytt område kräver en kommun.")}
                )
            key = normalise_name(obj.name)
            made[id(obj)] = obj = next(
                (
                    a
                    for a in kommun.areas.all()
                    if key in map(normalise_name, a.names())
                ),
                None,
            ) or area_create(kommun=kommun, name=obj.name)
        elif obj.pk is None:
            police = obj.kind in POLICE_KINDS
            made[id(obj)] = obj = organisation_create(
                kind=obj.kind,
                name=obj.name,
                code=obj.code,
                county=kommun.county if police and kommun is not None else None,
                serves=kommuner if police else (),
                source=obj.source,
                actor=actor,
                event_source="import",
            )
        if obj not in out:
            out.append(obj)
    return out


def _save(plan: _Plan, actor: Any, creator: Any) -> tuple[Promise, list[Organisation]]:
    """Save the plan; return the promise and the organisations newly asked to accept
    being a party (services.parties). ``creator`` makes the new organisations (None:
    the operator)."""
    promise = plan.promise
    promise.save()
    kommuner = [p for p in plan.parties if p.kind == OrganisationKind.KOMMUN and p.pk]
    made: dict[int, Any] = {}
    parties = _saved(plan.parties, kommuner, creator, made)
    # A copy kept for comparison names the other area's parties as its document
    # does, asks nobody, and gives them no rights (permissions._party_ids).
    asked = promise_parties_assign(
        promise=promise,
        parties=parties,
        actor=None if promise.reference_for_id is not None else actor,
    )
    if plan.places is not None:
        promise.areas.set(_saved(plan.places, kommuner, creator, made))
    Commitment.objects.filter(pk__in=plan.delete_commitments).delete()
    Signatory.objects.filter(pk__in=plan.delete_signatories).delete()

    saved_focus: list[FocusArea] = []
    for focus, areas in plan.focus_areas:
        focus.promise = promise
        focus.save()
        focus.areas.set(_saved(areas, kommuner, creator, made))
        saved_focus.append(focus)
    for commitment, focus_index, areas, others in plan.commitments:
        commitment.promise = promise
        commitment.focus_area = (
            saved_focus[focus_index] if focus_index is not None else None
        )
        commitment.save()
        commitment.areas.set(_saved(areas, kommuner, creator, made))
        commitment.other_parties.set(_saved(others, kommuner, creator, made))
    # After commitments point at their new focus areas, so none is left dangling.
    FocusArea.objects.filter(pk__in=plan.delete_focus_areas).delete()
    for signatory in plan.signatories:
        signatory.promise = promise
        if signatory.organisation is not None and signatory.organisation.pk is None:
            signatory.organisation = made.get(id(signatory.organisation))
        signatory.save()
    return promise, asked


def promise_write(
    *,
    actor: Any,
    draft: PromiseDraft,
    promise: Promise | None = None,
    source: str = "webb",
    action: str | None = None,
    summary: str = "",
    submission: uuid.UUID | None = None,
    expected_version: str | None = None,
    as_operator: bool = False,
) -> Promise:
    """Save ``draft`` as a new promise, or over ``promise``, whole or not at all.

    Refuses (PermissionDenied) an actor who may not write it before anything is
    written — unless ``as_operator``: a command run on the server writes on the
    operator's authority, and its ``actor`` (``--user``) is the person named in the
    history. Raises one ValidationError with every problem, keyed by draft path.
    Records one Revision: ``action`` (default created/updated) with ``summary``
    (default "Skapat: …"/"Ändrat: …"); an update that changes nothing records none,
    unless it is a load. With ``expected_version`` (``promise_version`` when the
    editor opened it), refuses to overwrite what somebody else saved in between.
    """
    with transaction.atomic():
        if promise is None:
            target = Promise(uid=draft.uid or uuid.uuid4(), submission=submission)
            before = None
        else:
            target = Promise.objects.select_for_update().get(pk=promise.pk)
            if (
                actor is not None
                and not as_operator
                and not can_edit_promise(actor, target)
            ):
                raise PermissionDenied(_("Du får inte ändra det här medborgarlöftet."))
            if expected_version is not None and expected_version != promise_version(
                target
            ):
                raise ValidationError(
                    _(
                        "Någon annan har sparat ändringar i löftet medan du arbetade. "
                        "Inget av det du skrivit är sparat. Öppna löftet i en ny flik "
                        "för att se deras ändringar; tryck Spara igen för att ersätta "
                        "dem med dina."
                    ),
                    code="stale",
                )
            before = promise_to_record(target)
        plan = _plan(actor=None if as_operator else actor, promise=target, draft=draft)
        saved, asked = _save(plan, actor, None if as_operator else actor)
        after = promise_to_record(saved)
        created = before is None
        action = action or (
            Revision.Action.CREATED if created else Revision.Action.UPDATED
        )
        if action == Revision.Action.UPDATED and after == before and not asked:
            return saved
        if not summary:
            if created:
                summary = _("Skapat: %(title)s") % {"title": saved.title}
            else:
                sections = changed_sections(record_diff(before, after)) or [_("parter")]
                summary = _("Ändrat: %(what)s") % {"what": ", ".join(sections)}
        if asked:
            summary = f"{summary}; {asked_summary(asked)}"
        revision_record(
            promise=saved,
            actor=actor,
            action=action,
            before=before,
            after=after,
            summary=summary,
            source=source,
        )
    return saved
