"""Management commands' shared options: ``--dry-run`` and ``--today``.

The reminder commands (``reminders``, ``planning_reminders``) take the same two
options and read ``--today`` the same way; :func:`add_reminder_arguments` declares
them and :func:`today_option` reads the date (today when not given).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone


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
