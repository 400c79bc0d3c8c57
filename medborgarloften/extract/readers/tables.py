"""Tables on a laid-out page: a row whose cells wrap onto several lines becomes one
line with a cell per column, so the rules see "activity    responsible    when".

A table starts at a line of two or more cells (words more than an em apart) and goes
on while every cell of the next lines starts at one of the header's column edges and
the lines follow at the line pitch. A line starts a new row when its first cell is
filled with a capital letter or a digit (rows in the genre are written in sentence
case), every other column is filled too (cells are top-aligned) and most cells
start with a capital; otherwise its cells continue the previous row's cells.
"""

from __future__ import annotations

from .cell_text import _cell_text
from .cleanup import BULLET_CHARS, join_broken_line
from .lines import SIZE_TOLERANCE, Line, Word

# Lines further apart than this many font sizes are not in the same table …
_ROW_PITCH = 1.7
# … unless the line starts a row: a table made in Word or LibreOffice puts the
# paragraph spacing of its cells between the rows.
_ROW_GAP = 2.6
_MAX_COLUMNS = 7
# A cell holding only a dash is an empty cell written out ("–"), not a list marker.
_EMPTY_CELL = frozenset("-–—")


def _cells(line: Line) -> list[list[Word]]:
    cells: list[list[Word]] = []
    for word in line.words:
        if cells and word.x0 - cells[-1][-1].x1 <= word.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    return cells


def _column(x0: float, columns: list[float], size: float) -> int | None:
    for index, edge in enumerate(columns):
        if abs(x0 - edge) <= size:
            return index
    return None


def _placed(line: Line, columns: list[float]) -> dict[int, list[Word]] | None:
    """The line's cells by column, or None when a cell starts at no column edge or
    the first cell runs into the second column (a paragraph line)."""
    placed: dict[int, list[Word]] = {}
    for cell in _split_at_edges(_cells(line), columns):
        if cell[0].graphic or cell[0].text in BULLET_CHARS:
            return None  # a list item in a column of text, not a table cell
        index = _column(cell[0].x0, columns, line.size)
        if index is None or index in placed:
            return None
        if index + 1 < len(columns) and cell[-1].x1 > columns[index + 1]:
            return None
        placed[index] = cell
    return placed


def _split_at_edges(cells: list[list[Word]], columns: list[float]) -> list[list[Word]]:
    """Cells split where a word starts right at a column's edge after a gap wider
    than a space: a cell's text filled its column up to the padding before the
    next one (less than an em apart)."""
    out: list[list[Word]] = []
    for cell in cells:
        out.append([cell[0]])
        for before, word in zip(cell, cell[1:], strict=False):
            at_edge = any(
                abs(word.x0 - edge) <= 0.2 * word.size for edge in columns[1:]
            )
            if at_edge and word.x0 - before.x1 >= 0.5 * word.size:
                out.append([word])
            else:
                out[-1].append(word)
    return out


def _starts_row(placed: dict[int, list[Word]], width: int) -> bool:
    """A row's cells are top-aligned: its first line fills every column, the first
    and most of the others starting with a capital or a digit; a line with an empty
    column, or in lower case, continues a row."""
    first = placed.get(0)
    if first is None and width >= 3 and len(placed) == width - 1:
        # … or every column but the first, each with a capital: the first column
        # names a group of rows ("Område") and is filled on its first row only
        return all(_capital(cell) for cell in placed.values())
    return (
        first is not None
        and len(placed) == width
        and _capital(first)
        and 2 * sum(_capital(cell) for cell in placed.values()) > width
    )


def _capital(cell: list[Word]) -> bool:
    if not cell:
        return False
    first = cell[0].text
    return (
        first[:1].isupper()
        or first[:1].isdigit()
        or (len(cell) == 1 and first in _EMPTY_CELL)
    )


def _reaches(header: Line, rows: list[list[dict[int, list[Word]]]]) -> list[float]:
    """How far right each column's lines go, header and rows together."""
    reach = [0.0] * _MAX_COLUMNS
    for index, cell in enumerate(_cells(header)):
        reach[index] = cell[-1].x1
    for row in rows:
        for line in row:
            for index, cell in line.items():
                reach[index] = max(reach[index], cell[-1].x1)
    return reach


def _header_line(header: Line) -> Line:
    """The header as a table line: a word per column name."""
    words = [
        Word(
            " ".join(w.text for w in cell),
            cell[0].x0,
            cell[-1].x1,
            header.base,
            cell[0].size,
            cell[0].bold,
        )
        for cell in _cells(header)
    ]
    return Line(words, table=True, ruled=header.ruled)


def _row_line(
    rows: list[dict[int, list[Word]]],
    base: float,
    size: float,
    reach: list[float],
    *,
    plan: bool = False,
) -> Line:
    """One row's cells as a line; in a plan's table (``plan``) an empty cell
    between two filled ones stays as an empty word, so each keeps its column."""
    words: list[Word] = []
    filled = {i for row in rows for i in row}
    for index in range(max(filled) + 1) if plan else sorted(filled):
        if index not in filled:
            if index:
                words.append(Word("", words[-1].x1 if words else 0.0, 0.0, base, size))
            elif plan:
                # the first column empty: a dash keeps it, as a Word file's reader
                # writes it (a reader's left margin would drop an empty word)
                words.append(Word("–", 0.0, 0.0, base, size))
            continue
        parts = [row[index] for row in rows if index in row]
        text = _cell_text(parts, reach[index])
        x0 = min(part[0].x0 for part in parts)
        x1 = max(part[-1].x1 for part in parts)
        words.append(Word(text, x0, x1, base, size))
    return Line(words, table=True)


def _text_columns(header: Line, rows: list[list[dict[int, list[Word]]]]) -> bool:
    """Two columns each as wide as a third of the text: a two-column page."""
    cells = _cells(header)
    if len(cells) != 2:
        return False
    ends = []
    for column in (0, 1):
        parts = [cells[column]]
        parts += [line[column] for row in rows for line in row if column in line]
        ends.append(max(part[-1].x1 for part in parts))
    left, right = cells[0][0].x0, cells[1][0].x0
    span = ends[1] - left
    return ends[0] - left >= 0.35 * span and ends[1] - right >= 0.35 * span


def _phrase_rows(header: Line, rows: list[list[dict[int, list[Word]]]]) -> bool:
    """Short column names ("Aktivitet", "Vem ansvarar") over two or more rows that
    fill every column with a phrase, none closing a sentence: a table of items
    (an activity and who does it), however wide its columns. Two columns of running
    text end their paragraphs with full stops."""
    names = _cells(header)
    if len(rows) < 2 or any(
        len(cell) > 4 or cell[-1].text.endswith((".", "!", "?", ":")) for cell in names
    ):
        return False
    for row in rows:
        last = _last_cells(row)
        if len(last) != len(names) or any(
            cell[-1].text.endswith((".", "!", "?")) for cell in last.values()
        ):
            return False
    return True


def _ends_cell(cell: list[Word]) -> bool:
    last = cell[-1].text
    return last.endswith((".", "!", "?")) or (len(cell) == 1 and last in _EMPTY_CELL)


def _row_bands(
    header: Line,
    rows: list[list[dict[int, list[Word]]]],
    line_bases: list[list[float]],
    size: float,
    ruled: bool,
) -> bool:
    """Columns as wide as a page's that are a table all the same: short column
    names over rows set apart by drawn rules; or over rows whose cells start side
    by side on one baseline, every cell a
    whole sentence (or a dash for an empty cell), its lines at the line pitch with
    no paragraph gap, two rows or more and at least one whose cells end on
    different lines (two columns of running text do not start and end their
    paragraphs in step)."""
    if any(len(cell) > 4 for cell in _cells(header)):
        return False
    if ruled:
        return True
    if len(rows) < 2:
        return False
    steps = [
        a - b for bases in line_bases for a, b in zip(bases, bases[1:], strict=False)
    ]
    pitch = min(steps, default=size)
    ragged = False
    for row, bases in zip(rows, line_bases, strict=True):
        last_line: dict[int, int] = {}
        previous_base: dict[int, float] = {}
        for number, (placed, base) in enumerate(zip(row, bases, strict=True)):
            for index in placed:
                before = previous_base.get(index)
                if before is not None and before - base > 1.3 * pitch:
                    return False  # a paragraph gap inside a column: running text
                previous_base[index] = base
                last_line[index] = number
        ends = {index: row[number][index] for index, number in last_line.items()}
        if not all(_ends_cell(cell) for cell in ends.values()):
            return False
        ragged = ragged or len(set(last_line.values())) > 1
    return ragged


_Rows = list[list[dict[int, list[Word]]]]


def _collect(
    lines: list[Line],
    header: Line,
    columns: list[float],
    *,
    bands: bool,
    plan: bool = False,
    pitch: float | None = None,
) -> tuple[_Rows, list[float], list[list[float]], int]:
    """The rows under ``header`` (lines[0]): the rows, each row's baseline, the
    baselines of each row's lines, and the index of the first line after them.
    With ``bands`` (columns as wide as text's) a row starts where a rule is drawn
    above it when one is drawn above the first; else only once every cell of the
    row before has ended a sentence, and a line that leaves a column empty starts
    one only after the gap that separates rows."""
    size = header.size
    ruled = bands and len(lines) > 1 and lines[1].ruled
    rows: _Rows = []
    bases: list[float] = []
    line_bases: list[list[float]] = []
    j = 1
    previous = header
    while j < len(lines):
        line = lines[j]
        if abs(line.size - size) > SIZE_TOLERANCE * size:
            break  # headings over columns of text, not a table's header
        placed = _placed(line, columns)
        if placed is None:
            break
        step = previous.base - line.base
        starts = _starts_row(placed, len(columns))
        if plan and not starts and not bands:
            # a plan's row may leave cells empty: it starts in the first column
            # with a capital, after the gap that sets its rows apart (or first)
            first = placed.get(0)
            spaced = pitch is not None and step > pitch + 0.05 * size
            starts = (
                first is not None
                and first[0].text[:1].isupper()
                and (spaced or (not rows and len(placed) >= 2))
            )
        if ruled:
            # Below a rule: a row filling every column, or what follows the table.
            if line.ruled and len(placed) < len(columns):
                break
            starts = line.ruled
        elif bands and rows:
            done = all(_ends_cell(cell) for cell in _last_cells(rows[-1]).values())
            spaced = pitch is not None and step > pitch + 0.05 * size
            first = placed.get(0)
            starts = (
                done and first is not None and _capital(first) and (starts or spaced)
            )
        if step > (_ROW_GAP if starts else _ROW_PITCH) * size or step <= 0:
            break
        if starts or not rows:
            if not starts:
                break
            rows.append([placed])
            bases.append(line.base)
            line_bases.append([line.base])
        else:
            rows[-1].append(placed)
            line_bases[-1].append(line.base)
            pitch = step if pitch is None else min(pitch, step)
        previous = line
        j += 1
    return rows, bases, line_bases, j


def _last_cells(row: list[dict[int, list[Word]]]) -> dict[int, list[Word]]:
    last: dict[int, list[Word]] = {}
    for placed in row:
        last.update(placed)
    return last


def _line_pitch(lines: list[Line]) -> float | None:
    """The page's line pitch: the smallest step between two lines of one size (a
    cell's wrapped lines follow at it; a table's rows are set further apart)."""
    steps = [
        a.base - b.base
        for a, b in zip(lines, lines[1:], strict=False)
        if a.base > b.base and abs(a.size - b.size) <= SIZE_TOLERANCE * a.size
    ]
    return min(steps, default=None)


def _column_names(cells: list[list[Word]]) -> bool:
    """Three or more short column names ("Aktivitet | Ansvarig | Tidsplan")."""
    return len(cells) >= 3 and all(
        len(cell) <= 2 and cell[0].text[:1].isupper() for cell in cells
    )


def _names_below(header: Line, below: Line | None) -> Line | None:
    """The header with the rest of its wrapped column names, when the line right
    under it holds only such rests: in lower case, each under a column name."""
    cells = _cells(header)
    if below is None or not _column_names(cells) or below.table:
        return None
    columns = [cell[0].x0 for cell in cells]
    placed = _placed(below, columns)
    step = header.base - below.base
    if (
        not placed
        or step > _ROW_PITCH * header.size
        or any(
            not cell[0].text[:1].islower() or len(cell) > 2 for cell in placed.values()
        )
    ):
        return None
    words = []
    for index, cell in enumerate(cells):
        text = " ".join(w.text for w in cell)
        if index in placed:
            text = join_broken_line(text, " ".join(w.text for w in placed[index]))
        words.append(Word(text, cell[0].x0, cell[-1].x1, header.base, cell[0].size))
    return Line(words, ruled=header.ruled)


def _wrapped_first_row(
    lines: list[Line], columns: list[float]
) -> tuple[list[dict[int, list[Word]]], int] | None:
    """A table with no header whose first row wraps (a row set as a table of its
    own): the first line's cells and the lines right under it that go on in its
    columns without starting a row, and how many lines they take; None when no
    line goes on with it or the columns are a page's columns of text."""
    first = _placed(lines[0], columns)
    if first is None or len(first) < 3:
        return None
    row, j = [first], 1
    size = lines[0].size
    while j < len(lines):
        line = lines[j]
        placed = _placed(line, columns)
        step = lines[j - 1].base - line.base
        if (
            placed is None
            or abs(line.size - size) > SIZE_TOLERANCE * size
            or not 0 < step <= _ROW_PITCH * size
            or _starts_row(placed, len(columns))
            or any(
                not cell[0].text[:1].islower() and index == 0
                for index, cell in placed.items()
            )
        ):
            break
        row.append(placed)
        j += 1
    return (row, j) if j > 1 else None


def merge_table_rows(lines: list[Line]) -> list[Line]:
    """The page's lines with each wrapped table row joined into one line."""
    out: list[Line] = []
    i = 0
    page_pitch = _line_pitch(lines)
    while i < len(lines):
        header = lines[i]
        cells = _cells(header)
        if not 2 <= len(cells) <= _MAX_COLUMNS or header.marker:
            out.append(header)
            i += 1
            continue
        columns = [cell[0].x0 for cell in cells]
        size = header.size
        names = _names_below(header, lines[i + 1] if i + 1 < len(lines) else None)
        plan = names is not None or _column_names(cells)
        whole, pitch = lines, page_pitch
        if names is not None:
            # column names wrapped onto a second line ("Mål/" / "indikator")
            pitch = header.base - lines[i + 1].base
            header, lines = names, [*lines[:i], names, *lines[i + 2 :]]
        rows, bases, line_bases, taken = _collect(
            lines[i:], header, columns, bands=False, plan=plan, pitch=pitch
        )
        if not rows or not any(len(row) > 1 for row in rows):
            header, lines = whole[i], whole
        if rows and _text_columns(header, rows) and not _phrase_rows(header, rows):
            rows, bases, line_bases, taken = _collect(
                lines[i:], header, columns, bands=True
            )
            ruled = taken > 1 and lines[i + 1].ruled
            if not _row_bands(header, rows, line_bases, size, ruled):
                rows = []
        if not rows or not any(len(row) > 1 for row in rows):
            first = None if plan else _wrapped_first_row(lines[i:], columns)
            if first is not None:
                reach = _reaches(header, [first[0]])
                out.append(_row_line(first[0], header.base, size, reach))
                i += first[1]
                continue
            out.append(header)
            i += 1
            continue
        out.append(_header_line(header))
        reach = _reaches(header, rows)
        out.extend(
            _row_line(row, base, size, reach, plan=plan)
            for row, base in zip(rows, bases, strict=True)
        )
        i += taken
    return out
