"""Whole-response cache of the anonymous public site and the read-only API.

A public page costs tens of milliseconds of CPU to build and changes only when staff
change a promise, an activity, a report, an organisation or an area. So an anonymous
GET is answered from a shared cache (``CACHES["pages"]``: files under ``DATA_DIR``, or
Redis with ``CACHE_URL``), keyed by

- the *versions* of what the page shows, kept in ``CACHES["pages_version"]``: a
  global one and the page's scope — its kommun, its promise or the national lists
  (:func:`view_scopes`). A write replaces only the versions of the scopes it changes
  (``invalidation.py``, from model signals; SQL writes no signal reports replace the
  global one, see :func:`install`), so the next request in every worker process
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

Each cached response carries ``ETag`` (hash of the body) and ``Last-Modified`` (when it
was built) and ``Cache-Control: public, max-age=…``; ``If-None-Match`` /
``If-Modified-Since`` get ``304``. docs/deploy.md describes the stores.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial, wraps
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.core.signals import request_started
from django.db import connections
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

PAGE_CACHE = "pages"
VERSION_CACHE = "pages_version"
VERSION_KEY = "publication-version"
#: Seconds a cached page lives at most, whatever happens (a safety net).
PAGE_TIMEOUT = 300
#: Larger bodies (a streamed CSV of every activity) are sent but not kept.
MAX_BYTES = 8 * 1024 * 1024
#: Apps whose tables the public site and the API read; any write to them is a change.
PUBLIC_APPS = ("places", "promises", "followup", "planning")
#: Tables of other apps the public output reads (the search index).
PUBLIC_EXTRA_MODELS = ("publishing.SearchIndexedPromise",)
HEADER = "X-Page-Cache"

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"\[]?(\w+)',
    re.IGNORECASE,
)


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
    store = _store(VERSION_CACHE)
    scopes = set(scopes)
    if store is None or not scopes:
        return
    try:
        store.set_many(
            {_version_key(scope): secrets.token_hex(8) for scope in scopes},
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
    connection.page_cache_scopes = set()
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
    pending = any(
        isinstance(func, partial) and func.func is _flush_on_commit
        for _s, func, _r in connection.run_on_commit
    )
    if not pending:
        connection.page_cache_scopes = set()
        connection.on_commit(partial(_flush_on_commit, using))
    connection.page_cache_scopes |= scopes


# --- Noticing writes ----------------------------------------------------------------


def public_tables() -> dict[str, str | None]:
    """Every table (and many-to-many table) of the models the public output reads,
    each with the scope a write to it changes when no model signal names one: the
    search index is national, anything else global (None)."""
    models = [
        m for label in PUBLIC_APPS for m in apps.get_app_config(label).get_models()
    ]
    extra = [apps.get_model(name) for name in PUBLIC_EXTRA_MODELS]
    tables: dict[str, str | None] = {}
    for model in models + extra:
        scope = NATIONAL if model in extra else None
        tables[model._meta.db_table.lower()] = scope
        for field in model._meta.local_many_to_many:
            tables[field.remote_field.through._meta.db_table.lower()] = scope
    return tables


_local = threading.local()


def scoped_write_begin() -> None:
    """A model signal (``invalidation.py``) has replaced the versions of what the
    write about to run changes: the statements until :func:`scoped_write_end` need
    not replace the global version."""
    _local.depth = getattr(_local, "depth", 0) + 1


def scoped_write_end() -> None:
    _local.depth = max(getattr(_local, "depth", 0) - 1, 0)


def _scoped_reset(**kwargs: Any) -> None:
    _local.depth = 0


def in_scoped_write() -> bool:
    return getattr(_local, "depth", 0) > 0


class _WriteWatcher:
    """A database execute wrapper: a write statement to a public table (an ORM save
    or delete, ``bulk_create``, ``QuerySet.update``, a migration) counts as a
    change. Catching the SQL catches the writes no model signal reports: those
    replace the global version (every page), unless the table has a scope of its
    own. An ORM save, delete or many-to-many change of a public model is announced
    by its signals with the scopes it changes, and its statements are left alone."""

    def __init__(self, alias: str, tables: dict[str, str | None]) -> None:
        self.alias = alias
        self.tables = tables

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: Any,
    ) -> Any:
        try:
            result = execute(sql, params, many, context)
        except Exception:
            # The save or delete that announced its scopes may never send the
            # signal that ends it: the next writes replace the global version.
            _scoped_reset()
            raise
        match = _WRITE.match(sql[:200]) if isinstance(sql, str) else None
        if match:
            table = match.group(1).lower()
            if table in self.tables:
                scope = self.tables[table]
                if scope is not None:
                    public_data_changed(self.alias, {scope})
                elif not in_scoped_write():
                    public_data_changed(self.alias)
        return result


def _watch(connection: Any, tables: dict[str, str | None]) -> None:
    if not any(isinstance(w, _WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_WriteWatcher(connection.alias, tables))


def install() -> None:
    """Watch every database connection, now and when one is opened, and connect the
    model signals that scope writes (AppConfig.ready)."""
    from . import invalidation

    tables = public_tables()

    def on_connect(sender: Any, connection: Any, **kwargs: Any) -> None:
        _watch(connection, tables)

    connection_created.connect(on_connect, weak=False, dispatch_uid="pagecache-watch")
    request_started.connect(_scoped_reset, dispatch_uid="pagecache-scoped-reset")
    for connection in connections.all(initialized_only=True):
        _watch(connection, tables)
    invalidation.connect(
        [m for label in PUBLIC_APPS for m in apps.get_app_config(label).get_models()]
    )


# --- Query parameters ---------------------------------------------------------------

#: A query parameter's cleaner: the value the view would act on, or None to drop it.
Param = Callable[[str], str | None]
#: ``params=STRICT``: the view refuses unknown parameters itself (the API's 400), so
#: all of them are kept, sorted.
STRICT = "strict"


def raw(value: str) -> str | None:
    """Kept as sent (free text such as a search query)."""
    return value


def text(limit: int) -> Param:
    """Stripped and cut to ``limit`` characters, as the view reads it."""

    def clean(value: str) -> str | None:
        return value.strip()[:limit]

    return clean


def number(*, minimum: int = 0, maximum: int = 1_000_000) -> Param:
    """A whole number in range, written plainly (``007`` → ``7``); anything else is
    dropped, as the views treat it as absent (page 1, offset 0)."""

    def clean(value: str) -> str | None:
        value = value.strip()
        if not (value.isascii() and value.isdigit()) or len(value) > 12:
            return None
        return str(int(value)) if minimum <= int(value) <= maximum else None

    return clean


def normalised_query(query: QueryDict, params: Any) -> str:
    """The query string the view acts on: its own parameters, cleaned and sorted."""
    if params == STRICT:
        return urlencode(sorted(query.lists()), doseq=True)
    pairs = []
    for name in sorted(params):
        if name in query:
            value = params[name](query[name])  # the last value, as QueryDict.get
            if value is not None:
                pairs.append((name, value))
    return urlencode(pairs)


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


def scopes_for(request: HttpRequest) -> tuple[str, ...] | None:
    """The scopes of the cached view at this path; None when no cached view answers
    it."""
    found = _view_at(request.path_info, settings.ROOT_URLCONF, get_urlconf())
    return None if found is None else found[1]


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


@dataclass(frozen=True)
class Entry:
    content: bytes
    headers: list[tuple[str, str]]
    xframe_exempt: bool
    etag: str
    built: float

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, headers=dict(self.headers))
        if self.xframe_exempt:
            response.xframe_options_exempt = True
        return response


def _read(store: Any, key: str) -> Entry | None:
    """The entry under ``key``; a broken store is a miss, never an error page."""
    try:
        return store.get(key)
    except Exception:
        logger.exception("page cache: cannot read %s", key)
        return None


def _write(store: Any, key: str, entry: Entry) -> None:
    try:
        store.set(key, entry, PAGE_TIMEOUT)
    except Exception:
        logger.exception("page cache: cannot write %s", key)


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
            language or getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.build_absolute_uri(request.path) + ("?" + query if query else ""),
        ]
    )
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def _body(response: HttpResponse) -> tuple[bytes | None, HttpResponse]:
    """The whole body, or None when it is too large to keep (the response returned
    then still sends every byte)."""
    if not response.streaming:
        return response.content, response
    chunks: list[bytes] = []
    size = 0
    stream = iter(response.streaming_content)
    for chunk in stream:
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:

            def rest(first: list[bytes] = chunks) -> Iterator[bytes]:
                yield from first
                yield from stream

            response.streaming_content = rest()
            return None, response
    body = b"".join(chunks)
    plain = HttpResponse(body, status=response.status_code, headers=response.headers)
    return body, plain


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
    response["Last-Modified"] = http_date(entry.built)
    patch_cache_control(response, public=True, max_age=max_age)
    response[HEADER] = "hit" if hit else "miss"
    return get_conditional_response(
        request, etag=entry.etag, last_modified=int(entry.built), response=response
    )


def _mark(response: HttpResponse, entry: Entry) -> HttpResponse:
    """Tell :class:`PageCacheMiddleware` this answer may be kept as sent."""
    if response.status_code == 200:
        response.page_cache_entry = entry
    return response


def _only_params(request: HttpRequest, params: Any) -> None:
    """Let the view see only its own parameters, cleaned: what it builds then depends
    on nothing the key leaves out (not even a link made from the full path)."""
    if params == STRICT:
        return
    query = normalised_query(request.GET, params)
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query


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
            version = getattr(request, "page_cache_version", None) or versions(
                scopes(kwargs)
            )
            store = _store(PAGE_CACHE)
            key = cache_key(request, version, params) if version and store else None
            if key:
                entry = _read(store, key)
                if entry is not None:
                    return _mark(_finish(request, entry, max_age, hit=True), entry)
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            if not _storable(request, response):
                patch_cache_control(response, private=True, no_cache=True)
                return response
            body, response = _body(response)
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
            if key:
                _write(store, key, entry)
            return _mark(_finish(request, entry, max_age, hit=False), entry)

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
        if request.method not in ("GET", "HEAD") or (
            settings.SESSION_COOKIE_NAME in request.COOKIES
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
            return get_conditional_response(
                request,
                etag=entry.etag,
                last_modified=int(entry.built),
                response=response,
            )
        request.page_cache_version = version
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
                built=parse_http_date_safe(response.get("Last-Modified", ""))
                or marked.built,
            )
            _write(store, key, sent)
        return response
