"""Word (.docx) → text in body order: paragraphs, headings, bullets and tables.

The zip container is checked before python-docx opens it (``archive.check_zip``):
a hostile or broken upload (not a zip, a zip bomb, too many parts or too much XML,
no ``word/document.xml``) gets a clear error instead of exhausting memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
import docx.document
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table
from docx.text.paragraph import Paragraph

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
    """Return the clean text of a .docx file and its title, if set."""
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
    blocks: list[str] = []
    style_names = _style_names(document)
    for child in _body_elements(document.element.body):
        if child.tag == _P:
            _add_paragraph(blocks, Paragraph(child, document), style_names)
            for box in _text_boxes(child):
                for inner in _body_elements(box):
                    if inner.tag == _P:
                        _add_paragraph(blocks, Paragraph(inner, document), style_names)
        else:
            lines = _table_lines(Table(child, document), style_names)
            if lines:
                blocks.append("\n".join(lines))
    meta: dict[str, object] = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return normalise("\n\n".join(blocks)), meta


_P, _TBL = qn("w:p"), qn("w:tbl")
# Wrappers whose children are body content: content controls, custom XML.
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_TEXT_BOX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


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


def _style_names(document: docx.document.Document) -> dict[str, str]:
    """Style id → case-folded name, read once (python-docx looks styles up slowly)."""
    names: dict[str, str] = {}
    try:
        for style in document.styles:
            names[style.style_id] = (style.name or "").casefold()
    except (KeyError, ValueError, AttributeError):
        pass  # a broken styles part only costs us list detection by style name
    return names


def _is_list(paragraph: Paragraph, style_names: dict[str, str]) -> bool:
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    style = style_names.get(paragraph._p.style or "", "")
    return style.startswith(("list", "liststycke", "punktlista", "numrerad lista"))


def _add_paragraph(
    blocks: list[str], paragraph: Paragraph, style_names: dict[str, str]
) -> None:
    """Append a paragraph; consecutive list items share one block, one per line."""
    text = " ".join(paragraph.text.replace("\t", " ").split())
    if not text:
        blocks.append("")  # an empty paragraph ends a list
        return
    if _is_list(paragraph, style_names):
        bullet = f"• {text.lstrip('•-–* ')}"
        if blocks and blocks[-1].startswith("• "):
            blocks[-1] += "\n" + bullet
        else:
            blocks.append(bullet)
        return
    blocks.append(text)


def _table_lines(table: Table, style_names: dict[str, str]) -> list[str]:
    """One line per cell, row by row; merged cells (repeated objects) once."""
    lines: list[str] = []
    seen: dict[int, object] = {}  # values keep the elements alive, so ids stay unique
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen[id(cell._tc)] = cell._tc
            for paragraph in cell.paragraphs:
                text = " ".join(paragraph.text.split())
                if text:
                    lines.append(
                        f"• {text}" if _is_list(paragraph, style_names) else text
                    )
            for nested in cell.tables:
                lines.extend(_table_lines(nested, style_names))
    return lines
