"""Who may read and change which promise: the whole rule, in one place.

- Admins and editors may create promises where their organisation is a party, and
  change promises where their organisation is a party.
- Reporters and viewers may read their organisations' promises (drafts included) and
  their history, never change them.
- A promise kept as a reference (another area's promise imported for comparison,
  ``Promise.reference_for``) belongs to the organisation that keeps it, and to it
  alone: its members read it, its admins and editors change it. The parties it names
  are the other area's, as its document says; they get no rights to the copy and are
  never asked to accept it.
- A kommun or police unit named as a party by an editor outside it is not a party
  until its own admin or editor accepts (``PartyRequest``); meanwhile its members may
  read the promise, to decide, and its admins and editors accept or decline.
- Superusers may do everything.
- Everybody, signed in or not, may read public promises on the public pages
  (``Promise.objects.public()``); that rule lives with the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from medborgarloften.accounts.permissions import (
    editing_organisation_ids,
    is_superuser,
    member_organisation_ids,
)
from medborgarloften.places.models import Organisation

from .models import (
    ACCEPTING_KINDS,
    PartyRequest,
    PartyRequestStatus,
    Promise,
    PromiseQuerySet,
)


def _party_ids(promise: Promise) -> set[int]:
    """The organisations whose members the promise belongs to: its parties, or for
    a reference only the organisation that keeps it."""
    if promise.reference_for_id is not None:
        return {promise.reference_for_id}
    # Uses a prefetched ``parties`` when there is one.
    return {party.pk for party in promise.parties.all()}


def _asked_ids(promise: Promise) -> set[int]:
    """Organisations asked to be a party that have not accepted (yet)."""
    if promise.pk is None:
        return set()
    return {r.organisation_id for r in promise.party_requests.all() if r.is_open}


def needs_acceptance(actor: Any, organisation: Organisation) -> bool:
    """Whether naming ``organisation`` as a party waits for its own acceptance: a
    kommun or police unit the actor does not edit for. The operator (no actor: CLI,
    loaders) and superusers speak for every organisation."""
    if actor is None or is_superuser(actor):
        return False
    if organisation.kind not in ACCEPTING_KINDS:
        return False
    return organisation.pk not in editing_organisation_ids(actor)


def can_decide_party_request(user: Any, request: PartyRequest) -> bool:
    """The named organisation's admins and editors (and superusers) accept or
    decline being a party."""
    if is_superuser(user):
        return True
    return request.organisation_id in editing_organisation_ids(user)


def can_create_promise(user: Any) -> bool:
    """Admins and editors of some organisation, and superusers, may start a promise."""
    return is_superuser(user) or bool(editing_organisation_ids(user))


def can_view_promise(user: Any, promise: Promise) -> bool:
    """Any member of a party may read the promise, drafts and history included; so
    may members of an organisation asked to be a party, to decide."""
    if is_superuser(user):
        return True
    members = member_organisation_ids(user)
    return bool(members & _party_ids(promise)) or bool(members & _asked_ids(promise))


def can_edit_promise(user: Any, promise: Promise) -> bool:
    """Admins and editors of a party may change the promise and its status."""
    if is_superuser(user):
        return True
    return bool(editing_organisation_ids(user) & _party_ids(promise))


def can_make_own_draft(user: Any, promise: Promise) -> bool:
    """Whether ``user`` may turn a reference into a draft of the organisations it
    names (its parties): a superuser, or an admin or editor of one of them."""
    if promise.reference_for_id is None:
        return False
    if is_superuser(user):
        return True
    parties = {party.pk for party in promise.parties.all()}
    return bool(editing_organisation_ids(user) & parties)


def can_author_with_parties(
    user: Any, party_ids: Iterable[int], *, reference_for: int | None = None
) -> bool:
    """A saved promise must keep one of the editor's own organisations as a party,
    so nobody can hand a promise to others and lose sight of it (or create one for
    somebody else) — unless it is a reference that one of them keeps."""
    if is_superuser(user):
        return True
    own = editing_organisation_ids(user)
    return bool(own & set(party_ids)) or (
        reference_for is not None and reference_for in own
    )


def promises_visible_to(user: Any, queryset: PromiseQuerySet | None = None) -> Any:
    """The promises the staff UI lists for this user."""
    queryset = queryset if queryset is not None else Promise.objects.all()
    if is_superuser(user):
        return queryset
    members = member_organisation_ids(user)
    asked = PartyRequest.objects.filter(organisation__in=members).exclude(
        status=PartyRequestStatus.ACCEPTED
    )
    return queryset.filter(
        Q(parties__in=members, reference_for__isnull=True)
        | Q(reference_for__in=members)
        | Q(pk__in=asked.values("promise_id"))
    ).distinct()
