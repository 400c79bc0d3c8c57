"""Fetch a document over HTTP(S) with limits, so one bad link cannot hang an import.

The body is streamed and abandoned as soon as it passes ``max_bytes``; only HTML,
PDF, DOCX and plain text are accepted; every failure becomes one ExtractError line
that names the URL's problem (status, timeout, refused connection, wrong type).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import httpx

from ..errors import ExtractError

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


@dataclass(frozen=True)
class Download:
    data: bytes
    url: str
    content_type: str
    filename: str


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().casefold()


def _refuse_private_host(request: httpx.Request) -> None:
    """Raise ExtractError when the request's host is not a public internet address."""
    host = request.url.host
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ExtractError(f"Okänd värd / unknown host: {host[:80]}")
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise ExtractError(
                f"Adressen pekar på ett internt nätverk och hämtas inte / the address "
                f"points into an internal network and is not fetched ({host[:80]})"
            )


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    transport: httpx.BaseTransport | None = None,
    public_only: bool = False,
) -> Download:
    """Download ``url`` within the limits or raise ExtractError saying why not.

    ``public_only`` refuses hosts that resolve to private, loopback or link-local
    addresses, on the first request and on every redirect, so a form on a web server
    cannot be used to reach the server's own network.
    """
    scheme = urlsplit(url).scheme.casefold()
    if scheme not in ("http", "https"):
        raise ExtractError(
            f"Adressen måste börja med http:// eller https:// / the address must "
            f"start with http:// or https:// ({url[:80]})"
        )
    headers = {"User-Agent": user_agent, "Accept": ACCEPT_HEADER}
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=timeout,
                headers=headers,
                transport=transport,
                event_hooks={"request": [_refuse_private_host]}
                if public_only
                else None,
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check_status(response)
            content_type = response.headers.get("content-type", "")
            _check_type(content_type)
            declared = response.headers.get("content-length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(max_bytes)
            chunks: list[bytes] = []
            size = 0
            # httpx's timeout is per read; a server dripping a byte at a time must
            # not hold an import forever, so the whole body has a deadline too.
            deadline = time.monotonic() + TOTAL_TIMEOUT_FACTOR * timeout
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(max_bytes)
                if time.monotonic() > deadline:
                    raise ExtractError(
                        f"Hämtningen tog mer än {TOTAL_TIMEOUT_FACTOR * timeout:g} s / "
                        f"the download took more than {TOTAL_TIMEOUT_FACTOR * timeout:g} s"
                    )
                chunks.append(chunk)
            final_url = str(response.url)
    except httpx.TooManyRedirects:
        raise ExtractError(
            f"För många omdirigeringar (över {MAX_REDIRECTS}) / too many redirects "
            f"(more than {MAX_REDIRECTS})"
        )
    except httpx.TimeoutException:
        raise ExtractError(
            f"Servern svarade inte inom {timeout:g} s / the server did not answer "
            f"within {timeout:g} s"
        )
    except httpx.ConnectError:
        raise ExtractError(
            "Kunde inte ansluta till servern / could not connect to the server"
        )
    except httpx.InvalidURL:
        raise ExtractError(f"Ogiltig adress / invalid address ({url[:80]})")
    except httpx.HTTPError as exc:
        raise ExtractError(
            f"Hämtningen misslyckades / the download failed ({type(exc).__name__})"
        )
    path = urlsplit(final_url).path
    filename = unquote(path.rsplit("/", 1)[-1])
    return Download(b"".join(chunks), final_url, content_type, filename)


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if status == 404 or status == 410:
        raise ExtractError(
            f"Sidan finns inte (HTTP {status}) / the page does not exist (HTTP {status})"
        )
    if status >= 500:
        raise ExtractError(f"Serverfel (HTTP {status}) / server error (HTTP {status})")
    if status >= 400:
        raise ExtractError(
            f"Servern nekade hämtningen (HTTP {status}) / the server refused the "
            f"download (HTTP {status})"
        )


def _check_type(content_type: str) -> None:
    kind = media_type(content_type)
    if kind in ACCEPTED_TYPES or kind in GENERIC_TYPES:
        return
    raise ExtractError(
        f"Filtypen {kind} stöds inte (bara HTML, PDF, DOCX och text) / the file "
        f"type {kind} is not supported (only HTML, PDF, DOCX and text)"
    )


def _too_large(max_bytes: int) -> ExtractError:
    megabytes = max_bytes / (1024 * 1024)
    return ExtractError(
        f"Filen är större än {megabytes:g} MB / the file is larger than {megabytes:g} MB"
    )
