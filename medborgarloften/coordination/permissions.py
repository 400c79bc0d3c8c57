"""Who may see and change a kommun's coordination: its members read (any role), and
so do the members of a lokalpolisområde that serves it (the police is a party to the
samordning under lag 2023:196); the kommun's admins and editors write; superusers
both."""

from __future__ import annotations

from typing import Any

from medborgarloften.accounts.models import EDITING_ROLES
from medborgarloften.accounts.permissions import is_superuser, organisation_roles
from medborgarloften.places.models import Organisation, OrganisationKind

_POLICE_ATTR = "_medborgarloften_police_kommuner"


def police_kommun_ids(user: Any) -> set[int]:
    """The kommuner served by a lokalpolisområde the user is a member of (any
    role); cached on the user object (one request)."""
    roles = organisation_roles(user)
    if not roles:
        return set()
    cached = getattr(user, _POLICE_ATTR, None)
    if cached is None:
        cached = set(
            Organisation.objects.filter(
                pk__in=list(roles),
                kind=OrganisationKind.LOKALPOLISOMRADE,
                serves__isnull=False,
            ).values_list("serves__pk", flat=True)
        )
        setattr(user, _POLICE_ATTR, cached)
    return set(cached)


def can_view_coordination(user: Any, kommun: Any) -> bool:
    return (
        is_superuser(user)
        or kommun.pk in organisation_roles(user)
        or kommun.pk in police_kommun_ids(user)
    )


def can_edit_coordination(user: Any, kommun: Any) -> bool:
    return (
        is_superuser(user) or organisation_roles(user).get(kommun.pk) in EDITING_ROLES
    )


def owns_decision(user: Any, decision: Any) -> bool:
    """The user is a member of the organisation a decision was assigned to (a
    housing company, the lokalpolisområde): it reads that decision even where it
    does not read the kommun's samordning."""
    owner = decision.owner_organisation_id
    return owner is not None and owner in organisation_roles(user)


def can_view_decision(user: Any, decision: Any) -> bool:
    return can_view_coordination(user, decision.meeting.kommun) or owns_decision(
        user, decision
    )


def can_update_decision(user: Any, decision: Any) -> bool:
    """The kommun's writers, and the owning organisation's admins and editors,
    report how an assigned action is going."""
    owner = decision.owner_organisation_id
    return can_edit_coordination(user, decision.meeting.kommun) or (
        owner is not None and organisation_roles(user).get(owner) in EDITING_ROLES
    )
