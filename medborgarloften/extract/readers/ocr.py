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

import contextlib
import contextvars
import functools
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from lxml import etree

from ..errors import ExtractError
from .layout import layout_pages
from .lines import Line, Word, attach_marks, group_lines

DPI = 300
# The whole OCR of one document, kept under the 120 s nginx waits for the web
# upload (deploy/nginx.conf); about 4–15 s a page on a two-core server.
OCR_TIMEOUT_SECONDS = 100
# A scanned promise is a few pages; a longer scan is read this far, and the rest
# reported as pages without text.
MAX_OCR_PAGES = 20
NEEDS_OCR = (
    "PDF-filen är en skannad bild utan text. Be avsändaren om en PDF som sparats "
    "direkt från Word eller webbläsaren, eller gör den sökbar med textigenkänning "
    "(OCR) i skannern eller ett PDF-program och ladda upp den igen / the PDF is a "
    "scanned image without text. Ask the sender for a PDF saved directly from Word "
    "or the browser, or make it searchable with text recognition (OCR) in the "
    "scanner or a PDF program and upload it again"
)
X_HEIGHT_TO_SIZE = 1.9
#: The background worker's limits: (seconds a page, most pages), or None for the fixed
#: limits above (the web request). Set through ``ocr_limits``.
_limits: contextvars.ContextVar[tuple[float, int] | None] = contextvars.ContextVar(
    "ocr_limits", default=None
)


@contextlib.contextmanager
def ocr_limits(*, seconds_per_page: float, max_pages: int) -> Iterator[None]:
    """Within the block, OCR may read ``max_pages`` pages with ``seconds_per_page``
    seconds each (a scan's time budget scales with its pages); 0 keeps the defaults."""
    token = _limits.set(
        (seconds_per_page, max_pages)
        if seconds_per_page > 0 and max_pages > 0
        else None
    )
    try:
        yield
    finally:
        _limits.reset(token)


def _max_pages() -> int:
    limits = _limits.get()
    return limits[1] if limits else MAX_OCR_PAGES


def _time_limit(pages: int) -> float:
    """Seconds of OCR for ``pages`` pages: fixed for the web, scaled in the worker."""
    limits = _limits.get()
    if limits is None:
        return OCR_TIMEOUT_SECONDS
    return max(OCR_TIMEOUT_SECONDS, limits[0] * pages)


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
    numbers = list(range(1, min(len(document), _max_pages()) + 1))
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
) -> list[tuple[float, float, list[Line]]]:
    """(page width, page height, lines) of the pages ``numbers`` (from 1), by OCR."""
    found = _tesseract()
    if found is None:
        raise ExtractError(NEEDS_OCR)
    program, languages = found
    seconds = _time_limit(len(numbers))
    deadline = time.monotonic() + seconds
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
            hocr = _run(program, languages, image, deadline, seconds)
            pages.append((width, height, _lines(hocr, height)))
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


def _run(
    program: str,
    languages: str,
    image: Path,
    deadline: float,
    seconds: float = OCR_TIMEOUT_SECONDS,
) -> bytes:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _too_slow(seconds)
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
        raise _too_slow(seconds)
    except (subprocess.CalledProcessError, OSError):
        raise ExtractError(
            "Textigenkänningen (OCR) av den skannade PDF-filen misslyckades; prova "
            "en PDF som sparats direkt från Word eller webbläsaren / text "
            "recognition (OCR) of the scanned PDF failed; try a PDF saved directly "
            "from Word or the browser"
        )
    return done.stdout


def _too_slow(seconds: float = OCR_TIMEOUT_SECONDS) -> ExtractError:
    return ExtractError(
        f"Textigenkänningen (OCR) tog mer än {seconds:g} sekunder; dela "
        "upp den skannade filen eller be om en PDF som sparats direkt från Word / "
        f"text recognition (OCR) took more than {seconds:g} seconds; "
        "split the scanned file or ask for a PDF saved directly from Word"
    )


def _title(element: etree._Element) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for part in (element.get("title") or "").split(";"):
        match = _TITLE_FIELD.match(part.strip())
        if match:
            fields[match.group(1)] = match.group(2).split()
    return fields


def _lines(hocr: bytes, page_height: float) -> list[Line]:
    """Words of an hOCR page in page units (points, y upwards), as layout lines.

    A scan is seldom straight. Tesseract finds each line along its tilt; the page
    is turned back by the tilt most lines share (``_skew``), and every word of a
    Tesseract line gets that line's one baseline, so that grouping by height
    (``group_lines``) neither splits a tilted line nor interleaves two.
    """
    if not hocr.strip():
        return []
    root = etree.fromstring(hocr, etree.XMLParser(recover=True, resolve_entities=False))
    if root is None:
        return []
    scale = 72 / DPI
    parsed = [found for line in root.iter("{*}span") if (found := _parse_line(line))]
    sizes = _size_classes([found.size for found in parsed])
    skew = _skew(parsed)
    words: list[Word] = []
    marks: list[tuple[float, float, float, float]] = []
    for found in parsed:
        size = sizes[found.size]
        line_words = found.words
        base = found.base - skew * found.centre  # the line turned level

        def x(value: float, base: float = base) -> float:
            return (value + skew * base) * scale

        for index, (text, wx0, wy0, wx1, wy1, sure) in enumerate(line_words):
            if text in _RULINGS:
                continue
            following = line_words[index + 1] if index + 1 < len(line_words) else None
            if (
                index == 0
                and following
                and _is_bullet(text, wx0, wy0, wx1, wy1, size)
                and following[1] - wx1 >= 0.5 * size
            ):
                shift = base - found.base_at(wx0)  # the mark turned with its line
                marks.append(
                    (
                        x(wx0),
                        page_height - (wy1 + shift) * scale,
                        x(wx1),
                        page_height - (wy0 + shift) * scale,
                    )
                )
                continue
            if (index > 0 or following is None) and _speck(text, sure):
                continue  # not at a line's start, where a list marker may stand
            words.append(
                Word(text, x(wx0), x(wx1), page_height - base * scale, size * scale)
            )
    lines = group_lines(words)
    attach_marks(lines, marks)
    return lines


def _skew(parsed: list[_OcrLine]) -> float:
    """The tilt most lines of the page share (slope of the baseline, y down), from
    the lines long enough to measure it; 0 for a page without such lines."""
    slopes = [line.slope for line in parsed if len(line.words) >= 3]
    return statistics.median(slopes) if slopes else 0.0


# A table's vertical ruling, read as a word of its own: never text.
_RULINGS = frozenset({"|", "¦", "‖", "||", "[", "]"})
_SPECK_CHARS = frozenset(".,:;=~_'\"`´§°^*")
_OcrWord = tuple[str, float, float, float, float, float]


def _speck(text: str, sure: float) -> bool:
    """What Tesseract made of dust and grain: marks that never stand alone in a
    text (".", ":", "="), other symbols or one or two letters it is unsure of
    (confidence in per cent). A dash between words ("bostäder – att") or "%" after
    a number is read with confidence and stays."""
    if all(char in _SPECK_CHARS for char in text):
        return True
    if not any(char.isalnum() for char in text):
        return sure < 60
    return len(text) <= 2 and sure < 55


@dataclass(frozen=True)
class _OcrLine:
    """One Tesseract line in pixels: font size, words as (text, x0, y0, x1, y1,
    confidence),
    baseline at the line's horizontal centre and the baseline's slope (y down)."""

    size: float
    words: list[_OcrWord]
    centre: float
    base: float
    slope: float

    def base_at(self, x: float) -> float:
        return self.base + self.slope * (x - self.centre)


def _parse_line(line: etree._Element) -> _OcrLine | None:
    """The size, words and baseline of an hOCR line, in pixels."""
    if line.get("class") not in _LINE_CLASSES:
        return None
    fields = _title(line)
    try:
        x0, y0, x1, y1 = (float(v) for v in fields["bbox"])
        slope, offset = (float(v) for v in fields.get("baseline", ["0", "0"]))
        row = float(fields.get("x_size", [str(y1 - y0)])[0])
        rise = float(fields.get("x_ascenders", ["0"])[0])
        drop = float(fields.get("x_descenders", ["0"])[0])
    except (KeyError, ValueError):
        return None
    # Tesseract's row height grows with "å", "Ö" and other tall letters; the
    # x-height (row minus ascenders and descenders) does not. A font's size is
    # about 1.9 x-heights.
    x_height = row - rise - drop
    size = X_HEIGHT_TO_SIZE * x_height if x_height > 0.3 * row else row
    words = []
    for span in line.iter("{*}span"):
        if span.get("class") != "ocrx_word":
            continue
        text = "".join(span.itertext()).strip()
        box = _title(span).get("bbox")
        if not text or not box or len(box) != 4:
            continue
        try:
            wx0, wy0, wx1, wy1 = (float(v) for v in box)
        except ValueError:
            continue
        try:
            sure = float(_title(span).get("x_wconf", ["100"])[0])
        except ValueError:
            sure = 100.0
        words.append((text, wx0, wy0, wx1, wy1, sure))
    if not words or size <= 0:
        return None
    centre = (x0 + x1) / 2
    return _OcrLine(size, words, centre, y1 + offset + slope * (centre - x0), slope)


def _size_classes(sizes: list[float]) -> dict[float, float]:
    """Each OCR size estimate → the median of its class. Estimates of one font size
    vary by a few per cent from line to line; the layout compares sizes to find
    headings, so sizes within 10 % of each other become one."""
    classes: list[list[float]] = []
    for size in sorted(sizes):
        if classes and size <= classes[-1][0] * 1.1:
            classes[-1].append(size)
        else:
            classes.append([size])
    return {size: statistics.median(members) for members in classes for size in members}


def _is_bullet(
    text: str, x0: float, y0: float, x1: float, y1: float, size: float
) -> bool:
    """A one-character word smaller than a lower-case letter, roughly square; or
    two characters that are no word ("e«": one dot read as two glyphs)."""
    if not 1 <= len(text) <= 2 or text.isdigit() or (len(text) == 2 and text.isalnum()):
        return False
    width, height = x1 - x0, y1 - y0
    return (
        0 < width <= 0.45 * size
        and 0 < height <= 0.45 * size
        and 0.5 <= width / height <= 2
    )
