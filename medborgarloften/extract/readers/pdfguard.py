"""A PDF's compressed streams measured before PDFium unpacks them.

A 1.9 MB PDF whose one content stream inflates to gigabytes took 3 GB of memory
(issue #13): PDFium unpacks a stream whole before it parses it. ``check_streams``
finds every stream, and for those compressed with FlateDecode (one filter or a
chain of them, the bomb's only practical form) or RunLengthDecode it counts the
unpacked size in bounded pieces, refusing a stream past ``MAX_STREAM_BYTES`` or
all of them together past ``MAX_TOTAL_BYTES``. Images are left alone: the text
layer never unpacks them (OCR runs in a separate program under the same memory
budget). Anything this scan cannot judge — an encrypted stream, another filter, a
lying dictionary — is still bounded by the memory budget of the child process the
reader runs in (``extract.budget``). Django-free.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from ..errors import ExtractError

#: One content stream, font or object stream, unpacked; real ones are a few MB.
MAX_STREAM_BYTES = 32 * 1024 * 1024
#: All of them together.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
_PIECE = 64 * 1024
_DICT_WINDOW = 16 * 1024  # how far before "stream" its dictionary may start

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_ENDSTREAM = re.compile(rb"endstream")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")


class _Over(Exception):
    pass


def _too_large(limit: int, *, total: bool) -> ExtractError:
    mb = f"{limit / (1024 * 1024):g}"
    if total:
        return ExtractError(
            f"PDF-filens strömmar packas upp till mer än {mb} MB (komprimeringsbomb?) "
            f"/ the PDF's streams unpack to more than {mb} MB (compression bomb?)"
        )
    return ExtractError(
        f"PDF-filen har en ström som packas upp till mer än {mb} MB "
        f"(komprimeringsbomb?) / the PDF has a stream that unpacks to more than "
        f"{mb} MB (compression bomb?)"
    )


def check_streams(
    data: bytes,
    *,
    max_stream: int | None = None,
    max_total: int | None = None,
) -> None:
    """Refuse a PDF with a stream (or streams) that unpack past the limits."""
    max_stream = MAX_STREAM_BYTES if max_stream is None else max_stream
    max_total = MAX_TOTAL_BYTES if max_total is None else max_total
    ends = [m.start() for m in _ENDSTREAM.finditer(data)]
    total = 0
    previous_end = 0
    for match in _STREAM.finditer(data):
        if data[max(0, match.start() - 3) : match.start()] == b"end":
            continue  # "endstream" itself
        start = match.end()
        head = data[max(previous_end, match.start() - _DICT_WINDOW) : match.start()]
        dictionary = head[max(head.rfind(b"obj"), 0) :]
        index = bisect_right(ends, start)
        stop = ends[index] if index < len(ends) else len(data)
        length = _LENGTH.search(dictionary)
        if length:
            stop = min(stop, start + int(length.group(1)))
        previous_end = max(previous_end, stop)
        filters = _filters(dictionary)
        if not filters or _IMAGE.search(dictionary):
            continue
        room = min(max_stream, max_total - total)
        try:
            total += _unpacked_size(data, start, stop, filters, room)
        except _Over:
            if room < max_stream:
                raise _too_large(max_total, total=True)
            raise _too_large(max_stream, total=False)


def _filters(dictionary: bytes) -> list[bytes]:
    found = _FILTERS.search(dictionary)
    if not found:
        return []
    return [m.group(1) for m in _NAME.finditer(found.group(1))]


class _Inflate:
    """One FlateDecode stage; raw deflate too, which lenient readers accept."""

    def __init__(self) -> None:
        self.decoder: Any = zlib.decompressobj()
        self.produced = 0
        self.tried_raw = False

    def pieces(self, data: bytes) -> Iterator[bytes]:
        pending = data
        while pending and not self.decoder.eof:
            try:
                piece = self.decoder.decompress(pending, _PIECE)
            except zlib.error:
                if self.produced or self.tried_raw:
                    return  # damaged: PDFium will say so
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                self.tried_raw = True
                continue
            self.produced += len(piece)
            yield piece
            pending = self.decoder.unconsumed_tail


def _unpacked_size(
    data: bytes, start: int, stop: int, filters: list[bytes], room: int
) -> int:
    """The unpacked size of one stream, or _Over past ``room``; 0 when a filter is
    one this scan does not follow (the memory budget bounds those)."""
    stages: list[_Inflate] = []
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            stages.append(_Inflate())
        elif name in (b"RunLengthDecode", b"RL") and len(filters) == 1:
            return _run_length_size(data, start, stop, room)
        else:
            return 0

    def feed(level: int, piece: bytes) -> None:
        for out in stages[level].pieces(piece):
            if stages[level].produced > room:
                raise _Over  # every stage, so a middle one cannot spin unbounded
            if level + 1 < len(stages):
                feed(level + 1, out)

    for offset in range(start, stop, _PIECE):
        feed(0, data[offset : min(offset + _PIECE, stop)])
        if stages[0].decoder.eof:
            break
    return stages[-1].produced


def _run_length_size(data: bytes, start: int, stop: int, room: int) -> int:
    size = 0
    position = start
    while position < stop:
        length = data[position]
        if length == 128:  # end of data
            break
        if length < 128:
            size += length + 1
            position += length + 2
        else:
            size += 257 - length
            position += 2
        if size > room:
            raise _Over
    return size
