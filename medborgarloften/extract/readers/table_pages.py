"""A table that a page break cut: the rows at the top of the next page join it.

A cut row goes on in the same columns at the top of the next page; the rows after
it are rows of the same table, with no header of their own (see ``tables``).
"""

from __future__ import annotations

from .lines import SIZE_TOLERANCE, Line, Word
from .tables import (
    _ROW_GAP,
    _ROW_PITCH,
    _capital,
    _cell_text,
    _cells,
    _column,
    _column_names,
    _line_pitch,
    _placed,
    _reaches,
    _row_line,
    _starts_row,
)


def continue_table(previous: list[Line], page: list[Line]) -> list[Line]:
    """A table that a page break cut: the lines at the top of ``page`` (not yet
    merged) that sit in the columns of the table ending ``previous`` (merged). Those
    before the first line that starts a row are the rest of the cut row and join
    its cells (``previous`` is changed); the rows after them are merged as rows of
    that table, with no header of their own. Returns the page's lines, its first
    rows merged."""
    if not previous or not page or not previous[-1].table:
        return page
    first = len(previous) - 1
    while first > 0 and previous[first - 1].table:
        first -= 1
    if first == len(previous) - 1:
        return page  # a header without rows
    header, last = previous[first], previous[-1]
    columns = [cell[0].x0 for cell in _cells(header)]
    plan = _column_names(_cells(header))
    pitch = _line_pitch(page) if plan else None
    size = header.size
    rest: list[dict[int, list[Word]]] = []
    rows: list[list[dict[int, list[Word]]]] = []
    bases: list[float] = []
    taken = 0
    for line in page:
        if abs(line.size - size) > SIZE_TOLERANCE * size:
            break
        placed = _placed(line, columns)
        if placed is None:
            break
        step = page[taken - 1].base - line.base if taken else 0.0
        spaced = pitch is not None and step > pitch + 0.05 * size
        starts = _starts_row(placed, len(columns)) or (
            # a plan's row with empty cells: at the top of the page, or after the
            # gap that sets its rows apart
            plan
            and _capital(placed.get(0, []))
            and (spaced or (not taken and len(placed) >= 2))
        )
        if step > (_ROW_GAP if starts else _ROW_PITCH) * size:
            break
        if starts:
            rows.append([placed])
            bases.append(line.base)
        elif rows:
            rows[-1].append(placed)
        else:
            rest.append(placed)
        taken += 1
    if not taken:
        return page
    reach = _reaches(header, rows)
    for row in previous[first + 1 :]:
        for word in row.words:
            index = _column(word.x0, columns, size)
            if index is not None:
                reach[index] = max(reach[index], word.x1)
    if rest:
        cells: dict[int, list[list[Word]]] = {}
        for word in last.words:
            index = _column(word.x0, columns, size)
            if index is not None:
                cells.setdefault(index, []).append([word])
        for placed in rest:
            for index, cell in placed.items():
                cells.setdefault(index, []).append(cell)
        previous[-1] = Line(
            [
                Word(
                    _cell_text(parts, reach[index]),
                    min(part[0].x0 for part in parts),
                    max(part[-1].x1 for part in parts),
                    last.base,
                    size,
                )
                for index, parts in sorted(cells.items())
            ],
            table=True,
        )
    merged = [
        _row_line(row, base, size, reach, plan=plan)
        for row, base in zip(rows, bases, strict=True)
    ]
    return merged + page[taken:]
