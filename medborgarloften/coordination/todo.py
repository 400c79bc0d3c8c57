"""The coordination's part of the staff's "Att göra" (``lib.todo``): open decisions
of a samordning meeting assigned to an organisation the user belongs to."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.todo import TodoEntry

from .permissions import can_view_coordination
from .selectors import assigned_actions


def coordination_todo(user: Any) -> list[TodoEntry]:
    today = timezone.localdate()
    entries = []
    for decision in assigned_actions(user=user):
        meeting = decision.meeting
        overdue = decision.due is not None and decision.due < today
        entries.append(
            TodoEntry(
                label=_("Försenat beslut att genomföra")
                if overdue
                else _("Beslut att genomföra"),
                text=_(
                    "%(decision)s (%(organisation)s, %(kommun)s, klart senast "
                    "%(due)s; beslutat på %(meeting)s)"
                )
                % {
                    "decision": decision.text,
                    "organisation": decision.owner_organisation,
                    "kommun": meeting.kommun,
                    "due": decision.due.isoformat() if decision.due else "",
                    "meeting": meeting.title,
                },
                link=reverse("coordination:meeting", args=[meeting.pk])
                + f"#beslut-{decision.pk}"
                if can_view_coordination(user, meeting.kommun)
                else reverse("coordination:decision", args=[decision.pk]),
            )
        )
    return entries
