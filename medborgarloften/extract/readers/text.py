"""Plain text files → clean text, guessing the encoding Swedish files are saved in.

UTF-8 first (with or without BOM), UTF-16 when it has a BOM, then Windows-1252 (what
Notepad and old Word exports wrote) and Latin-1 as the last resort, which decodes
anything. A first line ``# source: <url>`` records where the text came from.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ExtractError
from .cleanup import normalise
from .pagebreaks import join_page_breaks
from .reflow import reflow

_SOURCE_LINE = re.compile(
    r"\A[ \t]*#[ \t]*source:[ \t]*(\S+)[ \t]*(?:\r\n|\r|\n|\Z)", re.I
)
# Share of characters that must be printable (or whitespace) for text to be text.
MIN_PRINTABLE_SHARE = 0.95
# Control characters (not tab, line feed, form feed, carriage return) and the
# replacement character: what binary data decodes into.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name) for bytes that are meant to be text."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to guessing
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ExtractError(
            f"Texten är inte giltig {encoding} trots att den börjar med en BOM / the "
            f"text is not valid {encoding} although it starts with a byte order mark"
        )


def check_is_text(text: str) -> None:
    """Refuse binary data that happened to decode: NUL bytes, control characters."""
    if "\x00" in text:
        raise ExtractError(
            "Filen innehåller binärdata (NUL-tecken), inte text / the file contains "
            "binary data (NUL bytes), not text"
        )
    sample = text[:100_000]
    if not sample:
        return
    unprintable = len(_UNPRINTABLE.findall(sample))
    if unprintable / len(sample) > 1 - MIN_PRINTABLE_SHARE:
        raise ExtractError(
            "Filen ser ut att vara binärdata, inte text / the file looks like binary "
            "data, not text"
        )


def read_text(
    data: bytes, *, declared: str | None = None
) -> tuple[str, dict[str, object]]:
    """Return the clean text of a text file and its encoding and source URL."""
    if b"\x00" in data[:8192] and not data.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        check_is_text("\x00")
    text, encoding = decode(data, declared=declared)
    check_is_text(text)
    meta: dict[str, object] = {"encoding": encoding}
    match = _SOURCE_LINE.match(text)
    if match:
        meta["source_url"] = match.group(1)
        text = text[match.end() :]
    return normalise(reflow(join_page_breaks(text)), keep_indent=True), meta
