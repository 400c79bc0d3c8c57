"""CSV of the registry's rows: the same columns, in the same order, as the JSON.

Lists are joined with `` | ``, booleans are ``true``/``false``, null is empty. A text
cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR)
gets a leading apostrophe (OWASP), so data stays data there too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .fields import Table

LIST_SEPARATOR = " | "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def lines(table: Table, pages: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    """The header, then each row, as CSV text chunks (one per page)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.names)
    yield buffer.getvalue()
    for rows in pages:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in rows:
            writer.writerow([cell(row[name]) for name in table.names])
        yield buffer.getvalue()
