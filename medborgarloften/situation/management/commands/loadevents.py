"""``medborgarloften manage loadevents FILE…``: bulk-load archived police events.

Reads saved API responses (a JSON array) and archives in JSON Lines, optionally
gzip-compressed (``events_sweden_2023-03_2026-08.jsonl.gz``). Deduplicates by id, so
loading the same file twice adds nothing; all records valid or nothing saved.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.lib.commands import existing_file, summary_line
from medborgarloften.situation.services import events_store, read_event_file


class Command(BaseCommand):
    help = (
        "Läs in arkiverade polishändelser (JSON eller JSON Lines, ev. .gz). "
        "/ Bulk-load archived police events."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Spara inget / save nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["files"]:
            existing_file(path)
        records = itertools.chain.from_iterable(
            read_event_file(path) for path in options["files"]
        )
        try:
            summary = events_store(records=records, dry_run=options["dry_run"])
        except ValidationError as exc:
            messages = exc.messages
            more = f"\n… och {len(messages) - 20} till" if len(messages) > 20 else ""
            raise CommandError(
                "Felaktiga händelser, inget sparat / bad records, nothing saved:\n"
                + "\n".join(messages[:20])
                + more
            )
        except (OSError, ValueError) as exc:
            raise CommandError(f"Filen kunde inte läsas / could not read: {exc}")
        self.stdout.write(summary_line(summary, dry_run=options["dry_run"]))
