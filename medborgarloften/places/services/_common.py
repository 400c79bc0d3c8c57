"""Helpers every places service shares: refusals and the stale-edit check."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from ..models import (
    Area,
    Organisation,
)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


STALE_ORGANISATION = gettext_lazy(
    "Någon annan har sparat ändringar i %(name)s medan du arbetade. Inget av det du "
    "skrivit är sparat. Ladda om sidan för att se deras ändringar."
)


def _check_version(obj: Organisation | Area, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != obj.version:
        raise ValidationError(
            {
                "__all__": [
                    ValidationError(STALE_ORGANISATION % {"name": obj}, code="stale")
                ]
            }
        )
