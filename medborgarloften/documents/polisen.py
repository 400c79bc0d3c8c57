"""Polite web fetching, and the walk over polisen.se's medborgarlöfte pages.

We have no copy of polisen.se's markup and it changes, so nothing here depends on it:
promise pages are found by their *URL pattern* and their main content is taken by the
same HTML reader as any other web page (``extract.readers.read_bytes``). We fetch the
bytes ourselves, not through ``read_url``, because the raw page must be cached on disk,
hashed and kept as the document's provenance.

Politeness: one request at a time, at least ``delay`` seconds apart, an identifying
User-Agent, a disk cache keyed by URL, and a state file so an interrupted walk resumes.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from medborgarloften import __version__
from medborgarloften.extract.errors import ExtractError
from medborgarloften.extract.readers.url import ACCEPTED_TYPES, GENERIC_TYPES
from medborgarloften.lib.http import ANY_TYPE, FetchError, TooLarge
from medborgarloften.lib.http import get as http_get

DEFAULT_BASE_URL = "https://polisen.se"
INDEX_PATH = "/om-polisen/medborgarloften-och-lokal-samverkan/medborgarloften/"
DEFAULT_DELAY = 2.0
DEFAULT_TIMEOUT = 30.0
MAX_BYTES = 25 * 1024 * 1024
# ASCII only (HTTP headers); says who we are; ``import --user-agent`` can add a contact.
USER_AGENT = (
    f"medborgarloften/{__version__} "
    "(import of published medborgarlofte pages; one request at a time)"
)

#: File extension for a content type the readers take (names the stored file).
_EXTENSIONS = {"html": "html", "pdf": "pdf", "docx": "docx", "text": "txt"}

# /…/medborgarloften/<slug>/ or /…/medborgarloften/<län-slug>/<slug>/
_PROMISE_PATH = re.compile(
    r"^/om-polisen/medborgarloften-och-lokal-samverkan/medborgarloften/"
    r"(?:(?P<lan>[a-z0-9-]+-lan)/)?(?P<slug>[a-z0-9-]+)/?$"
)


def kommun_slug(name: str) -> str:
    """The URL slug polisen.se uses for a kommun: 'Upplands Väsby' → 'upplands-vasby'."""
    text = unicodedata.normalize("NFC", name).strip().casefold()
    text = text.removesuffix(" kommun").removesuffix("s kommun")
    for src, dst in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u")):
        text = text.replace(src, dst)
    text = re.sub(r"[\s_]+", "-", text)
    return re.sub(r"[^a-z0-9-]", "", text).strip("-")


@dataclass(frozen=True)
class PromiseLink:
    """A link that looks like a promise page (or a län page listing them)."""

    url: str
    slug: str
    is_lan: bool


def promise_links(html: str, *, page_url: str) -> list[PromiseLink]:
    """Links on ``html`` that match the medborgarlöfte URL pattern, in page order.

    Only links on the page's own host count; query strings and fragments are dropped,
    the page itself and duplicates are left out. A single segment ending in '-lan' is
    a län page that lists kommun pages.
    """
    collector = _LinkCollector()
    # html.parser is lenient: broken markup still yields the links it could see.
    collector.feed(html)
    collector.close()
    own = urlsplit(page_url)
    seen = {_normalise(page_url)}
    links: list[PromiseLink] = []
    for href in collector.hrefs:
        url = _normalise(urljoin(page_url, href.strip()))
        parts = urlsplit(url)
        if parts.netloc != own.netloc or url in seen:
            continue
        match = _PROMISE_PATH.match(parts.path)
        if not match:
            continue
        seen.add(url)
        slug = match["slug"]
        is_lan = match["lan"] is None and slug.endswith("-lan")
        links.append(PromiseLink(url=url, slug=slug, is_lan=is_lan))
    return links


def _normalise(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value:
                    self.hrefs.append(value)


@dataclass(frozen=True)
class Fetched:
    """A fetched response: the bytes and what the server said they are."""

    url: str
    data: bytes
    content_type: str
    from_cache: bool = False

    @property
    def filename(self) -> str:
        """A file name for the reader and the document: last path segment + extension."""
        path = urlsplit(self.url).path.rstrip("/")
        stem = path.rsplit("/", 1)[-1] or urlsplit(self.url).netloc or "sida"
        ext = _EXTENSIONS.get(ACCEPTED_TYPES.get(self.content_type, ""), "")
        if ext and not stem.lower().endswith(f".{ext}"):
            return f"{stem}.{ext}"
        return stem


class Fetcher:
    """GET with a rate limit, a User-Agent and an optional disk cache.

    ``clock`` and ``sleep`` are injectable so tests can check the waiting without
    waiting. Failures raise ``ExtractError`` with a one-line reason.
    """

    def __init__(
        self,
        *,
        delay: float = DEFAULT_DELAY,
        timeout: float = DEFAULT_TIMEOUT,
        user_agent: str = USER_AGENT,
        cache_dir: Path | None = None,
        refresh: bool = False,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.delay = max(0.0, delay)
        self.timeout = timeout
        self.user_agent = user_agent
        self.cache_dir = cache_dir
        self.refresh = refresh
        self.max_bytes = max_bytes
        self.clock = clock
        self.sleep = sleep
        self.transport = transport
        self.requests = 0
        self.cache_hits = 0
        self._last_request: float | None = None

    def close(self) -> None:
        """Nothing to release: each request has its own connection (kept for the
        ``with`` form the commands use)."""

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        """The response body of ``url`` (from the cache when there is one)."""
        cached = self._cache_read(url)
        if cached is not None:
            self.cache_hits += 1
            return cached
        fetched = self._download(url)
        self._cache_write(fetched, requested=url)
        return fetched

    def _wait_turn(self) -> None:
        now = self.clock()
        if self._last_request is not None:
            wait = self._last_request + self.delay - now
            if wait > 0:
                self.sleep(wait)
        self._last_request = self.clock()

    def _download(self, url: str) -> Fetched:
        if urlsplit(url).scheme not in {"http", "https"}:
            raise ExtractError(f"Ingen webbadress / not an http(s) URL: {url}")
        self._wait_turn()
        self.requests += 1
        try:
            # The one client (lib.http): timeouts and a deadline, at most five
            # redirects, the body decoded within max_bytes (a gzip bomb never
            # inflates). Any media type: ``check_readable`` judges the body.
            download = http_get(
                url,
                user_agent=self.user_agent,
                timeout=self.timeout,
                max_bytes=self.max_bytes,
                types=ANY_TYPE,
                transport=self.transport,
            )
        except TooLarge:
            raise ExtractError(
                "Svaret är för stort / the response is too large: " + url
            )
        except FetchError as exc:
            raise ExtractError(f"{exc}: {url}") from exc
        content_type = download.content_type.split(";")[0].strip().lower()
        return Fetched(url=download.url, data=download.data, content_type=content_type)

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def _cache_read(self, url: str) -> Fetched | None:
        paths = self._cache_paths(url)
        if paths is None or self.refresh:
            return None
        body, head = paths
        try:
            info = json.loads(head.read_text(encoding="utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None
        return Fetched(
            url=str(info.get("url") or url),
            data=data,
            content_type=str(info.get("content_type") or ""),
            from_cache=True,
        )

    def _cache_write(self, fetched: Fetched, *, requested: str | None = None) -> None:
        paths = self._cache_paths(requested or fetched.url)
        if paths is None:
            return
        body, head = paths
        body.parent.mkdir(parents=True, exist_ok=True)
        body.write_bytes(fetched.data)
        info = {"url": fetched.url, "content_type": fetched.content_type}
        head.write_text(json.dumps(info), encoding="utf-8")


def check_readable(fetched: Fetched, *, html_only: bool = False) -> None:
    """Refuse responses the readers cannot turn into text (images, archives …).

    Uses the readers' own list of types; a generic type (octet-stream) is left to
    the reader, which looks at the bytes. ``html_only`` for pages that must be pages.
    """
    kind = ACCEPTED_TYPES.get(fetched.content_type)
    if html_only:
        readable = kind == "html"
    else:
        readable = kind is not None or fetched.content_type in GENERIC_TYPES
    if not readable:
        shown = fetched.content_type or "okänd / unknown"
        raise ExtractError(
            f"Inte en webbsida eller ett dokument ({shown})"
            f" / not a web page or document: {fetched.url}"
        )


class DoneState:
    """The set of URLs already imported, kept in a JSON file so a walk can resume."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.done: set[str] = set()
        if path is not None and path.exists():
            try:
                self.done = set(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                self.done = set()

    def __contains__(self, url: object) -> bool:
        return url in self.done

    def add(self, url: str) -> None:
        self.done.add(url)
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(sorted(self.done), indent=1), encoding="utf-8")
        tmp.replace(self.path)


@dataclass
class PageResult:
    """One page of the walk: fetched, or failed with a reason."""

    url: str
    slug: str
    fetched: Fetched | None = None
    error: str = ""


def polisen_links(
    *,
    fetcher: Fetcher,
    base_url: str = DEFAULT_BASE_URL,
    kommuner: list[str] | None = None,
) -> tuple[list[PromiseLink], list[PageResult]]:
    """The kommun pages linked from the index (and its län pages), in index order.

    Returns the links and the failures met on the way (a län page that failed, a
    requested kommun with no page). Raises ``ExtractError`` when the index itself
    cannot be read. ``kommuner`` restricts the walk to those names (matched by slug).
    """
    index_url = urljoin(base_url.rstrip("/") + "/", INDEX_PATH.lstrip("/"))
    index = fetcher.get(index_url)
    check_readable(index, html_only=True)
    failures: list[PageResult] = []
    pages: list[PromiseLink] = []
    seen: set[str] = set()
    for link in promise_links(_decode(index.data), page_url=index.url):
        if not link.is_lan:
            if link.url not in seen:
                seen.add(link.url)
                pages.append(link)
            continue
        try:
            lan = fetcher.get(link.url)
            check_readable(lan, html_only=True)
        except ExtractError as exc:
            failures.append(PageResult(url=link.url, slug=link.slug, error=str(exc)))
            continue
        for sub in promise_links(_decode(lan.data), page_url=lan.url):
            if not sub.is_lan and sub.url not in seen:
                seen.add(sub.url)
                pages.append(sub)
    if kommuner:
        wanted = {kommun_slug(k): k for k in kommuner}
        pages = [p for p in pages if p.slug in wanted]
        found = {p.slug for p in pages}
        for slug, name in wanted.items():
            if slug not in found:
                failures.append(
                    PageResult(
                        url=name,
                        slug=slug,
                        error=f"Ingen medborgarlöftessida för '{name}' på {index_url}"
                        " / no promise page for that kommun",
                    )
                )
    return pages, failures


def polisen_page(*, fetcher: Fetcher, link: PromiseLink) -> PageResult:
    """Fetch one kommun page; a failure comes back as a reason, not an exception."""
    try:
        fetched = fetcher.get(link.url)
        check_readable(fetched, html_only=True)
    except ExtractError as exc:
        return PageResult(url=link.url, slug=link.slug, error=str(exc))
    return PageResult(url=link.url, slug=link.slug, fetched=fetched)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")
