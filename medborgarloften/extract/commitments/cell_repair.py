"""A numbered table pasted one cell a line, a short cell run on into the one before.

A PDF's table copied as text gives each cell its own line, the rows numbered ("1",
"Polisen patrullerar …", "Polisen", "Antal pass", "2", …). A reader that joins a
wrapped line to the next may run a short responsibility cell on into the activity
above it ("… minst tre kvällar per vecka Polisen"): that row has one line too few
and the table no longer cuts into rows. ``split_run_on`` finds such a row by its
number, and gives the parties at the end of its activity line a line of their own
again (the space before them becomes the line break, so the text keeps its length).
"""

from __future__ import annotations

import re

from ..parties import chain_at
from .tables import _ACTIVITY_COLUMN, _RESPONSIBLE_COLUMN

_NUMBER_COLUMN = re.compile(r"(?:nr\.?|#|nummer)$", re.I)
_MAX_PARTY_WORDS = 6


def _party_tail(line: str) -> int | None:
    """Where a list of parties at the end of ``line`` starts (its longest such
    tail, capitalised, after at least three words of activity), or None."""
    words = line.split(" ")
    best = None
    for k in range(1, min(_MAX_PARTY_WORDS, len(words) - 3) + 1):
        tail = " ".join(words[-k:])
        if tail[:1].isupper() and _only_parties(tail):
            best = len(line) - len(tail)
    return best


def _only_parties(tail: str) -> bool:
    """Every piece of ``tail`` (cut at commas and "och") is a party's name and
    nothing more ("Polisen", "Ekbyhem AB, Ekby kommun")."""
    pieces = [p.strip() for p in re.split(r"\s*,\s*|\s+och\s+", tail) if p.strip()]
    if not pieces:
        return False
    for piece in pieces:
        found = chain_at(piece)
        if found is None or found[1] != len(piece):
            return False
    return True


def split_run_on(lines: list[str], names: list[str], body: int, end: int) -> int:
    """Split the rows of the numbered table ``lines[body:end]`` (column ``names``)
    whose responsibility cell ran on into the activity; the table's new end."""
    width = len(names)
    if width < 3 or not _NUMBER_COLUMN.match(names[0].strip()):
        return end
    who = next((k for k, n in enumerate(names) if _RESPONSIBLE_COLUMN.match(n)), None)
    if who is None or who < 2 or not _ACTIVITY_COLUMN.match(names[who - 1]):
        return end
    starts = [k for k in range(body, end) if lines[k].strip().isdigit()]
    if not starts or starts[0] != body:
        return end
    numbers = [int(lines[k]) for k in starts]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return end
    for first, last in reversed(list(zip(starts, [*starts[1:], end], strict=True))):
        if last - first != width - 1:
            continue
        line = lines[first + who - 1]
        at = _party_tail(line)
        if at is None:
            continue
        lines[first + who - 1 : first + who] = [line[: at - 1], line[at:]]
        end += 1
    return end
