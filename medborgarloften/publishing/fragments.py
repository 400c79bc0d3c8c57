"""Parts of public pages kept in a shared cache, keyed by what they show.

The page cache (``pagecache.py``) keeps whole anonymous pages; with it off
(``PAGE_CACHE=0``), for signed-in users, and for the first visitor after a write,
every page is built again. The costly part of a page — its queries and the template
rows under them — depends only on the data of a few *scopes* (a promise, a kommun,
the national lists), today's date and the language. :func:`cached` keeps that part
(``CACHES["fragments"]``: files under ``DATA_DIR``, or Redis with ``CACHE_URL``)
under a key of

- the versions of those scopes, read from the page cache's version store
  (:func:`pagecache.versions`): a write replaces exactly the versions the pages'
  invalidation replaces (``invalidation.py``), so a write to promise P makes P's
  fragments a miss and leaves promise Q's;
- today's date, the active language, the database alias public reads go to (a
  fragment built from a read replica is not served to a reader of the primary);
- the fragment's name and ``vary``: anything else it depends on (a page number, the
  site's address).

The value is anything picklable: a dict of rendered strings, usually. It is never
shared across users in a way a page is not: what goes in must be the same for every
visitor (no CSRF token, no user name). ``FRAGMENT_CACHE=0`` switches it off (every
fragment is built), as the benchmarks' "all caches off".

A miss is rebuilt once, as a page is (``pagestore.py``): beside each fragment the
last copy built is kept under its key without versions, and a miss first takes that
fragment's rebuild lock. The request that gets it builds the fragment; one that finds
it taken serves the last copy (at most ``pagestore.STALE_SECONDS`` old) while the
lock is held, or builds the fragment itself when there is none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.db import router
from django.template import Context, engines
from django.template.loader_tags import BlockNode
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from . import pagecache, pagestore

FRAGMENT_CACHE = "fragments"
#: Seconds a fragment lives at most (a safety net for writes made outside Django;
#: the same as a cached page).
FRAGMENT_TIMEOUT = pagecache.PAGE_TIMEOUT

T = TypeVar("T")


def _store() -> Any | None:
    if not getattr(settings, "FRAGMENT_CACHE_ENABLED", True):
        return None
    try:
        return caches[FRAGMENT_CACHE]
    except InvalidCacheBackendError:
        return None


def fragment_key(name: str, version: str, vary: Iterable[object] = ()) -> str:
    from medborgarloften.promises.models import Promise

    parts = "|".join(
        [
            version,
            timezone.localdate().isoformat(),
            translation.get_language() or settings.LANGUAGE_CODE,
            router.db_for_read(Promise),
            name,
            *(str(value) for value in vary),
        ]
    )
    return "fragment:" + hashlib.sha256(parts.encode()).hexdigest()


def cached(
    name: str,
    *,
    scopes: Iterable[str],
    build: Callable[[], T],
    vary: Iterable[object] = (),
) -> T:
    """What ``build()`` returns, from the fragment cache when it holds it under the
    current versions of ``scopes`` (``pagecache.kommun_scope``, ``promise_scope``,
    ``NATIONAL``), else built and kept. An exception from ``build`` (a page that does
    not exist) passes through and nothing is kept."""
    store = _store()
    scopes = tuple(scopes)
    version = pagecache.versions(scopes) if store is not None else None
    if store is None or version is None:
        return build()
    key = fragment_key(name, version, vary)
    found = pagestore.read(store, key)
    if found is not None:
        return found
    # The last copy: the same key with the scopes' names instead of their versions.
    latest = fragment_key(name, "|".join((pagestore.STALE, *scopes)), vary)
    if not pagestore.take_lock(store, latest):
        # Another request rebuilds it: its last copy meanwhile (module doc).
        stale = pagestore.stale_copy(store, latest)
        if isinstance(stale, LastCopy):
            return stale.value
        latest = ""  # no copy: build it too, the lock is not ours
    try:
        value = build()
        pagestore.write(store, key, value, FRAGMENT_TIMEOUT)
        if latest:
            copy = LastCopy(value=value, built=pagestore.clock())
            pagestore.write(store, latest, copy, pagestore.STALE_SECONDS)
        return value
    finally:
        if latest:
            pagestore.release(store, latest)


@dataclass(frozen=True)
class LastCopy:
    """A fragment's last copy, kept under its key without versions."""

    value: Any
    built: float


def render_blocks(template_name: str, context: dict[str, Any]) -> dict[str, str]:
    """Each ``{% block %}`` of a template rendered on its own, by block name: the
    parts of a page (``title``, ``head``, ``content``, ``scripts``) a thin page
    template puts into ``base.html``. Rendered without the request: no context
    processor runs, so nothing of the visitor can get into a shared fragment."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    template = engine.get_template(template_name)
    ctx = Context(context, autoescape=engine.autoescape)
    with ctx.render_context.push_state(template), ctx.bind_template(template):
        return {
            node.name: str(node.render(ctx))
            for node in template.nodelist.get_nodes_by_type(BlockNode)
        }


def safe_parts(parts: dict[str, str]) -> dict[str, SafeString]:
    """The rendered blocks of :func:`render_blocks`, as HTML a template puts in as
    is (they were escaped when rendered)."""
    return {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308
