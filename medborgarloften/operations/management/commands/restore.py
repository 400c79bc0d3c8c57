"""``medborgarloften restore FILE [--force]``: load a backup archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Återställ en säkerhetskopia till en tom installation / "
        "restore a backup archive into an empty installation"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Arkivfil från / archive from `backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ersätt allt i en databas som inte är tom / "
            "replace everything in a non-empty database",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(
                path=Path(options["archive"]), force=options["force"]
            )
        except BackupError as exc:
            raise CommandError(f"Återställningen avbröts / restore refused: {exc}")
        counts = manifest.get("counts") or {}
        rows = sum(counts.values()) if isinstance(counts, dict) else 0
        self.stdout.write(
            f"Återställde / restored {rows} rader / rows "
            f"från / from {manifest.get('created_at')}."
        )
