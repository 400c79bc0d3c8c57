"""Abbreviated parties in a narrow responsibility column, and their legend.

A table short of room writes its parties as letters ("P", "K", "P, K", "G") and
explains them once above the table: "Förkortningar: P = Polisen, K = Ekby kommun,
G = Gemensamt" (or "P: Polisen", "P – Polisen"). The letters of a cell are read
through the nearest legend before the table.
"""

from __future__ import annotations

import re

# "P = Polisen", "K: Kommunen", "G – Gemensamt": an abbreviation and its party.
_PAIR = re.compile(
    r"(?:^|[\s,;(])(?P<abbr>[A-ZÅÄÖ]{1,3})\s*(?:=|:|–|-)\s*(?P<name>[^,;=\n()]+?)"
    r"\s*(?=[,;)]|\s+[A-ZÅÄÖ]{1,3}\s*(?:=|:|–|-)\s|\s*$)",
    re.M,
)
_CELL_SPLIT = re.compile(r"\s*(?:,|/|&|\+|\boch\b|\bsamt\b)\s*|\s+")
_ABBREVIATION = re.compile(r"[A-ZÅÄÖ]{1,3}")
_REACH = 20_000  # how far above the table a legend is looked for


def legend(text: str, before: int) -> dict[str, str]:
    """The nearest legend line above ``before``: two or more "P = Polisen" pairs
    on one line (abbreviation → name); {} when there is none."""
    start = max(0, before - _REACH)
    best: dict[str, str] = {}
    pos = start
    for line in text[start:before].split("\n"):
        pairs = {
            m.group("abbr"): m.group("name").strip()
            for m in _PAIR.finditer(line)
            if m.group("name").strip()
        }
        if len(pairs) >= 2:
            best = pairs
        pos += len(line) + 1
    return best


def expand(cell: str, names: dict[str, str]) -> str:
    """A responsibility cell written in abbreviations ("P, K") with each written
    out ("Polisen, Ekby kommun"); the cell itself when any piece is no abbreviation
    of the legend."""
    if not names:
        return cell
    pieces = [p for p in _CELL_SPLIT.split(cell.strip()) if p]
    if not pieces or not all(_ABBREVIATION.fullmatch(p) and p in names for p in pieces):
        return cell
    return ", ".join(names[p] for p in pieces)
