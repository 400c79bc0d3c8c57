"""Who may change organisations and areas: the whole rule, in one place.

- Organisations (kommuner, police units, other parties) are reference data shared by
  everybody: superusers and admins of any organisation may add and change them.
- The areas of a kommun belong to that kommun: its admins and editors (and superusers)
  may add, change and remove them. Reporters and viewers may not, nor may editors of
  another kommun or of the police.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from medborgarloften.accounts.models import EDITING_ROLES, Role
from medborgarloften.accounts.permissions import is_superuser, organisation_roles

from .models import Organisation


def can_manage_organisations(user: Any) -> bool:
    """Superusers and admins of any organisation."""
    return is_superuser(user) or Role.ADMIN in organisation_roles(user).values()


def can_edit_areas(user: Any, kommun: Organisation) -> bool:
    """Superusers, and admins and editors of this kommun."""
    if is_superuser(user):
        return True
    return organisation_roles(user).get(kommun.pk) in EDITING_ROLES


def kommuner_with_editable_areas(user: Any) -> QuerySet[Organisation]:
    """The kommuner whose areas ``user`` may edit, for links in the staff UI."""
    kommuner = Organisation.objects.kommuner().select_related("county")
    if is_superuser(user):
        return kommuner
    ids = [pk for pk, role in organisation_roles(user).items() if role in EDITING_ROLES]
    return kommuner.filter(pk__in=ids)
