"""PDF → plain text with pypdfium2 (PDFium), the fastest text layer reader we have.

pdfplumber (pdfminer) gives the same word positions but takes about a second for a
dozen pages; PDFium takes a tenth of that. We ask PDFium for the page text once and
for the position of each word's first and last character, then do layout ourselves:
lines from baselines, two columns from an empty vertical gutter, paragraphs from
line spacing, running headers/footers from lines repeated at the page edges.
"""

from __future__ import annotations

import ctypes
import math
import re
import shutil
import statistics
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import ExtractError
from .cleanup import BULLET_CHARS, join_broken_line, normalise
from .pdfguard import check_streams

OCR_TIMEOUT_SECONDS = 600
# Fewer non-space characters than this in the whole file means "no text layer".
MIN_TEXT_CHARS = 20
# PDFium marks a hyphen it believes ends a line with U+0002 (U+FFFE in its text).
_HYPHEN_MARKS = "\ufffe\x02"
_TOKEN = re.compile(r"[^\s\ufffe\x02]+[\ufffe\x02]?")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|sidan|page|s\.)\s*)?[-–(]?\s*\d{1,3}\s*[-–)]?"
    r"(?:\s*(?:av|of|/)\s*\d{1,3}|\s*\(\s*\d{1,3}\s*\))?$",
    re.IGNORECASE,
)
_BULLET_START = re.compile(rf"^(?:[{BULLET_CHARS}]|[-–*]\s)")
_SENTENCE_END = (".", "!", "?", ":", ";")
_GAP = "    "


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    base: float
    size: float
    hyphen_break: bool = False


@dataclass
class _Line:
    words: list[_Word] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def base(self) -> float:
        return statistics.fmean(word.base for word in self.words)

    @property
    def size(self) -> float:
        return max(word.size for word in self.words)

    @property
    def text(self) -> str:
        """Words joined by a space; a gap wider than an em (the columns of a
        signature block or a table row) is kept as four spaces."""
        parts = [self.words[0].text]
        for previous, word in zip(self.words, self.words[1:], strict=False):
            parts.append(_GAP if word.x0 - previous.x1 > word.size else " ")
            parts.append(word.text)
        return "".join(parts)

    @property
    def has_gap(self) -> bool:
        return _GAP in self.text


def read_pdf(data: bytes, *, allow_ocr: bool = True) -> tuple[str, dict[str, object]]:
    """Return the clean text of a PDF and facts about it (pages, columns, OCR)."""
    check_streams(data)  # before PDFium unpacks a compression bomb
    document = _open(data)
    try:
        pages = [_page_lines(document[index]) for index in range(len(document))]
        metadata = _metadata(document)
    finally:
        document.close()
    text_chars = sum(
        len(word.text) for page in pages for line in page[1] for word in line.words
    )
    if text_chars < MIN_TEXT_CHARS:
        if not allow_ocr:
            raise ExtractError(
                "PDF-filen saknar textlager även efter OCR / the PDF has no text "
                "layer even after OCR"
            )
        return _read_with_ocr(data)
    # Page numbers (from 1) with no text at all: scanned pages in a mixed file.
    empty_pages = [number for number, (_, lines) in enumerate(pages, 1) if not lines]
    _strip_running_lines([lines for _, lines in pages])
    paragraphs: list[list[str]] = []
    two_column_pages = 0
    for width, lines in pages:
        flows, columns = _reading_order(lines, width)
        two_column_pages += columns
        page_paragraphs = [p for flow in flows for p in _paragraphs(flow)]
        if (
            paragraphs
            and page_paragraphs
            and _continues(paragraphs[-1], page_paragraphs[0])
        ):
            last = paragraphs.pop()
            first = page_paragraphs.pop(0)
            page_paragraphs.insert(
                0, last[:-1] + [join_broken_line(last[-1], first[0])] + first[1:]
            )
        paragraphs.extend(page_paragraphs)
    text = normalise("\n\n".join("\n".join(items) for items in paragraphs))
    meta: dict[str, object] = {
        "pages": len(pages),
        "pages_without_text": empty_pages,
        "two_column_pages": two_column_pages,
        "ocr": False,
        **metadata,
    }
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


def _page_lines(page: pdfium.PdfPage) -> tuple[float, list[_Line]]:
    """Words with positions, grouped into lines top to bottom."""
    width = page.get_width()
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
    finally:
        textpage.close()
        page.close()
    return width, _group_lines(words)


def _words(textpage: pdfium.PdfTextPage, text: str) -> list[_Word]:
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    words = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        first, last = match.start(), match.end() - 1
        hyphen_break = token[-1] in _HYPHEN_MARKS
        if hyphen_break:
            token = token[:-1] + "-"
        if not pdfium_c.FPDFText_GetCharOrigin(textpage, first, origin_x, origin_y):
            continue
        pdfium_c.FPDFText_GetCharBox(textpage, first, left, right, bottom, top)
        x0 = left.value
        pdfium_c.FPDFText_GetCharBox(textpage, last, left, right, bottom, top)
        size = pdfium_c.FPDFText_GetFontSize(textpage, first) or 10.0
        words.append(
            _Word(token, x0, max(right.value, x0), origin_y.value, size, hyphen_break)
        )
    return words


def _group_lines(words: list[_Word]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (-w.base, w.x0)):
        if lines and abs(lines[-1].words[0].base - word.base) <= 0.35 * word.size:
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _edge_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))


def _strip_running_lines(pages: list[list[_Line]]) -> None:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    edges = 2

    def edge_indexes(lines: list[_Line]) -> list[int]:
        count = len(lines)
        return sorted({*range(min(edges, count)), *range(max(0, count - edges), count)})

    seen: Counter[str] = Counter()
    sizes: dict[str, list[float]] = {}
    for lines in pages:
        edge_lines = {
            _edge_key(lines[index]): lines[index] for index in edge_indexes(lines)
        }
        seen.update(edge_lines.keys())
        for key, line in edge_lines.items():
            sizes.setdefault(key, []).append(line.size)
    threshold = max(2, math.ceil(0.6 * len(pages)))
    # A chapter title with the page number ("Kapitel 2: Uppföljning 13") repeats
    # only within its chapter; the number makes three repeats enough.
    running = {
        key
        for key, count in seen.items()
        if count >= threshold or (count >= 3 and "#" in key)
    }
    usual_size = {key: statistics.median(sizes[key]) for key in running}

    def is_running(line: _Line) -> bool:
        key = _edge_key(line)
        # The same words set larger than usual are the title on the first page.
        return key in running and line.size <= usual_size[key] + 1

    for lines in pages:
        drop = {
            index
            for index in edge_indexes(lines)
            if is_running(lines[index]) or _PAGE_NUMBER.match(lines[index].text.strip())
        }
        lines[:] = [line for index, line in enumerate(lines) if index not in drop]


def _segments(line: _Line) -> list[tuple[float, float]]:
    """Horizontal spans of a line, split where words are more than an em apart."""
    spans: list[tuple[float, float]] = []
    for word in line.words:
        if spans and word.x0 - spans[-1][1] <= word.size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], word.x1))
        else:
            spans.append((word.x0, word.x1))
    return spans


def _find_gutter(lines: list[_Line], width: float) -> float | None:
    """The x of an empty vertical strip in the middle of the text that splits the
    body into a left and a right column, or None for a single-column page.

    Lines with one span wider than 60 % of the text (titles, intros, footers above
    or below the columns) are left out of the search; they become full-width bands
    in the reading order.
    """
    if len(lines) < 4 or width <= 0:
        return None
    all_spans = [_segments(line) for line in lines]
    text_x0 = min(span[0] for spans in all_spans for span in spans)
    text_x1 = max(span[1] for spans in all_spans for span in spans)
    text_width = text_x1 - text_x0
    narrow = [
        spans
        for spans in all_spans
        if max(x1 - x0 for x0, x1 in spans) < 0.6 * text_width
    ]
    if len(narrow) < 4:
        return None
    low = int(text_x0 + 0.25 * text_width)
    high = int(text_x0 + 0.75 * text_width)
    crossing = [0] * (high - low)
    for spans in narrow:
        for x0, x1 in spans:
            for x in range(max(low, math.ceil(x0)), min(high, math.floor(x1) + 1)):
                crossing[x - low] += 1
    allowed = len(narrow) // 10
    best: tuple[int, int] | None = None
    start = None
    for index, count in enumerate([*crossing, allowed + 1]):
        if count <= allowed and start is None:
            start = index
        elif count > allowed and start is not None:
            if best is None or index - start > best[1] - best[0]:
                best = (start, index)
            start = None
    if best is None or best[1] - best[0] < 6:
        return None
    gutter = low + (best[0] + best[1]) / 2
    left_spans = [s for spans in narrow for s in spans if s[1] <= gutter]
    right_spans = [s for spans in narrow for s in spans if s[0] >= gutter]
    if len(left_spans) < 3 or len(right_spans) < 3:
        return None
    # A real right column starts at one left edge; scattered values are a table.
    starts = Counter(round(s[0] / 3) for s in right_spans)
    if starts.most_common(1)[0][1] < 0.5 * len(right_spans):
        return None
    if statistics.median(s[1] - s[0] for s in left_spans) < 0.25 * text_width:
        return None
    return gutter


def _reading_order(lines: list[_Line], width: float) -> tuple[list[list[_Line]], int]:
    """Lines as flows in reading order; the int is 1 when the page had two columns.

    Full-width lines (a title above the columns, a note below) split the page into
    bands; in each band the left column is read before the right one.
    """
    gutter = _find_gutter(lines, width)
    if gutter is None:
        return [lines], 0
    flows: list[list[_Line]] = []
    left: list[_Line] = []
    right: list[_Line] = []
    full: list[_Line] = []

    def flush_columns() -> None:
        flows.extend(flow for flow in (left[:], right[:]) if flow)
        left.clear()
        right.clear()

    for line in lines:
        if any(x0 < gutter < x1 for x0, x1 in _segments(line)):
            flush_columns()
            full.append(line)
            continue
        if full:
            flows.append(full[:])
            full.clear()
        left_words = [w for w in line.words if w.x1 <= gutter]
        right_words = [w for w in line.words if w.x0 >= gutter]
        if left_words:
            left.append(_Line(left_words))
        if right_words:
            right.append(_Line(right_words))
    flush_columns()
    if full:
        flows.append(full)
    return flows, 1


def _paragraphs(lines: list[_Line]) -> list[list[str]]:
    """Group lines into paragraphs (lists of items; a bullet is its own item)."""
    if not lines:
        return []
    steps = [
        a.base - b.base
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 < a.base - b.base < 3 * a.size
    ]
    # The line pitch inside a paragraph: a low quantile, because on a page of short
    # paragraphs the gaps between them can outnumber the steps within them.
    leading = sorted(steps)[len(steps) // 4] if steps else 1.2 * lines[0].size
    flow_x0 = min(line.x0 for line in lines)
    flow_width = max(line.x1 for line in lines) - flow_x0
    paragraphs: list[list[str]] = [[lines[0].text]]
    previous = lines[0]
    for line in lines[1:]:
        text = line.text
        step = previous.base - line.base
        short = previous.x1 - flow_x0 < 0.75 * flow_width
        bullet = _BULLET_START.match(text) is not None
        heading_like = (
            previous.x1 - flow_x0 < 0.5 * flow_width
            and not previous.text.endswith((",", "-"))
            and text[:1].isupper()
        )
        new_paragraph = (
            step > 1.4 * leading
            or step < 0
            or abs(line.size - previous.size) > 0.5
            or (not bullet and short and previous.text.endswith(_SENTENCE_END))
            or (not bullet and heading_like)
        )
        if new_paragraph:
            paragraphs.append([text])
        elif bullet or line.has_gap or previous.has_gap:
            paragraphs[-1].append(text)  # a bullet or a row keeps its own line
        else:
            paragraphs[-1][-1] = join_broken_line(paragraphs[-1][-1], text)
        previous = line
    return paragraphs


def _continues(previous: list[str], following: list[str]) -> bool:
    """A paragraph cut by a page break: no sentence end before, lower case after."""
    last, first = previous[-1].rstrip(), following[0].lstrip()
    return (
        bool(last and first)
        and not last.endswith(_SENTENCE_END)
        and (first[0].islower() or last.endswith("-"))
    )


def _read_with_ocr(data: bytes) -> tuple[str, dict[str, object]]:
    """Run ocrmypdf (Swedish) when installed; otherwise say that OCR is needed."""
    program = shutil.which("ocrmypdf")
    if program is None:
        raise ExtractError(
            "PDF-filen saknar textlager och behöver OCR, men ocrmypdf är inte "
            "installerat / the PDF has no text layer and needs OCR, but ocrmypdf "
            "is not installed"
        )
    with tempfile.TemporaryDirectory(prefix="medborgarloften-ocr-") as tmp:
        source, target = Path(tmp, "in.pdf"), Path(tmp, "out.pdf")
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    program,
                    "--language",
                    "swe+eng",
                    "--skip-text",
                    "--quiet",
                    str(source),
                    str(target),
                ],
                check=True,
                capture_output=True,
                timeout=OCR_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            raise ExtractError(
                f"OCR av PDF-filen tog mer än {OCR_TIMEOUT_SECONDS} s / OCR of the "
                f"PDF took more than {OCR_TIMEOUT_SECONDS} s"
            )
        except (subprocess.CalledProcessError, OSError) as exc:
            raise ExtractError(
                "PDF-filen saknar textlager och OCR misslyckades / the PDF has no "
                f"text layer and OCR failed ({type(exc).__name__})"
            )
        if not target.is_file():
            raise ExtractError(
                "PDF-filen saknar textlager och OCR gav inget resultat / the PDF "
                "has no text layer and OCR produced no output"
            )
        text, meta = read_pdf(target.read_bytes(), allow_ocr=False)
    meta["ocr"] = True
    return text, meta
