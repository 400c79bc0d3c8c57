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
