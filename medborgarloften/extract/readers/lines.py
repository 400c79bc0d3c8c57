"""Words and lines of a laid-out page: grouping words into lines, attaching bullet marks."""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .cleanup import BULLET_CHARS

GAP = "    "


_SENTENCE_END = (".", "!", "?", ":", ";")


_PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|sidan|page|s\.)\s*)?[-–(]?\s*\d{1,3}\s*[-–)]?"
    r"(?:\s*(?:av|of|/)\s*\d{1,3}|\s*\(\s*\d{1,3}\s*\))?$",
    re.IGNORECASE,
)


# Enumerators the rules read as list markers: "1." "12)" "a)" "(b)".
_ENUMERATOR = re.compile(r"^\(?(\d{1,2}|[a-z])([.)])$")


_DASHES = frozenset("-–—*")


# A paragraph break is a step this much wider than the line pitch.
PARAGRAPH_STEP = 1.3


# Sizes closer than this share a style (PDF sizes carry rounding noise).
SIZE_TOLERANCE = 0.06


# A page header or footer sits in the outer 8 % of the page, at least three line
# heights from the text.
MARGIN_SHARE = 0.08


MARGIN_GAP = 3.0


# A full line of a single-column page reaches at least this far across it.
FULL_LINE_SHARE = 0.75


@dataclass
class Word:
    """One word: its text, horizontal extent, baseline and font size (page units)."""

    text: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool = False
    hyphen_break: bool = False
    # A bullet drawn as a shape (a filled circle or square), not a character.
    graphic: bool = False


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)
    # A table row joined from wrapped lines (readers.tables): never split as columns.
    table: bool = False
    # A rule (a drawn horizontal line) between this line and the one above it.
    ruled: bool = False

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def base(self) -> float:
        return statistics.fmean(word.base for word in self.words)

    @property
    def size(self) -> float:
        """The size most of the line's characters have (a bullet glyph set larger
        or a superscript does not change the line's style)."""
        return self._style[0]

    @property
    def bold(self) -> bool:
        return self._style[1]

    @cached_property
    def _style(self) -> tuple[float, bool]:
        body = self.body or self.words
        sizes: Counter[float] = Counter()
        bold = 0
        total = 0
        for word in body:
            weight = len(word.text)
            sizes[word.size] += weight
            bold += weight if word.bold else 0
            total += weight
        return sizes.most_common(1)[0][0], bold * 2 > total

    @cached_property
    def marker(self) -> str:
        """ "•", "1.", "a)" … when the line starts a list item, else "" (a table
        row's first cell is a cell, even a dash for an empty one)."""
        if len(self.words) < 2 or self.table:
            return ""
        first, second = self.words[0], self.words[1]
        if first.graphic:
            return "•"
        text = first.text
        if len(text) == 1 and (text in BULLET_CHARS or text in _DASHES):
            return "•"
        match = _ENUMERATOR.match(text)
        if match and (second.text[:1].isalpha() or second.text[:1] in "\"”'(«"):
            return f"{match.group(1)}{match.group(2)}"
        return ""

    @property
    def body(self) -> list[Word]:
        return self.words[1:] if self.marker else self.words

    @property
    def body_x0(self) -> float:
        return self.body[0].x0

    @cached_property
    def text(self) -> str:
        """Words joined by a space; a gap wider than an em (the columns of a
        signature block or a table row) is kept as four spaces; so is the gap
        between a joined table row's cells, however narrow."""
        return GAP.join(w.text for w in self.words) if self.table else _join(self.body)

    @cached_property
    def full_text(self) -> str:
        return GAP.join(w.text for w in self.words) if self.table else _join(self.words)

    @property
    def has_gap(self) -> bool:
        return GAP in self.text


def _join(words: list[Word]) -> str:
    if not words:
        return ""
    parts = [words[0].text]
    for previous, word in zip(words, words[1:], strict=False):
        parts.append(GAP if word.x0 - previous.x1 > word.size else " ")
        parts.append(word.text)
    return "".join(parts)


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words grouped into lines, top to bottom (y grows upwards, as in PDF)."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (-w.base, w.x0)):
        if lines and abs(lines[-1].words[0].base - word.base) <= 0.35 * word.size:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def attach_marks(
    lines: list[Line], marks: list[tuple[float, float, float, float]]
) -> None:
    """Put a bullet drawn as a shape (x0, y0, x1, y1) in front of the line it marks.

    A mark belongs to a line when its centre sits between the line's baseline and
    its x-height band and it ends a little left of the line's first word; marks
    that belong to no line (decoration, table rules) are ignored.
    """
    if not marks:
        return
    by_centre = sorted(((y0 + y1) / 2, (x0, y0, x1, y1)) for x0, y0, x1, y1 in marks)
    centres = [centre for centre, _ in by_centre]
    for line in lines:
        if line.words[0].graphic or line.marker:
            continue
        size = line.size
        first = line.words[0]
        best = None
        low = bisect.bisect_left(centres, line.base - 0.15 * size)
        high = bisect.bisect_right(centres, line.base + 0.75 * size)
        for _, (x0, y0, x1, y1) in by_centre[low:high]:
            if max(x1 - x0, y1 - y0) > 0.9 * size:
                continue
            if not (0 <= first.x0 - x1 <= 3 * size):
                continue
            if best is None or x1 > best[2]:
                best = (x0, y0, x1, y1)
        if best is not None:
            line.words.insert(
                0, Word("•", best[0], best[2], line.base, size, graphic=True)
            )
            for cached in ("marker", "_style", "text", "full_text"):
                line.__dict__.pop(cached, None)


def attach_rules(
    lines: list[Line], rules: list[tuple[float, float, float, float]]
) -> None:
    """Mark each line that has a rule (x0, y0, x1, y1) drawn between it and the
    line above, over part of its width: a table's rows are set apart by them."""
    if not rules:
        return
    for above, line in zip(lines, lines[1:], strict=False):
        low = line.base + 0.5 * line.size
        high = above.base - 0.2 * above.size  # below an underline
        line.ruled = any(
            low < (y0 + y1) / 2 < high and x0 < line.x1 and x1 > line.x0
            for x0, y0, x1, y1 in rules
        )
