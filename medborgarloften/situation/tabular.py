"""The lägesbild's tables (surveys, crime figures) as header and rows of text, with
Swedish numbers ('12,5', '1 234', '12 %'). The file is read by ``lib.tabular``, the
reader every import shares. Django-free."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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


#: A title or note above the header: the header is looked for among this many
#: first non-empty rows.
HEADER_SEARCH = 5


def read_table(data: bytes, filename: str, known: Iterable[str] = ()) -> Table:
    """Parse CSV or XLSX bytes; ValueError with a plain message when unreadable,
    larger than MAX_BYTES or longer than MAX_ROWS rows. With ``known`` column names,
    the header is the first of the first HEADER_SEARCH non-empty rows that has two
    of them (a title row above it is skipped); else the first non-empty row."""
    if len(data) > MAX_BYTES:
        raise ValueError(
            f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB; dela upp den."
        )
    return _table(
        read_rows(data, filename, max_rows=MAX_ROWS), known
    )  # TableError: a ValueError


def _header_index(numbered: list[tuple[int, list[str]]], known: set[str]) -> int:
    if not known:
        return 0
    for index, (_n, cells) in enumerate(numbered[:HEADER_SEARCH]):
        if len({normalise_header(c) for c in cells} & known) >= 2:
            return index
    return 0


def _table(rows: list[list[object]], known: Iterable[str] = ()) -> Table:
    numbered = [
        (number, [_cell(c) for c in row])
        for number, row in enumerate(rows, 1)
        if any(_cell(c) for c in row)
    ]
    if not numbered:
        raise ValueError("Filen är tom.")
    start = _header_index(numbered, {normalise_header(k) for k in known})
    header = [normalise_header(name) for name in numbered[start][1]]
    result = []
    for number, cells in numbered[start + 1 :]:
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
