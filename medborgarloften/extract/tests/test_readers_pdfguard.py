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
from medborgarloften.extract.tests.hostile_files import pdf_with_stream


def _flate(data: bytes, *, raw: bool = False) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    return packer.compress(data) + packer.flush()


def _run_length(size: int) -> bytes:
    """RunLengthDecode: 2 bytes give 128 repeated bytes."""
    return bytes([129, 0x20]) * (size // 128) + b"\x80"


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
