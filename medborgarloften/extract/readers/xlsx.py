"""The first sheet of an XLSX file as rows of cell values, within limits.

Shared by the lägesbild import (``situation.tabular``) and the activity import
(``followup.tables``). A 619 kB spreadsheet held two million rows and took 1.27 GB
and 122 s to read (issue #13); a few hundred bytes can declare a sheet of a million
rows by 16 384 columns, which openpyxl fills with empty cells. So the container is
checked first (``archive.check_zip``), the sheet is read streaming (openpyxl's
read-only mode) no wider than ``max_columns``, and reading stops — with a refusal
— past ``max_rows`` rows or ``max_cells`` cells, before they are all in memory.
Cells are read as the sheet shows them where Excel scales them: a share formatted
as percent is stored 0.41 and shown "41,0 %", and 41.0 is what every import wants.
Django-free; errors are ``ExtractError`` lines in Swedish and English.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ..errors import ExtractError
from .archive import ZipLimits, check_zip

# openpyxl reads a sheet without a declared size from end to end before the first
# row; 64 MB of XML is a hundred thousand rows of ten columns.
LIMITS = ZipLimits(
    name=("Excel-filen", "the Excel file"),
    max_members=500,
    max_total=64 * 1024 * 1024,
    max_xml=64 * 1024 * 1024,
    kind=("en giltig Excel-fil", "a valid Excel file"),
)
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000


def _number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


# A number format's literal parts: quoted text and backslash-escaped characters.
_LITERAL = re.compile(r'"[^"]*"|\\.')


def is_percent_format(number_format: str | None) -> bool:
    """Excel shows the cell's value times a hundred: "0.0%", "0 %" — a percent
    sign outside quoted text ("0.0\" %\"" shows the value as it is)."""
    return "%" in _LITERAL.sub("", number_format or "")


def _shown(cell: Any) -> Any:
    """The cell's value as the spreadsheet shows it: a share formatted as percent
    (stored 0.41, shown "41,0 %") is read as 41.0, the figure the person typed and
    every import expects; anything else as stored."""
    value = cell.value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and is_percent_format(getattr(cell, "number_format", None))
    ):
        return round(value * 100, 10)
    return value


def xlsx_rows(
    data: bytes,
    *,
    max_rows: int,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
) -> list[list[Any]]:
    """The first sheet's rows (gaps as empty rows), at most ``max_columns`` wide.

    Raises ExtractError when the file is not a sane spreadsheet or has more than
    ``max_rows`` rows or ``max_cells`` cells; columns past ``max_columns`` are not
    read (an import names its columns in the first few).
    """
    check_zip(data, LIMITS)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise ExtractError(
            f"Excel-filen går inte att läsa / the Excel file cannot be read "
            f"({type(exc).__name__})"
        )
    try:
        if not workbook.worksheets:
            raise ExtractError(
                "Excel-filen har inget blad / the Excel file has no sheet"
            )
        sheet = workbook.worksheets[0]
        # A declared width (the sheet's dimension) pads every row to it: read no
        # wider than max_columns. Without one, each row is as wide as its last
        # cell; cells past max_columns still count, so a far-away cell costs little.
        declared = sheet.max_column if isinstance(sheet.max_column, int) else None
        width = min(declared, max_columns) if declared else None
        rows: list[list[Any]] = []
        cells = 0
        for row in sheet.iter_rows(max_col=width, max_row=max_rows + 1):
            if len(rows) >= max_rows:
                raise ExtractError(
                    f"Excel-filen har fler än {_number(max_rows)} rader / the Excel "
                    f"file has more than {_number(max_rows)} rows"
                )
            cells += len(row)
            if cells > max_cells:
                raise ExtractError(
                    f"Excel-filen har fler än {_number(max_cells)} celler / the "
                    f"Excel file has more than {_number(max_cells)} cells"
                )
            rows.append([_shown(cell) for cell in row[:max_columns]])
    except (ExtractError, MemoryError):
        raise
    except Exception as exc:  # a broken sheet inside a sound container
        raise ExtractError(
            f"Excel-filen går inte att läsa / the Excel file cannot be read "
            f"({type(exc).__name__})"
        )
    finally:
        workbook.close()
    return rows
