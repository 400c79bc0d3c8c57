"""Read an activity table (CSV or XLSX) into rows of raw cell values. No database.

The file is read by ``lib.tabular``, the reader every import shares (Excel's CSV in
Windows-1252 or UTF-8, XLSX within limits). The header names the columns in
Swedish, in any order and case; see ``COLUMNS``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from medborgarloften.lib.tabular import NotATableError, TableError, read_rows
from medborgarloften.lib.text import clean_text

#: Field -> the header names that mean it (casefolded). The first is the documented one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "commitment": ("åtagande", "åtagande nr", "nr", "åtagandenummer"),
    "date": ("datum", "från", "startdatum"),
    "end_date": ("till och med", "till", "slutdatum", "t.o.m."),
    "area": ("område", "plats", "stadsdel"),
    "kind": ("typ", "aktivitet", "vad"),
    "quantity": ("antal",),
    "participants": ("deltagare", "antal deltagare"),
    "organisation": ("utförd av", "organisation", "vem"),
    "description": ("beskrivning", "kommentar"),
    "links": ("länkar", "länk"),
    "hours": ("timmar", "tid (timmar)"),
    "cost": ("kostnad", "kostnad (kr)"),
}
REQUIRED = ("commitment", "date", "kind")
#: The file rides along base64-encoded from the preview to the save; 1.5 MB (about
#: 10 000 CSV rows) stays under Django's 2.5 MB DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_BYTES = 1536 * 1024
MAX_ROWS = 5000


@dataclass
class Table:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_LOOKUP = {_norm(name): key for key, names in COLUMNS.items() for name in names}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(data: bytes, filename: str = "") -> Table:
    """Rows keyed by field, numbered as a spreadsheet numbers them (header = 1)."""
    table = Table()
    if len(data) > MAX_BYTES:
        table.errors.append(
            f"Filen är för stor ({len(data) // 1024} kB); högst "
            f"{MAX_BYTES // 1024} kB. Dela upp den."
        )
        return table
    try:
        # A 1.5 MB spreadsheet can hold millions of rows: read no more than an
        # import may have (blank rows included), refused with a reason past that.
        raw = read_rows(data, filename, max_rows=2 * MAX_ROWS)
    except NotATableError as exc:
        table.errors.append(str(exc))
        return table
    except TableError as exc:
        reason = str(exc).rstrip(".")
        table.errors.append(f"Filen kunde inte läsas som CSV eller XLSX ({reason}).")
        return table
    skipped = 0
    while raw and all(_blank(v) for v in raw[0]):
        raw.pop(0)
        skipped += 1
    if not raw:
        table.errors.append("Filen är tom: första raden ska vara kolumnrubriker.")
        return table
    header = raw[0]
    keys: list[str | None] = []
    for cell in header:
        name = _norm(str(cell)) if not _blank(cell) else ""
        key = _LOOKUP.get(name)
        if name and key is None:
            table.ignored_columns.append(str(cell).strip())
        if key in keys:
            table.errors.append(f"Kolumnen {cell!s} finns två gånger.")
        keys.append(key)
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in keys]
    if missing:
        table.errors.append(
            "Kolumner saknas: "
            + ", ".join(missing)
            + ". Första raden ska ha rubrikerna "
            + ", ".join(names[0] for names in COLUMNS.values())
            + "."
        )
        return table
    for offset, row in enumerate(raw[1:], start=2 + skipped):
        if all(_blank(v) for v in row):
            continue
        values = {
            # The shared guard for every CSV/XLSX import: no control characters.
            key: (clean_text(value).strip() if isinstance(value, str) else value)
            for key, value in zip(keys, row, strict=False)
            if key is not None
        }
        table.rows.append((offset, values))
    if len(table.rows) > MAX_ROWS:
        table.errors.append(
            f"Filen har {len(table.rows)} rader; högst {MAX_ROWS} per import."
        )
    if not table.rows and not table.errors:
        table.errors.append("Filen har inga rader under rubrikerna.")
    return table


def cell_date(value: Any) -> dt.date | None:
    """A date cell: an Excel date or ISO text. Raises ValueError otherwise."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return dt.date.fromisoformat(text[:10] if len(text) > 10 else text)
