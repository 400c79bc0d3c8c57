"""Reading a document and running the extractor on it: limits, language, error lines."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

from medborgarloften.extract.budget import (
    Budget,
    extract_record_within,
    read_bytes_within,
)
from medborgarloften.extract.errors import ExtractError
from medborgarloften.lib.text import clean_text
from medborgarloften.places.models import Organisation
from medborgarloften.promises.services import promise_load_record

from ..models import DocumentKind

#: Largest document we accept; medborgarlöften are a few pages.
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


#: Longest text handed to the rules (about 400 pages); real promises are far shorter.
MAX_TEXT_CHARS = 1_000_000


def extraction_budget() -> Budget:
    """The time and memory one reading or one extraction may take (settings
    IMPORT_TIME_LIMIT, IMPORT_MEMORY_LIMIT_MB), in a child process of its own."""
    from django.conf import settings

    return Budget(
        seconds=settings.IMPORT_TIME_LIMIT,
        memory_mb=settings.IMPORT_MEMORY_LIMIT_MB,
        max_chars=MAX_TEXT_CHARS,
    )


# The three collaborators, imported when called so this module loads without them and
# tests can replace them one at a time. Reading and extracting run within the budget.
def _read_bytes(
    data: bytes,
    *,
    filename: str,
    content_type: str | None,
    budget: Budget | None = None,
) -> Any:

    return read_bytes_within(
        data,
        filename=filename,
        content_type=content_type,
        budget=budget or extraction_budget(),
    )


def _extract_record(
    text: str, *, record_id: str, source_url: str | None
) -> dict[str, Any]:

    return extract_record_within(
        text, record_id=record_id, source_url=source_url, budget=extraction_budget()
    )


def _promise_load_record(
    *,
    record: dict[str, Any],
    actor: Any,
    source: str,
    create_missing_police_area: bool,
    reference_for: Organisation | None = None,
) -> Any:

    # The command line writes on the operator's authority; ``actor`` (--user) is
    # who the history names.
    return promise_load_record(
        record=record,
        actor=actor,
        source=source,
        create_missing_police_area=create_missing_police_area,
        reference_for=reference_for,
        as_operator=True,
    )


_SV_WORDS = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "för",
        "med",
        "till",
        "av",
        "om",
        "vi",
        "ska",
        "kommer",
        "inte",
        "har",
        "den",
        "de",
        "polisen",
        "kommunen",
        "löfte",
        "trygghet",
        "under",
    ]
)


_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "with",
        "on",
        "are",
        "we",
        "will",
        "be",
        "this",
        "by",
        "police",
    ]
)


def language_guess(text: str) -> str:
    """Guess 'sv' or 'en' from common words; '' when the text is too short to tell.

    Only a hint for the reviewer (an English summary page imported by mistake).
    """
    words = re.findall(r"[a-zåäöé]+", text[:20000].casefold())
    sv = sum(1 for w in words if w in _SV_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    if sv + en < 5:
        return ""
    return "sv" if sv >= en else "en"


def _kind(value: str) -> str:
    value = (value or "").lower()
    if value in DocumentKind.values:
        return value
    if value in {"txt", "plain", "text/plain"}:
        return DocumentKind.TEXT
    if value in {"htm", "text/html"}:
        return DocumentKind.HTML
    return DocumentKind.OTHER


def _json_safe(value: Any) -> Any:
    """Keep reader metadata that JSON can hold; drop the rest (bytes, objects)."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items() if _is_plain(v)}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value if _is_plain(v)]
    return value


def _is_plain(value: Any) -> bool:
    if isinstance(value, dict | list | tuple):
        return True
    return value is None or isinstance(value, str | int | float | bool)


def error_line(exc: BaseException) -> str:
    """One line for the summary: a ValidationError names its fields."""
    if (
        isinstance(exc, ValidationError)
        and type(exc).__str__ is ValidationError.__str__
    ):
        if hasattr(exc, "error_dict"):
            parts = [
                f"{name}: {' '.join(str(m) for m in messages)}"
                for name, messages in exc.message_dict.items()
            ]
            text = "; ".join(parts)
        else:
            text = " ".join(str(m) for m in exc.messages)
    else:
        # Our own error types (ExtractError, the loader's RecordError) say it best.
        text = str(exc) or exc.__class__.__name__
    return " ".join(text.split())


def _read_text(read: Any) -> str:
    """The reader's text as it is stored and extracted: control characters a file
    may carry (NUL, a vertical tab from Word) cleaned before the extractor sees it,
    so the record's offsets fit the stored text."""
    return clean_text(getattr(read, "text", "") or "").strip()


def document_bytes(data: bytes | None) -> bytes:
    """``data``, refused when empty or over :data:`MAX_DOCUMENT_BYTES`."""
    if not data:
        raise ExtractError("Filen är tom / the file is empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ExtractError(
            f"Filen är större än {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB"
            " / the file is too large"
        )
    return data


#: Suffixes of the files the import reads (the readers say what is wrong inside
#: them); a file with any other suffix that is neither PDF, Word nor HTML by its
#: bytes is not a promise document.
READ_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".md", ".pdf", ".docx", ".html", ".htm", ".xhtml"}
)


def refuse_unsupported_file(data: bytes, filename: str) -> None:
    """Refuse a file of a type the import does not read (a .toml, .csv, .py …)
    before it is read as plain text and made into an empty draft."""
    from pathlib import PurePath

    from medborgarloften.extract.readers import sniff

    suffix = PurePath(filename or "").suffix.casefold()
    if suffix in READ_SUFFIXES:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # not text: the reader says what it is ("binärdata", an image …)
    if sniff(data, filename="") == "text":
        raise ExtractError(
            f"Filtypen {suffix} stöds inte: importera PDF, Word (.docx), webbsida "
            f"(.html) eller text (.txt, .md) / the file type {suffix} is not "
            "supported: import PDF, Word (.docx), a web page (.html) or text"
        )


def readable_text(read: Any) -> str:
    """:func:`_read_text`, refused when the reader found none (a scan, say)."""
    text = _read_text(read)
    if not text:
        raise ExtractError(
            "Ingen text gick att läsa ut (skannad bild?) / no text could be read"
        )
    return text
