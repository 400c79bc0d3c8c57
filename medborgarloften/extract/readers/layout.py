"""Page layout → structured text, for any source of positioned words.

The PDF text layer and OCR both give words with positions and sizes but no
structure. This module rebuilds it the way a reader's eye does:

- **lines** from shared baselines; a list marker (a bullet glyph, a bullet drawn as
  a small shape, "1.", "a)") at the start of a line is split off;
- **reading order**: running headers/footers and page numbers removed, two columns
  read left then right (:func:`reading_order`);
- **blocks**: a list item takes the lines that follow it at its text's indentation
  (a hanging indent) or that wrap back to the margin mid-sentence; a change of size
  or weight starts a new block (headings); a gap wider than the line pitch starts a
  paragraph; a line that ends early on purpose (a signature, an address) keeps its
  line break, a line that was full is joined to the next.

The result has the shape the rules read (see ``cleanup``): paragraphs separated by
a blank line, list items one to a line as ``• text`` or ``1. text``.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .cleanup import BULLET_CHARS, join_broken_line, normalise

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
        """ "•", "1.", "a)" … when the line starts a list item, else ""."""
        if len(self.words) < 2:
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
        signature block or a table row) is kept as four spaces."""
        return _join(self.body)

    @cached_property
    def full_text(self) -> str:
        return _join(self.words)

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


# --- Running headers and footers -----------------------------------------------------


def _edge_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.full_text.casefold().split()))


def strip_running_lines(pages: list[list[Line]]) -> None:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    edges = 2

    def edge_indexes(lines: list[Line]) -> list[int]:
        count = len(lines)
        return sorted({*range(min(edges, count)), *range(max(0, count - edges), count)})

    seen: Counter[str] = Counter()
    sizes: dict[str, list[float]] = {}
    for lines in pages:
        edge_lines = {
            _edge_key(lines[index]): lines[index] for index in edge_indexes(lines)
        }
        seen.update(edge_lines.keys())
        for key, line in edge_lines.items():
            sizes.setdefault(key, []).append(line.size)
    threshold = max(2, math.ceil(0.6 * len(pages)))
    # A chapter title with the page number ("Kapitel 2: Uppföljning 13") repeats
    # only within its chapter; the number makes three repeats enough.
    running = {
        key
        for key, count in seen.items()
        if count >= threshold or (count >= 3 and "#" in key)
    }
    usual_size = {key: statistics.median(sizes[key]) for key in running}

    def is_running(line: Line) -> bool:
        key = _edge_key(line)
        # The same words set larger than usual are the title on the first page.
        return key in running and line.size <= usual_size[key] + 1

    for lines in pages:
        drop = {
            index
            for index in edge_indexes(lines)
            if is_running(lines[index])
            or _PAGE_NUMBER.match(lines[index].full_text.strip())
        }
        lines[:] = [line for index, line in enumerate(lines) if index not in drop]


def strip_margin_lines(pages: list[tuple[float, list[Line]]]) -> None:
    """Remove a page header or footer that appears once (a one-page document):
    a line no larger than the body text, alone in the page's top or bottom margin,
    far from the text it would belong to (pages given as (height, lines))."""
    sizes: Counter[float] = Counter()
    for _, lines in pages:
        for line in lines:
            sizes[line.size] += len(line.full_text)
    if not sizes:
        return
    body = sizes.most_common(1)[0][0]
    for height, lines in pages:
        if len(lines) < 3 or height <= 0:
            continue
        drop = set()
        first, second = lines[0], lines[1]
        if (
            first.base > (1 - MARGIN_SHARE) * height
            and first.size <= body * (1 + SIZE_TOLERANCE)
            and first.base - second.base > MARGIN_GAP * first.size
            and not first.marker
        ):
            drop.add(0)
        last, before = lines[-1], lines[-2]
        if (
            last.base < MARGIN_SHARE * height
            and last.size <= body * (1 + SIZE_TOLERANCE)
            and before.base - last.base > MARGIN_GAP * last.size
            and not last.marker
        ):
            drop.add(len(lines) - 1)
        lines[:] = [line for index, line in enumerate(lines) if index not in drop]


# --- Columns ----------------------------------------------------------------------


def _segments(line: Line) -> list[tuple[float, float]]:
    """Horizontal spans of a line, split where words are more than an em apart."""
    spans: list[tuple[float, float]] = []
    for word in line.words:
        if spans and word.x0 - spans[-1][1] <= word.size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], word.x1))
        else:
            spans.append((word.x0, word.x1))
    return spans


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of an empty vertical strip in the middle of the text that splits the
    body into a left and a right column, or None for a single-column page.

    Lines with one span wider than 60 % of the text (titles, intros, footers above
    or below the columns) are left out of the search; they become full-width bands
    in the reading order.
    """
    if len(lines) < 4 or width <= 0:
        return None
    all_spans = [_segments(line) for line in lines]
    text_x0 = min(span[0] for spans in all_spans for span in spans)
    text_x1 = max(span[1] for spans in all_spans for span in spans)
    text_width = text_x1 - text_x0
    narrow = [
        spans
        for spans in all_spans
        if max(x1 - x0 for x0, x1 in spans) < 0.6 * text_width
    ]
    if len(narrow) < 4:
        return None
    low = int(text_x0 + 0.25 * text_width)
    high = int(text_x0 + 0.75 * text_width)
    crossing = [0] * (high - low)
    for spans in narrow:
        for x0, x1 in spans:
            for x in range(max(low, math.ceil(x0)), min(high, math.floor(x1) + 1)):
                crossing[x - low] += 1
    allowed = len(narrow) // 10
    best: tuple[int, int] | None = None
    start = None
    for index, count in enumerate([*crossing, allowed + 1]):
        if count <= allowed and start is None:
            start = index
        elif count > allowed and start is not None:
            if best is None or index - start > best[1] - best[0]:
                best = (start, index)
            start = None
    if best is None or best[1] - best[0] < 6:
        return None
    gutter = low + (best[0] + best[1]) / 2
    left_spans = [s for spans in narrow for s in spans if s[1] <= gutter]
    right_spans = [s for spans in narrow for s in spans if s[0] >= gutter]
    if len(left_spans) < 3 or len(right_spans) < 3:
        return None
    # A real right column starts at one left edge; scattered values are a table.
    starts = Counter(round(s[0] / 3) for s in right_spans)
    if starts.most_common(1)[0][1] < 0.5 * len(right_spans):
        return None
    if statistics.median(s[1] - s[0] for s in left_spans) < 0.25 * text_width:
        return None
    return gutter


def reading_order(lines: list[Line], width: float) -> tuple[list[list[Line]], int]:
    """Lines as flows in reading order; the int is 1 when the page had two columns.

    Full-width lines (a title above the columns, a note below) split the page into
    bands; in each band the left column is read before the right one.
    """
    gutter = find_gutter(lines, width)
    if gutter is None:
        return [lines], 0
    flows: list[list[Line]] = []
    left: list[Line] = []
    right: list[Line] = []
    full: list[Line] = []

    def flush_columns() -> None:
        flows.extend(flow for flow in (left[:], right[:]) if flow)
        left.clear()
        right.clear()

    for line in lines:
        if any(x0 < gutter < x1 for x0, x1 in _segments(line)):
            flush_columns()
            full.append(line)
            continue
        if full:
            flows.append(full[:])
            full.clear()
        left_words = [w for w in line.words if w.x1 <= gutter]
        right_words = [w for w in line.words if w.x0 >= gutter]
        if left_words:
            left.append(Line(left_words))
        if right_words:
            right.append(Line(right_words))
    flush_columns()
    if full:
        flows.append(full)
    return flows, 1


# --- Blocks -------------------------------------------------------------------------


@dataclass
class _Block:
    """A paragraph (lines kept as written or joined) or one list item."""

    marker: str
    lines: list[str]
    size: float
    bold: bool
    x0: float  # where the text starts (after the marker)
    marker_x0: float
    last: Line
    # How the block is separated from the one before: "\n" or "\n\n".
    separator: str = "\n\n"
    continued: int = 0  # lines added after the first


@dataclass
class _Flow:
    """Measures of one flow (a column or a page) that the decisions compare against."""

    pitch: float
    size: float  # the size of the lines the pitch was measured on
    right: float

    def paragraph_gap(self, previous: Line, line: Line) -> bool:
        """A step wider than the pitch (scaled to the lines' size) or upwards."""
        step = previous.base - line.base
        scale = max(previous.size, line.size) / self.size if self.size else 1.0
        return step < 0 or step > PARAGRAPH_STEP * self.pitch * max(scale, 1.0)


def _measure(lines: list[Line], right: float | None) -> _Flow:
    # The body size: the size most characters of the flow have.
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    size = sizes.most_common(1)[0][0]
    steps = [
        a.base - b.base
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 < a.base - b.base < 3 * a.size
        and _same_size(a.size, size)
        and _same_size(b.size, size)
    ]
    # The line pitch inside a paragraph: a low quantile, because on a page of short
    # paragraphs the gaps between them can outnumber the steps within them.
    pitch = sorted(steps)[len(steps) // 5] if steps else 1.2 * size
    flow_right = max(line.x1 for line in lines)
    return _Flow(pitch=pitch, size=size, right=max(flow_right, right or 0.0))


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= SIZE_TOLERANCE * max(a, b)


def _width_of_first_word(line: Line) -> float:
    word = line.body[0]
    return word.x1 - word.x0


def _was_full(previous: Line, line: Line, flow: _Flow) -> bool:
    """True when the next line's first word would not have fitted on ``previous``:
    the line broke because it was full, not because the writer broke it."""
    room = flow.right - previous.x1
    return room < _width_of_first_word(line) + 1.0 * previous.size


def _aligned(a: float, b: float, size: float) -> bool:
    return abs(a - b) <= max(2.0, 0.3 * size)


def _continues_text(previous: str, following: str) -> bool:
    """A sentence that goes on: no sentence end before, lower case or a hyphen."""
    last, first = previous.rstrip(), following.lstrip()
    return (
        bool(last and first)
        and not last.endswith(_SENTENCE_END)
        and (first[0].islower() or last.endswith("-"))
    )


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[_Block] = []

    def add_flow(self, lines: list[Line], *, right: float | None) -> None:
        if not lines:
            return
        flow = _measure(lines, right)
        previous: Line | None = None
        for line in lines:
            step = None if previous is None else previous.base - line.base
            self._add_line(line, previous, step, flow)
            previous = line

    def _add_line(
        self,
        line: Line,
        previous: Line | None,
        step: float | None,
        flow: _Flow,
    ) -> None:
        block = self.blocks[-1] if self.blocks else None
        text = line.text
        if block is None:
            self._start(line, "\n\n")
            return
        if previous is None:
            # The first line of a column or page: carry on only with a sentence or
            # list item cut by the break.
            if (
                not line.marker
                and _same_size(line.size, block.size)
                and (
                    _continues_text(block.lines[-1], text)
                    or (block.marker and _aligned(line.x0, block.x0, line.size))
                )
            ):
                self._continue(block, line, join=True)
            else:
                both_items = bool(line.marker and block.marker)
                self._start(line, "\n" if both_items else "\n\n")
            return
        assert step is not None
        paragraph_gap = flow.paragraph_gap(previous, line)
        same_size = _same_size(line.size, block.size)
        full = _was_full(previous, line, flow)
        typed = line.marker != "•" or line.words[0].text in _DASHES
        if (
            line.marker
            and typed
            and full
            and not paragraph_gap
            and not previous.text.rstrip().endswith(_SENTENCE_END)
            and not (block.marker and _aligned(line.x0, block.marker_x0, line.size))
        ):
            # "(2)", "3." or a dash that a sentence wrapped onto the start of a
            # line; the next item of a list has its marker where the last one had.
            line.__dict__["marker"] = ""
            line.__dict__.pop("text", None)
        if line.marker:
            tight = bool(block.marker) or (
                not paragraph_gap and same_size and line.bold == block.bold
            )
            self._start(line, "\n" if tight else "\n\n")
            return
        if block.marker:
            if self._item_continues(block, line, previous, step, flow, full):
                self._continue(block, line, join=True)
                return
            self._start(line, "\n\n")
            return
        restyled = not same_size or (
            line.bold != block.bold
            and not (full and _continues_text(previous.text, text))
        )
        if paragraph_gap or restyled:
            self._start(line, "\n\n")
            return
        if line.has_gap or previous.has_gap:
            self._continue(block, line, join=False)
            return
        join = (
            full or previous.text.endswith("-") or _continues_text(previous.text, text)
        )
        self._continue(block, line, join=join)

    def _item_continues(
        self,
        block: _Block,
        line: Line,
        previous: Line,
        step: float,
        flow: _Flow,
        full: bool,
    ) -> bool:
        restyled = not _same_size(line.size, block.size) or line.bold != block.bold
        # A bold lead-in inside the item ("Trygghet: …") keeps it going only when
        # the text clearly continues.
        if restyled and not (full and _continues_text(previous.text, line.text)):
            return False
        if step < 0:
            return False
        hanging = block.x0 - block.marker_x0 > 0.5 * line.size
        if _aligned(line.x0, block.x0, line.size) and (
            hanging or step <= PARAGRAPH_STEP * flow.pitch
        ):
            # At the item's text indentation: a wrapped line or a paragraph that
            # explains the item, as long as it is not far away.
            return step <= 2.6 * flow.pitch
        at_margin = (
            line.x0 >= block.marker_x0 - max(2.0, 0.3 * line.size)
            and line.x0 < block.x0
        )
        if not at_margin or step > 2.6 * flow.pitch:
            return False
        if _continues_text(previous.text, line.text):
            # The item's sentence goes on, even in a paragraph of its own (Enter
            # pressed in the middle of a sentence).
            return True
        # Wrapped back to the margin (a typed bullet without hanging indentation).
        ends_sentence = previous.text.rstrip().endswith(_SENTENCE_END)
        return full and not ends_sentence and step <= PARAGRAPH_STEP * flow.pitch

    def _start(self, line: Line, separator: str) -> None:
        self.blocks.append(
            _Block(
                marker=line.marker,
                lines=[line.text],
                size=line.size,
                bold=line.bold,
                x0=line.body_x0,
                marker_x0=line.x0,
                last=line,
                separator=separator,
            )
        )

    def _continue(self, block: _Block, line: Line, *, join: bool) -> None:
        if join and not block.lines[-1].endswith(GAP) and GAP not in line.text:
            block.lines[-1] = join_broken_line(block.lines[-1], line.text)
        else:
            block.lines.append(line.text)
        block.last = line
        block.continued += 1

    def text(self) -> str:
        parts: list[str] = []
        for index, block in enumerate(self.blocks):
            if index:
                parts.append(block.separator)
            if block.marker:
                parts.append(f"{block.marker} " + " ".join(block.lines))
            else:
                parts.append("\n".join(block.lines))
        return "".join(parts)


def blocks_text(flows: Iterable[tuple[list[Line], float | None]]) -> str:
    """Structured text of flows in reading order. The float is the right margin of
    the document's text for a flow as wide as the page (a short last page has too
    few lines to show where lines end), None for a column."""
    builder = _Builder()
    for lines, right in flows:
        builder.add_flow(lines, right=right)
    return builder.text()


def layout_pages(pages: list[tuple[float, float, list[Line]]]) -> tuple[str, int]:
    """Text of pages of lines (page width, page height, lines) and the number of
    two-column pages."""
    strip_running_lines([lines for _, _, lines in pages])
    strip_margin_lines([(height, lines) for _, height, lines in pages])
    ends = sorted(line.x1 for _, _, lines in pages for line in lines)
    # Where the document's lines end: a high quantile, not the widest table row.
    right = ends[int(0.95 * (len(ends) - 1))] if ends else None
    flows: list[tuple[list[Line], float | None]] = []
    two_column_pages = 0
    for width, _, lines in pages:
        page_flows, columns = reading_order(lines, width)
        two_column_pages += columns
        # Text as wide as the page wraps near its right margin; a document of
        # short lines only (a signature page) never reached it.
        page_right = max(right or 0.0, FULL_LINE_SHARE * width)
        flows.extend((flow, None if columns else page_right) for flow in page_flows)
    return normalise(blocks_text(flows)), two_column_pages
