"""Names in Swedish alphabetical order: å, ä and ö last, in that order.

A database sorts by code point (SQLite) or by the server's locale (PostgreSQL, often
not Swedish): Ä (U+00C4) before Å (U+00C5), "Hässleholm" before "Håbo". Lists of
names people pick from (kommuner, organisations) are sorted here instead:
:func:`swedish_key` is the sort key, :func:`swedish_sorted` sorts any items by
their name, and :func:`sort_choices_swedish` makes a model choice field list its
choices in that order. Other accented letters sort with their base letter (é as e,
ü as y as Swedish dictionaries do); case is ignored. Django-free.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

__all__ = ["sort_choices_swedish", "swedish_key", "swedish_sorted"]

_T = TypeVar("_T")
# After z, in the Swedish order; æ and ø as ä and ö, ü as y (Svenska Akademien).
_LAST = {"å": "{0", "ä": "{1", "æ": "{1", "ö": "{2", "ø": "{2"}
_AS = {"ü": "y"}


def swedish_key(text: str) -> tuple[str, str]:
    """A sort key putting ``text`` in Swedish alphabetical order (ties: as typed)."""
    folded = unicodedata.normalize("NFC", str(text)).casefold()
    letters = []
    for char in folded:
        if char in _LAST:
            letters.append(_LAST[char])
        elif char in _AS:
            letters.append(_AS[char])
        else:
            base = unicodedata.normalize("NFD", char)[:1]
            letters.append(base)
    return "".join(letters), str(text)


def swedish_sorted(items: Iterable[_T], *, name: Callable[[_T], str] = str) -> list[_T]:
    """``items`` in Swedish alphabetical order of ``name(item)``."""
    return sorted(items, key=lambda item: swedish_key(name(item)))


def sort_choices_swedish(field: Any, *, name: Callable[[Any], str] = str) -> None:
    """Make a ``ModelChoiceField`` (or multiple) list its queryset's objects in
    Swedish order by ``name`` (the empty choice, if any, stays first)."""
    from django.forms.models import ModelChoiceIterator

    class _SwedishIterator(ModelChoiceIterator):
        def __iter__(self) -> Any:
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            for obj in swedish_sorted(self.queryset, name=name):
                yield self.choice(obj)

    field.iterator = _SwedishIterator
