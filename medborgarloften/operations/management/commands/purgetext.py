"""``medborgarloften manage purgetext``: blank free text older than the retention period.

Run daily (deploy/medborgarloften-purgetext.timer). The periods come from
OBSERVATION_TEXT_RETENTION_DAYS and SURVEY_TEXT_RETENTION_DAYS; unset keeps the text.
It also deletes the sign-in log older than LOGIN_LOG_RETENTION_DAYS and failed sign-ins
past the lockout window (accounts.lockout).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.accounts.lockout import purge_sign_in_records
from medborgarloften.operations.services import free_text_purge


def _days(value: str) -> int:
    import argparse

    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ogiltigt antal dagar / invalid: {value!r}")
    if days < 0:
        raise argparse.ArgumentTypeError("--days: 0 eller fler / 0 or more")
    return days


class Command(BaseCommand):
    help = (
        "Töm fritext äldre än lagringstiden / blank free text older than the "
        "retention period"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=_days,
            help="Lagringstid i dagar för all fritext / retention in days "
            "(default: the settings)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Spara inget / save nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:

        # Sign-in records (addresses) past LOGIN_LOG_RETENTION_DAYS / the lockout.
        prefix = "Torrkörning / dry run: " if options["dry_run"] else ""
        for label, n in purge_sign_in_records(dry_run=options["dry_run"]).items():
            self.stdout.write(f"{prefix}{label}: {n} raderade / deleted")
        blanked = free_text_purge(days=options["days"], dry_run=options["dry_run"])
        if not blanked:
            if options["days"] is None:
                self.stdout.write(
                    "Ingen lagringstid satt / no retention period set: inget gjort."
                )
                return
            raise CommandError("Ingen fritext att rensa / no free-text field found")
        prefix = "Torrkörning / dry run: " if options["dry_run"] else ""
        for label, n in blanked.items():
            self.stdout.write(f"{prefix}{label}: {n} tömda / blanked")
