"""The columns of a signature block's line: cells set apart by wide spaces or by
pipes ("Anna Berg  |  Per Ås  |  Eva Lind", a folder's or slide's signature row),
and names joined by single spaces over titles joined the same way."""

from __future__ import annotations

import re

from ._person import TITLE_RX, Signatory, is_name, is_title, plain_name

_COLUMNS = re.compile(r"\S+(?:[ \u00a0]{1,2}\S+)*")
# A cell between pipes, without the spaces around it.
_PIPE_CELL = re.compile(r"[^|\s](?:[^|\n]*[^|\s])?")
_WORDS = re.compile(r"\S+")


def cells(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The cells of the line ``text[start:end]`` with where each starts."""
    line = text[start:end]
    found = _PIPE_CELL if "|" in line else _COLUMNS
    return [(m.group(0), start + m.start()) for m in found.finditer(line)]


def _split_titles(words: list[str], n: int) -> list[str] | None:
    """``n`` titles from one line of joined title columns: a new title starts at a
    capitalised word after a word that holds a title ("Kommunstyrelsens ordförande
    Lokalpolisområdeschef Hallsberg" → two)."""
    if not words or any(is_name(w) for w in words):
        return None
    parts: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if (
            i
            and word[:1].isupper()
            and TITLE_RX.search(words[i - 1])
            and len(parts) < n
        ):
            parts.append([])
        parts[-1].append(word)
    if len(parts) != n or not all(TITLE_RX.search(" ".join(p)) for p in parts):
        return None
    return [" ".join(p) for p in parts]


def joined_columns(
    text: str, cell: tuple[str, int], below: tuple[int, int] | None
) -> list[Signatory]:
    """Two or three signature columns joined by single spaces: "Anna Berg Per Ås"
    over "Kommunchef Lokalpolisområdeschef" gives two two-word names."""
    if below is None:
        return []
    words = [(m.group(0), m.start()) for m in _WORDS.finditer(cell[0])]
    n = len(words) // 2
    if n not in (2, 3) or len(words) != 2 * n:
        return []
    titles = _split_titles(text[below[0] : below[1]].split(), n)
    if titles is None:
        return []
    out = []
    for k in range(n):
        (w1, o1), (w2, _) = words[2 * k], words[2 * k + 1]
        name = f"{w1} {w2}"
        if not is_name(name) or not plain_name(name):
            return []
        begin = cell[1] + o1
        out.append(
            Signatory(
                name,
                titles[k],
                None,
                (begin, begin + len(name)),
                "signatory.joined_columns",
            )
        )
    return out


def joined_pipe_row(cells_: list[tuple[str, int]]) -> list[Signatory]:
    """A signature row and its title row read as one line ("Anna Berg | Per Ås
    kommunstyrelsens ordförande | lokalpolisområdeschef": a reader joined the two
    lines): n names, the n-th cell holding the last name and the first title."""
    n = (len(cells_) + 1) // 2
    if n < 2 or len(cells_) != 2 * n - 1:
        return []
    middle, at = cells_[n - 1]
    words = middle.split()
    for size in (2, 3):
        last, title = " ".join(words[:size]), " ".join(words[size:])
        if is_name(last) and plain_name(last) and title and is_title(title):
            break
    else:
        return []
    names = [*cells_[: n - 1], (last, at)]
    titles = [title, *(cell for cell, _ in cells_[n:])]
    if not all(is_name(c) and plain_name(c) for c, _ in names) or not all(
        is_title(t) for t in titles
    ):
        return []
    return [
        Signatory(name, t, None, (off, off + len(name)), "signatory.joined_rows")
        for (name, off), t in zip(names, titles, strict=True)
    ]
