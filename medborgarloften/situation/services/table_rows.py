"""The columns and cells of an imported table, and the row errors that name them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..tabular import Table


def _column(table: Table, aliases: tuple[str, ...]) -> str | None:
    for name in aliases:
        if name in table.header:
            return name
    return None


def _cell(row: dict[str, str], column: str | None) -> str:
    """The row's value in ``column``; a column the file lacks reads as empty."""
    return row[column] if column is not None else ""


class _Errors(list[str]):
    def row(self, number: int, column: str | None, message: str) -> None:
        self.append(
            _("Rad %(n)d, %(column)s: %(message)s")
            % {"n": number, "column": column, "message": message}
        )


def _missing_columns(
    table: Table, spec: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> list[str]:
    return [
        _("Kolumnen '%(name)s' saknas (godtagna namn: %(aliases)s).")
        % {"name": spec[key][0], "aliases": ", ".join(spec[key])}
        for key in required
        if _column(table, spec[key]) is None
    ]
