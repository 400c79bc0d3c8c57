"""Reads for the coordination pages: a kommun's roles, meetings and open actions, a
meeting for staff, and the published meetings citizens may read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from medborgarloften.accounts.permissions import is_superuser, organisation_roles
from medborgarloften.places.models import Organisation, OrganisationKind

from .models import OPEN_STATUSES, CoordinationRole, Decision, Meeting
from .permissions import police_kommun_ids


def kommuner_for_user(*, user: Any) -> list[Organisation]:
    """The kommuner whose coordination the user may read: their own, and those a
    lokalpolisområde they belong to serves."""
    kommuner = Organisation.objects.filter(kind=OrganisationKind.KOMMUN)
    if not is_superuser(user):
        readable = set(organisation_roles(user)) | police_kommun_ids(user)
        kommuner = kommuner.filter(pk__in=readable)
    return list(kommuner.order_by("name"))


def kommun_by_code(*, code: str) -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.KOMMUN, code=code)


@dataclass
class Overview:
    kommun: Organisation
    today: dt.date
    current: list[CoordinationRole]
    former: list[CoordinationRole]
    upcoming: list[Meeting]
    past: list[Meeting]
    actions: list[Decision] = field(default_factory=list)

    @property
    def overdue(self) -> list[Decision]:
        return [a for a in self.actions if a.due is not None and a.due < self.today]


def open_actions(*, kommun: Organisation) -> list[Decision]:
    """Tracked actions still to be done, the earliest due first."""
    return list(
        Decision.objects.filter(
            meeting__kommun=kommun, status__in=OPEN_STATUSES, due__isnull=False
        )
        .filter(Q(owner_organisation__isnull=False) | ~Q(owner_role=""))
        .select_related("meeting", "owner_organisation")
        .order_by("due", "pk")
    )


def coordination_overview(
    *, kommun: Organisation, today: dt.date | None = None
) -> Overview:
    today = today or timezone.localdate()
    roles = list(
        CoordinationRole.objects.filter(kommun=kommun).select_related("organisation")
    )
    current = [
        r
        for r in roles
        if r.starts_on <= today and (r.ends_on is None or r.ends_on >= today)
    ]
    meetings = list(Meeting.objects.filter(kommun=kommun))
    return Overview(
        kommun=kommun,
        today=today,
        current=current,
        former=[r for r in roles if r not in current],
        upcoming=sorted(
            (m for m in meetings if m.held_on >= today), key=lambda m: m.held_on
        ),
        past=[m for m in meetings if m.held_on < today],
        actions=open_actions(kommun=kommun),
    )


def owned_open_actions(
    *, organisations: list[Any] | None = None, due_by: dt.date | None = None
) -> list[Decision]:
    """Open tracked actions with a due date that an organisation owns (those of
    ``organisations`` only, when given; due on or before ``due_by``, when given);
    the earliest due first. The staff's "Att göra" and the reminder e-mail read
    them here."""
    actions = Decision.objects.filter(
        owner_organisation__isnull=False, status__in=OPEN_STATUSES, due__isnull=False
    )
    if organisations is not None:
        actions = actions.filter(owner_organisation__in=organisations)
    if due_by is not None:
        actions = actions.filter(due__lte=due_by)
    return list(
        actions.select_related("meeting__kommun", "owner_organisation").order_by(
            "due", "pk"
        )
    )


def assigned_actions(*, user: Any) -> list[Decision]:
    """Open tracked actions owned by an organisation the user is a member of (in
    any kommun: an action assigned to a housing company is its to do, though it
    does not read the kommun's samordning); the earliest due first."""
    roles = organisation_roles(user)
    if not roles:
        return []
    return owned_open_actions(organisations=list(roles))


def meeting_for_staff(*, pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("kommun")
        .prefetch_related("agenda_items", "decisions__owner_organisation")
        .get(pk=pk)
    )


def decision_for_staff(*, pk: int) -> Decision:
    return Decision.objects.select_related("meeting__kommun", "owner_organisation").get(
        pk=pk
    )


def owner_choices(*, kommun: Organisation) -> QuerySet[Organisation]:
    """Organisations that can own an action: the kommun, the police units serving
    it and the organisations serving it."""
    return (
        Organisation.objects.filter(Q(pk=kommun.pk) | Q(serves=kommun))
        .distinct()
        .order_by("name")
    )


def published_meetings(*, kommun: Organisation) -> list[Meeting]:
    return list(Meeting.objects.published().filter(kommun=kommun))


def published_meeting(*, code: str, uid: Any) -> Meeting:
    """A published meeting with its decisions, for the public summary page."""
    return (
        Meeting.objects.published()
        .select_related("kommun")
        .prefetch_related("decisions__owner_organisation")
        .get(kommun__code=code, kommun__kind=OrganisationKind.KOMMUN, uid=uid)
    )
