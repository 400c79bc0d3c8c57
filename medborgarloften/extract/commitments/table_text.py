"""A table is a table whatever its delimiters: tables typed or pasted as text are
rewritten as tab-cut rows, character for character, so every offset stays valid.

A plan's action table reaches the text in many shapes: Markdown pipes ("| Åtgärd |
Ansvarig |"), a grid drawn with "+----+" rules, columns aligned by runs of spaces, or
a Word table pasted one cell per line. The table reader (``action_rows``) reads one
shape, tab-cut lines, so ``retable`` turns the others into it without changing the
text's length:

- a pipe row's inner pipes become tabs and its outer ones spaces;
- a rule ("|---|---|", "+----+====+") becomes a row of dashes cut by tabs: a row
  boundary with no text, which the table reader takes as the end of a row;
- in columns aligned by spaces under a header of column names, the space before each
  column's start becomes a tab (a wrapped line's empty cells keep their places);
- a header of column names one a line, then the cells one a line: the line breaks
  inside each row become tabs.
"""

from __future__ import annotations

import re

from .area_tables import area_header, area_rows
from .cell_repair import split_run_on
from .tables import _ACTIVITY_COLUMN, _GOAL_COLUMN, _RESPONSIBLE_COLUMN, _WHEN_COLUMN

_PIPE_ROW = re.compile(r"[ \t]*\|[^\n]*\|[ \t]*")
_PIPE_RULE = re.compile(r"[ \t]*\|(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*")
# A Markdown rule with its table's first row run on after it ("---|---|--- Genomföra
# … | Polisen | maj"): a PDF reader joins a short line to the next.
_RULE_RUN_ON = re.compile(
    r"^(?P<rule>[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{3,}:?[ \t]*\|?) (?=\S)",
    re.M,
)
_GRID_RULE = re.compile(r"[ \t]*\+(?:[-=:]{2,}\+)+[ \t]*")

# The other columns of an action table: its number, its place, how it is followed up.
_OTHER_COLUMN = re.compile(
    r"(?:nr\.?|#|nummer|var|plats|område|indikator|uppföljning|hur\s+följs\s+upp"
    r"|kommentar|resurser|kostnad|effekt|syfte|målgrupp|samverkan(?:spart)?)$",
    re.I,
)
_MAX_COLUMNS = 7
_SPACE_GAP = re.compile(r" {2,}")


def _column_name(cell: str) -> bool:
    """A cell is a column's name: short and one of an action table's headings."""
    name = cell.strip().rstrip(":").strip()
    if not name or len(name.split()) > 4:
        return False
    return bool(
        _ACTIVITY_COLUMN.match(name)
        or _RESPONSIBLE_COLUMN.match(name)
        or _WHEN_COLUMN.match(name)
        or _GOAL_COLUMN.match(name)
        or _OTHER_COLUMN.match(name)
    )


def _header(names: list[str]) -> bool:
    """Names of an action table's columns: an activity column and at least one more,
    all of them column names."""
    return (
        2 <= len(names) <= _MAX_COLUMNS
        and all(_column_name(n) for n in names)
        and any(_ACTIVITY_COLUMN.match(n.strip()) for n in names)
    )


_HEADER_SPLIT = re.compile(r"[ \t]*\|[ \t]*|\t+|[ ]{2,}")


def column_header(line: str) -> bool:
    """The line is an action table's header row ("Aktivitet | Ansvarig | När"),
    its cells cut by pipes, tabs or runs of spaces: no heading of the text."""
    cells = [c for c in _HEADER_SPLIT.split(line.strip().strip("|")) if c.strip()]
    return _header(cells) or area_header(cells)


def _pipe_row(line: str) -> str:
    """A Markdown or grid row with tabs for its inner pipes and spaces for its outer
    ones (same length)."""
    first, last = line.index("|"), line.rindex("|")
    inner = line[first + 1 : last].replace("|", "\t")
    return line[:first] + " " + inner + " " + line[last + 1 :]


def _rule(line: str) -> str:
    """A table's rule as a row of dashes cut by tabs where its joints were."""
    return re.sub(r"[|+]", "\t", line.replace("=", "-"))


def _columns(header: str) -> list[int]:
    """Where each cell of a space-aligned header line starts."""
    starts = [len(header) - len(header.lstrip())]
    starts += [m.end() for m in _SPACE_GAP.finditer(header.rstrip())]
    return starts


def _aligned(line: str, starts: list[int]) -> bool:
    """Every piece of ``line`` (pieces set apart by two spaces or more) starts at one
    of the header's column starts (or within a character of it)."""
    text = line.rstrip()
    if not text.strip():
        return False
    pieces = [len(text) - len(text.lstrip())]
    pieces += [m.end() for m in _SPACE_GAP.finditer(text) if m.start() > pieces[0]]
    # no word runs over a column's edge: two spaces before each column it reaches
    edges = all(
        text[max(0, s - 2) : s].strip() == "" for s in starts[1:] if s < len(text)
    )
    return edges and all(any(abs(p - s) <= 1 for s in starts) for p in pieces)


def _cut_at(line: str, starts: list[int]) -> str:
    """``line`` with a tab in the space before each column start (same length)."""
    chars = list(line)
    for s in starts[1:]:
        if s - 1 < len(chars) and chars[s - 1] == " ":
            chars[s - 1] = "\t"
    return "".join(chars)


def _space_table(lines: list[str], i: int) -> int:
    """Cut the space-aligned table whose header is line ``i``; the next line to read."""
    header = lines[i]
    if "\t" in header or "|" in header:
        return i + 1
    names = _SPACE_GAP.split(header.strip())
    if not _header(names):
        return i + 1
    starts = _columns(header)
    j = i + 1
    rows = 0
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            # a blank line inside the table: it goes on when an aligned row follows
            if j + 1 < len(lines) and _aligned(lines[j + 1], starts) and rows:
                nxt = lines[j + 1]
                if nxt[: starts[1]].strip():  # a new row, not a stray fragment
                    j += 1
                    continue
            break
        if "\t" in line or not _aligned(line, starts):
            if rows:
                return i + 1  # a row out of line: columns not laid out by spaces
            break
        rows += 1
        j += 1
    if rows == 0:
        return i + 1
    lines[i] = _cut_at(header, starts)
    for k in range(i + 1, j):
        if lines[k].strip():
            lines[k] = _cut_at(lines[k], starts)
    return j


def _cell_lines(lines: list[str], i: int) -> int:
    """Join the cells of a table pasted one cell a line (its header's names one a
    line) into tab-cut rows; the next line to read."""
    width = 0
    while (
        i + width < len(lines)
        and width < _MAX_COLUMNS
        and lines[i + width].strip()
        and _column_name(lines[i + width])
        and "\t" not in lines[i + width]
    ):
        width += 1
    if width < 2 or not _header([lines[i + k] for k in range(width)]):
        return i + 1
    body = i + width
    end = body
    while end < len(lines) and lines[end].strip() and "\t" not in lines[end]:
        end += 1
    names = [lines[i + k].strip() for k in range(width)]
    if (end - body) % width:
        trial = lines[:]  # "… per vecka Polisen": a cell run on into the one before
        mended = split_run_on(trial, names, body, end)
        if not (mended - body) % width:
            lines[:], end = trial, mended
    count = end - body
    if count < width or count % width:
        return i + 1
    short = [
        k
        for k, n in enumerate(names)
        if _RESPONSIBLE_COLUMN.match(n) or _WHEN_COLUMN.match(n)
    ]
    for r in range(body, end, width):
        # a row's party or time cell is a few words: the cells keep their columns
        if any(len(lines[r + k].split()) > 6 for k in short):
            return i + 1
    for start in [i, *range(body, end, width)]:
        joined = "\t".join(lines[start : start + width])
        lines[start : start + width] = [joined] + [None] * (width - 1)  # type: ignore[list-item]
    return end


def retable(text: str) -> str:
    """``text`` with its tables written as tab-cut rows (same length, same offsets)."""
    if "|" not in text and "+-" not in text and "  " not in text and "\n" not in text:
        return text
    lines = _RULE_RUN_ON.sub(lambda m: m.group("rule") + "\n", text).split("\n")
    for n, line in enumerate(lines):
        if _PIPE_RULE.fullmatch(line) or _GRID_RULE.fullmatch(line):
            lines[n] = _rule(line)
        elif _PIPE_ROW.fullmatch(line) and line.count("|") >= 3:
            lines[n] = _pipe_row(line)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line is not None and "  " in line.strip():
            i = _space_table(lines, i)
        elif line is not None and line.strip() and _column_name(line):
            i = _cell_lines(lines, i)
        else:
            i += 1
    out: list[str] = []
    for line in lines:
        if line is None:
            continue  # joined into the row above (its line break became a tab)
        out.append(line)
    result = "\n".join(out)
    return area_rows(result) if len(result) == len(text) else area_rows(text)
