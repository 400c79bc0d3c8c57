"""``medborgarloften manage casereminders``: open cases past their answer date,
mailed to their owners' members (once a day). Run daily, after ``reminders``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.cases.notify import overdue_remind


class Command(BaseCommand):
    help = (
        "Påminn ansvariga om ärenden som passerat sista svarsdag "
        "/ remind owners of overdue cases."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Räkna bara, skicka inget / count only, send nothing.",
        )
        parser.add_argument(
            "--today", help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today: {options['today']!r} är inget datum (ÅÅÅÅ-MM-DD)."
                ) from None
        count = overdue_remind(today=today, dry_run=options["dry_run"])
        self.stdout.write(f"ärenden efter sista svarsdag / overdue cases: {count}")
