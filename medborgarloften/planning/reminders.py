"""Revision reminders by e-mail: each kommun whose adopted lägesbild is due for
revision (at the cadence it set) or overdue hears it, through its admins and editors —
the same recipients as the follow-up reminders (``followup.reminders``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail

from medborgarloften.followup.reminders import recipients
from medborgarloften.places.models import Organisation

from .selectors import RevisionReminder, reminder_text, revision_reminders


def reminders_by_kommun(
    *, today: dt.date
) -> dict[Organisation, list[RevisionReminder]]:
    grouped: dict[Organisation, list[RevisionReminder]] = defaultdict(list)
    for reminder in revision_reminders(
        kommuner=Organisation.objects.kommuner(), today=today
    ):
        grouped[reminder.report.kommun].append(reminder)
    return dict(grouped)


def send_revision_reminders(
    *, grouped: dict[Organisation, list[RevisionReminder]]
) -> list[tuple[Organisation, list[str]]]:
    """One e-mail per kommun with someone to tell; returns who got it."""
    sent = []
    for kommun, items in grouped.items():
        to = recipients(kommun)
        if not to:
            continue
        send_mail(
            subject=f"Medborgarlöften: lägesbilden för {kommun} ska revideras",
            message="\n".join(reminder_text(r) for r in items),
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=to,
        )
        sent.append((kommun, to))
    return sent
