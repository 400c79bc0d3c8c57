"""Who may do what with a case.

- An **owner**: a member (admin, editor or reporter) of the organisation the case is
  routed to — sees and changes only its own cases: answers, hands on, closes.
- The **coordinator**: an editor or admin of the case's kommun — sees all the
  kommun's cases, routes, moderates, merges, links to commitments and activities,
  and keeps the routing rules.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Role
from medborgarloften.accounts.permissions import (
    editing_organisation_ids,
    is_superuser,
    organisation_roles,
)

from .models import Case

OWNER_ROLES = {Role.ADMIN, Role.EDITOR, Role.REPORTER}


def owner_organisation_ids(user: Any) -> set[int]:
    return {
        org for org, role in organisation_roles(user).items() if role in OWNER_ROLES
    }


def can_coordinate(user: Any, kommun_id: int) -> bool:
    return is_superuser(user) or kommun_id in editing_organisation_ids(user)


def can_handle(user: Any, case: Case) -> bool:
    """Answer, hand on or close: the owner's members, or the coordinator."""
    return (
        case.owner_id is not None and case.owner_id in owner_organisation_ids(user)
    ) or (can_coordinate(user, case.kommun_id))


def require_coordinator(user: Any, kommun_id: int) -> None:
    if not can_coordinate(user, kommun_id):
        raise PermissionDenied(_("Bara kommunens samordnare får göra det."))


def require_handler(user: Any, case: Case) -> None:
    if not can_handle(user, case):
        raise PermissionDenied(_("Ärendet hör till en annan organisation."))
