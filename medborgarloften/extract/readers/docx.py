"""Word (.docx) → structured text in body order.

Paragraphs and headings are blocks of their own; a soft line break (Shift+Enter,
how signature blocks are usually written) stays a line break; tabs and runs of
spaces stay layout gaps (the columns of a signature block). List items are found
from the numbering definitions (``numbering.xml``, through the paragraph or its
style) and written as ``• text`` or with their real number (``1. text``, ``a)
text``); table rows of short cells keep their columns, long cells are read one
after another; text boxes are read where they are anchored. The page header and
footer are page furniture, as in a PDF: they go into ``meta`` (``page_header``,
``page_footer``), not into the text.

The zip container is checked before python-docx opens it (``archive.check_zip``):
a hostile or broken upload (not a zip, a zip bomb, too many parts or too much XML,
no ``word/document.xml``) gets a clear error instead of exhausting memory.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import zip_longest
from typing import Any

import docx
import docx.document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ..errors import ExtractError
from . import archive
from .cleanup import normalise

MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# python-docx parses every XML part it knows (body, headers, footers, styles …) into
# a tree of roughly ten to fifty times the part's size; a promise needs a few MB.
MAX_XML_BYTES = 30 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Ratios are only meaningful for members large enough to hurt; small XML parts of
# repeated markup compress very well and are harmless.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
# Real Word files have tens of parts, a few hundred with many images.
MAX_MEMBERS = 1000


def check_zip(data: bytes) -> None:
    """Refuse anything that is not a sane Word container, before unpacking it."""
    names = archive.check_zip(
        data,
        archive.ZipLimits(
            name=("Word-filen", "the Word file"),
            max_members=MAX_MEMBERS,
            max_total=MAX_UNCOMPRESSED_BYTES,
            max_xml=MAX_XML_BYTES,
            max_ratio=MAX_COMPRESSION_RATIO,
            ratio_from=RATIO_CHECK_FROM_BYTES,
            kind=("ett giltigt Word-dokument", "a valid Word document"),
        ),
    )
    if "word/document.xml" not in names:
        raise ExtractError(
            "Zip-filen är inte ett Word-dokument (word/document.xml saknas) / the "
            "zip file is not a Word document (word/document.xml is missing)"
        )


def read_docx(data: bytes) -> tuple[str, dict[str, object]]:
    """Return the structured text of a .docx file, its title and page furniture."""
    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise  # not a broken file: the budget (extract/budget.py) says so
    except Exception:  # python-docx raises many kinds for broken parts
        raise ExtractError(
            "Word-dokumentet är skadat och kan inte läsas / the Word document is "
            "corrupt and cannot be read"
        )
    styles = _Styles(document)
    numbering = _Numbering(document, styles)
    blocks: list[str] = []
    for child in _body_elements(document.element.body):
        if child.tag == _P:
            _add_paragraph(blocks, child, styles, numbering)
            for box in _text_boxes(child):
                for inner in _body_elements(box):
                    if inner.tag == _P:
                        _add_paragraph(blocks, inner, styles, numbering)
        else:
            lines = _table_lines(child, styles, numbering)
            if lines:
                blocks.append("\n".join(lines))
    meta: dict[str, object] = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    meta.update(_page_furniture(document, styles, numbering))
    return normalise("\n\n".join(blocks)), meta


_P, _TBL = qn("w:p"), qn("w:tbl")
_TR, _TC = qn("w:tr"), qn("w:tc")
# Wrappers whose children are body content: content controls, custom XML.
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_TEXT_BOX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_T, _TAB, _PTAB = qn("w:t"), qn("w:tab"), qn("w:ptab")
_BR, _CR = qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_VAL = qn("w:val")
# Never text of the paragraph itself: properties, deleted runs, field codes, and
# text boxes (read on their own, after the paragraph that anchors them).
_SKIP = {
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:del"),
    qn("w:delText"),
    qn("w:instrText"),
    qn("w:moveFrom"),
    _TEXT_BOX,
    _FALLBACK,
}
# Enumerators the rules read as list markers; other numbering is shown as "•".
_RULE_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[a-z]\))$")
_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|title|titel|subtitle|underrubrik)")
_LIST_STYLE = ("list", "liststycke", "punktlista", "numrerad lista")


def _body_elements(parent: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _body_elements(child)


def _text_boxes(paragraph: BaseOxmlElement) -> list[BaseOxmlElement]:
    """Text boxes anchored in a paragraph (brochure layouts put promises there).

    Word stores each box twice, as DrawingML and as a VML fallback; the fallback
    copy is skipped so the text appears once.
    """
    return [
        box
        for box in paragraph.iter(_TEXT_BOX)
        if not any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors())
    ]


def paragraph_text(paragraph: BaseOxmlElement) -> str:
    """The paragraph's text with soft line breaks as "\\n" and tabs as "\\t".

    Runs inside hyperlinks, fields, smart tags and tracked insertions count;
    deleted runs and field codes do not.
    """
    parts: list[str] = []

    def walk(element: BaseOxmlElement) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                parts.append("\t")
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            elif tag not in _SKIP and isinstance(tag, str):
                walk(child)

    walk(paragraph)
    return "".join(parts)


class _Styles:
    """Paragraph styles read once: case-folded names, numbering, base styles."""

    def __init__(self, document: docx.document.Document) -> None:
        self.names: dict[str, str] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        based_on: dict[str, str] = {}
        try:
            root = document.styles.element
        except (KeyError, ValueError, AttributeError):
            return  # a broken styles part only costs us styles
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId")) or ""
            name = style.find(qn("w:name"))
            self.names[style_id] = (
                name.get(_VAL) if name is not None else style_id
            ).casefold()
            base = style.find(qn("w:basedOn"))
            if base is not None:
                based_on[style_id] = base.get(_VAL) or ""
            num = _num_pr(style.find(qn("w:pPr")))
            if num is not None:
                self.numbering[style_id] = num
        for style_id in list(self.names):
            seen = {style_id}
            current = style_id
            while style_id not in self.numbering and current in based_on:
                current = based_on[current]
                if current in seen:
                    break
                seen.add(current)
                if current in self.numbering:
                    self.numbering[style_id] = self.numbering[current]

    def name(self, paragraph: BaseOxmlElement) -> str:
        return self.names.get(_style_id(paragraph), "")


def _style_id(paragraph: BaseOxmlElement) -> str:
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        return ""
    style = properties.find(qn("w:pStyle"))
    return (style.get(_VAL) or "") if style is not None else ""


def _num_pr(properties: BaseOxmlElement | None) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's or style's numbering, if it has one."""
    if properties is None:
        return None
    num_pr = properties.find(qn("w:numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    level = num_pr.find(qn("w:ilvl"))
    try:
        ilvl = int(level.get(_VAL)) if level is not None else 0
    except (TypeError, ValueError):
        ilvl = 0
    return (num_id.get(_VAL) or "" if num_id is not None else ""), min(max(ilvl, 0), 8)


class _Numbering:
    """List markers from the numbering definitions, counted as Word counts them."""

    def __init__(self, document: docx.document.Document, styles: _Styles) -> None:
        self.styles = styles
        # numId → (abstractNumId, {level: start override})
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        # (abstractNumId, level) → (format, level text, start)
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            return  # no numbering part: lists only by style name
        for abstract in root.iterchildren(qn("w:abstractNum")):
            abstract_id = abstract.get(qn("w:abstractNumId")) or ""
            for lvl in abstract.iterchildren(qn("w:lvl")):
                self.levels[(abstract_id, _int(lvl.get(qn("w:ilvl")), 0))] = (
                    _child_val(lvl, "w:numFmt") or "decimal",
                    _child_val(lvl, "w:lvlText") or "",
                    _int(_child_val(lvl, "w:start"), 1),
                )
        for num in root.iterchildren(qn("w:num")):
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[_int(override.get(qn("w:ilvl")), 0)] = _int(
                        start.get(_VAL), 1
                    )
            self.nums[num.get(qn("w:numId")) or ""] = (
                _child_val(num, "w:abstractNumId") or "",
                overrides,
            )

    def marker(self, paragraph: BaseOxmlElement) -> str | None:
        """ "•", "1.", "a)" for a list item, None for any other paragraph."""
        found = _num_pr(paragraph.find(qn("w:pPr")))
        style_num = self.styles.numbering.get(_style_id(paragraph))
        if found is not None and not found[0] and style_num is not None:
            found = (style_num[0], found[1])
        found = found or style_num
        if found is None:
            style = self.styles.name(paragraph)
            return "•" if style.startswith(_LIST_STYLE) else None
        num_id, level = found
        if num_id in ("", "0") or num_id not in self.nums:
            return None  # numbering switched off for this paragraph
        abstract_id, overrides = self.nums[num_id]
        fmt, text, start = self.levels.get((abstract_id, level), ("bullet", "", 1))
        if fmt == "none" or (fmt != "bullet" and not text):
            return None
        if fmt == "bullet":
            return "•"
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for restart, value in overrides.items():
                if restart < 9:
                    counters[restart] = value - 1
        if counters[level] == 0 and level not in overrides:
            counters[level] = start - 1
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        rendered = re.sub(
            r"%([1-9])",
            lambda m: self._format(abstract_id, int(m.group(1)) - 1, counters),
            text,
        ).strip()
        if rendered.startswith("(") and rendered.endswith(")"):
            rendered = rendered[1:]
        return rendered if _RULE_MARKER.match(rendered) else "•"

    def _format(self, abstract_id: str, level: int, counters: list[int]) -> str:
        fmt = self.levels.get((abstract_id, level), ("decimal", "", 1))[0]
        start = self.levels.get((abstract_id, level), ("decimal", "", 1))[2]
        value = counters[level] or start
        if fmt in ("lowerLetter", "upperLetter"):
            letters = ""
            while value > 0:
                value, rest = divmod(value - 1, 26)
                letters = chr(ord("a") + rest) + letters
            return letters if fmt == "lowerLetter" else letters.upper()
        if fmt in ("lowerRoman", "upperRoman"):
            roman = _roman(value)
            return roman if fmt == "upperRoman" else roman.casefold()
        if fmt == "decimalZero":
            return f"{value:02d}"
        return str(value)


def _child_val(element: BaseOxmlElement, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(_VAL) if child is not None else None


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for number, letters in numerals:
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out) or str(value)


def _paragraph_lines(
    paragraph: BaseOxmlElement, styles: _Styles, numbering: _Numbering
) -> tuple[str | None, str]:
    """(list marker or None, text) of one paragraph; a list item is one line."""
    text = paragraph_text(paragraph)
    if not text.strip():
        return None, ""
    marker = None
    if not _HEADING_STYLE.match(styles.name(paragraph)):
        marker = numbering.marker(paragraph)
    if marker is not None:
        # A soft break inside a list item only wraps it: the item is one line.
        return marker, " ".join(text.lstrip("•-–* \t").split())
    lines = [line.strip(" ") for line in text.split("\n")]
    return None, "\n".join(line for line in lines if line.strip())


def _add_paragraph(
    blocks: list[str],
    paragraph: BaseOxmlElement,
    styles: _Styles,
    numbering: _Numbering,
) -> None:
    """Append a paragraph; consecutive list items share one block, one per line."""
    marker, text = _paragraph_lines(paragraph, styles, numbering)
    if not text:
        blocks.append("")  # an empty paragraph ends a list
        return
    if marker is not None:
        item = f"{marker} {text}"
        if blocks and _is_item_block(blocks[-1]):
            blocks[-1] += "\n" + item
        else:
            blocks.append(item)
        return
    if (
        blocks
        and _is_item_block(blocks[-1])
        and text[:1].islower()
        and not blocks[-1].rstrip().endswith(_SENTENCE_END)
        and not _HEADING_STYLE.match(styles.name(paragraph))
    ):
        # Enter pressed in the middle of a list item's sentence: it carries on.
        blocks[-1] += " " + " ".join(text.split())
        return
    blocks.append(text)


_SENTENCE_END = (".", "!", "?", ":", ";")


def _is_item_block(block: str) -> bool:
    """True when the block's last line is a list item."""
    if not block:
        return False
    last = block.rsplit("\n", 1)[-1]
    marker = last.split(" ", 1)[0]
    return marker == "•" or bool(_RULE_MARKER.match(marker))


# Cells this short, side by side, are columns (a signature table, a key–value row).
SHORT_CELL = 60
_GAP = "    "


def _table_lines(
    table: BaseOxmlElement, styles: _Styles, numbering: _Numbering
) -> list[str]:
    """Rows top to bottom: short cells side by side as columns, long cells one
    after another; a cell merged across columns or rows is read once."""
    lines: list[str] = []
    seen: set[int] = set()
    keep: list[BaseOxmlElement] = []  # holds the elements so their ids stay unique
    header_width = 0  # a first row of column names ("Aktivitet | Ansvar | När")
    for row in table.iterchildren(_TR):
        cells: list[list[str]] = []
        for cell in _row_cells(row):
            if id(cell) in seen or _continues_vertical_merge(cell):
                continue
            seen.add(id(cell))
            keep.append(cell)
            cells.append(_cell_lines(cell, styles, numbering))
        cells = [cell for cell in cells if cell]
        if not cells:
            continue
        short = all(
            len(line) <= SHORT_CELL and not line.startswith("• ")
            for cell in cells
            for line in cell
        )
        if (
            not lines
            and len(cells) > 1
            and short
            and all(len(cell) == 1 and len(cell[0].split()) <= 4 for cell in cells)
        ):
            header_width = len(cells)
        grid_row = (
            header_width
            and len(cells) == header_width
            and all(len(cell) == 1 and not cell[0].startswith("• ") for cell in cells)
        )
        if len(cells) > 1 and (short or grid_row):
            # Short cells, or one line a cell under a row of column names: the
            # row stays one line with its columns (an action table's row).
            for parts in zip_longest(*cells, fillvalue=""):
                lines.append(_GAP.join(part for part in parts).rstrip())
        else:
            for cell in cells:
                lines.extend(cell)
    return lines


def _row_cells(row: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    for child in row.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from (c for c in child.iter(_TC))


def _continues_vertical_merge(cell: BaseOxmlElement) -> bool:
    """A cell that only continues the merged cell above it (no text of its own)."""
    properties = cell.find(qn("w:tcPr"))
    if properties is None:
        return False
    merge = properties.find(qn("w:vMerge"))
    return merge is not None and merge.get(_VAL) in (None, "continue")


def _cell_lines(
    cell: BaseOxmlElement, styles: _Styles, numbering: _Numbering
) -> list[str]:
    lines: list[str] = []
    for child in _body_elements(cell):
        if child.tag == _P:
            marker, text = _paragraph_lines(child, styles, numbering)
            if text:
                lines.extend(
                    [f"{marker} {text}"] if marker is not None else text.split("\n")
                )
        else:
            lines.extend(_table_lines(child, styles, numbering))
    return lines


def _page_furniture(
    document: docx.document.Document, styles: _Styles, numbering: _Numbering
) -> dict[str, str]:
    """The text of the page headers and footers, each distinct text once."""
    found: dict[str, list[str]] = {"page_header": [], "page_footer": []}
    try:
        sections = list(document.sections)
    except Exception:  # a broken section part only costs us the furniture
        return {}
    for section in sections:
        for key, parts in (
            (
                "page_header",
                (section.first_page_header, section.header, section.even_page_header),
            ),
            (
                "page_footer",
                (section.first_page_footer, section.footer, section.even_page_footer),
            ),
        ):
            for part in parts:
                element = _part_element(part)
                if element is None:
                    continue
                lines = []
                for child in _body_elements(element):
                    if child.tag == _P:
                        lines.extend(paragraph_text(child).split("\n"))
                    else:
                        lines.extend(_table_lines(child, styles, numbering))
                text = normalise("\n".join(line for line in lines if line.strip()))
                text = text.strip()
                if text and text not in found[key]:
                    found[key].append(text)
    return {key: "\n".join(texts) for key, texts in found.items() if texts}


def _part_element(part: Any) -> BaseOxmlElement | None:
    """The XML of a header or footer that has its own text, else None."""
    try:
        if part.is_linked_to_previous:
            return None
        element: BaseOxmlElement = part._element
    except Exception:  # a missing or broken part: that header is simply not read
        return None
    return element
