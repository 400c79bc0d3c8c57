"""The open data APIs' paging cursor for numeric keys: ``"c"`` and the key in base
36 (lower case). ``/api/v1/`` (``publishing.api.params``) and ``/api/v1/cases``
(``cases.api``) page by the same cursor, so it is written once here."""

from __future__ import annotations

__all__ = ["NUMERIC_CURSOR_PATTERN", "numeric_cursor", "numeric_cursor_key"]

#: Every string of this pattern is a valid cursor, so the OpenAPI description of
#: both APIs can be exact; clients must still treat it as opaque and follow ``next``.
NUMERIC_CURSOR_PATTERN = r"^c[0-9a-z]{1,12}$"

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def numeric_cursor(key: int) -> str:
    """The cursor for the rows after ``key`` (a non-negative id)."""
    text = ""
    while True:
        key, rest = divmod(key, 36)
        text = _DIGITS[rest] + text
        if not key:
            return "c" + text


def numeric_cursor_key(cursor: str) -> int:
    """The key a cursor of :data:`NUMERIC_CURSOR_PATTERN` stands for."""
    return int(cursor[1:], 36)
