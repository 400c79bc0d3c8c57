"""CSV of the registry's rows: the same columns, in the same order, as the JSON.

Lists are joined with `` | ``, booleans are ``true``/``false``, null is empty. A text
cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR)
gets a leading apostrophe (OWASP), so data stays data there too.

``excel=True`` (asked for with ``bom=true``, "CSV för Excel") is the dialect Excel
reads with Swedish settings: ``;`` between the fields and a decimal comma in numbers
with decimals (``56,6612``). Plain CSV keeps ``,`` and the decimal point.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

from medborgarloften.lib.csvdialect import DELIMITERS, excel_number, formula_safe
from medborgarloften.lib.downloads import MEDIA_TYPES, file_response, named

from .fields import Table
from .params import with_bom

LIST_SEPARATOR = " | "


def cell(value: Any, excel: bool = False) -> str:
    """One value as CSV text (``excel``: a decimal comma in decimal numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v, excel) for v in value)
    if excel and (number := excel_number(value)) is not None:
        return number
    return str(formula_safe(value))


def lines(
    table: Table, pages: Iterable[list[dict[str, Any]]], *, excel: bool = False
) -> Iterator[str]:
    """The header, then each row, as CSV text chunks (one per page)."""
    delimiter = DELIMITERS[excel]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(table.names)
    yield buffer.getvalue()
    for rows in pages:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        for row in rows:
            writer.writerow([cell(row[name], excel) for name in table.names])
        yield buffer.getvalue()


def csv_download(
    name: str, table: Table, pages: Iterable[list[dict[str, Any]]], *, bom: bool
) -> HttpResponse:
    """The rows as ``<name>.csv`` to download (``bom``: after a byte order mark, in
    the Excel dialect)."""
    return file_response("".join(_chunks(table, pages, bom)), f"{name}.csv")


def csv_stream(
    name: str, table: Table, pages: Iterable[list[dict[str, Any]]], *, bom: bool
) -> StreamingHttpResponse:
    """``csv_download`` sent a page at a time, as each is read."""
    response = StreamingHttpResponse(
        _chunks(table, pages, bom), content_type=MEDIA_TYPES["csv"]
    )
    return named(response, f"{name}.csv")


def _chunks(
    table: Table, pages: Iterable[list[dict[str, Any]]], bom: bool
) -> Iterator[str]:
    return iter(with_bom(lines(table, pages, excel=bom), bom))
