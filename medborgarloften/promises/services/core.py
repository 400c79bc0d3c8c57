"""Writes to promises. The only place that changes them; every change leaves a Revision."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.access import recorded_actor

from ..exchange import promise_to_record
from ..models import PartyRequest, Promise, PromiseStatus, Revision
from ..permissions import can_edit_promise, can_make_own_draft
from ..signals import promise_adopted


def revision_record(
    *,
    promise: Promise,
    actor: Any,
    action: str,
    before: dict[str, Any] | None,
    summary: str = "",
    source: str = "",
    after: dict[str, Any] | None = None,
) -> Revision:
    """Keep who changed what: the promise as it was (``before``) and as it is now.

    ``after`` may be passed when the caller already serialized the promise as it is
    now; otherwise it is serialized here.
    """
    return Revision.objects.create(
        promise=promise,
        actor=recorded_actor(actor),
        action=action,
        summary=summary[:500],
        source=source[:300],
        before=before,
        after=after if after is not None else promise_to_record(promise),
    )


@transaction.atomic
def promise_set_status(
    *,
    actor: Any,
    promise: Promise,
    status: str,
    source: str = "webb",
    historical: bool | None = None,
) -> Promise:
    """Move a promise to ``status`` if that transition is allowed; stamp the dates.
    ``historical`` (when given) marks an earlier promise entered afterwards whose
    follow-up was made outside the system, or unmarks it."""
    if promise.is_reference and status != promise.status:
        raise ValidationError(
            {
                "status": _(
                    "Löftet är en referens för jämförelse (ett annat områdes löfte) "
                    "och kan inte antas eller publiceras här."
                )
            }
        )
    if status not in promise.allowed_transitions():
        raise ValidationError(
            {
                "status": _("Ett löfte med status %(from)s kan inte få status %(to)s.")
                % {
                    "from": promise.get_status_display(),
                    "to": PromiseStatus(status).label
                    if status in PromiseStatus.values
                    else status,
                }
            }
        )
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    before = promise_to_record(promise)
    old_label = promise.get_status_display()
    today = timezone.localdate()
    promise.status = status
    if historical is not None:
        promise.historical = historical
    if (
        status in (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED)
        and not promise.adopted_on
    ):
        promise.adopted_on = today
    if status == PromiseStatus.PUBLISHED and not promise.published_at:
        promise.published_at = timezone.now().replace(microsecond=0)
    if status == PromiseStatus.CLOSED:
        promise.closed_on = today
    if status == PromiseStatus.PUBLISHED:
        promise.closed_on = None
    promise.save()
    if status in (PromiseStatus.ADOPTED, PromiseStatus.PUBLISHED) and any(
        party.is_kommun for party in promise.parties.all()
    ):
        # Adoption freezes the lägesbild behind the focus areas as the baseline the
        # end-of-period evaluation compares against (frozen once; later status
        # changes and imports never move it).
        promise_adopted.send(sender=Promise, promise=promise, on=promise.adopted_on)
    revision_record(
        promise=promise,
        actor=actor,
        action=Revision.Action.STATUS,
        before=before,
        summary=f"{old_label} → {promise.get_status_display()}",
        source=source,
    )
    return promise


@transaction.atomic
def promise_delete(*, actor: Any, promise: Promise) -> str:
    """Delete a draft promise: a stray one saved by mistake or started from
    planning and never meant. Only a draft (an adopted or published promise is a
    decision of both parties and goes back to draft first), only by an admin or
    editor of a party (of the keeper, for a reference). The organisations asked to
    be a party are no longer asked: their requests are withdrawn with it. Its
    history goes with it, as a deleted draft report's does. Returns the title."""
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    if not can_edit_promise(actor, promise):
        raise PermissionDenied(
            _(
                "Bara administratörer och redaktörer i organisationerna bakom "
                "löftet får ta bort det."
            )
        )
    if promise.status != PromiseStatus.DRAFT:
        raise ValidationError(
            _(
                "Bara ett utkast kan tas bort. Ett antaget eller publicerat löfte "
                "är parternas beslut och finns kvar."
            ),
            code="not_draft",
        )
    PartyRequest.objects.filter(promise=promise).delete()
    title = promise.title
    promise.delete()
    return title


@transaction.atomic
def promise_reference_to_draft(*, actor: Any, promise: Promise) -> Promise:
    """Turn a reference (another area's promise kept for comparison) into an
    ordinary draft of the kommuner it names, for an actor who may act for one of
    them (a national admin, or that kommun's admin or editor): a promise imported
    as a reference by mistake need not be imported again. It stays a draft."""
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    if not promise.is_reference:
        raise ValidationError(_("Löftet är inte en referens."), code="not_reference")
    if not can_make_own_draft(actor, promise):
        raise PermissionDenied(
            _(
                "Bara administratörer och redaktörer i löftets egna kommuner får "
                "göra referensen till ett eget utkast."
            )
        )
    before = promise_to_record(promise)
    keeper = str(promise.reference_for)
    promise.reference_for = None
    promise.status = PromiseStatus.DRAFT
    promise.save(update_fields=["reference_for", "status"])
    revision_record(
        promise=promise,
        actor=actor,
        action=Revision.Action.UPDATED,
        before=before,
        summary=f"Referens för {keeper} → eget utkast",
    )
    return promise
