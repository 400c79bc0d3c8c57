"""The coordination's part of the staff's "Att göra" and of the daily reminder
e-mail (``lib.todo``): open decisions of a samordning meeting assigned to an
organisation the user belongs to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.todo import TodoEntry

from .permissions import can_view_coordination
from .selectors import assigned_actions, owned_open_actions

#: An assigned action is in the e-mail when it is due within this many days.
MAIL_DUE_DAYS = 14


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


def coordination_mail_lines(today: dt.date) -> list[tuple[Any, str]]:
    """Each owning organisation's open actions that are overdue or due within
    ``MAIL_DUE_DAYS``, one line each (Swedish, as the rest of the e-mail)."""
    decisions = owned_open_actions(due_by=today + dt.timedelta(days=MAIL_DUE_DAYS))
    lines = []
    for decision in decisions:
        assert decision.due is not None  # filtered above
        meeting = decision.meeting
        state = "Försenat beslut" if decision.due < today else "Beslut att genomföra"
        lines.append(
            (
                decision.owner_organisation,
                f"{state}: {decision.text} ({meeting.kommun}, klart senast "
                f"{decision.due.isoformat()}; beslutat på {meeting.title} "
                f"{meeting.held_on.isoformat()})",
            )
        )
    return lines
