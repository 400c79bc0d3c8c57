"""A table of focus areas and their activities, typed or pasted as tab-cut text.

"Fokusområde | Aktiviteter": each row names an area in its first cell and lists the
area's activities as bullets in the second; the area's further activities stand on
rows of their own whose first cell is empty ("\\t• Kommunen …"). Read as a table
row, the area and its first bullet would be one line and the following bullets
indented under it; the layout means the same as an area heading over its list:

    Narkotika bland unga            Narkotika bland unga
    \\t• Polisen …            →      • Polisen …
    \\t• Kommunen …                  •\\t Kommunen …

``area_rows`` rewrites the table so, without changing the text's length: the tab
after an area's name becomes a line break (the name becomes a heading over its
list), and an empty first cell's tab moves behind the bullet, so every bullet of a
cell starts its line as the first one does.
"""

from __future__ import annotations

import re

from .tables import _ACTIVITY_COLUMN

# The area column's heading: "Fokusområde", "Prioriterat område", "Problemområde",
# "Insatsområde", "Tema", "Inriktning".
_AREA_COLUMN = re.compile(
    r"(?:fokus|problem|insats|prioriterat\s+|utvecklings)?område|tema|inriktning",
    re.I,
)
# A bullet of the activity cell, after the tab of the area's cell.
_BULLET = r"[-•*–·▪●◦‣○■□➢►→✓✔]"
_FIRST_ROW = re.compile(rf"[ ]*[^\t\s][^\t]*?[ ]*(?P<tab>\t)[ \t]*{_BULLET}[ \t]+\S")
_NEXT_ROW = re.compile(rf"(?P<gap>[ \t]*\t[ \t]*)(?P<mark>{_BULLET})(?P<sp>[ \t]+)\S")


def area_header(cells: list[str]) -> bool:
    """ "Fokusområde | Aktiviteter": an area column, then an activity column."""
    cells = [c.strip() for c in cells if c.strip()]
    return (
        len(cells) == 2
        and bool(_AREA_COLUMN.fullmatch(cells[0].rstrip(":")))
        and bool(_ACTIVITY_COLUMN.match(cells[1]))
    )


def _header(line: str) -> bool:
    return area_header(line.split("\t"))


def _rows(lines: list[str], i: int) -> int:
    """Rewrite the rows under the header at ``i``; the next line to read."""
    j = i + 1
    changed: dict[int, str] = {}
    while j < len(lines) and lines[j].strip():
        line = lines[j]
        first = _FIRST_ROW.match(line)
        after = _NEXT_ROW.match(line)
        if first is not None:
            tab = first.start("tab")
            changed[j] = line[:tab] + "\n" + line[tab + 1 :]
        elif after is not None and changed:
            gap, mark = after.group("gap"), after.group("mark")
            changed[j] = mark + gap + line[after.end("mark") :]
        else:
            return i + 1  # a row of another shape: not such a table
        j += 1
    if not any("\n" in row for row in changed.values()):
        return i + 1
    for k, row in changed.items():
        lines[k] = row
    return j


def area_rows(text: str) -> str:
    """``text`` with its tables of focus areas and bulleted activities written as
    area headings over their lists (same length, same offsets)."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        i = _rows(lines, i) if "\t" in lines[i] and _header(lines[i]) else i + 1
    result = "\n".join(lines)
    return result if len(result) == len(text) else text
