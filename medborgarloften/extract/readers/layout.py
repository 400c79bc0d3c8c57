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

import math
import re
import statistics
from collections import Counter

from .cleanup import normalise
from .lines import (
    _PAGE_NUMBER,
    FULL_LINE_SHARE,
    MARGIN_GAP,
    MARGIN_SHARE,
    SIZE_TOLERANCE,
    Line,
)
from .paragraphs import blocks_text
from .table_pages import continue_table
from .tables import merge_table_rows


def _edge_key(line: Line) -> str:
    # as written: a running header repeats its words in the same case, and a
    # heading in capitals ("EKBYHEM") is not the logo line "Ekbyhem" of page 1
    return re.sub(r"\d+", "#", " ".join(line.full_text.split()))


def strip_running_lines(pages: list[list[Line]]) -> None:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    edges = 2

    def edge_indexes(lines: list[Line]) -> list[int]:
        count = len(lines)
        return sorted({*range(min(edges, count)), *range(max(0, count - edges), count)})

    # A running line repeats at the same edge: the signature blocks that a page
    # break parts ("Kommunstyrelsens ordförande" over the foot of page 1 and the top
    # of page 2) are no header or footer.
    seen: Counter[tuple[bool, str]] = Counter()
    sizes: dict[str, list[float]] = {}
    for lines in pages:
        edge_lines = {
            (index < edges, _edge_key(lines[index])): lines[index]
            for index in edge_indexes(lines)
        }
        seen.update(edge_lines.keys())
        for (_, key), line in edge_lines.items():
            sizes.setdefault(key, []).append(line.size)
    threshold = max(2, math.ceil(0.6 * len(pages)))
    # A chapter title with the page number ("Kapitel 2: Uppföljning 13") repeats
    # only within its chapter; the number makes three repeats enough.
    running = {
        key
        for (_, key), count in seen.items()
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
        for spans, line in zip(all_spans, lines, strict=True)
        if max(x1 - x0 for x0, x1 in spans) < 0.6 * text_width and not line.table
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
        if line.table or any(x0 < gutter < x1 for x0, x1 in _segments(line)):
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
    merged: list[list[Line]] = []
    for _, _, lines in pages:
        page_lines = continue_table(merged[-1], lines) if merged else lines
        head = [line for line in page_lines if line.table]  # rows of that table
        merged.append(head + merge_table_rows(page_lines[len(head) :]))
    for (width, _, _), page_lines in zip(pages, merged, strict=True):
        page_flows, columns = reading_order(page_lines, width)
        two_column_pages += columns
        # Text as wide as the page wraps near its right margin; a document of
        # short lines only (a signature page) never reached it.
        page_right = max(right or 0.0, FULL_LINE_SHARE * width)
        flows.extend((flow, None if columns else page_right) for flow in page_flows)
    return normalise(blocks_text(flows)), two_column_pages
