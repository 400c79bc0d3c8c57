"""What a user's memberships allow, read once per request.

The rules themselves live with what they protect (``promises.permissions``); this module
only answers "in which organisations does this user hold which role", so every app asks
the same question the same way.
"""

from __future__ import annotations

from typing import Any

from .models import EDITING_ROLES, Role

_CACHE_ATTR = "_medborgarloften_roles"
_KINDS_ATTR = "_medborgarloften_organisation_kinds"


def organisation_roles(user: Any) -> dict[int, str]:
    """Organisation id → role for a signed-in user; empty for anonymous visitors.

    Cached on the user object, which lives for one request, so a page that asks many
    times costs one query.
    """
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        rows = list(
            user.memberships.values_list(
                "organisation_id", "role", "organisation__kind"
            )
        )
        cached = {org: role for org, role, _kind in rows}
        setattr(user, _CACHE_ATTR, cached)
        setattr(user, _KINDS_ATTR, {kind for _org, _role, kind in rows})
    return cached


def organisation_kinds(user: Any) -> set[str]:
    """The kinds of the organisations the user is a member of (kommun, bostadsbolag,
    …), read in the same query as :func:`organisation_roles`."""
    if user is None or not user.is_authenticated:
        return set()
    organisation_roles(user)
    return set(getattr(user, _KINDS_ATTR, set()))


def forget_roles(user: Any) -> None:
    """Drop the cached roles, e.g. after memberships changed within a request."""
    for attr in (_CACHE_ATTR, _KINDS_ATTR):
        if user is not None and hasattr(user, attr):
            delattr(user, attr)


def is_superuser(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def member_organisation_ids(user: Any) -> set[int]:
    """Organisations the user belongs to in any role (admin, editor, reporter, viewer)."""
    return set(organisation_roles(user))


def editing_organisation_ids(user: Any) -> set[int]:
    """Organisations in which the user may change promises (admin or editor)."""
    return {
        org_id
        for org_id, role in organisation_roles(user).items()
        if role in EDITING_ROLES
    }


def role_in(user: Any, organisation_id: int) -> Role | None:
    """The user's role in one organisation, or None when not a member."""
    role = organisation_roles(user).get(organisation_id)
    return Role(role) if role else None
