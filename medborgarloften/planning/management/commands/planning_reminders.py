"""``medborgarloften manage planning_reminders``: lägesbilder due for revision, mailed
to each kommun's admins and editors. Run it daily from cron, beside ``reminders``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from medborgarloften.lib.commands import add_reminder_arguments, today_option
from medborgarloften.planning.reminders import (
    reminders_by_kommun,
    send_revision_reminders,
)
from medborgarloften.planning.selectors import reminder_text


class Command(BaseCommand):
    help = (
        "Påminn om lägesbilder som ska revideras / mail reminders about situation "
        "reports due for revision."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_reminder_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_option(options)
        grouped = reminders_by_kommun(today=today)
        if options["dry_run"]:
            for kommun, items in grouped.items():
                self.stdout.write(f"{kommun}:")
                for item in items:
                    self.stdout.write(f"  {reminder_text(item)}")
            self.stdout.write(
                f"{len(grouped)} kommuner, inget skickat (provkörning) / dry run."
            )
            return
        sent = send_revision_reminders(grouped=grouped)
        self.stdout.write(
            f"{len(sent)} kommuner påminda / reminded: "
            + ", ".join(str(kommun) for kommun, _to in sent)
        )
