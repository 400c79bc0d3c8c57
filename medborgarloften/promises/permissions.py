"""Who may read and change which promise: the whole rule, in one place.

- Admins and editors may create promises where their organisation is a party, and
  change promises where their organisation is a party.
- Reporters and viewers may read their organisations' promises (drafts included) and
  their history, never change them.
- A promise kept as a reference (another area's promise imported for comparison,
  ``Promise.reference_for``) belongs to the organisation that keeps it: its members
  read it, its admins and editors change it.
- Superusers may do everything.
- Everybody, signed in or not, may read public promises on the public pages
  (``Promise.objects.public()``); that rule lives with the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from medborgarloften.accounts.permissions import (
    editing_organisation_ids,
    is_superuser,
    member_organisation_ids,
)

from .models import Promise, PromiseQuerySet


def _party_ids(promise: Promise) -> set[int]:
    # Uses a prefetched ``parties`` when there is one.
    ids = {party.pk for party in promise.parties.all()}
    if promise.reference_for_id is not None:
        ids.add(promise.reference_for_id)
    return ids


def can_create_promise(user: Any) -> bool:
    """Admins and editors of some organisation, and superusers, may start a promise."""
    return is_superuser(user) or bool(editing_organisation_ids(user))


def can_view_promise(user: Any, promise: Promise) -> bool:
    """Any member of a party may read the promise, drafts and history included."""
    if is_superuser(user):
        return True
    return bool(member_organisation_ids(user) & _party_ids(promise))


def can_edit_promise(user: Any, promise: Promise) -> bool:
    """Admins and editors of a party may change the promise and its status."""
    if is_superuser(user):
        return True
    return bool(editing_organisation_ids(user) & _party_ids(promise))


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
    return queryset.for_organisations(member_organisation_ids(user))
