"""``medborgarloften load FILE…``: read medborgarlöfte JSON into promises (docs/format.md).

Thin over ``promises_load``: every record of every file is loaded in one transaction,
so one bad record stops the whole run and nothing is stored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.promises.exchange import records_from_json, unstorable
from medborgarloften.promises.models import PromiseStatus
from medborgarloften.promises.services.loading import (
    RecordError,
    RecordInput,
    promises_load,
)

#: Records nest a few levels (record → commitments → target); far deeper is no
#: record, and would reach Python's recursion limit in the checks after parsing.
MAX_DEPTH = 32


def _read(name: str) -> list[RecordInput]:
    label = "stdin" if name == "-" else Path(name).name
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            # utf-8-sig: Windows tools start UTF-8 files with a byte-order mark.
            text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{name}: kan inte läsas / cannot be read: {exc}")
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{name}: ogiltig JSON på rad {exc.lineno}, kolumn {exc.colno} / "
            f"invalid JSON: {exc.msg}"
        )
    except RecursionError:
        raise CommandError(
            f"{name}: för djupt nästlad JSON / JSON nested too deeply\n"
            "Inget sparades / nothing was stored."
        )
    problem = unstorable(data, max_depth=MAX_DEPTH)
    if problem:
        raise CommandError(f"{name}: {problem}\nInget sparades / nothing was stored.")
    try:
        records = records_from_json(data)
    except ValueError as exc:
        raise CommandError(f"{name}: {exc}")
    return [
        RecordInput(record=record, source=f"fil:{label}", file=name, index=i)
        for i, record in enumerate(records)
    ]


class Command(BaseCommand):
    help = (
        "Läs in medborgarlöfte-JSON: ett objekt, en lista eller ett kuvert per fil; "
        "allt eller inget / load medborgarlöfte JSON, all or nothing"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", metavar="FIL", help="JSON-filer, - för stdin"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="kontrollera allt men spara inget / check everything, store nothing",
        )
        parser.add_argument(
            "--status",
            choices=PromiseStatus.values,
            help="ge alla inlästa löften denna status / give every loaded promise this status",
        )
        parser.add_argument(
            "--create-missing-police-area",
            action="store_true",
            help="skapa okända lokalpolisområden / create unknown police areas",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        inputs: list[RecordInput] = []
        for name in options["files"]:
            inputs += _read(name)
        try:
            summary = promises_load(
                records=inputs,
                create_missing_police_area=options["create_missing_police_area"],
                status=options["status"],
                dry_run=options["dry_run"],
            )
        except RecordError as exc:
            raise CommandError(f"{exc}\nInget sparades / nothing was stored.")
        for item, result in zip(inputs, summary.results, strict=True):
            verb = "skapad/created" if result.created else "ersatt/updated"
            self.stdout.write(
                f"{verb}: {result.promise.uid} {result.promise.title} "
                f"({item.file}, post {item.index}, {result.promise.status})"
            )
            for warning in result.warnings:
                self.stderr.write(
                    f"varning/warning: {item.file}, post {item.index}, {warning}"
                )
        done = (
            "Torrkörning, inget sparat / dry run, nothing stored: "
            if summary.dry_run
            else ""
        )
        self.stdout.write(
            f"{done}{summary.created} skapade / created, "
            f"{summary.updated} ersatta / updated."
        )
