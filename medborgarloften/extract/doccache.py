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

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# A document asks a few hundred distinct questions; past this a cache starts over
# (callers outside ``extract_record`` never call ``new_document``).
MAX_ENTRIES = 1024

_clears: list[Callable[[], None]] = []


class _Answers(dict[Any, Any]):
    """One function's answers; a question not asked yet is answered by ``fn``.

    A question asked before is answered by ``dict.__getitem__`` itself, in C: most
    of the thousand calls a document makes are such, and a Python wrapper around
    the look-up cost more than the look-up."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, arg: Any) -> Any:
        value = self.fn(arg)
        if len(self) >= MAX_ENTRIES:
            self.clear()
        self[arg] = value
        return value


def per_document(fn: Callable[[K], V]) -> Callable[[K], V]:
    """``fn`` with its answers kept until the next :func:`new_document`."""
    answers = _Answers(fn)
    _clears.append(answers.clear)
    cached: Callable[[K], V] = answers.__getitem__
    return cached


def new_document() -> None:
    """Forget every per-document answer: a new document starts."""
    for clear in _clears:
        clear()
