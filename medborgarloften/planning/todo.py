"""The planning's part of the staff's "Att göra" (``lib.todo``): the law's deadline
of the lägesbild — an adopted lägesbild due for revision soon or overdue (at the
cadence it set), for the kommun's own admins and editors, who revise it (the same
people the revision e-mail goes to, ``reminders``)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import EDITING_ROLES
from medborgarloften.accounts.permissions import organisation_roles
from medborgarloften.lib.todo import TodoEntry
from medborgarloften.places.models import Organisation

from .selectors import reminder_text, revision_reminders


def planning_todo(user: Any) -> list[TodoEntry]:
    editing = [
        pk for pk, role in organisation_roles(user).items() if role in EDITING_ROLES
    ]
    if not editing:
        return []
    kommuner = Organisation.objects.kommuner().filter(pk__in=editing)
    return [
        TodoEntry(
            label=_("Lägesbilden ska revideras")
            if not reminder.overdue
            else _("Revideringen av lägesbilden är försenad"),
            text=reminder_text(reminder),
            link=reverse("planning:report", args=[reminder.report.pk]),
        )
        for reminder in revision_reminders(kommuner=kommuner)
    ]
