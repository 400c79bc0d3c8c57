"""Word documents that assistive technology and a kommun's diarium can read.

Every DOCX the service writes starts here: Swedish (sv-SE) as the language of the
text itself (the default run properties, which spell checkers and screen readers
use) and of the document, the title, and the organisations behind the document as
author instead of python-docx's "python-docx". Data tables mark their first row as a
header row (``w:tblHeader``), which Word repeats on each page and reads out as
column headers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .text import clean_text

LANGUAGE = "sv-SE"


def _lang_element(language: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), language)
    return lang


def new_document(*, title: str, authors: Iterable[str]) -> Any:
    """An empty python-docx Document in Swedish with title and author set."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    properties = document.core_properties
    properties.title = clean_text(title)
    author = "; ".join(clean_text(a) for a in authors if a)
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""
    properties.language = LANGUAGE
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    run_properties = run_defaults.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPr")
        run_defaults.append(run_properties)
    for old in run_properties.findall(qn("w:lang")):
        run_properties.remove(old)
    run_properties.append(_lang_element(LANGUAGE))
    # Styles that name a language of their own (the template's are en-US) follow.
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    return document


def mark_header_row(row: Any) -> None:
    """Make ``row`` a table header row: repeated on each page, read as headers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)


def add_data_table(document: Any, header: list[str], rows: list[list[str]]) -> Any:
    """A grid table whose first row holds ``header``, marked as a header row."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = clean_text(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    mark_header_row(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = clean_text(text)  # names typed long ago must not stop Word
    return table
