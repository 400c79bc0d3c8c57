"""One reader for the tables people upload: CSV and XLSX, as rows of cell values.

Kommuner and statisticians keep their lists in Excel. A CSV saved by Excel is
Windows-1252 with semicolons, a newer one UTF-8 with a byte-order mark, Brå's and
SCB's exports may use commas or tabs: the first line that is not blank says which
delimiter. An XLSX file (by its name or its zip signature) is read from its first
sheet in a child process with a time and memory budget, no wider than 200 columns
and refused past ``max_rows`` rows or two million cells (``extract.readers.xlsx``):
a few hundred bytes can declare a sheet of a million rows.

Every import (the lägesbild's surveys and crime figures, the activity list) reads
through :func:`read_rows` with its own limits, then names its columns and reads its
cells. Errors are :class:`TableError` with one plain sentence in the active
language (gettext; Swedish msgids, English in the catalogue), as the rest of the
site speaks; apart from that, Django-free.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .i18n import bilingual_half

__all__ = [
    "NotATableError",
    "TableError",
    "decode_text",
    "is_xlsx",
    "not_a_table",
    "read_rows",
    "sniff_delimiter",
]


class TableError(ValueError):
    """The file cannot be read as a table within the limits (one sentence, in the
    active language)."""


class NotATableError(TableError):
    """The file is of another kind altogether (a PDF, a Word file, a picture): the
    sentence says so, rather than that its columns are missing."""


# What a file that is no table starts with, and what to call it.
_SIGNATURES = (
    (b"%PDF-", gettext_lazy("en PDF")),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        gettext_lazy("en äldre Office-fil (.xls eller .doc)"),
    ),
    (b"\x89PNG", gettext_lazy("en bild")),
    (b"\xff\xd8\xff", gettext_lazy("en bild")),
    (b"GIF8", gettext_lazy("en bild")),
    (b"{\\rtf", gettext_lazy("ett RTF-dokument")),
)
# Control characters a text table seldom holds: tab, line breaks, Word's line break
# (vertical tab) and page break (form feed) aside. A cell may carry a stray one
# pasted from elsewhere; a NUL byte or many of them mean a binary file.
_CONTROL = bytes(set(range(32)) - {9, 10, 11, 12, 13})


def not_a_table(data: bytes) -> str | None:
    """What ``data`` is when it is plainly no CSV (a PDF, an old Office file, a
    picture, any file with binary bytes in its head), else None. An XLSX file is
    checked before this: its zip bytes are binary too."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return str(kind)
    head = data[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL))
    if b"\x00" in head or controls * 50 > len(head):
        return _("ingen textfil")
    return None


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 — what Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The delimiter the first non-blank line uses most: ';', ',' or a tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(";,\t", key=first.count)


def is_xlsx(data: bytes, filename: str = "") -> bool:
    """An Excel workbook by its name or, whatever its name, by its zip signature."""
    return filename.lower().endswith((".xlsx", ".xlsm")) or data.startswith(
        b"PK\x03\x04"
    )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def read_rows(data: bytes, filename: str = "", *, max_rows: int) -> list[list[Any]]:
    """The rows of a CSV or XLSX file (blank ones included, so numbers match the
    spreadsheet's); CSV cells are text, XLSX cells as Excel stores them (numbers,
    dates). Raises TableError past ``max_rows`` rows or when unreadable. The caller
    refuses a file too large for its purpose before calling."""
    if is_xlsx(data, filename):
        return _xlsx_rows(data, max_rows=max_rows)
    kind = not_a_table(data)
    if kind is not None:
        raise NotATableError(
            _(
                "Filen är inte en CSV- eller Excel-fil (den är %(kind)s). Spara "
                "listan som CSV eller XLSX och ladda upp den igen."
            )
            % {"kind": kind}
        )
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text))
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if len(rows) >= max_rows:
                raise TableError(
                    _("Filen har fler än %(rows)s rader; dela upp den.")
                    % {"rows": _number(max_rows)}
                )
            rows.append(row)
    except csv.Error as exc:
        raise TableError(
            _("CSV-filen går inte att läsa: %(reason)s") % {"reason": exc}
        ) from exc
    return rows


def _xlsx_rows(data: bytes, *, max_rows: int) -> list[list[Any]]:
    # Imported here: the extractor's readers pull in the document parsers, which a
    # CSV upload never needs.
    from medborgarloften.extract.budget import Budget, xlsx_rows_within
    from medborgarloften.extract.errors import ExtractError

    try:
        # In a child process with a time and memory budget, like a document.
        return xlsx_rows_within(data, max_rows=max_rows, budget=Budget())
    except ExtractError as exc:
        # The readers' reasons are "Swedish / English": the active language's half,
        # as a sentence.
        reason = bilingual_half(str(exc)).rstrip(".")
        raise TableError(reason[:1].upper() + reason[1:] + ".") from exc
