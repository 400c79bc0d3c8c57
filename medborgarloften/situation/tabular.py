"""The lägesbild's tables (surveys, crime figures) as header and rows of text, with
Swedish numbers ('12,5', '1 234', '12 %'). The file is read by ``lib.tabular``, the
reader every import shares. Django-free."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from medborgarloften.lib.tabular import read_rows
from medborgarloften.lib.text import clean_text

_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass
class Table:
    """Header names (normalised) and rows as (row number in the file, cells)."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def normalise_header(name: object) -> str:
    text = unicodedata.normalize("NFC", str(name or "")).strip().casefold()
    return _SPACES.sub(" ", text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # The shared guard for every CSV/XLSX import: no control characters, NFC.
    return clean_text(str(value)).strip()


#: Survey and crime tables: tens of thousands of rows at most (every kommun ×
#: category × year is under 100 000); the file itself is refused past MAX_BYTES.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000


def read_table(data: bytes, filename: str) -> Table:
    """Parse CSV or XLSX bytes; ValueError with a plain message when unreadable,
    larger than MAX_BYTES or longer than MAX_ROWS rows."""
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB; dela upp den."
        )
    return _table(
        read_rows(data, filename, max_rows=MAX_ROWS)
    )  # TableError: a ValueError


def _table(rows: list[list[object]]) -> Table:
    numbered = [
        (number, [_cell(c) for c in row])
        for number, row in enumerate(rows, 1)
        if any(_cell(c) for c in row)
    ]
    if not numbered:
        raise ValueError("Filen är tom.")
    header = [normalise_header(name) for name in numbered[0][1]]
    result = []
    for number, cells in numbered[1:]:
        result.append(
            (
                number,
                {
                    h: (cells[i] if i < len(cells) else "")
                    for i, h in enumerate(header)
                    if h
                },
            )
        )
    return Table(header=[h for h in header if h], rows=result)


def read_path(path: Path) -> Table:
    return read_table(path.read_bytes(), path.name)


def parse_number(text: str) -> float:
    """'12,5' '12.5' '1 234,5' '1.234,5' '12 %' '12,5%' → float; ValueError otherwise."""
    value = _SPACES.sub("", str(text)).rstrip("%").replace("\u2212", "-")
    if not value:
        raise ValueError("tomt")
    if "," in value and "." in value:
        # The later separator is the decimal one: '1.234,5' or '1,234.5'.
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        raise ValueError(f"inget tal: {text!r}")
    return float(value)
