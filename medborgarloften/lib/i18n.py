"""Language helpers shared by the apps."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.utils import translation


def in_swedish(func: Callable[..., Any]) -> Callable[..., Any]:
    """Render in Swedish whatever the page's language: the promise document and the
    follow-up reports (PDF, Word) are the parties' official Swedish documents, marked
    lang="sv" and with their Word versions written in Swedish; an English page must
    not turn their headings English under a Swedish language tag."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with translation.override("sv"):
            return func(*args, **kwargs)

    return wrapper


def bilingual_half(text: str) -> str:
    """The half of a 'Swedish / English' line (the readers' reasons) in the active
    language: English when the page is in English and there is an English half."""
    swedish, _sep, english = text.partition(" / ")
    if english.strip() and (translation.get_language() or "sv").startswith("en"):
        return english.strip()
    return swedish.strip() or text
