"""Who may read and write a kommun's lägesbild and åtgärdsplan: the lägesbild's rule
(``situation.permissions``) — any member acting for the kommun reads, its admins and
editors write, superusers do everything. Adopting is the kommun's own decision: only
the kommun's own admins and editors adopt (not a serving organisation's, e.g. the
lokalpolisområde's), and only its admins correct a recorded decision."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import EDITING_ROLES, Role
from medborgarloften.accounts.permissions import is_superuser, organisation_roles
from medborgarloften.places.models import Organisation
from medborgarloften.situation.permissions import (
    can_edit_situation,
    can_view_situation,
    kommuner_visible_to,
)

__all__ = [
    "can_adopt",
    "can_correct_decision",
    "can_edit",
    "can_view",
    "check_adopt",
    "check_correct_decision",
    "check_edit",
    "kommuner_visible_to",
]


def can_view(user: Any, kommun: Organisation) -> bool:
    return can_view_situation(user, kommun)


def can_edit(user: Any, kommun: Organisation) -> bool:
    return can_edit_situation(user, kommun)


def check_edit(user: Any, kommun: Organisation) -> None:
    """Raise PermissionDenied unless ``user`` may write for ``kommun``."""
    if not can_edit(user, kommun):
        raise PermissionDenied(
            _("Bara redaktörer och administratörer för %(kommun)s kan ändra här.")
            % {"kommun": kommun}
        )


def can_adopt(user: Any, kommun: Organisation) -> bool:
    """The kommun's own admins and editors (a membership in the kommun itself, not
    in an organisation that serves it) adopt its lägesbild and åtgärdsplan."""
    return is_superuser(user) or organisation_roles(user).get(kommun.pk) in (
        EDITING_ROLES
    )


def check_adopt(user: Any, kommun: Organisation) -> None:
    """Raise PermissionDenied unless ``user`` may adopt for ``kommun``."""
    if not can_adopt(user, kommun):
        raise PermissionDenied(
            _(
                "Bara kommunens egna redaktörer och administratörer kan anta "
                "lägesbilden och åtgärdsplanen för %(kommun)s."
            )
            % {"kommun": kommun}
        )


def can_correct_decision(user: Any, kommun: Organisation) -> bool:
    """The kommun's own admins correct an adoption's recorded decision."""
    return is_superuser(user) or organisation_roles(user).get(kommun.pk) == Role.ADMIN


def check_correct_decision(user: Any, kommun: Organisation) -> None:
    if not can_correct_decision(user, kommun):
        raise PermissionDenied(
            _("Bara kommunens administratörer kan rätta ett beslut.")
        )
