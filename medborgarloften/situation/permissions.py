"""Who may read, report to and edit a kommun's lägesbild: the whole rule, in one place.

A user acts for a kommun through a membership in the kommun itself, or in an
organisation that serves it (a lokalpolisområde, a housing company: ``serves``).

- Any member (admin, editor, reporter, viewer) may read the lägesbild.
- Admins, editors and reporters may file observations (EST reports).
- Admins and editors may import data, record dialogues, freeze baselines, and
  correct or remove any observation; a reporter may correct or remove their own
  observation for ``OWN_CHANGE_DAYS`` days after filing it.
- Superusers may do everything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from medborgarloften.accounts.models import Role
from medborgarloften.accounts.permissions import is_superuser, organisation_roles
from medborgarloften.places.models import Organisation, OrganisationKind

REPORTING_ROLES = frozenset({Role.ADMIN, Role.EDITOR, Role.REPORTER})
EDITING_ROLES = frozenset({Role.ADMIN, Role.EDITOR})

#: How long reporters may correct or remove an observation of their own.
OWN_CHANGE_DAYS = 14

_CACHE_ATTR = "_medborgarloften_situation_kommuner"


def kommun_roles(user: Any) -> dict[int, set[str]]:
    """Kommun id → the roles the user holds for it (directly or through ``serves``).

    Cached on the user object (one request), so a page asking often costs two queries.
    """
    roles = organisation_roles(user)
    if not roles:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    result: dict[int, set[str]] = {}
    rows = Organisation.objects.filter(pk__in=roles).values_list(
        "pk", "kind", "serves__pk"
    )
    for org_id, kind, served_id in rows:
        role = roles[org_id]
        if kind == OrganisationKind.KOMMUN:
            result.setdefault(org_id, set()).add(role)
        if served_id is not None:
            result.setdefault(served_id, set()).add(role)
    setattr(user, _CACHE_ATTR, result)
    return result


def _has(user: Any, kommun: Organisation, wanted: frozenset[str] | None) -> bool:
    if is_superuser(user):
        return True
    held = kommun_roles(user).get(kommun.pk, set())
    return bool(held) if wanted is None else bool(held & wanted)


def can_view_situation(user: Any, kommun: Organisation) -> bool:
    """Any member acting for the kommun may read its lägesbild."""
    return _has(user, kommun, None)


def can_report(user: Any, kommun: Organisation) -> bool:
    """Reporters, editors and admins acting for the kommun may file observations."""
    return _has(user, kommun, REPORTING_ROLES)


def can_edit_situation(user: Any, kommun: Organisation) -> bool:
    """Editors and admins may import data, record dialogues and freeze baselines."""
    return _has(user, kommun, EDITING_ROLES)


def can_change_observation(user: Any, observation: Any) -> bool:
    """Editors and admins of the observation's kommun may correct or remove it; its
    reporter too, while still a reporter there and for ``OWN_CHANGE_DAYS`` days."""
    kommun = observation.kommun
    if can_edit_situation(user, kommun):
        return True
    if observation.reporter_id is None or observation.reporter_id != user.pk:
        return False
    recent = observation.created_at >= timezone.now() - dt.timedelta(
        days=OWN_CHANGE_DAYS
    )
    return recent and can_report(user, kommun)


def kommuner_visible_to(user: Any) -> Any:
    """The kommuner whose lägesbild this user may read."""
    queryset = Organisation.objects.kommuner()
    if is_superuser(user):
        return queryset
    return queryset.filter(pk__in=kommun_roles(user))


def reporting_organisation(user: Any, kommun: Organisation) -> Organisation | None:
    """The organisation the user reports for in this kommun: the kommun itself when a
    member, else the first member organisation that serves it."""
    roles = organisation_roles(user)
    if kommun.pk in roles:
        return kommun
    return (
        Organisation.objects.filter(pk__in=roles, serves=kommun).order_by("pk").first()
    )
