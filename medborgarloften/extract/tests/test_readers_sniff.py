"""Choosing the reader, and every bad input ending in one ExtractError line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import (
    DEFAULT_MAX_BYTES,
    ReadResult,
    read_bytes,
    read_path,
    sniff,
)
from medborgarloften.extract.tests.pdfgen import Page, build_pdf

SWEDISH = "Kommunen och polisen lovar att öka tryggheten i Åby centrum."


def pdf_bytes() -> bytes:
    page = Page()
    page.text(72, 700, SWEDISH)
    return build_pdf([page])


def other_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.txt", "hej")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "kind"),
    [
        (pdf_bytes(), "löfte.txt", "text/plain", "pdf"),
        (b"<!DOCTYPE html><html><body><p>Hej</p></body></html>", "a.txt", None, "html"),
        (b"\xef\xbb\xbf  <html lang='sv'><p>Hej</p></html>", "", None, "html"),
        (SWEDISH.encode(), "löfte.html", None, "html"),
        (SWEDISH.encode(), "löfte.md", "text/html", "text"),
        (SWEDISH.encode(), "", "text/html; charset=utf-8", "html"),
        (SWEDISH.encode(), "", "application/octet-stream", "text"),
        (other_zip(), "", None, "zip"),
    ],
)
def test_it_sniffs_magic_bytes_then_name_then_content_type(
    data: bytes, filename: str, content_type: str | None, kind: str
) -> None:
    assert sniff(data, filename=filename, content_type=content_type) == kind


BAD_INPUTS = [
    pytest.param(b"", "", "Filen är tom / the file is empty", id="empty"),
    pytest.param(b" \r\n\t ", "", "Filen är tom / the file is empty", id="blank"),
    pytest.param(bytes(range(256)) * 4, "", "binärdata", id="nul-bytes"),
    pytest.param(bytes(range(1, 32)) * 40, "", "binärdata", id="control-chars"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(100), "", "en bild \\(PNG\\)", id="png"),
    pytest.param(b"\xff\xd8\xff\xe0" + bytes(100), "", "bild \\(JPEG\\)", id="jpeg"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1" + bytes(100), "", "\\.doc", id="doc"),
    pytest.param(
        SWEDISH.encode(), "löfte.pdf", "märkt som PDF men är ingen PDF", id="pdf-name"
    ),
    pytest.param(
        plain_zip(), "", "en zip-fil, inte ett Word-dokument", id="zip-not-docx"
    ),
    pytest.param(
        plain_zip(), "löfte.docx", "Word-filen är skadad.*spara den igen", id="docx"
    ),
    pytest.param(
        other_zip(),
        "löfte.odt",
        "OpenDocument-dokument.*spara det som Word \\(\\.docx\\) eller PDF",
        id="odt",
    ),
    pytest.param(b"<html><body></body></html>", "", "ingen text", id="html-no-text"),
]


@pytest.mark.parametrize(("data", "filename", "message"), BAD_INPUTS)
def test_it_refuses_bad_input_with_a_one_line_reason(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(ExtractError, match=message) as caught:
        read_bytes(data, filename=filename)
    reason = str(caught.value)
    assert "\n" not in reason
    assert " / " in reason


def test_it_refuses_bytes_larger_than_the_limit() -> None:
    with pytest.raises(ExtractError, match="större än .* MB / the file is larger"):
        read_bytes(SWEDISH.encode() * 100, max_bytes=1024)


def test_it_refuses_a_huge_file_before_reading_it(monkeypatch, tmp_path: Path) -> None:
    huge = tmp_path / "jätte.pdf"
    with huge.open("wb") as handle:
        handle.truncate(500 * 1024 * 1024)  # sparse: takes no disk space

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(ExtractError, match="större än 50 MB / the file is larger"):
        read_path(huge)
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_it_refuses_an_empty_file_on_disk(tmp_path: Path) -> None:
    empty = tmp_path / "tom.txt"
    empty.write_bytes(b"")
    with pytest.raises(ExtractError, match="Filen är tom / the file is empty"):
        read_path(empty)


def test_it_refuses_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="finns inte / the file does not exist"):
        read_path(tmp_path / "saknas.pdf")
    with pytest.raises(ExtractError, match="Inte en vanlig fil / not a regular file"):
        read_path(tmp_path)


def test_it_returns_provenance_facts_for_every_document() -> None:
    result = read_bytes(SWEDISH.encode(), filename="löfte.txt")
    assert result == ReadResult(
        text=SWEDISH + "\n", kind="text", source="löfte.txt", meta=result.meta
    )
    assert len(result.meta["sha256"]) == 64
    assert result.meta["bytes"] == len(SWEDISH.encode())
    assert result.meta["language_guess"] == "sv"
    with pytest.raises(AttributeError):
        result.text = "ändrad"  # type: ignore[misc]


FORMAT_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!doctype html><html>", b"\xef\xbb\xbf"]
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    prefix=FORMAT_PREFIXES,
    body=st.binary(max_size=4096),
    suffix=st.sampled_from([b"", b"\n%%EOF\n"]),
    filename=st.sampled_from(["", "a.pdf", "a.docx", "a.html", "a.txt", "a.bin"]),
)
def test_it_never_raises_anything_but_extract_error(
    prefix: bytes, body: bytes, suffix: bytes, filename: str
) -> None:
    try:
        result = read_bytes(prefix + body + suffix, filename=filename)
    except ExtractError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(result, ReadResult)
        assert result.kind in ("pdf", "docx", "html", "text")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000))
def test_it_reads_any_printable_text_or_refuses_it_cleanly(text: str) -> None:
    try:
        result = read_bytes(text.encode("utf-8"), filename="a.txt")
    except ExtractError:
        return
    assert "\r" not in result.text
