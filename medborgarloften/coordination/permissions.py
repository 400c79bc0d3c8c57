"""Who may see and change a kommun's coordination: its members read (any role), its
admins and editors write; superusers both."""

from __future__ import annotations

from typing import Any

from medborgarloften.accounts.models import EDITING_ROLES
from medborgarloften.accounts.permissions import is_superuser, organisation_roles


def can_view_coordination(user: Any, kommun: Any) -> bool:
    return is_superuser(user) or kommun.pk in organisation_roles(user)


def can_edit_coordination(user: Any, kommun: Any) -> bool:
    return (
        is_superuser(user) or organisation_roles(user).get(kommun.pk) in EDITING_ROLES
    )
