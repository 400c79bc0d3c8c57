"""``medborgarloften demo``: the Kalmar demo (areas, users, promises, follow-up)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
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
            "--on-production",
            action="store_true",
            help="Läs in demon även med MEDBORGARLOFTEN_PRODUCTION=1 (bara på en "
            "demoserver) / load it on a production-configured server (a demo server "
            "only).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle skapas utan att spara / show, save nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["on_production"]:
            # Its accounts share one published password: on a real installation
            # anyone could sign in as its coordinator or administrator.
            raise CommandError(
                "Det här är en produktionsinstallation (MEDBORGARLOFTEN_PRODUCTION=1): "
                "demodatan skapar konton med ett publicerat lösenord och läses inte "
                "in här. På en ren demoserver: lägg till --on-production. / This is a "
                "production installation: the demo creates accounts with a published "
                "password and is not loaded. On a demo-only server add --on-production."
            )
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
