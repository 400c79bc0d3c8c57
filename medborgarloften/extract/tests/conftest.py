"""Documents made by the real producers, once per test session (see producers.py).

Each fixture skips, naming the Debian package, when its producer is not installed;
CI (.ci/run) installs them all.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from medborgarloften.extract.readers import ocr
from medborgarloften.extract.tests import producers


def _made(make: Callable[[], bytes]) -> bytes:
    try:
        return make()
    except producers.ProducerMissing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def word_promise() -> bytes:
    return producers.word_file()


@pytest.fixture(scope="session")
def libreoffice_promise(word_promise: bytes) -> bytes:
    return _made(lambda: producers.libreoffice_pdf(word_promise))


@pytest.fixture(scope="session")
def chromium_promise() -> bytes:
    return _made(lambda: producers.chromium_pdf(producers.web_page()))


@pytest.fixture(scope="session")
def html_promise() -> bytes:
    """The web page itself, uploaded as a .html file."""
    return producers.web_page().encode()


@pytest.fixture(scope="session")
def weasyprint_promise() -> bytes:
    return _made(lambda: producers.weasyprint_pdf(producers.web_page()))


@pytest.fixture(scope="session")
def scanned_promise(chromium_promise: bytes) -> bytes:
    """The Chromium print's first page as a scanner would deliver it."""
    if not ocr.ocr_available():
        pytest.skip(
            "Tesseract med svenska saknas / Tesseract with Swedish is not installed "
            "(apt-get install tesseract-ocr tesseract-ocr-swe)"
        )
    return producers.scanned_pdf(chromium_promise, pages=1)
