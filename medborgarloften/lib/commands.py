"""Management commands' shared options and words: ``--dry-run``, ``--today``, the
file to read, and how a write command ends.

The reminder commands (``reminders``, ``planning_reminders``) take the same two
options and read ``--today`` the same way; :func:`add_reminder_arguments` declares
them and :func:`today_option` reads the date (today when not given). The commands
that load or import say the same things the same way: :func:`existing_file`,
:func:`nothing_imported`, :func:`summary_line`, and :func:`dry_run_atomic` for a
load that checks everything and, with ``--dry-run``, keeps nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

_Result = TypeVar("_Result")

#: What a write command adds to its summary when ``--dry-run`` kept nothing.
DRY_RUN_NOTE = " (provkörning, inget sparat / dry run)"


def add_reminder_arguments(parser: CommandParser) -> None:
    """Declare ``--dry-run`` (print, send nothing) and ``--today`` (as of a date)."""
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="Skriv ut påminnelserna utan att skicka e-post / print, send nothing.",
    )
    parser.add_argument(
        "--today",
        help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD) / as of this date.",
    )


def today_option(options: Mapping[str, Any]) -> dt.date:
    """The ``--today`` date, or today's local date; a bad date is a CommandError."""
    if not options.get("today"):
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(options["today"])
    except ValueError:
        raise CommandError(
            f"--today: {options['today']!r} är inget datum (ÅÅÅÅ-MM-DD) / is not a date."
        ) from None


def existing_file(path: Path) -> Path:
    """``path`` when it is a file; else a CommandError naming it."""
    if not path.is_file():
        raise CommandError(f"Filen finns inte / no such file: {path}")
    return path


def nothing_imported(messages: Iterable[str]) -> CommandError:
    """The error of an import its service refused as a whole, with every reason."""
    return CommandError("Inget importerat / nothing imported:\n" + "\n".join(messages))


def summary_line(summary: object, *, dry_run: bool, after: str = "") -> str:
    """A write command's last line: its summary (then ``after``), marked when
    ``--dry-run`` kept nothing."""
    return f"{summary}{after}{DRY_RUN_NOTE if dry_run else ''}"


def dry_run_atomic(call: Callable[[], _Result], *, dry_run: bool) -> _Result:
    """``call()`` in one transaction, rolled back when ``dry_run``: everything is
    done and checked, and with ``--dry-run`` nothing is kept."""
    with transaction.atomic():
        result = call()
        if dry_run:
            transaction.set_rollback(True)
    return result
