"""A tiny PDF writer for reader fixtures, because no PDF generator is installed.

It writes text with the standard Helvetica font in WinAnsi (cp1252) encoding, so
å, ä and ö work, plus a ToUnicode map that gives five control codes the meaning of
the ligatures ﬁ ﬂ ﬀ ﬃ ﬄ — the way real typeset PDFs store them. Pages can also be
drawn without any text (a scan without a text layer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIGATURE_CODES = {"ﬁ": 1, "ﬂ": 2, "ﬀ": 3, "ﬃ": 4, "ﬄ": 5}
PAGE_WIDTH = 595
PAGE_HEIGHT = 842


@dataclass
class Page:
    """Text placed at absolute positions (x, y from the bottom-left, font size)."""

    items: list[tuple[float, float, float, str]] = field(default_factory=list)
    drawing_only: bool = False
    # Filled rectangles (x, y, width, height): a browser's drawn bullets, rules.
    shapes: list[tuple[float, float, float, float]] = field(default_factory=list)
    # Indexes into ``items`` set in bold (Helvetica-Bold).
    bold: set[int] = field(default_factory=set)

    def text(
        self, x: float, y: float, text: str, size: float = 11, *, bold: bool = False
    ) -> None:
        if bold:
            self.bold.add(len(self.items))
        self.items.append((x, y, size, text))

    def shape(self, x: float, y: float, width: float, height: float) -> None:
        self.shapes.append((x, y, width, height))


def _encode(text: str) -> bytes:
    out = bytearray()
    for char in text:
        if char in LIGATURE_CODES:
            out.append(LIGATURE_CODES[char])
            continue
        byte = char.encode("cp1252")
        if byte in (b"(", b")", b"\\"):
            out += b"\\" + byte
        else:
            out += byte
    return bytes(out)


def _tounicode_cmap() -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
        f"{len(LIGATURE_CODES)} beginbfchar",
    ]
    for char, code in LIGATURE_CODES.items():
        lines.append(f"<{code:02X}> <{ord(char):04X}>")
    lines += [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines).encode("ascii")


def _content(page: Page) -> bytes:
    if page.drawing_only:
        return b"0.2 0.2 0.2 rg 72 400 450 300 re f\n"
    parts = []
    for index, (x, y, size, text) in enumerate(page.items):
        font = b"F2" if index in page.bold else b"F1"
        parts.append(
            b"BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET\n"
            % (font, size, x, y, _encode(text))
        )
    for x, y, width, height in page.shapes:
        parts.append(b"%.2f %.2f %.2f %.2f re f\n" % (x, y, width, height))
    return b"".join(parts)


def build_pdf(pages: list[Page]) -> bytes:
    """Return the bytes of a valid PDF 1.4 file with one page per ``Page``."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    cmap = _tounicode_cmap()
    cmap_obj = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>" % cmap_obj
    )
    bold_font = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>" % cmap_obj
    )
    kids = []
    for page in pages:
        content = _content(page)
        content_obj = add(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> "
                b"/Contents %d 0 R >>"
                % (pages_obj, PAGE_WIDTH, PAGE_HEIGHT, font, bold_font, content_obj)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def layout_paragraphs(
    paragraphs: list[str],
    *,
    x: float = 72,
    width_chars: int = 80,
    top: float = 760,
    bottom: float = 90,
    leading: float = 14,
    header: str | None = None,
    footer: str | None = None,
) -> list[Page]:
    """Wrap paragraphs into lines on as many pages as needed, a blank line between
    paragraphs; headers and footers (``{page}`` and ``{pages}`` filled in) on each."""
    lines: list[str | None] = []
    for paragraph in paragraphs:
        current = ""
        for word in paragraph.split():
            if current and len(current) + 1 + len(word) > width_chars:
                lines.append(current)
                current = "  " + word if paragraph.startswith("•") else word
            else:
                current = f"{current} {word}" if current else word
        lines.append(current)
        lines.append(None)
    pages: list[Page] = []
    page = Page()
    y = top
    for line in lines:
        if y < bottom:
            pages.append(page)
            page, y = Page(), top
        if line is not None:
            page.text(x, y, line)
        y -= leading
    pages.append(page)
    for number, page in enumerate(pages, start=1):
        values = {"page": number, "pages": len(pages)}
        if header:
            page.text(x, 800, header.format(**values), size=9)
        if footer:
            page.text(x, 50, footer.format(**values), size=9)
    return pages
