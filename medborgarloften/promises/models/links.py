"""The key a row that belongs to a promise or to a commitment is declared with:
required, and the row goes when the promise or commitment does."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def promise_link(related_name: str, **kwargs: Any) -> models.ForeignKey[Any, Any]:
    """The promise (medborgarlöfte) a row belongs to."""
    return models.ForeignKey(
        "promises.Promise",
        verbose_name=_("medborgarlöfte"),
        on_delete=models.CASCADE,
        related_name=related_name,
        **kwargs,
    )


def commitment_link(related_name: str, **kwargs: Any) -> models.ForeignKey[Any, Any]:
    """The commitment (åtagande) a row belongs to."""
    return models.ForeignKey(
        "promises.Commitment",
        verbose_name=_("åtagande"),
        on_delete=models.CASCADE,
        related_name=related_name,
        **kwargs,
    )
