"""Caches that last one document.

Within one document the rules ask the same small questions many times: the same
sentence is folded for a dozen expressions, the same party word ("kommunen", "Vi")
is classified for every commitment. A function decorated with :func:`per_document`
keeps its answers until :func:`new_document` (called by ``extract_record`` when a
document starts) empties every such cache, so nothing is carried from one document
to the next and a batch of different documents is timed as fairly as one document
read over and over. Only for pure functions of one hashable argument.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# A document asks a few hundred distinct questions; past this a cache starts over
# (callers outside ``extract_record`` never call ``new_document``).
MAX_ENTRIES = 1024

_clears: list[Callable[[], None]] = []


def per_document(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` with its answers kept until the next :func:`new_document`."""
    cache: dict[K, V] = {}
    _clears.append(cache.clear)

    @functools.wraps(fn)
    def cached(arg: K) -> V:
        try:
            return cache[arg]
        except KeyError:
            pass
        value = fn(arg)
        if len(cache) >= MAX_ENTRIES:
            cache.clear()
        cache[arg] = value
        return value

    return cached


def new_document() -> None:
    """Forget every per-document answer: a new document starts."""
    for clear in _clears:
        clear()
