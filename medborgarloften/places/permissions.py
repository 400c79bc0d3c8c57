"""Who may change organisations and areas: the whole rule, in one place.

- The organisation pages are open to superusers and to admins of any organisation;
  the list itself is reference data (names, kinds, codes) and shows everybody.
- An admin changes only the organisations they are an admin of. Superusers change
  any organisation.
- A kommun's name, kommunkod and län come from the reference data (SCB, ``loadref``):
  only a superuser changes them by hand. Kommuner are never added here.
- Serving a kommun (``Organisation.serves``) opens the kommun's lägesbild, imports and
  survey answers to the serving organisation's members, so granting it needs an admin
  of that kommun (or a superuser). Withdrawing it needs an admin of either side.
  Every grant and withdrawal is audited (``OrganisationEvent``).
- New police units (lokalpolisområde, polisområde, polisregion) are added by admins
  of a police unit or by superusers; other parties (a school, a housing company) by
  any admin.
- Users of an organisation: its admins (and superusers) add, change and remove
  members of any role; its editors add and remove reporters and viewers (a
  trygghetssamordnare gives trained EST reporters their accounts). Nobody changes
  their own membership here, and an organisation keeps at least one admin.
- The areas of a kommun belong to that kommun: its admins and editors (and superusers)
  may add, change and remove them. Reporters and viewers may not, nor may editors of
  another kommun or of the police.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from medborgarloften.accounts.models import EDITING_ROLES, Role
from medborgarloften.accounts.permissions import (
    is_superuser,
    organisation_kinds,
    organisation_roles,
)

from .models import POLICE_KINDS, Organisation, OrganisationKind


def _admin_ids(user: Any) -> set[int]:
    return {pk for pk, role in organisation_roles(user).items() if role == Role.ADMIN}


#: Organisations that are parties of their own right; a member of any other kind (a
#: housing company, a förvaltning, a förening) reports on its own commitments.
_NOT_PARTNER_KINDS = frozenset({OrganisationKind.KOMMUN, *POLICE_KINDS})


def is_partner_member(user: Any) -> bool:
    """A member of at least one partner organisation, or a superuser: "Våra
    åtaganden" has something for them. No query of its own (see below)."""
    return is_superuser(user) or bool(organisation_kinds(user) - _NOT_PARTNER_KINDS)


def is_partner_only(user: Any) -> bool:
    """A member of partner organisations only (a housing company, a förening), not of
    a kommun or the police, and not a superuser: the kommun's staff sections (lägesbild,
    åtgärdsplan, samordning, the promise list) have nothing for them. Reads the kinds
    with the roles query, so it costs no query of its own."""
    if is_superuser(user):
        return False
    kinds = organisation_kinds(user)
    return bool(kinds) and not kinds & _NOT_PARTNER_KINDS


def can_manage_organisations(user: Any) -> bool:
    """May open the organisation pages: superusers and admins of any organisation."""
    return is_superuser(user) or bool(_admin_ids(user))


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    """Superusers, and admins of this very organisation."""
    return is_superuser(user) or organisation.pk in _admin_ids(user)


def editable_organisation_ids(user: Any) -> set[int] | None:
    """The organisations ``user`` may edit; None means every one (a superuser)."""
    return None if is_superuser(user) else _admin_ids(user)


def can_change_reference_fields(user: Any, organisation: Organisation) -> bool:
    """A kommun's name, code and län are reference data: superusers only."""
    return is_superuser(user) or not organisation.is_kommun


def can_create_organisation(user: Any, kind: str) -> bool:
    """Kommuner come from the reference data; police units need a police admin."""
    if is_superuser(user):
        return True
    if kind == OrganisationKind.KOMMUN:
        return False
    admin_of = _admin_ids(user)
    if not admin_of:
        return False
    if kind in POLICE_KINDS:
        return Organisation.objects.filter(
            pk__in=admin_of, kind__in=POLICE_KINDS
        ).exists()
    return True


def creatable_kinds(user: Any) -> list[str]:
    """The kinds of organisation ``user`` may add, in the order of the choices."""
    return [
        kind
        for kind in OrganisationKind.values
        if kind != OrganisationKind.KOMMUN and can_create_organisation(user, kind)
    ]


def can_grant_access_to(user: Any, kommun: Organisation) -> bool:
    """Letting an organisation serve ``kommun`` needs an admin of the kommun."""
    return is_superuser(user) or kommun.pk in _admin_ids(user)


def manageable_roles(user: Any, organisation: Organisation) -> list[str]:
    """The roles ``user`` may give and take away in ``organisation``: every role for
    its admins and superusers, reporter and viewer for its editors, none otherwise."""
    if is_superuser(user) or organisation.pk in _admin_ids(user):
        return list(Role.values)
    if organisation_roles(user).get(organisation.pk) == Role.EDITOR:
        return [Role.REPORTER.value, Role.VIEWER.value]
    return []


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
