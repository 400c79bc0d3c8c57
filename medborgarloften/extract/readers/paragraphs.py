"""Lines in reading order into paragraphs, list items with their continuation lines, and headings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .cleanup import join_broken_line
from .lines import _DASHES, _SENTENCE_END, GAP, PARAGRAPH_STEP, SIZE_TOLERANCE, Line


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


# A word no sentence or title ends with: the line goes on, even with a name.
_OPEN_END = re.compile(
    r"\s(?:och|eller|samt|i|på|till|med|för|om|av|under|vid|kring|från|mot|inom|"
    r"genom|efter|utan|hos|mellan|att|som|en|ett)$"
)


def _continues_text(previous: str, following: str) -> bool:
    """A sentence that goes on: no sentence end before, lower case or a hyphen, or
    a line cut after a word no sentence ends with ("… i Norrhult och")."""
    last, first = previous.rstrip(), following.lstrip()
    return (
        bool(last and first)
        and not last.endswith(_SENTENCE_END)
        and (first[0].islower() or last.endswith("-") or bool(_OPEN_END.search(last)))
    )


# "1.2 Kommunen ser över …" after a sentence that ended at the margin: the next
# item of a two-level numbered list, not the sentence's wrapped end.
_SUB_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}\.?\s+[A-ZÅÄÖ]")


def _starts_own_line(lines: list[str], previous: str, following: str) -> bool:
    """A line that a full line before it does not run into: the next sub-item of a
    numbered list, or the next row of a table typed with " | " between its cells
    (the row so far has as many cells as the header line that opened the block)."""
    header = lines[0].count(" | ")
    if (
        len(lines) > 1
        and header >= 2
        and lines[-1].count(" | ") >= header
        and not _continues_text(previous, following)
    ):
        return True
    return previous.rstrip().endswith(_SENTENCE_END) and bool(
        _SUB_NUMBER.match(following.lstrip())
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
        if line.table and previous is not None and previous.table:
            # The next row of a table (rows were joined from wrapped lines).
            self._continue(block, line, join=False)
            return
        if previous is not None and previous.table and len(block.lines) > 1:
            # The first line after a table's rows starts a block of its own.
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
        ) and not _starts_own_line(block.lines, previous.text, text)
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
        open_items: list[_Block] = []  # the item of each open level of a list
        base = 0  # the level of the list's first item
        for index, block in enumerate(self.blocks):
            before = self.blocks[index - 1] if index else None
            under = before is not None and _sub_list_of_line(before, block)
            if index:
                # a sub-list right under a line of text belongs to that line
                parts.append("\n" if under else block.separator)
            if block.marker:
                if block.separator != "\n" or not self.blocks[index - 1].marker:
                    # a list starts: its first item is the margin, or one level in
                    # under a line of text
                    open_items, base = [], int(under)
                level = _level(open_items, block)
                open_items[level:] = [block]
                parts.append(
                    LEVEL_INDENT * (base + level)
                    + f"{block.marker} "
                    + " ".join(block.lines)
                )
            else:
                open_items = []
                parts.append("\n".join(block.lines))
        return "".join(parts)


def _sub_list_of_line(line: _Block, item: _Block) -> bool:
    """An item set in from a line of text further than a list's first level
    (Word and browsers put a first level's marker about a level's indentation in,
    a second level's two or more): the sub-list of that line ("1.2 Vi informerar
    genom" / "a) ett brev hem"), which a text file writes under it."""
    return (
        bool(item.marker)
        and not line.marker
        and not line.lines[-1].rstrip().endswith(_SENTENCE_END)
        and item.marker_x0 >= line.x0 + 2.5 * max(line.size, item.size)
    )


# The indentation of one list level in the text, as the Word reader writes it.
LEVEL_INDENT = "    "


def _level(open_items: list[_Block], block: _Block) -> int:
    """The list level of an item: one below the open item whose text its marker
    stands clearly beyond (a nested list: Word and browsers set a sub-list's marker
    a level's indentation in from its item's text), else the level whose marker it
    shares."""
    for level in range(len(open_items) - 1, -1, -1):
        above = open_items[level]
        size = max(above.size, block.size)
        if block.marker_x0 >= above.x0 + 0.75 * size:
            return level + 1
        if block.marker_x0 >= above.marker_x0 - 0.5 * size:
            return level
    return 0


def blocks_text(flows: Iterable[tuple[list[Line], float | None]]) -> str:
    """Structured text of flows in reading order. The float is the right margin of
    the document's text for a flow as wide as the page (a short last page has too
    few lines to show where lines end), None for a column."""
    builder = _Builder()
    for lines, right in flows:
        builder.add_flow(lines, right=right)
    return builder.text()
