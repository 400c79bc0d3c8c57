"""Turning a reviewed extraction run into a promise draft."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from medborgarloften.accounts.permissions import is_superuser
from medborgarloften.places.lookup import fold
from medborgarloften.places.models import Organisation
from medborgarloften.places.permissions import can_edit_areas
from medborgarloften.promises.draft import Lifecycle, PromiseDraft
from medborgarloften.promises.models import PromiseStatus, Revision
from medborgarloften.promises.services import (
    NOT_OWN_PARTY,
    promise_check,
    promise_load_record,
    promise_write,
)

from ..models import ExtractionRun, ExtractionRunStatus
from .importing import _load_source
from .upload import REVIEW_SOURCE


@transaction.atomic
def extraction_run_draft_create(
    *,
    run: ExtractionRun,
    actor: Any,
    draft: PromiseDraft | None = None,
    record: dict[str, Any] | None = None,
    new_areas: list[str] | tuple[str, ...] = (),
    create_missing_police_area: bool = False,
    as_reference: bool = False,
) -> Any:
    """Create the reviewed draft promise and link the run to it, all or nothing.

    ``draft`` is what the review screen built from its forms; the one writer
    (``promises.services.promise_write``) saves it, checking before it writes that
    the draft keeps one of the actor's own organisations as a party — or, with
    ``as_reference``, that it is kept for comparison by the document's kommun, which
    the actor edits. A ``record`` (an extraction record, as the command line has
    one) is read by the loader into such a draft; its places the kommun lacks become
    areas of the draft's first kommun, and so do ``new_areas`` (the review's ticked
    places; a draft carries its own as new areas by name). A run gives one draft.
    """

    if (draft is None) == (record is None):
        raise TypeError("give a draft or a record")
    run, reference_for = _locked_run(
        run=run,
        actor=actor,
        create_missing_police_area=create_missing_police_area,
        as_reference=as_reference,
    )
    source = _load_source(run.source or REVIEW_SOURCE, run.document)
    try:
        if draft is not None:
            promise = promise_write(
                actor=actor,
                draft=_as_draft(draft, reference_for),
                source=source,
                action=Revision.Action.LOADED,
                summary="Skapat från granskat dokument",
            )
        else:
            promise = promise_load_record(
                record=record or {},
                actor=actor,
                source=source,
                create_missing_police_area=create_missing_police_area,
                status=PromiseStatus.DRAFT,
                reference_for=reference_for,
            )
    except ValidationError as exc:
        raise _translated(exc, draft, record) from exc
    if new_areas:
        # Ticked as new but named nowhere in the record: areas of the draft's
        # first kommun all the same (after the writer allowed the draft).
        from medborgarloften.places.services import area_create

        kommun = promise.kommuner()[0]
        if actor is not None and not can_edit_areas(actor, kommun):
            raise ValidationError(
                {
                    "new_areas": f"Bara redaktörer för {kommun.name} kan lägga till "
                    f"områden där / only {kommun.name}'s editors may add its areas"
                }
            )
        known = {fold(name) for area in kommun.areas.all() for name in area.names()}
        for name in new_areas:
            if fold(name) not in known:
                area_create(kommun=kommun, name=name)
                known.add(fold(name))
    run.promise = promise
    run.save(update_fields=["promise"])
    return promise


def _not_own_party(
    draft: PromiseDraft | None, record: dict[str, Any] | None
) -> ValidationError:
    """Why an editor cannot import another kommun's promise, and what to do."""
    if draft is not None:
        kommuner = [p.name for p in draft.parties if p.kind == "kommun"]
    else:
        kommuner = [
            n for n in (record or {}).get("municipalities") or [] if isinstance(n, str)
        ]
    names = ", ".join(kommuner) or "andra kommuner"
    return ValidationError(
        {
            "municipalities": "Utkastet måste ha din egen organisation som "
            f"part, men löftet gäller {names}. Kryssa i ”Spara som referens för "
            "jämförelse” för att spara det åt din kommun, eller be en "
            f"administratör för {names} att importera det"
            " / the draft must keep your organisation as a party, or be kept"
            " as a reference"
        }
    )


def _locked_run(
    *,
    run: ExtractionRun,
    actor: Any,
    create_missing_police_area: bool,
    as_reference: bool,
) -> tuple[ExtractionRun, Organisation | None]:
    """The run, read again and locked, if a draft may still come from it, and the
    kommun that keeps the draft as a reference (None: not a reference)."""
    _refuse_police_area(actor, create_missing_police_area)
    run = (
        ExtractionRun.objects.select_for_update()
        .select_related("document")
        .get(pk=run.pk)
    )
    return run, _draftable(run, as_reference)


def _refuse_police_area(actor: Any, create_missing_police_area: bool) -> None:
    if create_missing_police_area and actor is not None and not is_superuser(actor):
        raise ValidationError(
            {
                "police_area": "Bara en superanvändare kan lägga till ett "
                "lokalpolisområde vid import / only a superuser may add a police area"
            }
        )


def _draftable(run: ExtractionRun, as_reference: bool) -> Organisation | None:
    """Refuses a run no draft may come from; else the kommun that keeps the draft as
    a reference (None: not a reference)."""
    if run.status != ExtractionRunStatus.OK:
        raise ValidationError(
            {"__all__": "Körningen misslyckades; inget utkast kan skapas"}
        )
    if run.promise_id is not None:
        raise ValidationError(
            {"__all__": "Ett utkast har redan skapats från den här granskningen"}
        )
    reference_for = run.document.kommun if as_reference else None
    if as_reference and reference_for is None:
        raise ValidationError(
            {"municipalities": "Dokumentet har ingen kommun att spara referensen för"}
        )
    return reference_for


def _as_draft(draft: PromiseDraft, reference_for: Organisation | None) -> PromiseDraft:
    """The reviewed draft as the writer saves it: a draft, kept for comparison by
    ``reference_for`` when that is given."""
    return replace(
        draft,
        reference_for=reference_for.pk if reference_for else None,
        lifecycle=Lifecycle(status=PromiseStatus.DRAFT),
    )


def extraction_run_draft_check(
    *,
    run: ExtractionRun,
    actor: Any,
    draft: PromiseDraft,
    create_missing_police_area: bool = False,
    as_reference: bool = False,
) -> None:
    """Every check ``extraction_run_draft_create`` makes with a reviewed draft, and
    nothing written (the review's "Kontrollera"): raises the ValidationError that
    creating the draft would raise. The run as the review read it: nothing is
    written, so nothing is locked (creating the draft checks again under its lock)."""
    _refuse_police_area(actor, create_missing_police_area)
    reference_for = _draftable(run, as_reference)
    try:
        promise_check(actor=actor, draft=_as_draft(draft, reference_for))
    except ValidationError as exc:
        raise _translated(exc, draft, None) from exc


def _translated(
    exc: ValidationError, draft: PromiseDraft | None, record: dict[str, Any] | None
) -> ValidationError:
    """The writer's error, with "not your own party" said for an importer."""
    errors = getattr(exc, "error_dict", {})
    if getattr(exc, "code", None) == NOT_OWN_PARTY or any(
        e.code == NOT_OWN_PARTY for e in errors.get("parties", [])
    ):
        return _not_own_party(draft, record)
    return exc
