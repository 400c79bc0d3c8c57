"""``medborgarloften manage importsurvey KOMMUN FILE``: survey results (CSV/XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from medborgarloften.lib.commands import existing_file, nothing_imported, summary_line
from medborgarloften.places.commands import kommun_argument
from medborgarloften.situation.services import ImportRefused, survey_import


class Command(BaseCommand):
    help = (
        "Importera en trygghetsmätning (CSV/XLSX: område, år, indikator, kön, "
        "åldersgrupp, andel, svarande) för en kommun. / Import survey results."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kommun", help="Kommunkod eller namn, t.ex. 0880 eller Kalmar."
        )
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="", help="Källa / source.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        kommun = kommun_argument(options["kommun"])
        path = existing_file(options["file"])
        try:
            summary = survey_import(
                kommun=kommun,
                data=path.read_bytes(),
                filename=path.name,
                source=options["source"],
                dry_run=options["dry_run"],
            )
        except ImportRefused as exc:
            raise nothing_imported(exc.messages) from None
        self.stdout.write(summary_line(summary, dry_run=options["dry_run"]))
