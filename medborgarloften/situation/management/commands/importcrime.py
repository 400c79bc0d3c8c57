"""``medborgarloften manage importcrime FILE``: reported crimes per kommun (Brå-style)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from medborgarloften.lib.commands import existing_file, nothing_imported, summary_line
from medborgarloften.places.commands import kommun_argument
from medborgarloften.situation.services import ImportRefused, crime_import


class Command(BaseCommand):
    help = (
        "Importera anmälda brott per kommun/område, kategori och år (CSV/XLSX, t.ex. "
        "Brå:s 'Kommun;Antal;Per 100 000 inv.'). / Import crime statistics."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--kommun", default="", help="Bara denna kommun (kod eller namn)."
        )
        parser.add_argument("--year", type=int, help="År när filen saknar kolumnen.")
        parser.add_argument(
            "--category", default="", help="Kategori när filen saknar kolumnen."
        )
        parser.add_argument("--source", default="", help="Källa, t.ex. 'Källa: Brå'.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        kommun = None
        if options["kommun"]:
            kommun = kommun_argument(options["kommun"])
        path = existing_file(options["file"])
        try:
            summary = crime_import(
                data=path.read_bytes(),
                filename=path.name,
                kommun=kommun,
                year=options["year"],
                category=options["category"],
                source=options["source"],
                dry_run=options["dry_run"],
            )
        except ImportRefused as exc:
            raise nothing_imported(exc.messages) from None
        self.stdout.write(summary_line(summary, dry_run=options["dry_run"]))
