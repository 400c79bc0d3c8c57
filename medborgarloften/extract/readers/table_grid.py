"""A table's rows → lines, as a reader of a laid-out document shows them.

Shared by the Word and the HTML readers, so a table reads the same whichever file
it comes in: a first row of short column names ("Aktivitet | Ansvar | När") is a
header, and each row under it is one line with a tab between its cells (an empty
cell kept in its place); rows of short cells keep their columns (a signature
table, a key–value row); long cells are read one after another.
"""

from __future__ import annotations

from itertools import zip_longest

# Cells this short, side by side, are columns (a signature table, a key–value row).
SHORT_CELL = 60

_GAP = "    "
_CELL_TAB = "\t"
PLAN_WIDTH = 3  # columns of a plan's table (activity, who, when …)


def _one_line(cell: list[str]) -> str:
    return " ".join(line.strip() for line in cell)


def grid_lines(
    rows: list[list[list[str]]], header_width: int = 0, plan: list[int] | None = None
) -> list[str]:
    """The lines of a table given as rows of cells, each cell its lines (a cell
    merged across columns or rows given once). ``header_width`` is the width of a
    plan's table this one goes on with (0: none); ``plan`` receives the width of
    this table's header of column names when it has one."""
    lines: list[str] = []
    for cells in rows:
        if header_width >= PLAN_WIDTH and len(cells) == header_width and any(cells):
            # A row under a header of column names: one line, a tab between its
            # cells and an empty cell kept in its place, so each stays in its
            # column (as a plan typed with tabs reads).
            texts = [_one_line(cell) for cell in cells]
            lead = next(i for i, text in enumerate(texts) if text)
            # an empty first cell written out, as a reader's left margin drops it
            texts[:lead] = ["–"] * lead
            lines.append(_CELL_TAB.join(texts).rstrip())
            continue
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        short = all(
            len(line) <= SHORT_CELL and not line.lstrip(" ").startswith("• ")
            for cell in cells
            for line in cell
        )
        if (
            not lines
            and len(cells) > 1
            and short
            and all(len(cell) == 1 and len(cell[0].split()) <= 4 for cell in cells)
        ):
            header_width = len(cells)
            if header_width >= PLAN_WIDTH:
                if plan is not None:
                    plan[0] = header_width
                lines.append(_CELL_TAB.join(cell[0] for cell in cells))
                continue
        grid_row = (
            header_width
            and len(cells) == header_width
            and all(
                len(cell) == 1 and not cell[0].lstrip(" ").startswith("• ")
                for cell in cells
            )
        )
        if len(cells) > 1 and (short or grid_row):
            # Short cells, or one line a cell under a row of column names: the
            # row stays one line with its columns (an action table's row).
            for parts in zip_longest(*cells, fillvalue=""):
                lines.append(_GAP.join(part.lstrip(" ") for part in parts).rstrip())
        else:
            for cell_text in cells:
                lines.extend(cell_text)
    return lines
