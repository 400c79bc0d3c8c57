"""``medborgarloften manage reminders``: overdue commitments and due reports, per
organisation, mailed to its admins and editors; then each commitment's evidenced and
scheduled status is recorded where time changed it. Run it daily from cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import ngettext

from medborgarloften.followup.reminders import reminder_text, reminders, send_reminders
from medborgarloften.followup.services import current_statuses_refresh


class Command(BaseCommand):
    help = (
        "Skicka påminnelser om försenade åtaganden och rapporter som ska publiceras "
        "/ mail reminders about overdue commitments and due reports."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Skriv ut påminnelserna utan att skicka e-post / print, send nothing.",
        )
        parser.add_argument(
            "--today",
            help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD) / as of this date.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today: {options['today']!r} är inget datum (ÅÅÅÅ-MM-DD) "
                    "/ is not a date."
                )
        groups = reminders(today=today)
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
