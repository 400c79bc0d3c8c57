"""Reading the files people actually have: CSV (comma or semicolon, with or without a
BOM) and XLSX, with Swedish numbers ('12,5', '1 234', '12 %'). Django-free."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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


def read_table(data: bytes, filename: str) -> Table:
    """Parse CSV or XLSX bytes; ValueError with a plain message when unreadable."""
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") / 2 else ","
    if "\t" in sample.splitlines()[0] if sample else False:
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _table(list(reader))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ValueError(f"XLSX-filen går inte att läsa: {exc}")
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _table(rows)


def _table(rows: list[list[str]]) -> Table:
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
