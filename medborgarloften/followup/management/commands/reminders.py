"""``medborgarloften manage reminders``: overdue commitments and due reports, per
organisation, mailed to its admins and editors; then each commitment's evidenced and
scheduled status is recorded where time changed it. Run it daily from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from medborgarloften.followup.reminders import (
    reminder_text,
    reminders,
    send_reminders,
    with_mail_lines,
)
from medborgarloften.followup.services import current_statuses_refresh
from medborgarloften.lib.commands import add_reminder_arguments, today_option


class Command(BaseCommand):
    help = (
        "Skicka påminnelser om försenade åtaganden och rapporter som ska publiceras "
        "/ mail reminders about overdue commitments and due reports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_reminder_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_option(options)
        groups = with_mail_lines(reminders(today=today), today)
        if options["dry_run"]:
            for group in groups:
                self.stdout.write(reminder_text(group, today))
                self.stdout.write("")
            self.stdout.write(
                ngettext(
                    "%(n)d organisation med påminnelser",
                    "%(n)d organisationer med påminnelser",
                    len(groups),
                )
                % {"n": len(groups)}
                + ", inget skickat (provkörning) / dry run."
            )
            return
        sent = send_reminders(groups=groups, today=today)
        reached = {group.organisation.pk for group, _ in sent}
        unreachable = [
            g.organisation for g in groups if g.organisation.pk not in reached
        ]
        self.stdout.write(
            ngettext(
                "Skickade påminnelser till %(n)d organisation",
                "Skickade påminnelser till %(n)d organisationer",
                len(sent),
            )
            % {"n": len(sent)}
            + f" / sent to {len(sent)} "
            + ("organisation." if len(sent) == 1 else "organisations.")
        )
        for organisation in unreachable:
            self.stdout.write(
                f"Ingen e-postadress hos administratörer/redaktörer i {organisation} "
                "/ no address."
            )
        changes = current_statuses_refresh(today=today)
        self.stdout.write(
            f"Statusändringar registrerade / status changes recorded: {len(changes)}"
        )
