"""``medborgarloften exportkommun --kommun KOMMUN -o FILE.zip``: all of one kommun."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.operations.kommun_export import kommun_export
from medborgarloften.places.commands import kommun_argument


class Command(BaseCommand):
    help = (
        "Exportera allt om en kommun (löften, uppföljning, lägesbild) som JSON och "
        "CSV i en zip / export all of one kommun's data"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kommun", required=True, help="kommunkod eller namn / code or name"
        )
        parser.add_argument("-o", "--output", required=True, help="zip-fil / zip file")

    def handle(self, *args: Any, **options: Any) -> None:
        kommun = kommun_argument(options["kommun"], option="--kommun")
        path = Path(options["output"])
        try:
            manifest = kommun_export(kommun=kommun, path=path)
        except OSError as exc:
            raise CommandError(f"-o: kan inte skriva / cannot write {path}: {exc}")
        # kommun_export writes the counts per table under "counts".
        counts = cast(dict[str, int], manifest["counts"])
        self.stdout.write(
            f"{kommun.name}: {counts.get('promises', 0)} löften, "
            f"{counts.get('activities', 0)} aktiviteter, "
            f"{counts.get('reports', 0)} rapporter, "
            f"{counts.get('observations', 0)} observationer → {path}"
        )
