"""Who a promise speaks for: its parties, and the kommuner and police units asked to
join (see services/__init__).

A promise's ``parties`` are what every public page, the API, the feeds and the
subscriber mails read. An editor may name their own organisations and any other
party directly; a kommun or police unit they do not edit for is *asked*
(``PartyRequest``) and joins the parties only when its own admin or editor accepts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from ..exchange import promise_to_record
from ..models import PartyRequest, PartyRequestStatus, Promise, Revision
from ..permissions import can_decide_party_request, needs_acceptance
from .core import revision_record

__all__ = [
    "promise_parties_assign",
    "promise_party_accept",
    "promise_party_decline",
]


def promise_parties_assign(
    *, promise: Promise, parties: Iterable[Organisation], actor: Any
) -> list[Organisation]:
    """Make ``parties`` the organisations the promise names, as ``actor`` may.

    Those already parties stay; those already asked stay asked (pending or declined:
    only their own answer changes that); a new kommun or police unit the actor does
    not edit for is asked; every other new one joins at once. Organisations left out
    are dropped, with their requests. Returns the organisations newly asked. Call
    inside the promise's transaction, after the promise is saved.
    """
    wanted = list(dict.fromkeys(parties))
    current = set(promise.parties.all())
    requests = {r.organisation_id: r for r in promise.party_requests.all()}
    joined: list[Organisation] = []
    asked: list[Organisation] = []
    for organisation in wanted:
        request = requests.get(organisation.pk)
        if organisation in current:
            joined.append(organisation)
        elif request is not None and request.is_open:
            continue
        elif needs_acceptance(actor, organisation):
            if request is not None:
                request.delete()
            PartyRequest.objects.create(
                promise=promise,
                organisation=organisation,
                requested_by=actor if actor.is_authenticated else None,
            )
            asked.append(organisation)
        else:
            joined.append(organisation)
    promise.parties.set(joined)
    keep = {o.pk for o in wanted}
    PartyRequest.objects.filter(promise=promise).exclude(organisation__in=keep).delete()
    return asked


def _decide(
    *, actor: Any, request: PartyRequest, status: str, source: str
) -> PartyRequest:
    with transaction.atomic():
        request = (
            PartyRequest.objects.select_for_update()
            .select_related("organisation", "promise")
            .get(pk=request.pk)
        )
        if not can_decide_party_request(actor, request):
            raise PermissionDenied(
                _(
                    "Bara administratörer och redaktörer i %(org)s kan svara för "
                    "%(org)s."
                )
                % {"org": request.organisation}
            )
        if request.status == status:
            return request
        promise = Promise.objects.select_for_update().get(pk=request.promise_id)
        before = promise_to_record(promise)
        request.status = status
        request.decided_by = actor if actor.is_authenticated else None
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        if status == PartyRequestStatus.ACCEPTED:
            promise.parties.add(request.organisation)
            summary = _("%(org)s godkände att stå som part i löftet") % {
                "org": request.organisation
            }
        else:
            promise.parties.remove(request.organisation)
            summary = _("%(org)s avböjde att stå som part i löftet") % {
                "org": request.organisation
            }
        # The promise changed as the public sees it: a new stamp, a new search row.
        promise.save(update_fields=["updated_at"])
        revision_record(
            promise=promise,
            actor=actor,
            action=Revision.Action.PARTY,
            before=before,
            summary=summary,
            source=source,
        )
    return request


def promise_party_accept(
    *, actor: Any, request: PartyRequest, source: str = "webb"
) -> PartyRequest:
    """The asked organisation joins the promise's parties (and so its public pages,
    API, feeds and mails); only its own admins and editors, or a superuser, may."""
    if request.status == PartyRequestStatus.ACCEPTED:
        return request
    return _decide(
        actor=actor, request=request, status=PartyRequestStatus.ACCEPTED, source=source
    )


def promise_party_decline(
    *, actor: Any, request: PartyRequest, source: str = "webb"
) -> PartyRequest:
    """The asked organisation says no, or takes back its yes: it leaves (or stays
    off) the promise's parties and may still accept later; only its own admins and
    editors, or a superuser, may."""
    if request.status == PartyRequestStatus.DECLINED:
        return request
    return _decide(
        actor=actor, request=request, status=PartyRequestStatus.DECLINED, source=source
    )


def asked_summary(asked: Iterable[Organisation]) -> str:
    """'väntar på godkännande av Nybro kommun' for a revision's summary."""
    names = ", ".join(str(o) for o in asked)
    return _("väntar på godkännande av %(names)s") % {"names": names} if names else ""
