"""The one writer of a promise: ``promise_write`` saves a ``PromiseDraft``.

The staff editor, the JSON loader and the import review all build a draft
(``promises.draft``) and call this service, so the rules live here once:

1. **Permissions first**, before anything is written: a signed-in actor must be
   allowed to create (or edit) the promise, and the saved promise must keep one of
   the actor's own organisations as a party (``permissions``). No actor — or
   ``as_operator`` — is the operator (commands), who speaks for every organisation.
   Organisations and areas a draft names but the database lacks (a place ticked as
   a new area, a party a record names) are created only after the checks.
2. **Everything checked before anything is saved** (``checks``), every problem at once,
   keyed by the draft's paths (``title``, ``commitments.1.text``, ``__all__``): a
   title, a kommun among the parties, a period that does not end before it starts,
   rows that exist and belong to this promise, a text per commitment, positive
   target quantities, focus areas that exist, areas inside the promise's kommuner,
   the models' own validation — and no commitment with registered follow-up removed.
3. **Saved whole** in one transaction, rows keeping their ids, and **one Revision**
   recording the promise before and after (none for an edit that changed nothing);
   a commitment whose text or target changed gets a new ``CommitmentVersion``, so
   the wording it was adopted with is never lost.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.places.lookup import area_find
from medborgarloften.places.models import (
    POLICE_KINDS,
    Area,
    Organisation,
    OrganisationKind,
)
from medborgarloften.places.permissions import (
    can_create_organisation,
    can_edit_areas,
)
from medborgarloften.places.services import area_create, organisation_create

from ..draft import PromiseDraft
from ..exchange import promise_to_record
from ..models import Commitment, FocusArea, Promise, Revision, Signatory
from ..notify import AGREED, agreed_change_notify
from ..permissions import can_author_with_parties, can_create_promise, can_edit_promise
from ..selectors import changed_sections, record_diff
from .checks import (
    DraftErrors,
    check_areas,
    check_commitments,
    check_focus_areas,
    check_promise,
    check_signatories,
    load_refs,
)
from .core import revision_record
from .parties import asked_summary, promise_parties_assign
from .versions import commitment_versions_record

__all__ = [
    "NOT_OWN_PARTY",
    "DraftErrors",
    "promise_check",
    "promise_version",
    "promise_write",
]

#: The code of the error that the actor's own organisation is not a party.
NOT_OWN_PARTY = "not_own_party"


def promise_version(promise: Promise) -> str:
    """A token that changes whenever the promise is saved, for spotting that somebody
    else saved it while an editor had it open."""
    return promise.updated_at.isoformat() if promise.updated_at else ""


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


def _check_new_areas(
    actor: Any,
    parties: list[Organisation],
    errors: DraftErrors,
    groups: list[tuple[str, list[Area]]],
) -> None:
    """A new area is created in the promise's first kommun, which is a write into that
    kommun: only its editors and admins (or the operator) may make one."""
    if actor is None:
        return
    kommun = next(
        (p for p in parties if p.kind == OrganisationKind.KOMMUN and p.pk), None
    )
    if kommun is None or can_edit_areas(actor, kommun):
        return
    for key, areas in groups:
        new = [a.name for a in areas if a.pk is None]
        if new:
            errors.add(
                key,
                _(
                    "Områden: %(areas)s finns inte i %(kommun)s, och bara dess "
                    "redaktörer kan lägga till områden där. Välj ett befintligt "
                    "område eller ta bort platsen."
                )
                % {"areas": ", ".join(new), "kommun": kommun.name},
            )


def _check_new_organisations(
    actor: Any,
    errors: DraftErrors,
    groups: list[tuple[str, list[Organisation]]],
) -> None:
    """An organisation the draft names but the database lacks is created by the
    save, so only someone who may add organisations of its kind may name it."""
    if actor is None:
        return
    for key, organisations in groups:
        for org in organisations:
            if org.pk is None and not can_create_organisation(actor, org.kind):
                errors.add(
                    key,
                    _(
                        "%(name)s finns inte som organisation, och bara "
                        "administratörer kan lägga till organisationer. Välj en "
                        "befintlig eller ta bort namnet."
                    )
                    % {"name": org.name},
                )


def _plan(*, actor: Any, promise: Promise, draft: PromiseDraft) -> _Plan:
    """Check permissions and everything else and build the instances to save; raise
    PermissionDenied, or ValidationError with every problem at once."""
    errors = DraftErrors()
    refs = load_refs(draft)
    parties = check_promise(promise, draft, refs, errors)
    _check_permission(actor, promise, parties, errors)
    kommun_ids = {p.pk for p in parties if p.kind == OrganisationKind.KOMMUN and p.pk}
    places = (
        None
        if draft.places is None
        else check_areas(draft.places, refs, errors, "places", kommun_ids)
    )
    focus, delete_focus = check_focus_areas(
        promise, draft.focus_areas, refs, errors, kommun_ids
    )
    commitments, delete_commitments = check_commitments(
        promise, draft.commitments, len(draft.focus_areas), refs, errors, kommun_ids
    )
    signatories, delete_signatories = check_signatories(
        promise, draft.signatories, refs, errors
    )
    _check_new_areas(
        actor,
        parties,
        errors,
        [
            ("places", places or []),
            *((f"focus_areas.{i}.areas", a) for i, (_f, a) in enumerate(focus)),
            *(
                (f"commitments.{i}.areas", a)
                for i, (_c, _i, a, _o) in enumerate(commitments)
            ),
        ],
    )
    _check_new_organisations(
        actor,
        errors,
        [
            ("parties", parties),
            *(
                (f"commitments.{i}.other_parties", o)
                for i, (_c, _i, _a, o) in enumerate(commitments)
            ),
        ],
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
            made[id(obj)] = obj = area_find(obj.name, kommun=kommun) or area_create(
                kommun=kommun, name=obj.name
            )
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


def promise_check(
    *, actor: Any, draft: PromiseDraft, promise: Promise | None = None
) -> None:
    """Every check ``promise_write`` makes before it writes, and nothing written:
    raises the PermissionDenied or ValidationError it would raise, else None."""
    if promise is None:
        target = Promise(uid=draft.uid or uuid.uuid4())
    else:
        target = promise
        if actor is not None and not can_edit_promise(actor, target):
            raise PermissionDenied(_("Du får inte ändra det här medborgarlöftet."))
    _plan(actor=actor, promise=target, draft=draft)


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
        revision = revision_record(
            promise=saved,
            actor=actor,
            action=action,
            before=before,
            after=after,
            summary=summary,
            source=source,
        )
        commitment_versions_record(
            promise=saved, actor=actor, source=source, revision=revision
        )
        if action == Revision.Action.UPDATED and saved.status in AGREED:
            # the other parties hear of a change to what they agreed (notify.py)
            transaction.on_commit(lambda: agreed_change_notify(revision_id=revision.pk))
    return saved
