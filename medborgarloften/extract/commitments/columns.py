"""Two party columns typed side by side, their list items wrapped within each column.

A brochure laid out in two columns ("POLISEN LOVAR ATT" beside "KOMMUNEN LOVAR
ATT") comes out of a PDF or a plain-text export as one stream of lines, each line
holding a piece of the left item and a piece of the right one. The headings' line
gives the column where each column starts; every line below is cut there, and each
column's pieces are joined into its own items ("•" opens one, an indented piece
continues it, a blank line ends it). The region ends at the first line that starts
at the margin with a word (the next heading or paragraph).
"""

from __future__ import annotations

import re

from ..structure import BULLET_RE, Block
from .patterns import _Candidate, _Context

_MARGIN_WORD = re.compile(r"\w")


def column_items(
    text: str,
    header: Block,
    cells: list[tuple[str, int]],
    parties: list[frozenset[str]],
    block_index: int,
) -> tuple[list[_Candidate], int] | None:
    """The items under a row of party headings side by side, and where they end;
    None when the lines below are not cut into those columns (one item a line)."""
    line_start = text.rfind("\n", 0, header.start) + 1
    cols = [header.start - line_start + offset for _, offset in cells]
    pos = text.find("\n", header.start)
    if pos < 0:
        return None
    pos += 1
    # per column: the pieces of the item under way, as (start, end) spans
    open_items: list[list[tuple[int, int]]] = [[] for _ in cols]
    items: list[tuple[int, list[tuple[int, int]]]] = []
    two_sided = False
    end = pos

    def close(k: int) -> None:
        if open_items[k]:
            items.append((k, open_items[k]))
            open_items[k] = []

    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        if not line.strip():
            for k in range(len(cols)):
                close(k)
        elif _MARGIN_WORD.match(line):
            break
        else:
            pieces = 0
            for k, col in enumerate(cols):
                lo = 0 if k == 0 else col
                hi = cols[k + 1] if k + 1 < len(cols) else len(line)
                piece = line[lo:hi]
                if not piece.strip():
                    continue
                pieces += 1
                lead = len(piece) - len(piece.lstrip())
                start = pos + lo + lead
                stop = pos + lo + len(piece.rstrip())
                marker = BULLET_RE.match(piece)
                if marker is not None:
                    close(k)
                    start = pos + lo + marker.end()
                open_items[k].append((start, stop))
            two_sided = two_sided or pieces > 1
        end = line_end
        if nl < 0:
            break
        pos = nl + 1
    for k in range(len(cols)):
        close(k)
    if not two_sided:
        return None
    out = []
    for k, spans in sorted(items, key=lambda item: (item[0], item[1][0][0])):
        words = " ".join(text[s:e].strip() for s, e in spans)
        if len(words.split()) < 3:
            continue
        out.append(
            _Candidate(
                words,
                spans[0][0],
                spans[-1][1],
                block_index,
                "bullet",
                "columns.wrapped",
                parties[k],
                _Context("activity", parties[k]),
            )
        )
    return out, end


def tab_row(text: str, block: Block, width: int) -> list[tuple[str, int]]:
    """The cells of a block's tab-cut line in ``width`` columns, with their offsets
    from the block's start, an empty cell kept in its place ("Informera …\t" under
    "Polisen lovar\tKommunen lovar": the left column's promise, the right cell
    left empty); [] when the line is not cut into that many cells."""
    first = text.rfind("\n", 0, block.start) + 1
    last = text.find("\n", block.start)
    line = text[first : last if last >= 0 else len(text)]
    if "\t" not in line or last < block.end - 1 and last >= 0:
        return []
    out: list[tuple[str, int]] = []
    pos = first - block.start
    for part in line.split("\t"):
        lead = len(part) - len(part.lstrip())
        out.append((part.strip(), pos + lead))
        pos += len(part) + 1
    return out if len(out) == width else []
