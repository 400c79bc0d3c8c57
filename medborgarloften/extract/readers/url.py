"""Fetch a document over HTTP(S) with limits, so one bad link cannot hang an import,
exhaust memory or reach the server's own network.

- The body is streamed raw and decoded here (gzip and deflate only, the encodings we
  ask for), so both the bytes on the wire and the decoded bytes stop at ``max_bytes``
  (a 6 kB brotli or gzip bomb never inflates); an encoding we did not ask for is
  refused.
- The whole fetch, redirects included, has a deadline as well as per-read timeouts.
- Each connection resolves its host once, checks every address it got and connects
  to the address it checked (``PinnedBackend``): no second lookup that a DNS
  rebinding could answer differently. TLS still names the host (SNI, certificate
  check) and so does the Host header. ``public_only`` refuses loopback, private,
  link-local, multicast, reserved and shared addresses, also when hidden in IPv6
  (IPv4-mapped, IPv4-compatible ``::127.0.0.1``, NAT64, 6to4, Teredo).
- Only HTML, PDF, DOCX and plain text are accepted; every failure becomes one
  ExtractError line that names the URL's problem (status, timeout, refused
  connection, wrong type, size).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import httpcore
import httpx

from ..errors import ExtractError, TransientError

MAX_REDIRECTS = 5
# The whole download may take this many times the per-read timeout.
TOTAL_TIMEOUT_FACTOR = 6
ACCEPTED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "text",
}
# Servers that do not know better send these for any file; the body decides.
GENERIC_TYPES = {
    "application/octet-stream",
    "binary/octet-stream",
    "application/download",
    "",
}
ACCEPT_HEADER = (
    "text/html, application/xhtml+xml, application/pdf, application/vnd."
    "openxmlformats-officedocument.wordprocessingml.document, text/plain;q=0.9"
)
# The content encodings we ask for and decode ourselves, within the size limit.
ACCEPT_ENCODING = "gzip, deflate"

#: host, port → the addresses to try, in order (tests pass their own).
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Download:
    data: bytes
    url: str
    content_type: str
    filename: str


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().casefold()


# --- Which addresses are public -------------------------------------------------------

_IPV4_COMPATIBLE = ipaddress.ip_network(
    "::/96"
)  # deprecated ::a.b.c.d, also :: and ::1
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # SIIT ::ffff:0:a.b.c.d
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known prefix: the IPv4 decides
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # local-use translation
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_TEREDO = ipaddress.ip_network("2001::/32")
# IETF protocol assignments (RFC 6890): Python before 3.12.4 calls most of it global.
_IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True when ``address`` is an ordinary internet unicast address.

    An IPv6 address that carries an IPv4 address (mapped, NAT64, 6to4) is judged by
    that IPv4 address; forms with no legitimate use for a web page (IPv4-compatible,
    IPv4-translated, local NAT64, Teredo) are refused outright. Beyond Python's
    ``is_global``, multicast, reserved and unspecified addresses are refused by name,
    because ``is_global`` has counted some of them as global.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address.sixtofour is not None:
            return is_public_address(address.sixtofour)
        if any(
            address in net
            for net in (_IPV4_COMPATIBLE, _IPV4_TRANSLATED, _NAT64_LOCAL, _TEREDO)
        ):
            return False
        if address.is_site_local or address.scope_id:
            return False
    return (
        address.is_global
        and not address.is_multicast
        and not address.is_reserved
        and not address.is_unspecified
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_private
        and not (address.version == 4 and address in _IETF_PROTOCOL)
    )


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, once, in the system's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise ExtractError(f"Okänd värd / unknown host: {host[:80]}")
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(str(sockaddr[0]))
    return addresses


def _internal(host: str) -> ExtractError:
    return ExtractError(
        f"Adressen pekar på ett internt nätverk och hämtas inte / the address "
        f"points into an internal network and is not fetched ({host[:80]})"
    )


class PinnedBackend(httpcore.SyncBackend):
    """Connects to the addresses its resolver gave, after checking every one.

    httpcore calls ``connect_tcp`` once per new connection (the first request and
    every redirect to another origin); TLS is started afterwards with the URL's host
    as server name, so certificates are checked against the name, not the address.
    """

    def __init__(self, *, resolver: Resolver, public_only: bool) -> None:
        self.resolver = resolver
        self.public_only = public_only
        self.connected: list[tuple[str, int]] = []  # for tests and diagnostics

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        name = host.strip("[]")
        addresses = self.resolver(name, port)
        if not addresses:
            raise ExtractError(f"Okänd värd / unknown host: {name[:80]}")
        checked = []
        for text in addresses:
            try:
                address = ipaddress.ip_address(text.split("%", 1)[0])
            except ValueError:
                raise ExtractError(f"Okänd värd / unknown host: {name[:80]}")
            if self.public_only and not is_public_address(address):
                raise _internal(name)
            checked.append(text)
        last_error: OSError | None = None
        for text in checked:
            try:
                self.connected.append((text, port))
                return super().connect_tcp(
                    text, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc  # type: ignore[assignment]
        assert last_error is not None
        raise last_error


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a ``PinnedBackend``, with a deadline on every request."""

    def __init__(
        self,
        backend: PinnedBackend,
        *,
        deadline: float,
        total: float,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            network_backend=backend,
            max_connections=4,
        )
        self.deadline = deadline
        self.total = total

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise _too_slow(self.total)
        timeouts = request.extensions.get("timeout") or {}
        request.extensions["timeout"] = {
            key: remaining
            if timeouts.get(key) is None
            else min(timeouts[key], remaining)
            for key in ("connect", "read", "write", "pool")
        }
        return super().handle_request(request)


def _too_slow(total: float) -> ExtractError:
    return TransientError(
        f"Hämtningen tog mer än {total:g} s / the download took more than {total:g} s"
    )


# --- Decoding within the limit --------------------------------------------------------

_STEP = 64 * 1024


class _Inflate:
    """gzip or deflate (zlib-wrapped, or raw as some servers send it), bounded."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        wbits = (
            16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        )
        self.decompressor = zlib.decompressobj(wbits)
        self.started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of ``data``; raises _TooLarge past ``room`` bytes."""
        out: list[bytes] = []
        size = 0
        pending = data
        while pending and not self.decompressor.eof:
            try:
                piece = self.decompressor.decompress(pending, _STEP)
            except zlib.error:
                if self.encoding == "deflate" and not self.started:
                    self.decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.started = True
                    continue
                raise ExtractError(
                    f"Svaret är felaktigt komprimerat ({self.encoding}) / the "
                    f"response is not valid {self.encoding}"
                )
            self.started = True
            size += len(piece)
            if size > room:
                raise _TooLarge
            out.append(piece)
            pending = self.decompressor.unconsumed_tail
        return b"".join(out)


class _TooLarge(Exception):
    pass


def _decoders(content_encoding: str) -> list[_Inflate]:
    """The decoders for a Content-Encoding header, outermost (last applied) first."""
    names = [
        name.strip().casefold() for name in content_encoding.split(",") if name.strip()
    ]
    decoders: list[_Inflate] = []
    for name in reversed(names):
        if name == "identity":
            continue
        if name not in ("gzip", "x-gzip", "deflate") or len(decoders) >= 2:
            raise ExtractError(
                f"Servern skickade en komprimering som inte begärdes "
                f"({content_encoding[:40]}) / the server sent an encoding that was "
                f"not asked for ({content_encoding[:40]})"
            )
        decoders.append(_Inflate(name))
    return decoders


def read_body(
    response: httpx.Response,
    *,
    max_bytes: int,
    deadline: float | None = None,
    total: float = 0.0,
) -> bytes:
    """The decoded body of a streamed response: at most ``max_bytes`` on the wire and
    decoded, read before ``deadline`` (time.monotonic(), ``total`` seconds after the
    start); ExtractError otherwise."""
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    if response.is_stream_consumed:  # a response built in memory (a test transport)
        if len(response.content) > max_bytes:
            raise _too_large(max_bytes)
        return response.content
    decoders = _decoders(response.headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    raw_size = size = 0
    try:
        for raw in response.iter_raw():
            raw_size += len(raw)
            if raw_size > max_bytes:
                raise _TooLarge
            data = raw
            for decoder in decoders:
                data = decoder.feed(data, max_bytes - size)
            size += len(data)
            if size > max_bytes:
                raise _TooLarge
            if deadline is not None and time.monotonic() > deadline:
                raise _too_slow(total)
            chunks.append(data)
    except _TooLarge:
        raise _too_large(max_bytes)
    return b"".join(chunks)


# --- The fetch ------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    transport: httpx.BaseTransport | None = None,
    public_only: bool = False,
    resolver: Resolver | None = None,
    total_timeout: float | None = None,
    accept: str = ACCEPT_HEADER,
    types: Collection[str] | None = None,
) -> Download:
    """Download ``url`` within the limits or raise ExtractError saying why not.

    ``timeout`` bounds each connect and read; ``total_timeout`` (default
    TOTAL_TIMEOUT_FACTOR × timeout) the whole fetch, redirects included.
    ``public_only`` refuses hosts that resolve to anything but public internet
    addresses, on the first request and on every redirect, so a form on a web server
    cannot be used to reach the server's own network. ``transport`` replaces the
    network entirely (tests); ``resolver`` replaces only the name lookup.
    ``accept`` and ``types`` ask for and admit other media types than documents
    (``lib.http`` fetches JSON through here).
    """
    scheme = urlsplit(url).scheme.casefold()
    if scheme not in ("http", "https"):
        raise ExtractError(
            f"Adressen måste börja med http:// eller https:// / the address must "
            f"start with http:// or https:// ({url[:80]})"
        )
    total = (
        total_timeout if total_timeout is not None else TOTAL_TIMEOUT_FACTOR * timeout
    )
    deadline = time.monotonic() + total
    headers = {
        "User-Agent": user_agent,
        "Accept": accept,
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if transport is None:
        backend = PinnedBackend(
            resolver=resolver or system_resolver, public_only=public_only
        )
        transport = _PinnedTransport(backend, deadline=deadline, total=total)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers=headers,
                transport=transport,
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check_status(response)
            content_type = response.headers.get("content-type", "")
            _check_type(content_type, types)
            data = read_body(
                response, max_bytes=max_bytes, deadline=deadline, total=total
            )
            final_url = str(response.url)
    except httpx.TooManyRedirects:
        raise ExtractError(
            f"För många omdirigeringar (över {MAX_REDIRECTS}) / too many redirects "
            f"(more than {MAX_REDIRECTS})"
        )
    except httpx.TimeoutException:
        if time.monotonic() >= deadline:
            raise _too_slow(total)
        raise TransientError(
            f"Servern svarade inte inom {timeout:g} s / the server did not answer "
            f"within {timeout:g} s"
        )
    except httpx.ConnectError:
        raise TransientError(
            "Kunde inte ansluta till servern / could not connect to the server"
        )
    except httpx.InvalidURL:
        raise ExtractError(f"Ogiltig adress / invalid address ({url[:80]})")
    except httpx.HTTPError as exc:
        raise TransientError(
            f"Hämtningen misslyckades / the download failed ({type(exc).__name__})"
        )
    path = urlsplit(final_url).path
    filename = unquote(path.rsplit("/", 1)[-1])
    return Download(data, final_url, content_type, filename)


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status == 404 or status == 410:
        raise ExtractError(
            f"Sidan finns inte (HTTP {status}) / the page does not exist (HTTP {status})"
        )
    if status >= 500:
        raise TransientError(
            f"Serverfel (HTTP {status}) / server error (HTTP {status})"
        )
    if status == 429:
        raise TransientError(
            "Servern ber oss vänta (HTTP 429) / the server asks us to wait (HTTP 429)"
        )
    if status >= 400:
        raise ExtractError(
            f"Servern nekade hämtningen (HTTP {status}) / the server refused the "
            f"download (HTTP {status})"
        )


#: ``types`` that admits every media type (the caller judges the body itself).
ANY_TYPE = frozenset({"*/*"})


def _check_type(content_type: str, types: Collection[str] | None = None) -> None:
    kind = media_type(content_type)
    if kind in (ACCEPTED_TYPES if types is None else types) or kind in GENERIC_TYPES:
        return
    if types is not None and "*/*" in types:
        return
    if types is not None:
        raise ExtractError(
            f"Svaret har typen {kind}, inte {', '.join(sorted(types))} / the answer "
            f"is {kind}, not {', '.join(sorted(types))}"
        )
    raise ExtractError(
        f"Filtypen {kind} stöds inte (bara HTML, PDF, DOCX och text) / the file "
        f"type {kind} is not supported (only HTML, PDF, DOCX and text)"
    )


class TooLarge(ExtractError):
    """The body (on the wire or decoded) passed the size limit."""


def _too_large(max_bytes: int) -> TooLarge:
    megabytes = max_bytes / (1024 * 1024)
    return TooLarge(
        f"Filen är större än {megabytes:g} MB / the file is larger than {megabytes:g} MB"
    )
