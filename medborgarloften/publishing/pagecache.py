"""Whole-response cache of the anonymous public site and the read-only API.

A public page costs tens of milliseconds of CPU to build and changes only when staff
change a promise, an activity, a report, an organisation or an area. So an anonymous
GET is answered from a shared cache (``CACHES["pages"]``: files under ``DATA_DIR``, or
Redis with ``CACHE_URL``), keyed by

- the *versions* of what the page shows, kept in ``CACHES["pages_version"]``: a
  global one and the page's scope — its kommun, its promise or the national lists
  (:func:`view_scopes`). A write replaces only the versions of the scopes it changes
  (``invalidation.py``, from model signals; SQL writes no signal reports replace the
  global one, see ``pagewrites.py``), so the next request in every worker process
  misses and rebuilds exactly those pages;
- today's date (pages say which promises are current);
- the language the request resolved to, and the URL with its query string
  *normalised*: each cached view names the parameters it reads (``params``), every
  other parameter is dropped — from the key and from the request the view sees — and
  the ones it reads are cleaned (``sida=abc`` is no page number) and sorted. A
  made-up parameter (``?x=1``, ``?utm_source=…``) therefore gets the cached page
  instead of building a new one. Views that refuse unknown parameters themselves
  (the API, with a 400) keep all of them, sorted (``params=STRICT``).

Never cached: signed-in users' requests and responses, anonymous visitors with
anything in their session (a pending message), non-GET/HEAD requests, responses other
than 200, responses that set a cookie, touched the session or used a CSRF token (a
page with a POST form: it stays uncached, and is marked private). Entries also expire
after ``PAGE_TIMEOUT`` seconds, a safety net for writes made outside Django.

Each cached response carries ``ETag`` (hash of the body), ``Last-Modified`` (a view's
own, as a feed's newest entry; else its scopes' last change, from today's midnight at
the earliest: ``pagestore.page_modified``; never the build time) and ``Cache-Control:
public, max-age=…``; ``If-None-Match`` / ``If-Modified-Since`` get ``304`` (deploy.md).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Iterator
from functools import lru_cache, partial, wraps
from typing import Any

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.db import connections
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import pagestore
from .pageparams import STRICT, Param, normalised_query, number, raw, text
from .pagestore import Entry, body_of, page_modified, stamped_version

logger = logging.getLogger(__name__)

PAGE_CACHE = "pages"
VERSION_CACHE = "pages_version"
VERSION_KEY = "publication-version"
#: Seconds a cached page lives at most, whatever happens (a safety net).
PAGE_TIMEOUT = 300
#: Larger bodies (a streamed CSV of every activity) are sent but not kept.
MAX_BYTES = 8 * 1024 * 1024
HEADER = "X-Page-Cache"

# The query parameters' cleaners live in pageparams.py; views import them from here.
__all__ = [
    "STRICT",
    "Param",
    "cached_public",
    "normalised_query",
    "number",
    "raw",
    "text",
]


# --- The publication versions -----------------------------------------------------
#
# A page's key holds the version of every *scope* it shows: the global scope (every
# page), and the page's own — ``kommun:0880`` (a kommun's page, area pages, feed and
# API answer), ``promise:<uid>`` (a promise's page, widget, feed and API answer) or
# ``national`` (the home page, search, the overview and the API lists). A write
# replaces only the versions of the scopes it changes (``invalidation.py``): one
# activity logged in one kommun leaves every other kommun's pages in the cache.

#: Every cached page depends on it: writes that cannot be scoped replace it.
GLOBAL = "all"
#: Pages across kommuner: the home page, search, the overview, the API lists.
NATIONAL = "national"


def kommun_scope(code: str) -> str:
    return f"kommun:{code}"


def promise_scope(uid: object) -> str:
    return f"promise:{uid}"


def _store(alias: str) -> Any | None:
    try:
        return caches[alias]
    except InvalidCacheBackendError:
        return None


def _version_key(scope: str) -> str:
    return VERSION_KEY if scope == GLOBAL else f"{VERSION_KEY}:{scope}"


def versions(scopes: Iterator[str] | list[str] | tuple[str, ...] = ()) -> str | None:
    """The stamp a page's key starts with: the versions of the global scope and of
    ``scopes``, read in one round trip; None when no shared store answers (then
    nothing is cached)."""
    store = _store(VERSION_CACHE)
    if store is None:
        return None
    names = [GLOBAL, *sorted(set(scopes) - {GLOBAL})]
    keys = [_version_key(name) for name in names]
    try:
        found = store.get_many(keys)
        missing = [key for key in keys if key not in found]
        if missing:
            # First request, or the store was emptied or evicted the stamp: a new
            # random one, so no entry written under an earlier one can match again.
            for key in missing:
                store.add(key, secrets.token_hex(8), timeout=None)
            found.update(store.get_many(missing))
    except Exception:  # a broken store must not break the site
        logger.exception("page cache: cannot read the publication versions")
        return None
    if any(key not in found for key in keys):
        return None
    return "|".join(
        f"{name}={found[key]}" for name, key in zip(names, keys, strict=True)
    )


def current_version() -> str | None:
    """The global version alone (what every cached page's key holds)."""
    return versions(())


def bump(scopes: Iterator[str] | set[str] | list[str] | tuple[str, ...]) -> None:
    """What these scopes show changed: their pages are out of date."""
    store, scopes, now = _store(VERSION_CACHE), set(scopes), time.time()
    if store is None or not scopes:
        return
    try:
        store.set_many(
            {_version_key(scope): stamped_version(now) for scope in scopes},
            timeout=None,
        )
    except Exception:
        logger.exception("page cache: cannot replace the publication versions")


def bump_version() -> None:
    """Public output changed in a way no scope describes: every cached page and API
    answer is out of date."""
    bump((GLOBAL,))


def _flush_on_commit(alias: str) -> None:
    connection = connections[alias]
    scopes: set[str] = getattr(connection, "page_cache_scopes", set())
    # page_cache_scopes: this module's own attribute on the connection (not in the stubs).
    connection.page_cache_scopes = set()  # type: ignore[attr-defined]
    bump(scopes)


def public_data_changed(using: str = "default", scopes: Any = None) -> None:
    """Call after a write the public site shows; ``scopes`` names what it changed
    (None: everything). Replaces their versions at once (so a test or a single
    process sees it) and again when the transaction commits: a worker that rebuilt
    a page between the two read the old data, but filed it under a version that is
    gone by the time the new data is visible (once per transaction, for every scope
    its writes named)."""
    scopes = {GLOBAL} if scopes is None else set(scopes)
    if not scopes:
        return
    connection = connections[using]
    bump(scopes)
    if not connection.in_atomic_block:
        return
    # Django keeps (savepoints, func, robust) triples; the stubs still say pairs.
    pending = any(
        isinstance(func, partial) and func.func is _flush_on_commit  # type: ignore[misc]
        for _s, func, _r in connection.run_on_commit
    )
    # page_cache_scopes: this module's own attribute on the connection (not in the stubs).
    if not pending:
        connection.page_cache_scopes = set()  # type: ignore[attr-defined]
        connection.on_commit(partial(_flush_on_commit, using))
    connection.page_cache_scopes |= scopes  # type: ignore[attr-defined]


# --- Query parameters (pageparams.py) -----------------------------------------------


def params_for(request: HttpRequest) -> Any | None:
    """The parameters the cached view at this path reads; None when no cached view
    answers the path."""
    found = _view_at(request.path_info, settings.ROOT_URLCONF, get_urlconf())
    return None if found is None else found[0]


def view_scopes(kwargs: dict[str, Any]) -> tuple[str, ...]:
    """The scopes a page shows, from its URL: a kommun's pages (``kommunkod``), a
    promise's (``uid``), else the national lists."""
    if kwargs.get("kommunkod"):
        return (kommun_scope(kwargs["kommunkod"]),)
    if kwargs.get("uid"):
        return (promise_scope(kwargs["uid"]),)
    return (NATIONAL,)


@lru_cache(maxsize=4096)
def _view_at(path: str, root: str, urlconf: str | None) -> Any | None:
    # Resolving costs 30–120 µs, a tenth of a whole cache hit; the answer for a path
    # never changes while the URL configuration stays the same (part of the key).
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    params = getattr(match.func, "page_cache_params", None)
    if params is None:
        return None
    scopes = getattr(match.func, "page_cache_scopes", view_scopes)
    return params, tuple(scopes(match.kwargs))


# --- The response cache -------------------------------------------------------------


def _enabled() -> bool:
    """False with ``PAGE_CACHE=0``: every page is built (its versions are still
    kept, for the fragment cache)."""
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def _read(store: Any, key: str) -> Entry | None:
    return pagestore.read(store, key)


def _write(store: Any, key: str, entry: Entry) -> None:
    pagestore.write(store, key, entry, PAGE_TIMEOUT)


def _anonymous_without_session(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    # An anonymous session holding anything (a message waiting to be shown) gets
    # its own page. Loading it cost the query ``is_authenticated`` already made.
    return not list(session.keys())


def cache_key(
    request: HttpRequest, version: str, params: Any, language: str | None = None
) -> str:
    query = normalised_query(request.GET, params)
    parts = "|".join(
        [
            version,
            timezone.localdate().isoformat(),
            language or str(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)),
            request.build_absolute_uri(request.path) + ("?" + query if query else ""),
        ]
    )
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Nothing of one visitor may go into the shared cache."""
    if response.status_code != 200 or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it is this visitor's
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = response.get("Cache-Control", "")
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _finish(
    request: HttpRequest, entry: Entry, max_age: int, hit: bool
) -> HttpResponse:
    response = entry.response()
    response["ETag"] = entry.etag
    patch_cache_control(response, public=True, max_age=max_age)
    response[HEADER] = "hit" if hit else "miss"
    conditional = get_conditional_response(
        request, etag=entry.etag, last_modified=entry.last_modified, response=response
    )
    assert conditional is not None  # given a response, it returns one
    return conditional


def _mark(response: HttpResponse, entry: Entry) -> HttpResponse:
    """Tell :class:`PageCacheMiddleware` this answer may be kept as sent."""
    if response.status_code == 200:
        # Read back by PageCacheMiddleware; an attribute the stubs do not know.
        response.page_cache_entry = entry  # type: ignore[attr-defined]
    return response


def _only_params(request: HttpRequest, params: Any) -> None:
    """Let the view see only its own parameters, cleaned: what it builds then depends
    on nothing the key leaves out (not even a link made from the full path)."""
    if params == STRICT:
        return
    query = normalised_query(request.GET, params)
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query


def _build(
    request: HttpRequest,
    view: Callable[..., HttpResponse],
    args: Any,
    kwargs: Any,
    max_age: int,
    key: str | None,
    latest: str,
    version: str | None = None,
) -> HttpResponse:
    """Run the view; keep what it answers under ``key`` (and ``latest``) when it may
    be shared."""
    response = view(request, *args, **kwargs)
    if response.status_code != 200:
        return response
    if (modified := page_modified(version)) and "Last-Modified" not in response:
        response["Last-Modified"] = http_date(modified)
    if not _storable(request, response):
        patch_cache_control(response, private=True, no_cache=True)
        return response
    body, response = body_of(response, MAX_BYTES)
    if body is None:
        patch_cache_control(response, public=True, max_age=max_age)
        return response
    entry = Entry(
        content=body,
        headers=list(response.headers.items()),
        xframe_exempt=getattr(response, "xframe_options_exempt", False),
        etag='"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"',
        built=time.time(),
    )
    store = _store(PAGE_CACHE)
    if key and store is not None:
        _write(store, key, entry)
        if latest:
            pagestore.write(store, latest, entry, pagestore.STALE_SECONDS)
    return _mark(_finish(request, entry, max_age, hit=False), entry)


def cached_public(
    view: Callable[..., HttpResponse] | None = None,
    *,
    max_age: int = 60,
    params: Any = (),
    scopes: Callable[[dict[str, Any]], Any] = view_scopes,
) -> Any:
    """Serve anonymous GETs of ``view`` from the shared page cache (module doc).
    Signed-in users get the view's own answer, ``private, no-cache``. ``params``
    maps each query parameter the view reads to its cleaner (:func:`number`,
    :func:`text`, :func:`raw`); any other parameter is dropped. ``STRICT``: the
    view checks its parameters itself and all are kept. ``scopes`` names, from the
    URL's arguments, what the page shows (:func:`view_scopes` by default): its key
    holds their versions, so only a write to one of them makes it a miss."""
    if params != STRICT:
        params = dict.fromkeys(params, raw) if not isinstance(params, dict) else params

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            _only_params(request, params)
            if not _anonymous_without_session(request):
                response = view(request, *args, **kwargs)
                if response.status_code == 200:
                    patch_cache_control(response, private=True, no_cache=True)
                return response
            # The fast path already read the version for this request.
            version = getattr(request, "page_cache_version", None) or (
                versions(scopes(kwargs)) if _enabled() else None
            )
            store = _store(PAGE_CACHE)
            key = cache_key(request, version, params) if version and store else None
            latest = ""  # this request rebuilds the page: the last copy's key
            if key:
                entry = _read(store, key)
                if entry is not None:
                    return _mark(_finish(request, entry, max_age, hit=True), entry)
                latest = cache_key(request, pagestore.STALE, params)
                if not pagestore.take_lock(store, latest):
                    # Another request rebuilds it: its last copy meanwhile (pagestore).
                    stale = pagestore.stale_copy(store, latest)
                    if stale is not None:
                        response = _finish(request, stale, max_age, hit=True)
                        response[HEADER] = pagestore.STALE
                        return response
                    latest = ""  # no copy: build it too, the lock is not ours
            try:
                return _build(
                    request, view, args, kwargs, max_age, key, latest, version
                )
            finally:
                if latest:
                    pagestore.release(store, latest)

        wrapper.page_cache_params = params  # type: ignore[attr-defined]
        wrapper.page_cache_scopes = scopes  # type: ignore[attr-defined]
        return wrapper

    return decorate(view) if view is not None else decorate


# --- The fast path -------------------------------------------------------------------


class PageCacheMiddleware:
    """The cache's fast path, placed right after the rate limiter: a GET from a
    visitor without a session cookie, for a page a cached view stored, is answered
    before sessions, language, CSRF and users are looked at (about half the cost of a
    hit). It keeps the response as the middleware inside it finished it (Vary,
    Content-Language, X-Frame-Options), under the version read *before* the view ran,
    and only responses :func:`cached_public` marked as shareable.

    Everything else (a session cookie, a POST, a path no cached view answers) passes
    through to the views, where :func:`cached_public` decides as described above.
    The key uses the query parameters the path's view reads (:func:`params_for`), so
    a made-up parameter is answered from the cache too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not _enabled()
        ):
            return self.get_response(request)
        found = _view_at(request.path_info, settings.ROOT_URLCONF, get_urlconf())
        if found is None:
            return self.get_response(request)
        params, scopes = found
        version = versions(scopes)
        store = _store(PAGE_CACHE)
        if not version or store is None:
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        key = cache_key(request, version, params, language) + ":sent"
        entry = _read(store, key)
        if entry is not None:
            response = entry.response()
            response[HEADER] = "hit"
            conditional = get_conditional_response(
                request,
                etag=entry.etag,
                last_modified=entry.last_modified,
                response=response,
            )
            assert conditional is not None  # given a response, it returns one
            return conditional
        # Read by the cached views; an attribute the stubs do not know.
        request.page_cache_version = version  # type: ignore[attr-defined]
        response = self.get_response(request)
        marked = getattr(response, "page_cache_entry", None)
        if (
            marked is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and getattr(request, "LANGUAGE_CODE", None) == language
        ):
            headers = [(k, v) for k, v in response.headers.items() if k != HEADER]
            sent = Entry(
                content=response.content,
                headers=headers,
                xframe_exempt=getattr(response, "xframe_options_exempt", False),
                etag=marked.etag,
                built=marked.built,
            )
            _write(store, key, sent)
        return response
