"""PDF streams measured before PDFium unpacks them (issue #13, M2).

The hostile PDFs are built here: a real text page whose content is followed by a
second content stream that inflates to far more than any page needs, compressed in
the ways a bomb can be (Flate, Flate twice, raw deflate, RunLength), with a direct
or an indirect /Length.
"""

from __future__ import annotations

import zlib

import pytest

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.readers.pdfguard import MAX_STREAM_BYTES, check_streams

TEXT = b"BT /F1 12 Tf 72 700 Td (Polisen ska patrullera i centrum.) Tj ET\n"


def _flate(data: bytes, *, raw: bool = False) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    return packer.compress(data) + packer.flush()


def _run_length(size: int) -> bytes:
    """RunLengthDecode: 2 bytes give 128 repeated bytes."""
    return bytes([129, 0x20]) * (size // 128) + b"\x80"


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


SPACES = b" " * (4 * 1024 * 1024)  # 4 MB of content that draws nothing


@pytest.mark.parametrize(
    ("body", "filters"),
    [
        (_flate(SPACES), "/FlateDecode"),
        (_flate(_flate(SPACES)), "[/FlateDecode /FlateDecode]"),
        (_flate(SPACES, raw=True), "/FlateDecode"),
        (_run_length(len(SPACES)), "/RunLengthDecode"),
    ],
    ids=["flate", "flate-twice", "raw-deflate", "run-length"],
)
@pytest.mark.parametrize("indirect_length", [False, True], ids=["length", "ref"])
def test_it_refuses_a_stream_that_unpacks_past_the_limit(
    body, filters, indirect_length
):
    data = pdf_with_stream(body, filters, indirect_length=indirect_length)

    with pytest.raises(ExtractError, match="mer än 1 MB .*more than 1 MB"):
        check_streams(data, max_stream=1024 * 1024)
    check_streams(data, max_stream=8 * 1024 * 1024)  # within a larger limit


def test_it_refuses_streams_that_unpack_past_the_limit_together():
    data = pdf_with_stream(_flate(SPACES), "/FlateDecode", copies=3)

    with pytest.raises(ExtractError, match="strömmar packas upp till mer än 10 MB"):
        check_streams(data, max_total=10 * 1024 * 1024)


def test_it_leaves_images_to_the_budget():
    data = pdf_with_stream(_flate(SPACES), "/FlateDecode", image=True)
    check_streams(data, max_stream=1024 * 1024)


def test_the_reader_refuses_a_small_pdf_whose_stream_unpacks_past_the_default():
    body = _flate(b" " * (MAX_STREAM_BYTES + 1024 * 1024))
    data = pdf_with_stream(body, "/FlateDecode")
    assert len(data) < 100_000

    with pytest.raises(ExtractError, match="komprimeringsbomb"):
        read_bytes(data, filename="lofte.pdf")


def test_the_reader_still_reads_a_pdf_with_ordinary_compressed_streams():
    data = pdf_with_stream(_flate(b" q Q " * 1000), "/FlateDecode", copies=2)

    result = read_bytes(data, filename="lofte.pdf")

    assert "Polisen ska patrullera i centrum." in result.text
