"""``medborgarloften extract FILE|URL…``: print extraction records, store nothing.

A thin layer over ``medborgarloften.extract``: each input is read (PDF, DOCX,
HTML, text or a URL), turned into the SCHEMA record and printed. It never touches
the database, so it runs without a migrated one.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.record import extract_record

HELP = """Extrahera medborgarlöften ur dokument och skriv ut posterna; inget sparas.
Extract medborgarlöfte records from documents and print them; nothing is stored.

One input gives one JSON record, several give a JSON list; the id of a record is
the file name without extension. Every input is processed: a failing one is
reported on stderr with a one-line reason naming it, the others are still printed,
and the exit status is 1 if any input failed (0 otherwise)."""

_URL = re.compile(r"^https?://", re.IGNORECASE)


def _record_id(source: str) -> str:
    """The file name without extension ("…/003_gavle_2018.txt" → "003_gavle_2018")."""
    name = (
        source.rstrip("/").rsplit("/", 1)[-1]
        if _URL.match(source)
        else Path(source).name
    )
    name = name.split("?", 1)[0].split("#", 1)[0]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return stem or "document"


def read_input(source: str) -> tuple[str, str | None]:
    """Text and source URL of one input; raises ExtractError with a reason.

    A plain-text file is decoded again with its layout kept (runs of spaces,
    indentation): the shared clean-up collapses them, but two-column signature
    blocks and indented wrapped bullet lines are only visible in the layout. The
    reader still validates the file (size, encoding, binary) first.
    """
    # loaded on use: the readers pull in the document parsers
    from medborgarloften.extract.readers import read_path, read_url
    from medborgarloften.extract.readers.pagebreaks import join_page_breaks
    from medborgarloften.extract.readers.reflow import reflow
    from medborgarloften.extract.readers.text import decode

    result = read_url(source) if _URL.match(source) else read_path(source)
    url = result.meta.get("source_url")
    text = result.text
    if result.kind == "text" and not _URL.match(source):
        try:
            raw, _encoding = decode(Path(source).read_bytes())
        except (OSError, ExtractError):
            raw = ""
        if raw.strip():
            text = reflow(
                join_page_breaks(raw.replace("\r\n", "\n").replace("\r", "\n"))
            )
    return text, str(url) if url else None


def render_text(record: dict[str, Any]) -> str:
    """A readable summary of one record for a person at a terminal."""
    period = record.get("period") or {}
    lines = [
        f"# {record['id']}",
        f"Källa / source:         {record.get('source_url') or '–'}",
        f"Kommuner:               {', '.join(record['municipalities']) or '–'}",
        f"Lokalpolisområde:       {record.get('police_area') or '–'}",
        f"Period:                 {period.get('start') or '?'} – {period.get('end') or '?'}"
        + (f"  ({period['text']})" if period.get("text") else ""),
        f"Fokusområden:           {'; '.join(record['focus_areas']) or '–'}",
        f"Teman:                  {', '.join(record['themes']) or '–'}",
        f"Platser:                {', '.join(record['places']) or '–'}",
        f"Underlag:               {', '.join(record['evidence_sources']) or '–'}",
        f"Löften ({len(record['commitments'])}):",
    ]
    for i, c in enumerate(record["commitments"], start=1):
        target = c.get("target")
        mark = "mätbart" if c.get("measurable") else "ej mätbart"
        lines.append(
            f"  {i}. [{', '.join(c.get('responsible') or [])}; {mark}] {c['text']}"
        )
        if target:
            lines.append(
                f"     mål: {target.get('quantity')} {target.get('unit') or ''}"
                f" per {target.get('per') or '–'}"
                + (f", senast {target['deadline']}" if target.get("deadline") else "")
            )
    fu = record.get("follow_up") or {}
    lines.append(f"Uppföljning:            {fu.get('text') or '–'}")
    if fu.get("reports_per_period"):
        lines.append(f"  redovisningar/period: {fu['reports_per_period']}")
    sigs = [
        ", ".join(x for x in (s["name"], s.get("title"), s.get("organisation")) if x)
        for s in record.get("signatories") or []
    ]
    lines.append(f"Undertecknat av:        {'; '.join(sigs) or '–'}")
    failed = [c for c in record.get("checks") or [] if not c.get("ok")]
    for c in failed:
        lines.append(f"! {c['message']}")
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = HELP
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: Any
    ) -> CommandParser:
        from argparse import RawDescriptionHelpFormatter

        kwargs.setdefault("formatter_class", RawDescriptionHelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "inputs", nargs="+", metavar="FILE|URL", help="dokument / documents"
        )
        parser.add_argument(
            "--format",
            choices=("json", "text"),
            default="json",
            help="json (standard) eller en läsbar sammanfattning / or a readable summary",
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="skriv till fil / write to FILE (UTF-8)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        inputs: list[str] = options["inputs"]
        records: list[dict[str, Any]] = []
        failed = 0
        for source in inputs:
            try:
                text, url = read_input(source)
            except ExtractError as exc:
                failed += 1
                self.stderr.write(f"{source}: {exc}")
                continue
            records.append(
                extract_record(text, record_id=_record_id(source), source_url=url)
            )
        if options["format"] == "text":
            out = "\n".join(render_text(r) for r in records)
        else:
            payload: Any = records[0] if len(inputs) == 1 and records else records
            out = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        if records or options["format"] == "json" and len(inputs) > 1:
            if options["output"]:
                try:
                    Path(options["output"]).write_text(out, encoding="utf-8")
                except OSError as exc:
                    raise CommandError(
                        f"Kunde inte skriva / could not write {options['output']}: "
                        f"{exc.strerror or exc}"
                    )
            else:
                stream = getattr(self.stdout, "_out", sys.stdout)
                try:
                    stream.buffer.write(out.encode("utf-8"))
                    stream.flush()
                except AttributeError:  # a StringIO in tests
                    self.stdout.write(out, ending="")
        if failed:
            sys.exit(1)  # each failure already has its one-line reason on stderr
