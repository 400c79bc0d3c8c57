"""``medborgarloften manage forget``: remove or anonymise one person's data on request."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.operations.services import person_forget


class Command(BaseCommand):
    help = (
        "Ta bort eller anonymisera en persons uppgifter (docs/personal-data.md) / "
        "remove or anonymise a person's data on request"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", default="", help="E-postadress / e-mail")
        parser.add_argument("--user", default="", help="Användarnamn / username")
        parser.add_argument(
            "--name", default="", help="Namn i fritext och undertecknare / full name"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle ändras, spara inget / show, save nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = person_forget(
                email=options["email"],
                username=options["user"],
                name=options["name"],
                dry_run=options["dry_run"],
            )
        except ValueError as exc:
            raise CommandError(str(exc))
        head = (
            "Torrkörning, inget sparat / dry run, nothing saved:"
            if options["dry_run"]
            else "Klart / done:"
        )
        self.stdout.write(head)
        for line in summary.lines():
            self.stdout.write(f"  {line}")
