"""``medborgarloften demo``: the Kalmar demo (areas, users, promises, follow-up)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from medborgarloften.lib.commands import dry_run_atomic, summary_line
from medborgarloften.operations.demo import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = (
        "Läs in demodata för Kalmar kommun och Lokalpolisområde Kalmar; kan köras om "
        "/ load the Kalmar demo; safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Ersätt demodata (löften, aktiviteter, observationer, demoanvändare) "
            "/ replace the demo data.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle skapas utan att spara / show, save nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = dry_run_atomic(
                lambda: demo_load(reset=options["reset"]), dry_run=options["dry_run"]
            )
        except ValidationError as exc:
            raise CommandError(
                f"Demodata kunde inte läsas in / failed: {exc}"
            ) from None
        if options["dry_run"]:
            self.stdout.write(summary_line(summary, dry_run=True))
            return
        if summary.removed_promises:
            self.stdout.write(
                "Ersatte / replaced "
                + ngettext(
                    "%(n)d demolöfte.", "%(n)d demolöften.", summary.removed_promises
                )
                % {"n": summary.removed_promises}
            )
        self.stdout.write(str(summary))
        self.stdout.write(f"Demo-inloggningar (lösenord / password {DEMO_PASSWORD}):")
        width = max(len(name) for name, _ in summary.logins)
        for name, what in summary.logins:
            self.stdout.write(f"  {name.ljust(width)}  {what}")
