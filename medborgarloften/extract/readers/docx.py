"""Word (.docx) → structured text in body order.

Paragraphs and headings are blocks of their own; a soft line break (Shift+Enter,
how signature blocks are usually written) stays a line break; tabs and runs of
spaces stay layout gaps (the columns of a signature block). List items are found
from the numbering definitions (``numbering.xml``, through the paragraph or its
style) and written as ``• text`` or with their real number (``1. text``, ``a)
text``), indented by their list level (``LEVEL_INDENT`` a level, the first level at
the margin) as a text file shows a sub-list; table rows of short cells keep their columns, long cells are read one
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
from typing import Any

import docx
import docx.document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ..errors import ExtractError
from . import archive
from .cleanup import normalise
from .docx_numbering import _RULE_MARKER, _VAL, _Numbering, _Styles
from .table_grid import grid_lines

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
    plan = [0]  # the width of the last plan's table, which a page break may cut
    for child in _body_elements(document.element.body):
        if child.tag == _P:
            _add_paragraph(blocks, child, styles, numbering)
            for box in _text_boxes(child):
                for inner in _body_elements(box):
                    if inner.tag == _P:
                        _add_paragraph(blocks, inner, styles, numbering)
        else:
            lines = _table_lines(child, styles, numbering, plan)
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


_HEADING_STYLE = re.compile(r"^(?:heading|rubrik|title|titel|subtitle|underrubrik)")


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


# The indentation of one list level: a sub-list reads as in a text file.
LEVEL_INDENT = "    "


def _paragraph_lines(
    paragraph: BaseOxmlElement, styles: _Styles, numbering: _Numbering
) -> tuple[str | None, str]:
    """(list marker or None, text) of one paragraph; a list item is one line. The
    marker of an item below the first level comes with its indentation."""
    text = paragraph_text(paragraph)
    if not text.strip():
        return None, ""
    marker = None
    if not _HEADING_STYLE.match(styles.name(paragraph)):
        marker = numbering.marker(paragraph)
    if marker is not None:
        marker = LEVEL_INDENT * numbering.level(paragraph) + marker
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
        if blocks and (
            _is_item_block(blocks[-1]) or (item[:1] == " " and blocks[-1].strip())
        ):
            # a sub-list right under a line of text ("1.2 Vi informerar genom" /
            # "    a) ett brev hem") belongs to it, as in a text file
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
    last = block.rsplit("\n", 1)[-1].lstrip(" ")
    marker = last.split(" ", 1)[0]
    return marker == "•" or bool(_RULE_MARKER.match(marker))


def _table_lines(
    table: BaseOxmlElement,
    styles: _Styles,
    numbering: _Numbering,
    plan: list[int] | None = None,
) -> list[str]:
    """Rows top to bottom (``table_grid.grid_lines``); a cell merged across columns
    or rows is read once. ``plan`` holds the width of the last plan's table: a
    table with no header whose rows are that wide goes on with it (a paragraph or
    a page break cut it)."""
    seen: set[int] = set()
    keep: list[BaseOxmlElement] = []  # holds the elements so their ids stay unique
    header_width = 0  # a first row of column names ("Aktivitet | Ansvar | När")
    rows = list(table.iterchildren(_TR))
    if plan and plan[0] and all(len(list(_row_cells(r))) == plan[0] for r in rows):
        header_width = plan[0]
    grid: list[list[list[str]]] = []
    for row in rows:
        cells: list[list[str]] = []
        for cell in _row_cells(row):
            if id(cell) in seen or _continues_vertical_merge(cell):
                continue
            seen.add(id(cell))
            keep.append(cell)
            cells.append(_cell_lines(cell, styles, numbering))
        grid.append(cells)
    return grid_lines(grid, header_width, plan)


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
