"""Who may log, change and report follow-up. Builds on ``promises.permissions``.

- Whoever may edit the promise (admins and editors of a party, superusers) may log,
  change and delete any of its activities, write assessments and run its reports.
- Reporters of a party may log activities too — they are the ones out on the
  trygghetsvandring — and change or delete the activities they logged themselves;
  they cannot touch others' activities, assessments or reports.
- Viewers, like every member of a party, may read the follow-up.
- A **partner** is an organisation a commitment names among its other responsible
  parties (``other_parties``) when ``annan`` is among its responsible. Its admins,
  editors and reporters report status on that commitment and log activities there as
  their organisation's — on no other commitment, and never the promise. Its viewers
  read those commitments. Partner rights are ``partner_ids`` and
  ``reporting_partner_ids``; they grant nothing on the promise itself.
"""

from __future__ import annotations

from typing import Any

from medborgarloften.accounts.models import Role
from medborgarloften.accounts.permissions import (
    editing_organisation_ids,
    is_superuser,
    organisation_roles,
)
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import ACCEPTING_KINDS, Commitment, Promise
from medborgarloften.promises.permissions import can_edit_promise, can_view_promise

__all__ = [
    "PARTNER_ROLES",
    "can_change_activity",
    "can_edit_promise",
    "can_log_activity",
    "can_view_promise",
    "can_add_partner_members",
    "named_partner_ids",
    "partner_ids",
    "reporting_partner_ids",
]

#: Roles in a partner organisation that may report on its commitments.
PARTNER_ROLES = (Role.ADMIN, Role.EDITOR, Role.REPORTER)


def _is_reporter(user: Any, promise: Promise) -> bool:
    roles = organisation_roles(user)
    return any(roles.get(p.pk) == Role.REPORTER for p in promise.parties.all())


def can_log_activity(user: Any, promise: Promise) -> bool:
    """Editors of the promise and reporters of a party may log activities."""
    return can_edit_promise(user, promise) or _is_reporter(user, promise)


def can_change_activity(user: Any, promise: Promise, activity: Any) -> bool:
    """Editors may change any activity; a reporter only those they logged."""
    if can_edit_promise(user, promise):
        return True
    return (
        _is_reporter(user, promise)
        and activity.created_by_id is not None
        and activity.created_by_id == getattr(user, "pk", None)
    )


def named_partner_ids(commitment: Commitment) -> set[int]:
    """Partners of the commitment: its other parties, when ``annan`` is
    responsible; none for a reference kept for comparison. Uses a prefetched
    ``other_parties``."""
    if "annan" not in (commitment.responsible or []):
        return set()
    if commitment.promise.reference_for_id is not None:
        return set()
    return {o.pk for o in commitment.other_parties.all()}


def partner_ids(user: Any, commitment: Commitment) -> set[int]:
    """The user's organisations that are partners of the commitment (any role);
    for a superuser every partner."""
    if is_superuser(user):
        return named_partner_ids(commitment)
    return set(organisation_roles(user)) & named_partner_ids(commitment)


def reporting_partner_ids(user: Any, commitment: Commitment) -> set[int]:
    """The user's partner organisations in which they may report on it; for a
    superuser every partner."""
    if is_superuser(user):
        return named_partner_ids(commitment)
    roles = organisation_roles(user)
    return {
        org_id
        for org_id in named_partner_ids(commitment)
        if roles.get(org_id) in PARTNER_ROLES
    }


def can_add_partner_members(user: Any, organisation: Organisation) -> bool:
    """Admins and editors of a party to a promise that names ``organisation`` as a
    partner on one of its commitments may give people access to it — never to a
    kommun or a police unit, whose own admins decide who speaks for them."""
    if organisation.kind in ACCEPTING_KINDS:
        return False
    if is_superuser(user):
        return True
    editing = editing_organisation_ids(user)
    if not editing:
        return False
    return (
        Commitment.objects.filter(
            other_parties=organisation,
            responsible__icontains='"annan"',
            promise__parties__in=editing,
            promise__reference_for__isnull=True,
        )
        .values("pk")
        .exists()
    )
