"""Checks shared by the tests of every PDF and DOCX the service writes.

A tagged PDF (PDF/UA-1): ``/MarkInfo /Marked true``, a structure tree with headings
(and table header cells when there are tables), ``/Lang`` Swedish, the title in the
document information and the XMP metadata, shown as the window title. A DOCX: Swedish
as the text's language, the organisations as author, data tables with header rows.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any


def _structure_types(pdf: Any) -> Counter[str]:
    import pikepdf

    found: Counter[str] = Counter()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kind = node.get("/S")
        if kind is not None:
            found[str(kind)] += 1
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack += [k for k in kids if isinstance(k, pikepdf.Dictionary)]
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    return found


def assert_tagged_pdf(data: bytes, *, title: str, tables: bool = False) -> Counter:
    """Fail unless ``data`` is a tagged PDF/UA-1 in Swedish titled ``title``;
    return the structure element counts for further checks."""
    import pikepdf

    assert data.startswith(b"%PDF")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert root.get("/MarkInfo") is not None, "no /MarkInfo: not tagged"
        assert bool(root.MarkInfo.get("/Marked")) is True, "/Marked is not true"
        assert "/StructTreeRoot" in root, "no structure tree"
        assert str(root.get("/Lang", "")).lower().startswith("sv"), root.get("/Lang")
        assert str(pdf.docinfo.get("/Title", "")) == title
        assert bool(root.ViewerPreferences.get("/DisplayDocTitle")) is True
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1", "no PDF/UA identification"
            assert meta.get("dc:title") == title
        kinds = _structure_types(pdf)
    assert kinds["/H1"] == 1, kinds
    if tables:
        assert kinds["/Table"] >= 1 and kinds["/TH"] >= 1, kinds
    return kinds


def assert_accessible_docx(data: bytes, *, title: str, author: str) -> Any:
    """Fail unless the DOCX is in Swedish, titled, authored by ``author`` and every
    table with more than one row starts with a marked header row."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    properties = document.core_properties
    assert properties.title == title
    assert properties.author == author
    assert "python-docx" not in f"{properties.author} {properties.last_modified_by}"
    assert "python-docx" not in properties.comments
    assert properties.language == "sv-SE"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "sv-SE"
    languages = {
        element.get(qn("w:val"))
        for part in (document.styles.element, document.element)
        for element in part.iter(qn("w:lang"))
    }
    assert languages == {"sv-SE"}, languages
    return document


def header_row_marked(table: Any) -> bool:
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
