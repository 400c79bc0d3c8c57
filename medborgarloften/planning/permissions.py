"""Who may read and write a kommun's lägesbild and åtgärdsplan: the lägesbild's rule
(``situation.permissions``) — any member acting for the kommun reads, its admins and
editors write, superusers do everything."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation
from medborgarloften.situation.permissions import (
    can_edit_situation,
    can_view_situation,
    kommuner_visible_to,
)

__all__ = ["can_edit", "can_view", "check_edit", "kommuner_visible_to"]


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
