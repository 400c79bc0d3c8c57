"""URL reader against a local HTTP server (the test machine has no internet)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from medborgarloften import __version__
from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import USER_AGENT, read_url
from medborgarloften.extract.tests.pdfgen import Page, build_pdf

HTML = (
    "<!DOCTYPE html><html lang='sv'><head><title>Löfte</title></head><body>"
    "<nav><a href='/'>Start</a></nav><main><h1>Medborgarlöfte för Åby</h1>"
    "<p>Polisen och kommunen lovar att öka tryggheten vid torget i Åby.</p>"
    "</main></body></html>"
).encode()


def _pdf() -> bytes:
    page = Page()
    page.text(72, 700, "Medborgarlöfte för Åby: fler vuxna ute på kvällarna.")
    return build_pdf([page])


PDF = _pdf()
RELEASE = threading.Event()


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/loefte.html": (200, "text/html; charset=utf-8", HTML),
        "/loefte.pdf": (200, "application/pdf", PDF),
        "/ladda-ner": (200, "application/octet-stream", PDF),
        "/loefte.txt": (200, "text/plain; charset=utf-8", "Trygghet i Åby.".encode()),
        "/bild.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "/fel": (500, "text/plain", b"Internal Server Error"),
        "/nekad": (403, "text/plain", b"Forbidden"),
    }

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in self.routes:
            status, content_type, body = self.routes[path]
            self._send(status, content_type, body)
        elif path == "/omdirigera":
            self._redirect("/loefte.html")
        elif path.startswith("/slinga"):
            self._redirect(f"/slinga{len(path)}x")
        elif path == "/agent":
            self._send(200, "text/plain", self.headers["User-Agent"].encode())
        elif path == "/langsam":
            RELEASE.wait(10)
            self._send(200, "text/plain", b"sent")
        elif path == "/droppande":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(100):
                if RELEASE.wait(0.05):
                    break
                try:
                    self.wfile.write(b"a")
                    self.wfile.flush()
                except OSError:  # the reader hung up, as it should
                    break
        elif path == "/stor":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b"a" * 10_000)
        elif path == "/stor-deklarerad":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(10_000_000))
            self.end_headers()
            self.wfile.write(b"a" * 1000)
        else:
            self._send(404, "text/plain", b"Not Found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    RELEASE.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


def test_it_reads_an_html_page(server: str) -> None:
    result = read_url(f"{server}/loefte.html")
    assert result.kind == "html"
    assert "Polisen och kommunen lovar att öka tryggheten" in result.text
    assert "Start" not in result.text
    assert result.source == f"{server}/loefte.html"
    assert result.meta["source_url"] == f"{server}/loefte.html"


def test_it_reads_a_pdf_and_a_generic_download(server: str) -> None:
    assert read_url(f"{server}/loefte.pdf").kind == "pdf"
    result = read_url(f"{server}/ladda-ner")
    assert result.kind == "pdf"
    assert "fler vuxna ute på kvällarna" in result.text


def test_it_reads_plain_text(server: str) -> None:
    assert read_url(f"{server}/loefte.txt").text == "Trygghet i Åby.\n"


def test_it_follows_redirects_and_records_the_final_address(server: str) -> None:
    result = read_url(f"{server}/omdirigera")
    assert result.source == f"{server}/loefte.html"
    assert result.meta["requested_url"] == f"{server}/omdirigera"


def test_it_stops_after_five_redirects(server: str) -> None:
    with pytest.raises(ExtractError, match="För många omdirigeringar"):
        read_url(f"{server}/slinga")


def test_it_identifies_itself(server: str) -> None:
    agent = read_url(f"{server}/agent").text.strip()
    assert agent == USER_AGENT
    assert agent.startswith(f"medborgarloften/{__version__} (+http")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/saknas", "Sidan finns inte \\(HTTP 404\\)"),
        ("/fel", "Serverfel \\(HTTP 500\\)"),
        ("/nekad", "nekade hämtningen \\(HTTP 403\\)"),
        ("/bild.png", "Filtypen image/png stöds inte"),
    ],
)
def test_it_refuses_errors_and_wrong_types_with_a_reason(
    server: str, path: str, message: str
) -> None:
    with pytest.raises(ExtractError, match=message):
        read_url(f"{server}{path}")


def test_it_stops_streaming_past_the_size_limit(server: str) -> None:
    with pytest.raises(ExtractError, match="större än"):
        read_url(f"{server}/stor", max_bytes=100_000)
    with pytest.raises(ExtractError, match="större än"):
        read_url(f"{server}/stor-deklarerad", max_bytes=100_000)


def test_it_gives_up_when_the_server_is_silent(server: str) -> None:
    with pytest.raises(ExtractError, match="svarade inte inom 0.3 s"):
        read_url(f"{server}/langsam", timeout=0.3)


def test_it_gives_up_on_a_server_that_sends_a_byte_at_a_time(server: str) -> None:
    with pytest.raises(ExtractError, match="Hämtningen tog mer än 1.2 s"):
        read_url(f"{server}/droppande", timeout=0.2)


def test_it_reports_a_refused_connection() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ExtractError, match="Kunde inte ansluta"):
        read_url(f"http://127.0.0.1:{port}/loefte.html")


@pytest.mark.parametrize(
    "url", ["ftp://example.se/a.pdf", "file:///etc/passwd", "löfte"]
)
def test_it_accepts_only_http_addresses(url: str) -> None:
    with pytest.raises(ExtractError, match="http:// eller https://"):
        read_url(url)


def test_it_refuses_an_internal_address_when_only_public_ones_are_allowed(
    server: str,
) -> None:
    from medborgarloften.extract.readers.url import fetch

    with pytest.raises(ExtractError, match="internt nätverk"):
        fetch(
            f"{server}/loefte.html",
            timeout=5,
            max_bytes=1_000_000,
            user_agent=USER_AGENT,
            public_only=True,
        )
    # The same address is fetched when internal addresses are allowed.
    fetched = fetch(
        f"{server}/loefte.html", timeout=5, max_bytes=1_000_000, user_agent=USER_AGENT
    )
    assert fetched.data
