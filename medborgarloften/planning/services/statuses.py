"""Reporting how a measure of an adopted åtgärdsplan is going: its responsible
organisation (admins, editors, reporters) or the kommun's editors say it, as staff
report a commitment's status in the follow-up (``followup.ManualStatus``). Each
report is a new row; the newest is the measure's reported status."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import Role
from medborgarloften.accounts.permissions import organisation_roles
from medborgarloften.followup.models import ManualStatus
from medborgarloften.lib.access import recorded_actor

from ..models import Measure, MeasureStatus
from ..permissions import can_edit

_RESPONSIBLE_ROLES = frozenset({Role.ADMIN, Role.EDITOR, Role.REPORTER})


def can_report_measure(user: Any, measure: Measure) -> bool:
    """The kommun's editors, or a member (admin, editor, reporter) of the measure's
    responsible organisation."""
    if can_edit(user, measure.plan.kommun):
        return True
    if measure.responsible_id is None:
        return False
    return organisation_roles(user).get(measure.responsible_id) in _RESPONSIBLE_ROLES


def reportable_measures(user: Any, plan: Any) -> set[int]:
    """The measures of an adopted plan whose status the user may report."""
    if not plan.is_adopted:
        return set()
    measures = list(plan.measures.all())
    if can_edit(user, plan.kommun):
        return {m.pk for m in measures}
    roles = organisation_roles(user)
    return {m.pk for m in measures if roles.get(m.responsible_id) in _RESPONSIBLE_ROLES}


def measure_status_report(
    *, actor: Any, measure: Measure, status: str, note: str = ""
) -> MeasureStatus:
    """A reported status for a measure of an adopted plan."""
    if not can_report_measure(actor, measure):
        raise PermissionDenied(
            _(
                "Bara åtgärdens ansvariga organisation och kommunens redaktörer kan "
                "rapportera dess status."
            )
        )
    if not measure.plan.is_adopted:
        raise ValidationError(
            _("Status rapporteras när åtgärdsplanen är antagen och genomförs.")
        )
    if status not in ManualStatus.values:
        raise ValidationError({"status": _("Välj en status.")})
    roles = organisation_roles(actor)
    organisation = (
        measure.responsible
        if measure.responsible_id in roles
        else measure.plan.kommun
        if measure.plan.kommun_id in roles
        else None
    )
    with transaction.atomic():
        return MeasureStatus.objects.create(
            measure=measure,
            status=status,
            note=note.strip(),
            reported_by=recorded_actor(actor),
            organisation=organisation,
        )
