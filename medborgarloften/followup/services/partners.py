"""Writes by partners: a partner organisation (named among a commitment's other
responsible parties, ``annan``) reports its status on the commitment and logs its
activities there. Activities go through ``activity_create``, the one writer; this
module adds the partner's permission check and the partner status report."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Role, User
from medborgarloften.accounts.permissions import is_superuser
from medborgarloften.lib.access import recorded_actor
from medborgarloften.lib.screening import needs_screening
from medborgarloften.places.members import (
    new_username_errors,
    user_create_with_membership,
)
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Commitment

from ..models import Activity
from ..permissions import (
    can_add_partner_members,
    named_partner_ids,
    reporting_partner_ids,
)
from ..status_models import PartnerReport, PartnerStatus
from .activities import ActivityFields, activity_create, outside_period

__all__ = [
    "MAX_PARTNER_COMMENT",
    "PARTNER_MEMBER_ROLES",
    "partner_member_add",
    "partner_activity_create",
    "partner_report_create",
]

MAX_PARTNER_COMMENT = 2000

#: Roles a coordinator may give in a partner organisation: reporting and reading.
#: Editors and admins of the partner are made by its own admin or the operator.
PARTNER_MEMBER_ROLES = (Role.REPORTER, Role.VIEWER)


def _require_partner(
    *, actor: Any, commitment: Commitment, organisation: Organisation
) -> None:
    """``organisation`` is a partner of the commitment, and the actor (unless the
    operator, None, or a superuser) reports for it."""
    if organisation.pk not in named_partner_ids(commitment):
        raise PermissionDenied(
            _("%(org)s är ingen partner för det här åtagandet.") % {"org": organisation}
        )
    if actor is None or is_superuser(actor):
        return
    if organisation.pk not in reporting_partner_ids(actor, commitment):
        raise PermissionDenied(
            _(
                "Bara administratörer, redaktörer och rapportörer i %(org)s får "
                "rapportera för organisationen."
            )
            % {"org": organisation}
        )


@transaction.atomic
def partner_report_create(
    *,
    actor: Any,
    commitment: Commitment,
    organisation: Organisation,
    status: str,
    reported_on: dt.date | None,
    comment: str = "",
    today: dt.date | None = None,
) -> PartnerReport:
    """Save a partner's status report on its commitment as a new row; only the
    partner's own members report, every problem is reported at once."""
    _require_partner(actor=actor, commitment=commitment, organisation=organisation)
    today = today or timezone.localdate()
    comment = (comment or "").strip()
    errors: dict[str, list[str]] = {}
    if status not in PartnerStatus.values:
        errors["status"] = [_("Status: välj ett av alternativen.")]
    if reported_on is None:
        errors["reported_on"] = [_("Datum: ange vilket datum läget gäller.")]
    elif reported_on > today:
        errors["reported_on"] = [
            _("Datum: %(date)s ligger i framtiden. Rapportera läget som det är.")
            % {"date": reported_on.isoformat()}
        ]
    elif problem := outside_period(commitment.promise, reported_on, _("Datum")):
        # "Läget per" a day of the promise, as an activity's date (one rule).
        errors["reported_on"] = [problem]
    if len(comment) > MAX_PARTNER_COMMENT:
        errors["comment"] = [
            _("Kommentar: högst %(max)s tecken (nu %(n)s).")
            % {"max": MAX_PARTNER_COMMENT, "n": len(comment)}
        ]
    elif needs_screening(comment):
        # The comment is published on the promise's public page as it is.
        errors["comment"] = [
            _(
                "Kommentar: texten ser ut att innehålla ett personnummer eller ett "
                "telefonnummer. Ta bort det – kommentaren visas öppet på löftets sida."
            )
        ]
    if errors or reported_on is None:
        raise ValidationError(errors)
    return PartnerReport.objects.create(
        commitment=commitment,
        organisation=organisation,
        status=status,
        comment=comment,
        reported_on=reported_on,
        created_by=recorded_actor(actor),
    )


def partner_activity_create(
    *,
    partner: Organisation,
    submission: uuid.UUID | None = None,
    **fields: Unpack[ActivityFields],
) -> Activity:
    """Log an activity ``partner`` did on its commitment, as the partner's (the
    activity's organisation); otherwise exactly ``activity_create``."""
    _require_partner(
        actor=fields.get("actor"),
        commitment=fields["commitment"],
        organisation=partner,
    )
    fields["organisation"] = partner
    return activity_create(submission=submission, **fields)


@transaction.atomic
def partner_member_add(
    *,
    actor: Any,
    organisation: Organisation,
    username: str,
    role: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a user with ``role`` (reporter or viewer) in a partner organisation
    named on one of the actor's promises; a taken username is refused, never
    reused, so nobody is handed another person's account. All or nothing."""
    if not can_add_partner_members(actor, organisation):
        raise PermissionDenied(
            _(
                "Du får bara lägga till användare i organisationer som är partner "
                "för ett åtagande i ett av dina medborgarlöften."
            )
        )
    username = (username or "").strip()
    errors = new_username_errors(username)
    if role not in PARTNER_MEMBER_ROLES:
        errors["role"] = [_("Roll: välj rapportör eller läsare.")]
    if not password:
        errors["password"] = [_("Lösenord: ange ett första lösenord.")]
    if errors:
        raise ValidationError(errors)
    result = user_create_with_membership(
        username=username,
        organisation=organisation,
        role=role,
        email=email,
        first_name=first_name,
        last_name=last_name,
        password=password,
    )
    return result.user
