"""A service's validation messages gathered per field before it raises them at once.

Services check every field and then raise one ``ValidationError`` with all that is
wrong, keyed by field (``{"title": [...], "kommun": [...]}``) so that
:func:`~medborgarloften.lib.forms.apply_service_errors` can put each message beside
its field. :class:`FieldErrors` is that dictionary with the one way to add to it.
"""

from __future__ import annotations

__all__ = ["FieldErrors"]


class FieldErrors(dict[str, list[str]]):
    """Messages per field key, in the order they were found."""

    def add(self, key: str, message: str) -> None:
        """One more message for ``key``."""
        self.setdefault(key, []).append(message)
