"""``medborgarloften loadref``: load kommuner, län and the police organisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.lib.commands import dry_run_atomic, summary_line
from medborgarloften.places.reference import DATA_DIR, ReferenceDataError
from medborgarloften.places.services import reference_data_load


class Command(BaseCommand):
    help = (
        "Läs in referensdata (kommuner, län, polisregioner, polisområden, "
        "lokalpolisområden) från places/data/. Kan köras om: skapar inget två gånger. "
        "/ Load reference data; safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Katalog med CSV-filerna / directory with the CSV files "
            "(default: the files shipped with the application).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Visa vad som skulle ändras utan att spara / show, save nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = dry_run_atomic(
                lambda: reference_data_load(data_dir=options["data_dir"]),
                dry_run=options["dry_run"],
            )
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from None
        if options["dry_run"]:
            self.stdout.write(summary_line(summary, dry_run=True))
            return
        for name in summary.changed_names:
            self.stdout.write(f"ändrad / changed: {name}")
        self.stdout.write(str(summary))
