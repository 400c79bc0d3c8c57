"""PDF → structured text with pypdfium2 (PDFium), the fastest text layer reader we have.

pdfplumber (pdfminer) gives the same word positions but takes about a second for a
dozen pages; PDFium takes a tenth of that. We ask PDFium for the page text once, for
the position, size and weight of each word, and for the small shapes on the page (a
browser prints a bullet as a drawn circle, not as a character); ``layout`` then
rebuilds lines, columns, list items, headings and paragraphs. A page without a text
layer (a scan) goes through OCR (``ocr``) when Tesseract is installed.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import ExtractError
from .cleanup import BULLET_CHARS
from .layout import layout_pages
from .lines import Line, Word, attach_marks, attach_rules, group_lines
from .ocr import (
    MAX_OCR_PAGES,
    NEEDS_OCR,
    ocr_available,
    ocr_pages,
    read_scanned,
)
from .pdfguard import check_streams

# Fewer non-space characters than this in the whole file means "no text layer".
MIN_TEXT_CHARS = 20
# PDFium marks a hyphen it believes ends a line with U+0002 (U+FFFE in its text).
_HYPHEN_MARKS = "\ufffe\x02"
_TOKEN = re.compile(r"[^\s\ufffe\x02]+[\ufffe\x02]?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_GLUED_NUMBER = re.compile(r"\d{1,2}[.)](?=[A-ZÅÄÖ][a-zåäö])")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
# A shape this small (points) next to a line's start can be a drawn bullet.
_MARK_MIN, _MARK_MAX = 1.0, 14.0
# A line drawn no taller than this and at least this wide (points) is a rule.
_RULE_MAX, _RULE_MIN = 2.0, 24.0
# A page with more drawing objects than this is a map or a picture made of shapes;
# looking for drawn bullets on it would cost seconds for nothing.
MAX_PAGE_OBJECTS = 20_000
_TEXT, _PATH, _IMAGE, _FORM = (
    pdfium_c.FPDF_PAGEOBJ_TEXT,
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_FORM,
)


def read_pdf(data: bytes, *, allow_ocr: bool = True) -> tuple[str, dict[str, object]]:
    """Return the structured text of a PDF and facts about it (pages, columns, OCR)."""
    check_streams(data)  # before PDFium unpacks a compression bomb
    document = _open(data)
    try:
        pages = [_page_lines(document[index]) for index in range(len(document))]
        metadata = _metadata(document)
        text_chars = sum(
            len(word.text)
            for _, _, lines in pages
            for line in lines
            for word in line.words
        )
        if text_chars < MIN_TEXT_CHARS:
            if not allow_ocr:
                raise ExtractError(NEEDS_OCR)
            text, scanned_meta = read_scanned(document)
            return text, {**scanned_meta, **metadata}
        # Page numbers (from 1) with no text at all: scanned pages in a mixed file
        # (a signed last page, a scanned appendix), read by OCR when it is here.
        empty_pages = [
            number for number, (_, _, lines) in enumerate(pages, 1) if not lines
        ]
        scanned: list[int] = []
        if empty_pages and allow_ocr and ocr_available():
            scanned = empty_pages[:MAX_OCR_PAGES]
            for number, page in zip(scanned, ocr_pages(document, scanned), strict=True):
                pages[number - 1] = page
    finally:
        document.close()
    read_by_ocr = [number for number in scanned if pages[number - 1][2]]
    text, two_column_pages = layout_pages(pages)
    meta: dict[str, object] = {
        "pages": len(pages),
        "pages_without_text": [n for n in empty_pages if not pages[n - 1][2]],
        "two_column_pages": two_column_pages,
        "ocr": bool(read_by_ocr),
        **metadata,
    }
    if read_by_ocr:
        meta["ocr_pages"] = read_by_ocr
    return text, meta


def _open(data: bytes) -> pdfium.PdfDocument:
    if b"%%EOF" not in data:
        raise ExtractError(
            "PDF-filen är avkortad (slutmarkering saknas) / the PDF is truncated "
            "(no end-of-file marker)"
        )
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).casefold():
            raise ExtractError(
                "PDF-filen är lösenordsskyddad; spara en kopia utan lösenord / the "
                "PDF is password-protected; save a copy without a password"
            )
        raise ExtractError(
            "PDF-filen är skadad och kan inte läsas / the PDF is corrupt and "
            "cannot be read"
        )


def _metadata(document: pdfium.PdfDocument) -> dict[str, object]:
    try:
        info = document.get_metadata_dict(skip_empty=True)
    except Exception:  # metadata is a nicety; a broken info dict is no reason to fail
        return {}
    return {
        key.casefold(): value.strip()
        for key, value in info.items()
        if key in ("Title", "Author", "Producer", "CreationDate") and value.strip()
    }


def _page_lines(page: pdfium.PdfPage) -> tuple[float, float, list[Line]]:
    """Words with positions, grouped into lines top to bottom, drawn bullets put in."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range() if count else ""
        if len(text) != count:  # characters outside the BMP shift indices
            text = "".join(
                chr(pdfium_c.FPDFText_GetUnicode(textpage, index) or 32)
                for index in range(count)
            )
        words = _words(textpage, text)
        marks = _marks(page) if words else []
    finally:
        textpage.close()
        page.close()
    lines = group_lines(words)
    rules = [box for box in marks if box[2] - box[0] >= _RULE_MIN]
    attach_marks(lines, [box for box in marks if box[2] - box[0] < _RULE_MIN])
    attach_rules(lines, rules)
    return width, height, lines


def _words(textpage: pdfium.PdfTextPage, text: str) -> list[Word]:
    raw = textpage.raw  # one conversion, not one per C call
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    bold_fonts: dict[bytes, bool] = {}
    # Size and weight belong to the text object (a run of text in one font); the
    # words of one object share them, so they are asked for once per object.
    last_object: int | None = None
    size, bold = 10.0, False
    words = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        first, last = match.start(), match.end() - 1
        hyphen_break = token[-1] in _HYPHEN_MARKS
        if hyphen_break:
            token = token[:-1] + "-"
        if _SURROGATE.search(token):
            # An emoji outside the BMP comes as two UTF-16 halves, one index each.
            token = token.encode("utf-16-le", "surrogatepass").decode(
                "utf-16-le", "replace"
            )
        if not pdfium_c.FPDFText_GetCharOrigin(raw, first, origin_x, origin_y):
            continue
        pdfium_c.FPDFText_GetCharBox(raw, first, left, right, bottom, top)
        x0 = left.value
        first_right = right.value
        if last != first:
            pdfium_c.FPDFText_GetCharBox(raw, last, left, right, bottom, top)
        x1 = max(right.value, x0)
        text_object = _text_object(raw, first)
        if text_object is None or text_object != last_object:
            last_object = text_object
            size = pdfium_c.FPDFText_GetFontSize(raw, first) or 10.0
            weight = pdfium_c.FPDFText_GetFontWeight(raw, first)
            pdfium_c.FPDFText_GetFontInfo(raw, first, name, len(name), flags)
            font = name.value
            named_bold = bold_fonts.get(font)
            if named_bold is None:
                named_bold = bold_fonts[font] = bool(
                    _BOLD_NAME.search(font.decode("latin-1"))
                )
            bold = named_bold or weight >= 600
        if len(token) > 1 and token[0] in BULLET_CHARS:
            # "•Text" with no space: the bullet is a word of its own.
            words.append(Word(token[0], x0, first_right, origin_y.value, size, bold))
            token = token[1:]
            x0 = first_right
            first += 1
        number = _GLUED_NUMBER.match(token)
        if number:
            # "10.Genomföra": a list number whose tab to the text left no space
            # character (a two-digit number fills the indentation).
            end = number.end()
            pdfium_c.FPDFText_GetCharBox(raw, first + end - 1, left, right, bottom, top)
            split = max(right.value, x0)
            words.append(Word(token[:end], x0, split, origin_y.value, size, bold))
            token = token[end:]
            x0 = split
        words.append(Word(token, x0, x1, origin_y.value, size, bold, hyphen_break))
    return words


# FPDFText_GetTextObject returning a plain address: comparing two of pypdfium2's
# typed pointers needs ctypes.cast, which costs more than the calls it saves.
_text_object_address = ctypes.cast(
    pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p
).value
assert _text_object_address is not None  # a symbol of the loaded library, never NULL
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    _text_object_address
)


def _marks(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Small shapes and pictures on the page (x0, y0, x1, y1): candidate bullets;
    and thin wide ones, no taller than ``_RULE_MAX``: the rules of a table."""
    found: list[tuple[float, float, float, float]] = []
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()

    seen = 0

    def visit(count: int, get: object, transform: tuple[float, ...] | None) -> None:
        nonlocal seen
        for index in range(count):
            seen += 1
            if seen > MAX_PAGE_OBJECTS:
                raise _TooManyObjects
            obj = get(index)  # type: ignore[operator]
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _TEXT:
                continue
            if kind == _FORM:
                inner = transform
                if pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
                    inner = _compose(
                        (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f),
                        transform,
                    )
                visit(
                    pdfium_c.FPDFFormObj_CountObjects(obj),
                    lambda i, form=obj: pdfium_c.FPDFFormObj_GetObject(form, i),
                    inner,
                )
                continue
            if kind not in (_PATH, _IMAGE):
                continue
            if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            box = (left.value, bottom.value, right.value, top.value)
            if transform is not None:
                box = _apply(transform, box)
            x0, y0, x1, y1 = box
            w, h = x1 - x0, y1 - y0
            small = _MARK_MIN <= w <= _MARK_MAX and _MARK_MIN <= h <= _MARK_MAX
            if (small and 0.5 <= w / h <= 2) or (h <= _RULE_MAX and w >= _RULE_MIN):
                found.append(box)

    raw = page.raw
    try:
        visit(
            pdfium_c.FPDFPage_CountObjects(raw),
            lambda i: pdfium_c.FPDFPage_GetObject(raw, i),
            None,
        )
    except _TooManyObjects:
        return []  # a map or a drawing, not a list: the text alone is read
    return found


class _TooManyObjects(Exception):
    pass


def _compose(
    inner: tuple[float, ...], outer: tuple[float, ...] | None
) -> tuple[float, ...]:
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _apply(
    m: tuple[float, ...], box: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = m
    xs, ys = [], []
    for x, y in (
        (box[0], box[1]),
        (box[2], box[3]),
        (box[0], box[3]),
        (box[2], box[1]),
    ):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)
