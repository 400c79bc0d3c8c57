"""Reading and writing the page cache's entries, and one rebuild at a time.

A write that changes the national lists makes every national page a miss at once
(the home page, search, the overview, the API lists); at 50 clients each worker would
otherwise build the same page side by side (a *stampede*). So beside each page's entry
(under its versions) the last copy built is kept under a key without versions
(:func:`latest_key`), and a miss first takes a lock for that page:

- the request that gets the lock rebuilds the page, stores it under both keys and
  lets the lock go;
- a request that finds the lock taken serves that last copy, marked ``stale``, for
  as long as the lock is held — at most :data:`LOCK_SECONDS`, after which a new
  request takes the lock over (its builder died) — and never a copy older than
  :data:`STALE_SECONDS`;
- without a last copy (a page never built, or evicted) it builds the page itself:
  a correct page is worth more than the saved CPU.

The lock is ``cache.add`` (Redis: ``SET NX``, atomic; the file cache checks then
writes, so two processes may rarely both rebuild, which is only wasted work). Its
value is the time it runs out, read with :func:`clock`, so tests can move time.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

#: Seconds one request may hold a page's rebuild lock (a build takes tens of ms).
LOCK_SECONDS = 10
#: Seconds a last copy may be served while another request rebuilds its page.
STALE_SECONDS = 300
STALE = "stale"

#: The clock the lock and the copies' age are read with (tests replace it).
clock = time.time


def read(store: Any, key: str) -> Any | None:
    """The entry under ``key``; a broken store is a miss, never an error page."""
    try:
        return store.get(key)
    except Exception:
        logger.exception("page cache: cannot read %s", key)
        return None


def write(store: Any, key: str, entry: Any, timeout: int) -> None:
    try:
        store.set(key, entry, timeout)
    except Exception:
        logger.exception("page cache: cannot write %s", key)


def _lock_key(latest: str) -> str:
    return latest + ":rebuilding"


def take_lock(store: Any, latest: str) -> bool:
    """Take the rebuild lock of the page whose last copy is under ``latest``; True
    when this request is to build it (also when the store cannot say)."""
    key = _lock_key(latest)
    try:
        if store.add(key, clock() + LOCK_SECONDS, LOCK_SECONDS):
            return True
        until = store.get(key)
        if until is None or until <= clock():
            # Its builder died (or the lock just ran out): take it over.
            store.set(key, clock() + LOCK_SECONDS, LOCK_SECONDS)
            return True
        return False
    except Exception:
        logger.exception("page cache: cannot take the rebuild lock %s", key)
        return True


def release(store: Any, latest: str) -> None:
    try:
        store.delete(_lock_key(latest))
    except Exception:
        logger.exception("page cache: cannot release the rebuild lock %s", latest)


def stale_copy(store: Any, latest: str) -> Any | None:
    """The last copy of a page another request is rebuilding, if recent enough."""
    entry = read(store, latest)
    if entry is None or entry.built < clock() - STALE_SECONDS:
        return None
    return entry


@dataclass(frozen=True)
class Entry:
    content: bytes
    headers: list[tuple[str, str]]
    xframe_exempt: bool
    etag: str
    built: float

    @property
    def last_modified(self) -> int | None:
        """The data's last change, as its Last-Modified says (the view's own, or
        the page cache's from the versions, :func:`changed_at`); None: unknown."""
        for name, value in self.headers:
            if name.lower() == "last-modified":
                return parse_http_date_safe(value)
        return None

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, headers=dict(self.headers))
        if self.xframe_exempt:
            response.xframe_options_exempt = True
        return response


def body_of(
    response: HttpResponse, max_bytes: int
) -> tuple[bytes | None, HttpResponse]:
    """The whole body, or None when it is too large to keep (the response returned
    then still sends every byte)."""
    if not response.streaming:
        return response.content, response
    # A view typed as answering an HttpResponse may stream (a large CSV).
    streaming = cast(StreamingHttpResponse, response)
    chunks: list[bytes] = []
    size = 0
    stream = iter(cast(Iterator[bytes], streaming.streaming_content))
    for chunk in stream:
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:

            def rest(first: list[bytes] = chunks) -> Iterator[bytes]:
                yield from first
                yield from stream

            streaming.streaming_content = rest()
            return None, response
    body = b"".join(chunks)
    plain = HttpResponse(body, status=response.status_code, headers=response.headers)
    return body, plain


def stamped_version(moment: float) -> str:
    """A scope's new version after a change at ``moment``: ``<random>.1733568000``."""
    return f"{secrets.token_hex(8)}.{int(moment)}"


def changed_at(version: str | None) -> int | None:
    """When the newest scope in a page's version stamp (``all=…|kommun:0880=…``)
    changed: the time its version carries (:func:`stamped_version`); None when no
    version does (first made when the store was empty: that change is unknown, and
    older than any a version carries)."""
    times = [
        int(moment)
        for part in (version or "").split("|")
        for moment in [part.rpartition("=")[2].rpartition(".")[2]]
        if moment.isdigit()
    ]
    return max(times, default=None)


def page_modified(version: str | None) -> int | None:
    """A page's Last-Modified: the last change of its scopes (:func:`changed_at`),
    but no earlier than today's local midnight — a page says what is current today
    (its cache key holds the date), so a change of day changes it, and an
    ``If-Modified-Since`` from yesterday must not get yesterday's page back — and
    never later than now (RFC 9110 8.8.2.1; a stamp from another clock or a stray
    value far ahead made ``http_date`` fail with a server error)."""
    changed = changed_at(version)
    if changed is None:
        return None
    start = int(
        timezone.make_aware(
            dt.datetime.combine(timezone.localdate(), dt.time.min)
        ).timestamp()
    )
    return min(max(changed, start), max(int(timezone.now().timestamp()), start))
