"""``medborgarloften backup [-o FILE]``: database and uploaded files in one archive."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Säkerhetskopiera databasen och uppladdade filer till ett zip-arkiv / "
        "back up the database and uploaded files into one zip archive"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            help="Arkivfil / archive file "
            "(default DATA_DIR/backups/medborgarloften-<tid>.zip)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"]
        if output:
            path = Path(output)
        else:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = Path(settings.DATA_DIR) / "backups" / f"medborgarloften-{stamp}.zip"
        try:
            manifest = backup_create(path=path)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Säkerhetskopian misslyckades / backup failed: {exc}")
        rows = sum(manifest.counts.values())
        files = len(manifest.checksums) - 1
        self.stdout.write(
            f"Skrev / wrote {path}: {rows} rader / rows, {files} filer / files."
        )
