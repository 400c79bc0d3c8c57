"""Readers: documents (PDF, DOCX, HTML, text, a URL) → clean plain text.

One entry point per source — ``read_path``, ``read_bytes``, ``read_url`` — and one
result type. The reader is chosen from the bytes first (``%PDF``, a zip holding
``word/document.xml``, ``<html``), then the file name, then the declared content
type, because uploads and servers often mislabel files. Every problem a user can
cause raises :class:`~medborgarloften.extract.errors.ExtractError` with a one-line
"Swedish / English" reason; nothing else escapes.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ... import __version__
from ..errors import ExtractError
from .cleanup import guess_language, normalise
from .docx import read_docx
from .html import read_html
from .ocr import ocr_available
from .pdf import read_pdf
from .reflow import reflow
from .text import read_text
from .url import ACCEPTED_TYPES, fetch, media_type

__all__ = [
    "DEFAULT_MAX_BYTES",
    "USER_AGENT",
    "ReadResult",
    "read_bytes",
    "read_path",
    "read_url",
    "sniff",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# Placeholder until the project has a public home; servers see it in their logs.
PROJECT_URL = "https://github.com/medborgarloften/medborgarloften"
USER_AGENT = f"medborgarloften/{__version__} (+{PROJECT_URL})"
KINDS = ("pdf", "docx", "html", "text")


@dataclass(frozen=True)
class ReadResult:
    """Clean text of one document.

    ``kind`` is "pdf", "docx", "html" or "text"; ``source`` the path, URL or file
    name it came from; ``meta`` holds facts for provenance and warnings: always
    ``sha256``, ``bytes`` and ``language_guess`` ("sv"/"other"), and per kind e.g.
    ``pages``, ``pages_without_text``, ``two_column_pages``, ``ocr`` and
    ``ocr_pages`` (PDF), ``page_header`` and ``page_footer`` (DOCX), ``encoding``,
    ``title``, ``source_url``. ``quality.reading_warnings`` turns text and meta into
    what a reviewer should check.
    """

    text: str
    kind: str
    source: str
    meta: dict[str, object] = field(default_factory=dict)


_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}
# Formats people upload by mistake, recognised by their first bytes.
_IMAGE = "image:{0}"  # worded when refused: what to do depends on OCR (_image)
_REFUSED_MAGIC = (
    (
        b"\xd0\xcf\x11\xe0",
        "Det äldre Word-formatet .doc stöds inte; spara som .docx / the old Word .doc "
        "format is not supported; save it as .docx",
    ),
    (
        b"{\\rtf",
        "RTF stöds inte; spara som .docx / RTF is not supported; save it as .docx",
    ),
    (b"\x89PNG", _IMAGE.format("PNG")),
    (b"\xff\xd8\xff", _IMAGE.format("JPEG")),
    (b"GIF8", _IMAGE.format("GIF")),
    (b"II*\x00", _IMAGE.format("TIFF")),
    (b"MM\x00*", _IMAGE.format("TIFF")),
)


def sniff(data: bytes, *, filename: str = "", content_type: str | None = None) -> str:
    """Return the reader kind for ``data``: magic bytes, then name, then type."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _zip_has_document(data) else "zip"
    if _HTML_START.match(head):
        return "html"
    for magic, message in _REFUSED_MAGIC:
        if data.startswith(magic):
            raise ExtractError(
                _image(message.removeprefix("image:"))
                if message.startswith("image:")
                else message
            )
    suffix = Path(filename).suffix.casefold()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    kind = ACCEPTED_TYPES.get(media_type(content_type))
    if kind:
        return kind
    if re.search(rb"<(?:p|div|h1|h2|ul|table|article|main)\b[^>]*>", head, re.I):
        return "html"
    return "text"


def _image(kind: str) -> str:
    """An image cannot be read as a document: say how to get it read."""
    if ocr_available():
        return (
            f"Filen är en bild ({kind}), inte ett dokument. Lägg den skannade sidan "
            "i en PDF och importera PDF-filen: skannade PDF:er läses med "
            f"textigenkänning (OCR) / the file is an image ({kind}), not a document. "
            "Put the scanned page in a PDF and import that: scanned PDFs are read "
            "with text recognition (OCR)"
        )
    return (
        f"Filen är en bild ({kind}), inte ett dokument, och textigenkänning (OCR) "
        "finns inte på den här servern. Be om dokumentet som PDF eller Word-fil "
        "sparad direkt från programmet det skrevs i / the file is an image "
        f"({kind}), not a document, and text recognition (OCR) is not installed on "
        "this server. Ask for the document as a PDF or Word file saved from the "
        "program it was written in"
    )


def _not_word(data: bytes, filename: str) -> str:
    """Why a zip file is not read: what it is, and what to do."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = (
                archive.read("mimetype")[:100].decode("ascii", "replace")
                if "mimetype" in names
                else ""
            )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
        names, mimetype = [], ""
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        return (
            "Filen är ett OpenDocument-dokument (.odt, från LibreOffice eller "
            "OpenOffice), som inte kan läsas här. Öppna det och spara det som Word "
            "(.docx) eller PDF, och importera den filen / the file is an OpenDocument "
            "file (.odt, from LibreOffice or OpenOffice), which cannot be read here. "
            "Open it, save it as Word (.docx) or PDF and import that file"
        )
    if Path(filename).suffix.casefold() in (".docx", ".docm", ".dotx"):
        return (
            "Word-filen är skadad: den saknar dokumentets text (word/document.xml). "
            "Öppna den i Word eller LibreOffice och spara den igen som .docx eller "
            "PDF, och importera den nya filen / the Word file is damaged: it lacks "
            "the document's text (word/document.xml). Open it in Word or LibreOffice, "
            "save it again as .docx or PDF and import the new file"
        )
    return (
        "Filen är en zip-fil, inte ett Word-dokument. Importera själva dokumentet, "
        "sparat som Word (.docx) eller PDF / the file is a zip archive, not a Word "
        "document. Import the document itself, saved as Word (.docx) or PDF"
    )


def _zip_has_document(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return True  # let the DOCX reader explain what is broken


def _too_large(max_bytes: int) -> ExtractError:
    megabytes = max_bytes / (1024 * 1024)
    return ExtractError(
        f"Filen är större än {megabytes:g} MB / the file is larger than "
        f"{megabytes:g} MB"
    )


def read_bytes(
    data: bytes,
    *,
    filename: str = "",
    content_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
) -> ReadResult:
    """Read a document held in memory; the workhorse behind the other two."""
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise ExtractError("Filen är tom / the file is empty")
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    kind = sniff(data, filename=filename, content_type=content_type)
    try:
        if kind == "pdf":
            if b"%PDF-" not in data[:1024]:
                raise ExtractError(
                    "Filen är märkt som PDF men är ingen PDF / the file is labelled as "
                    "a PDF but is not one"
                )
            text, meta = read_pdf(data)
        elif kind == "docx":
            text, meta = read_docx(data)
        elif kind == "zip":
            raise ExtractError(_not_word(data, filename))
        elif kind == "html":
            text, meta = read_html(data, content_type=content_type)
        else:
            declared = _declared_charset(content_type)
            text, meta = read_text(data, declared=declared)
    except (ExtractError, MemoryError):
        raise  # a MemoryError is the budget's to report (extract/budget.py)
    except RecursionError:
        raise ExtractError(
            "Dokumentet är för djupt nästlat för att läsas / the document is nested "
            "too deeply to be read"
        )
    except Exception as exc:  # a parser choking on hostile input is a user error
        raise ExtractError(
            f"Dokumentet kunde inte läsas ({kind}) / the document could not be read "
            f"({kind}: {type(exc).__name__})"
        )
    printed = kind in ("pdf", "docx") or (kind == "html" and meta.get("line_breaks"))
    if printed and text.strip():
        # a PDF's or Word file's text that still reads like a printed page (a
        # footer, a contents page, "o" items in the body): the text stage's reflow;
        # a web page's as well when its lines are broken by hand (<br>), as a Word
        # file's by soft line breaks (text pasted from the PDF keeps its wrapping)
        text = normalise(reflow(text))
    if not text.strip():
        raise ExtractError(
            "Dokumentet innehåller ingen text / the document contains no text"
        )
    meta = {
        **meta,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "language_guess": guess_language(text),
    }
    return ReadResult(text=text, kind=kind, source=source or filename, meta=meta)


def _declared_charset(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a file from disk, refusing one larger than ``max_bytes`` before loading."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ExtractError(f"Inte en vanlig fil / not a regular file ({path.name})")
        if size > max_bytes:
            raise _too_large(max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise ExtractError(f"Filen finns inte / the file does not exist ({path.name})")
    except PermissionError:
        raise ExtractError(
            f"Filen får inte läsas / no permission to read the file ({path.name})"
        )
    except IsADirectoryError:
        raise ExtractError(f"Inte en vanlig fil / not a regular file ({path.name})")
    except OSError as exc:
        raise ExtractError(
            f"Filen kunde inte läsas / the file could not be read ({path.name}: "
            f"{exc.strerror or type(exc).__name__})"
        )
    if len(data) > max_bytes:  # the file grew after stat()
        raise _too_large(max_bytes)
    return read_bytes(data, filename=path.name, max_bytes=max_bytes, source=str(path))


def read_url(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    user_agent: str = USER_AGENT,
) -> ReadResult:
    """Download and read a document; ``source`` and ``meta["source_url"]`` hold the
    final address after redirects."""
    download = fetch(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
    result = read_bytes(
        download.data,
        filename=download.filename,
        content_type=download.content_type,
        max_bytes=max_bytes,
        source=download.url,
    )
    meta = {
        **result.meta,
        "source_url": download.url,
        "requested_url": url,
        "content_type": download.content_type,
    }
    return ReadResult(
        text=result.text, kind=result.kind, source=download.url, meta=meta
    )
