"""URL reader against hostile servers and names (issue #13, M2 and M8).

Compression bombs must not inflate past the size limit; a name must be resolved
once, every address it resolves to checked, and the connection made to the address
that was checked — on the first request and on every redirect. The resolver is the
test's own, and the connection is diverted to a local server, so nothing here needs
the internet or DNS.
"""

from __future__ import annotations

import datetime as dt
import gzip
import ipaddress
import ssl
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import pytest

from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers import USER_AGENT
from medborgarloften.extract.readers import url as url_module
from medborgarloften.extract.readers.url import (
    PinnedBackend,
    fetch,
    is_public_address,
)

PAGE = (
    "<!DOCTYPE html><html lang='sv'><head><title>Löfte</title></head><body><main>"
    "<p>Polisen och kommunen lovar att öka tryggheten vid torget i Åby.</p>"
    "</main></body></html>"
).encode()
BOMB_BYTES = 64 * 1024 * 1024  # what each bomb inflates to
LIMIT = 1024 * 1024  # the size limit the tests fetch with


def _gzip_bomb() -> bytes:
    return gzip.compress(bytes(BOMB_BYTES), compresslevel=9)


def _deflate_bomb(raw: bool) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS if raw else 15)
    return packer.compress(bytes(BOMB_BYTES)) + packer.flush()


def _brotli_body() -> bytes:
    try:
        import brotli
    except ImportError:  # the refusal does not depend on the bytes
        return b"\x1b\xff\xff\x0f" * 64
    return brotli.compress(bytes(BOMB_BYTES), quality=5)


BODIES = {
    "/gzip-bomb": ("gzip", _gzip_bomb()),
    "/deflate-bomb": ("deflate", _deflate_bomb(raw=False)),
    "/raw-deflate-bomb": ("deflate", _deflate_bomb(raw=True)),
    "/double-gzip-bomb": ("gzip, gzip", gzip.compress(_gzip_bomb())),
    "/brotli": ("br", _brotli_body()),
    "/gzip-page": ("gzip", gzip.compress(PAGE)),
    "/deflate-page": ("deflate", zlib.compress(PAGE)),
    "/raw-deflate-page": ("deflate", zlib.compress(PAGE, wbits=-zlib.MAX_WBITS)),
}


class Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.seen.append(
            {
                "path": self.path,
                "host": self.headers.get("Host", ""),
                "accept-encoding": self.headers.get("Accept-Encoding", ""),
            }
        )
        if self.path in BODIES:
            encoding, body = BODIES[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/till?"):
            self.send_response(302)
            self.send_header("Location", self.path.split("?", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loefte.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def diverted(monkeypatch, server) -> list[tuple[str, int]]:
    """Every TCP connection goes to the local server; returns the addresses asked for.

    This stands in for the internet: the reader believes it connects to the public
    address its resolver gave, and the test sees which address that was.
    """
    asked: list[tuple[str, int]] = []
    original = httpcore.SyncBackend.connect_tcp

    def connect_tcp(self, host, port, timeout=None, *args, **kwargs):
        asked.append((host, port))
        return original(self, server[0], server[1], timeout, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return asked


def _get(url: str, **kwargs):
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("max_bytes", LIMIT)
    return fetch(url, user_agent=USER_AGENT, **kwargs)


# --- Compression bombs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/gzip-bomb", "/deflate-bomb", "/raw-deflate-bomb", "/double-gzip-bomb"],
)
def test_it_stops_inflating_a_compression_bomb_at_the_size_limit(server, path):
    host, port = server
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError, match="större än 1 MB"):
            _get(f"http://{host}:{port}{path}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Before: httpx inflated each 64 kB read whole (up to 64 MB at a time).
    assert peak < 8 * LIMIT


def test_it_refuses_an_encoding_it_did_not_ask_for(server):
    host, port = server
    with pytest.raises(ExtractError, match="komprimering som inte begärdes \\(br\\)"):
        _get(f"http://{host}:{port}/brotli")
    assert Handler.seen[-1]["accept-encoding"] == "gzip, deflate"


@pytest.mark.parametrize("path", ["/gzip-page", "/deflate-page", "/raw-deflate-page"])
def test_it_still_reads_an_ordinary_compressed_page(server, path):
    host, port = server
    assert _get(f"http://{host}:{port}{path}").data == PAGE


# --- Which addresses are public ------------------------------------------------------

INTERNAL = [
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.0.1",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (carrier-grade NAT)
    "0.0.0.0",  # noqa: S104 - an address to refuse, not to bind
    "192.0.0.8",
    "198.18.0.1",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "::127.0.0.1",  # IPv4-compatible: passed the old filter
    "::10.0.0.1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::ffff:0:127.0.0.1",  # IPv4-translated
    "64:ff9b::127.0.0.1",  # NAT64: passed the old filter
    "64:ff9b::10.0.0.1",
    "64:ff9b:1::1",  # local-use NAT64
    "2002:7f00:1::1",  # 6to4 around 127.0.0.1
    "2002:c0a8:1::1",  # 6to4 around 192.168.0.1
    "2001::1",  # Teredo
    "fe80::1",
    "fe80::1%eth0",
    "fec0::1",  # site-local
    "fc00::1",
    "fd12:3456::1",  # unique local
    "ff02::1",
    "ff0e::1",  # global-scope multicast: is_global says yes
    "2001:db8::1",
    "100::1",
]
PUBLIC = [
    "93.184.215.14",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "::ffff:93.184.215.14",
    "64:ff9b::93.184.215.14",  # DNS64 on an IPv6-only host: the IPv4 decides
    "2002:5db8:d70e::1",
]


@pytest.mark.parametrize("address", INTERNAL)
def test_it_counts_internal_addresses_as_internal(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_it_counts_public_addresses_as_public(address):
    assert is_public_address(ipaddress.ip_address(address))


# --- Resolve once, check every address, connect to the address checked ----------------


def test_it_connects_to_the_address_it_checked_not_to_a_second_lookup(diverted):
    answers = [["93.184.215.14"], ["127.0.0.1"]]  # a rebinding name server
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return answers[min(len(lookups), len(answers)) - 1]

    result = _get(
        "http://docs.example/loefte.html", resolver=rebinding, public_only=True
    )

    assert result.data == PAGE
    assert lookups == ["docs.example"]  # one lookup for the one connection
    assert diverted == [("93.184.215.14", 80)]  # the checked address
    assert Handler.seen[-1]["host"] == "docs.example"  # the name, not the address


def test_it_refuses_a_name_when_any_of_its_addresses_is_internal(diverted):
    with pytest.raises(ExtractError, match="internt nätverk"):
        _get(
            "http://docs.example/loefte.html",
            resolver=lambda host, port: ["93.184.215.14", "10.0.0.5"],
            public_only=True,
        )
    assert diverted == []  # refused before any connection


@pytest.mark.parametrize(
    "target",
    [
        "http://intern.example/",
        "http://127.0.0.1/",
        "http://[::127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://2130706433/",  # 127.0.0.1 as one number
    ],
)
def test_it_checks_every_redirect_before_connecting(diverted, target):
    def resolver(host: str, port: int) -> list[str]:
        if host == "docs.example":
            return ["93.184.215.14"]
        if host == "intern.example":
            return ["10.0.0.5"]
        return url_module.system_resolver(host, port)  # literal addresses

    with pytest.raises(ExtractError, match="internt nätverk"):
        _get(f"http://docs.example/till?{target}", resolver=resolver, public_only=True)
    assert diverted == [("93.184.215.14", 80)]  # only the public first hop


def test_it_refuses_an_internal_literal_address_without_any_lookup(diverted):
    def no_dns(host: str, port: int) -> list[str]:
        return url_module.system_resolver(host, port)

    with pytest.raises(ExtractError, match="internt nätverk"):
        _get("http://[::127.0.0.1]/", resolver=no_dns, public_only=True)
    assert diverted == []


def test_it_uses_the_checked_address_for_intranet_fetches_too(server):
    """With internal addresses allowed, the name is still looked up only once."""
    host, port = server
    lookups: list[str] = []

    def resolver(name: str, p: int) -> list[str]:
        lookups.append(name)
        return [host]

    result = _get(f"http://intranat.example:{port}/loefte.html", resolver=resolver)

    assert result.data == PAGE
    assert lookups == ["intranat.example"]
    assert Handler.seen[-1]["host"] == f"intranat.example:{port}"


# --- TLS still names the host --------------------------------------------------------


def _certificate(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "docs.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("docs.example")]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_it_sends_the_host_name_in_tls_and_checks_the_certificate_against_it(
    tmp_path,
):
    cert_path, key_path = _certificate(tmp_path)
    server_names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    context.sni_callback = lambda sock, name, ctx: server_names.append(name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    trust = ssl.create_default_context(cafile=str(cert_path))
    try:
        backend = PinnedBackend(
            resolver=lambda host, p: ["127.0.0.1"], public_only=False
        )
        transport = url_module._PinnedTransport(
            backend, deadline=float("inf"), total=10, verify=trust
        )
        result = _get(f"https://docs.example:{port}/loefte.html", transport=transport)
    finally:
        httpd.shutdown()
        httpd.server_close()

    assert result.data == PAGE
    assert backend.connected == [("127.0.0.1", port)]
    assert server_names == ["docs.example"]
    assert Handler.seen[-1]["host"] == f"docs.example:{port}"
