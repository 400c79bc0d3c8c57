"""The query parameters a cached public view reads (``pagecache.cached_public``):
each one's cleaner, and the normalised query string the cache key and the view see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict

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
