"""The two CSV dialects the open data speaks: plain (``,`` and a decimal point, for
programs) and Excel with Swedish settings (``bom=true``: ``;`` between the fields and
a decimal comma, the file after a UTF-8 byte order mark). One place, so every table's
CSV and cases.csv write the same."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

#: The field separator of each dialect (``excel``: Swedish Excel's list separator).
DELIMITERS = {False: ",", True: ";"}

#: How a cell starts that a spreadsheet would run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A text a spreadsheet would run as a formula, with a leading apostrophe
    (OWASP "CSV injection"), so data stays data there; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def excel_number(value: Any) -> str | None:
    """A decimal number written with a decimal comma, or None for anything else
    (a text keeps its own full stops; whole numbers and booleans have none)."""
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return None
