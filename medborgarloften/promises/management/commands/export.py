"""``medborgarloften export``: write promises as medborgarlöfte JSON (docs/format.md)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import ngettext

from medborgarloften.places.commands import kommun_argument
from medborgarloften.promises.exchange import dumps, envelope, promise_to_record
from medborgarloften.promises.selectors import promises_for_export


class Command(BaseCommand):
    help = (
        "Exportera medborgarlöften som JSON: ett löfte som ett objekt, flera som en "
        "lista / export promises as medborgarlöfte JSON"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "--promise", metavar="ID", help="ett löftes id (UUID) / one promise's id"
        )
        which.add_argument(
            "--kommun",
            metavar="KOMMUN",
            help="alla löften för en kommun (kommunkod eller namn) / a kommun's promises",
        )
        which.add_argument(
            "--all", action="store_true", help="alla löften / every promise"
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FIL",
            help="skriv till fil i stället för standard ut / write to a file",
        )
        parser.add_argument(
            "--envelope",
            action="store_true",
            help='lägg posterna i {"format", "version", "promises"} / wrap in envelope',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        data: Any
        if options["promise"]:
            try:
                uid = uuid.UUID(options["promise"])
            except ValueError:
                raise CommandError(
                    f"--promise: {options['promise']!r} är inget UUID / is not a UUID"
                )
            promise = promises_for_export(uid=uid).first()
            if promise is None:
                raise CommandError(
                    f"--promise: inget löfte med id {uid} / no promise with that id"
                )
            records = [promise_to_record(promise)]
            data = records[0]
        else:
            kommun = None
            if options["kommun"]:
                kommun = kommun_argument(options["kommun"], option="--kommun")
            records = [promise_to_record(p) for p in promises_for_export(kommun=kommun)]
            data = records
        if options["envelope"]:
            data = envelope(records)
        text = dumps(data)
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"-o: kan inte skriva / cannot write {path}: {exc}")
            n = len(records)
            self.stderr.write(
                ngettext("%(n)d löfte skrivet till", "%(n)d löften skrivna till", n)
                % {"n": n}
                + f" / {'promise' if n == 1 else 'promises'} written to {path}"
            )
        else:
            self.stdout.write(text, ending="")
