"""Fuzz the extractor at volume: any text, any bytes, never an unexpected exception.

``extract_record`` promises never to raise; ``read_bytes`` may only refuse with
``ExtractError`` (a message for the user). Inputs are arbitrary Unicode, a real-looking
promise with lines spliced in, cut or repeated, and arbitrary bytes behind the
signatures of the formats the readers sniff (PDF, ZIP/DOCX, HTML, UTF-16 BOM).

``FUZZ_EXAMPLES`` (default 30) sets the examples per test; ``FUZZ_COUNT_FILE`` makes the
module append how many inputs it tried (benchmarks/reliability/fuzz.py reads it).
"""

from __future__ import annotations

import io
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import read_bytes
from medborgarloften.extract.record import extract_record

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TRIED: dict[str, int] = {}

PROMISE_LINES = [
    "Medborgarlöfte för Kalmar kommun 2031–2032",
    "Lokalpolisområde Kalmar och Kalmar kommun har tagit fram lägesbilden.",
    "Polisen lovar att:",
    "- genomföra minst tre trygghetsvandringar i Norrliden per år",
    "- vara synlig vid skolorna på eftermiddagarna",
    "Kommunen lovar att:",
    "- hålla två (2) dialogmöten med boende senast 30 juni 2032",
    "- öka belysningen i 50 % av gångtunnlarna",
    "Uppföljning sker två gånger per år.",
    "Anna Andersson",
    "Kommunstyrelsens ordförande",
]


@pytest.fixture(scope="module", autouse=True)
def _report_counts():
    yield
    target = os.environ.get("FUZZ_COUNT_FILE")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            for test, count in TRIED.items():
                out.write(json.dumps({"test": test, "inputs": count}) + "\n")


def _tried(name: str) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1


def _check(record) -> None:
    assert isinstance(record, dict)
    assert isinstance(record.get("commitments", []), list)


@FUZZ
@given(st.text(max_size=5000))
def test_any_text_gives_a_record(text):
    _tried("extract_record: any text")
    _check(extract_record(text, record_id="fuzz"))


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PROMISE_LINES),
            st.text(max_size=200),
            st.sampled_from(PROMISE_LINES).map(lambda line: line[: len(line) // 2]),
            st.sampled_from(["", "-", "•", "1.", "Polisen lovar att:", "\t", "\f"]),
        ),
        max_size=80,
    ),
    st.one_of(st.none(), st.sampled_from(["https://example.org/x", "notaurl"])),
)
def test_a_mangled_promise_gives_a_record(lines, url):
    _tried("extract_record: mangled promise")
    _check(extract_record("\n".join(lines), record_id="fuzz", source_url=url))


def _docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=4000),
        st.tuples(
            st.sampled_from(
                [b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"\xff\xfe", b"\xef\xbb\xbf"]
            ),
            st.binary(max_size=4000),
        ).map(lambda pair: pair[0] + pair[1]),
        st.tuples(
            st.text(max_size=300), st.integers(0, 2000), st.binary(max_size=50)
        ).map(lambda t: (lambda d: d[: t[1]] + t[2] + d[t[1] :])(_docx(t[0]))),
    ),
    st.sampled_from(["a.pdf", "a.docx", "a.html", "a.txt", "a", "a.exe"]),
    st.sampled_from([None, "application/pdf", "text/html", "text/plain"]),
)
def test_any_bytes_are_read_or_refused_with_a_message(data, filename, content_type):
    _tried("read_bytes: any bytes")
    try:
        read = read_bytes(data, filename=filename, content_type=content_type)
    except ExtractError as exc:
        assert str(exc)
    else:
        assert isinstance(read.text, str)
