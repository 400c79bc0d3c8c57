"""Scanned PDF pages → positioned words, through Tesseract OCR (Swedish).

Each page is rendered by PDFium to a grey image and read by the ``tesseract``
program (Debian: ``tesseract-ocr tesseract-ocr-swe``) as hOCR, which gives every
line's baseline and size and every word's box. The words then go through the same
layout as a PDF's text layer (``layout``), so a scan keeps its headings, list items
and signature blocks. A bullet reads as a stray character ("e", "«", "•", "."); a
small glyph well apart from the words that follow it is taken as the bullet it is.

Without Tesseract a scan cannot be read; the error says what the coordinator can do
(ask for a PDF with text, or make one searchable), not which program is missing.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
from lxml import etree

from ..errors import ExtractError
from .layout import Line, Word, attach_marks, group_lines, layout_pages

DPI = 300
OCR_TIMEOUT_SECONDS = 600
# A scanned promise is a few pages; a long scan is read this far, and the rest
# reported as pages without text.
MAX_OCR_PAGES = 30
NEEDS_OCR = (
    "PDF-filen är en skannad bild utan text. Be avsändaren om en PDF som sparats "
    "direkt från Word eller webbläsaren, eller gör den sökbar med textigenkänning "
    "(OCR) i skannern eller ett PDF-program och ladda upp den igen / the PDF is a "
    "scanned image without text. Ask the sender for a PDF saved directly from Word "
    "or the browser, or make it searchable with text recognition (OCR) in the "
    "scanner or a PDF program and upload it again"
)
_TITLE_FIELD = re.compile(r"(\w+) ([^;]+)")
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})


@functools.cache
def _tesseract() -> tuple[str, str] | None:
    """The tesseract program and the languages to ask for, or None without it."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    languages = [code for code in ("swe", "eng") if code in listed]
    if not languages:
        return None
    return program, "+".join(languages)


def ocr_available() -> bool:
    """True when scanned pages can be read on this machine."""
    return _tesseract() is not None


def read_scanned(document: pdfium.PdfDocument) -> tuple[str, dict[str, object]]:
    """Text of a PDF without a text layer, read by OCR; ExtractError without OCR."""
    numbers = list(range(1, min(len(document), MAX_OCR_PAGES) + 1))
    pages = ocr_pages(document, numbers)
    text, two_column_pages = layout_pages(pages)
    if not text.strip():
        raise ExtractError(
            "Ingen text hittades i den skannade PDF-filen, inte ens med "
            "textigenkänning (OCR); kontrollera att skanningen är läsbar / no text "
            "was found in the scanned PDF, not even with text recognition (OCR); "
            "check that the scan is legible"
        )
    return text, {
        "pages": len(document),
        "pages_without_text": list(range(len(numbers) + 1, len(document) + 1)),
        "two_column_pages": two_column_pages,
        "ocr": True,
        "ocr_pages": numbers,
    }


def ocr_pages(
    document: pdfium.PdfDocument, numbers: list[int]
) -> list[tuple[float, list[Line]]]:
    """(page width, lines) of the pages ``numbers`` (from 1), read by OCR."""
    found = _tesseract()
    if found is None:
        raise ExtractError(NEEDS_OCR)
    program, languages = found
    deadline = time.monotonic() + OCR_TIMEOUT_SECONDS
    pages = []
    with tempfile.TemporaryDirectory(prefix="medborgarloften-ocr-") as tmp:
        for number in numbers:
            page = document[number - 1]
            try:
                width, height = page.get_width(), page.get_height()
                image = Path(tmp, f"page-{number}.pgm")
                _render(page, image)
            finally:
                page.close()
            hocr = _run(program, languages, image, deadline)
            pages.append((width, _lines(hocr, height)))
    return pages


def _render(page: pdfium.PdfPage, path: Path) -> None:
    """Write the page as an 8-bit grey PGM image, which Tesseract reads directly."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        data = bytes(bitmap.buffer)
    finally:
        bitmap.close()
    if stride != width:
        data = b"".join(
            data[row * stride : row * stride + width] for row in range(height)
        )
    path.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + data)


def _run(program: str, languages: str, image: Path, deadline: float) -> bytes:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _too_slow()
    try:
        done = subprocess.run(
            [program, str(image), "stdout", "-l", languages, "--dpi", str(DPI), "hocr"],
            capture_output=True,
            timeout=remaining,
            check=True,
            # One thread: the server reads one document at a time per worker, and
            # Tesseract's threads slow it down on a busy machine.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise _too_slow()
    except (subprocess.CalledProcessError, OSError):
        raise ExtractError(
            "Textigenkänningen (OCR) av den skannade PDF-filen misslyckades; prova "
            "en PDF som sparats direkt från Word eller webbläsaren / text "
            "recognition (OCR) of the scanned PDF failed; try a PDF saved directly "
            "from Word or the browser"
        )
    return done.stdout


def _too_slow() -> ExtractError:
    return ExtractError(
        f"Textigenkänningen (OCR) tog mer än {OCR_TIMEOUT_SECONDS // 60} minuter; "
        "dela upp den skannade filen eller be om en PDF med text / text recognition "
        f"(OCR) took more than {OCR_TIMEOUT_SECONDS // 60} minutes; split the "
        "scanned file or ask for a PDF with text"
    )


def _title(element: etree._Element) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for part in (element.get("title") or "").split(";"):
        match = _TITLE_FIELD.match(part.strip())
        if match:
            fields[match.group(1)] = match.group(2).split()
    return fields


def _lines(hocr: bytes, page_height: float) -> list[Line]:
    """Words of an hOCR page in page units (points, y upwards), as layout lines."""
    if not hocr.strip():
        return []
    root = etree.fromstring(hocr, etree.XMLParser(recover=True, resolve_entities=False))
    if root is None:
        return []
    scale = 72 / DPI
    words: list[Word] = []
    marks: list[tuple[float, float, float, float]] = []
    for line in root.iter("{*}span"):
        if line.get("class") not in _LINE_CLASSES:
            continue
        fields = _title(line)
        try:
            x0, y0, x1, y1 = (float(v) for v in fields["bbox"])
            slope, offset = (float(v) for v in fields.get("baseline", ["0", "0"]))
            size = float(fields.get("x_size", [str(y1 - y0)])[0])
        except (KeyError, ValueError):
            continue
        line_words = []
        for span in line.iter("{*}span"):
            if span.get("class") != "ocrx_word":
                continue
            text = "".join(span.itertext()).strip()
            box = _title(span).get("bbox")
            if not text or not box:
                continue
            wx0, wy0, wx1, wy1 = (float(v) for v in box)
            base = y1 + offset + slope * (wx0 - x0)
            line_words.append((text, wx0, wy0, wx1, wy1, base))
        for index, (text, wx0, wy0, wx1, wy1, base) in enumerate(line_words):
            following = line_words[index + 1] if index + 1 < len(line_words) else None
            if (
                index == 0
                and following
                and _is_bullet(text, wx0, wy0, wx1, wy1, size)
                and following[1] - wx1 >= 0.5 * size
            ):
                box = (wx0 * scale, page_height - wy1 * scale)
                marks.append((*box, wx1 * scale, page_height - wy0 * scale))
                continue
            words.append(
                Word(
                    text,
                    wx0 * scale,
                    wx1 * scale,
                    page_height - base * scale,
                    size * scale,
                )
            )
    lines = group_lines(words)
    attach_marks(lines, marks)
    return lines


def _is_bullet(
    text: str, x0: float, y0: float, x1: float, y1: float, size: float
) -> bool:
    """A one-character word smaller than a lower-case letter, roughly square."""
    if len(text) != 1 or text.isdigit():
        return False
    width, height = x1 - x0, y1 - y0
    return (
        0 < width <= 0.45 * size
        and 0 < height <= 0.45 * size
        and 0.5 <= width / height <= 2
    )
