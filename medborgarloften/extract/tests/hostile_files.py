"""Hostile files for the tests and the reliability benchmark (issue #13): small
generators, nothing downloaded. One home, so a test and benchmarks/reliability/
hostile.py build the same bomb."""

from __future__ import annotations

import io
import zipfile

#: The text of the page every hostile PDF starts with.
TEXT = b"BT /F1 12 Tf 72 700 Td (Polisen ska patrullera i centrum.) Tj ET\n"

_PARAGRAPH = "<w:p><w:r><w:t>Polisen ska</w:t></w:r></w:p>"


def bullets(lines: int) -> bytes:
    """The issue's text: "• Polisen ska" on every line."""
    return ("Medborgarlöfte för Kalmar kommun\n\n" + "• Polisen ska\n" * lines).encode()


def docx_with_many_headers(
    headers: int, header_bytes: int, *, header_paragraph: str = _PARAGRAPH
) -> bytes:
    """A Word file whose body refers to ``headers`` header parts, each about
    ``header_bytes`` of ``header_paragraph`` repeated."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    header = (
        f"<w:hdr {ns}>"
        + header_paragraph * (header_bytes // len(header_paragraph))
        + "</w:hdr>"
    )
    references = "".join(
        f'<w:headerReference w:type="default" r:id="rId{i}"/>' for i in range(headers)
    )
    document = (
        f'<w:document {ns} xmlns:r="{rel_ns}"><w:body>{_PARAGRAPH}'
        f"<w:sectPr>{references}</w:sectPr></w:body></w:document>"
    )
    header_type = f"{rel_ns}/header"
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{header_type}" Target="header{i}.xml"/>'
            for i in range(headers)
        )
        + "</Relationships>"
    )
    content_types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="'
        'application/xml"/><Override PartName="/word/document.xml" ContentType="'
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document."
        'main+xml"/>'
        + "".join(
            f'<Override PartName="/word/header{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            for i in range(headers)
        )
        + "</Types>"
    )
    package_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
        'formats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", rels)
        for i in range(headers):
            archive.writestr(f"word/header{i}.xml", header)
    return out.getvalue()


def pdf_with_stream(
    body: bytes,
    filters: str,
    *,
    indirect_length: bool = False,
    image: bool = False,
    copies: int = 1,
) -> bytes:
    """A one-page PDF: a text content stream, then ``copies`` extra streams."""
    objects: list[bytes] = []

    def add(content: bytes) -> int:
        objects.append(content)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    text = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(TEXT), TEXT))
    extra = []
    for _ in range(copies):
        length_obj = add(b"%d" % len(body)) if indirect_length else None
        length = b"%d 0 R" % length_obj if length_obj else b"%d" % len(body)
        kind = b" /Type /XObject /Subtype /Image /Width 1 /Height 1" if image else b""
        extra.append(
            add(
                b"<< /Length %s /Filter %s%s >>\nstream\n%s\nendstream"
                % (length, filters.encode(), kind, body)
            )
        )
    contents = b" ".join(b"%d 0 R" % n for n in [text] + ([] if image else extra))
    pages = len(objects) + 2
    page = add(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents [%s] >>"
        % (pages, font, contents)
    )
    add(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)
