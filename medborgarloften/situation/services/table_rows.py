"""The columns and cells of an imported table, and the row errors that name them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation

from ..tabular import Table, parse_number

_Choice = TypeVar("_Choice")
_Number = TypeVar("_Number", int, float)


def _column(table: Table, aliases: tuple[str, ...]) -> str | None:
    for name in aliases:
        if name in table.header:
            return name
    return None


def _names(spec: dict[str, tuple[str, ...]]) -> list[str]:
    """Every accepted column name: how a header row is recognised."""
    return [name for aliases in spec.values() for name in aliases]


def _cell(row: dict[str, str], column: str | None) -> str:
    """The row's value in ``column``; a column the file lacks reads as empty."""
    return row[column] if column is not None else ""


#: Row ranges named in one grouped error before the rest are only counted.
SHOWN_RANGES = 5


def _ranges(numbers: list[int]) -> str:
    """2, 3, 4, 9 → "2–4, 9"; past SHOWN_RANGES ranges, "…"."""
    spans: list[list[int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in spans[:SHOWN_RANGES])
    return text + (", …" if len(spans) > SHOWN_RANGES else "")


class _Errors(list[str]):
    """Row errors, one line each; the same error in the same column on several rows
    is one line naming the rows ("Rad 2–961, indikator: …"): a 960-row file with one
    wrong column read as a page of 960 lines."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[tuple[str | None, str], tuple[int, list[int]]] = {}

    def row(self, number: int, column: str | None, message: str) -> None:
        key = (column, message)
        if key not in self._seen:
            self._seen[key] = (len(self), [number])
            self.append(
                _("Rad %(n)d, %(column)s: %(message)s")
                % {"n": number, "column": column, "message": message}
            )
            return
        index, numbers = self._seen[key]
        numbers.append(number)
        self[index] = _("Rader %(rows)s (%(count)d rader), %(column)s: %(message)s") % {
            "rows": _ranges(numbers),
            "count": len(set(numbers)),
            "column": column,
            "message": message,
        }


def _missing_columns(
    table: Table, spec: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> list[str]:
    return [
        _("Kolumnen '%(name)s' saknas (godtagna namn: %(aliases)s).")
        % {"name": spec[key][0], "aliases": ", ".join(spec[key])}
        for key in required
        if _column(table, spec[key]) is None
    ]


def _year(text: str) -> int | None:
    text = text.strip()
    # ASCII digits only: '²' is a digit to isdigit() but not to int().
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if 1990 <= int(text) <= 2100 else None


def _row_area(
    lookup: Callable[[str], Area | None | bool],
    kommun: Organisation,
    errors: _Errors,
    number: int,
    row: dict[str, str],
    column: str | None,
) -> Area | None | bool:
    """What ``lookup`` makes of the row's area (False when unknown: the row's error)."""
    area = lookup(_cell(row, column))
    if area is False:
        errors.row(
            number,
            column,
            _("okänt område %(v)r i %(kommun)s.")
            % {"v": _cell(row, column), "kommun": kommun},
        )
    return area


def _row_year(
    errors: _Errors,
    number: int,
    row: dict[str, str],
    column: str | None,
    default: int | None = None,
) -> int | None:
    """The row's year (``default`` when the file has no year column); none is the
    row's error."""
    year = _year(_cell(row, column)) if column else default
    if year is None:
        errors.row(number, column, _("inget år: %(v)r.") % {"v": _cell(row, column)})
    return year


def _row_number(
    errors: _Errors,
    number: int,
    row: dict[str, str],
    column: str | None,
    kind: type[_Number],
    refusal: str,
) -> _Number | None:
    """The number in the row's ``column`` as ``kind`` (int or float); None when the
    file has no such column, the cell is empty, or it holds no such number (then
    ``refusal`` % {"v": the cell} is the row's error)."""
    if not column or not _cell(row, column).strip():
        return None
    try:
        return kind(parse_number(_cell(row, column)))
    except ValueError:
        errors.row(number, column, refusal % {"v": _cell(row, column)})
        return None


def _row_choice(
    errors: _Errors,
    number: int,
    row: dict[str, str],
    column: str | None,
    choices: Mapping[str, _Choice],
    refusal: str,
    **words: str,
) -> _Choice | None:
    """What the row's cell names in ``choices`` (keys in ``casefold`` form); none
    is the row's error, ``refusal`` with the cell as ``v`` (and ``words``)."""
    found = choices.get(_cell(row, column).strip().casefold())
    if found is None:
        errors.row(number, column, refusal % {"v": _cell(row, column), **words})
    return found
