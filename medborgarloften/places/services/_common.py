"""Helpers every places service shares: refusals and the stale-edit check."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Area,
    Organisation,
    OrganisationKind,
)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def kommun_required(errors: dict[str, list[str]], organisation: Organisation) -> bool:
    """True when ``organisation`` is a kommun; else the ``kommun`` field's error is
    added to ``errors`` and False. Every service that keeps things per kommun asks."""
    if organisation.kind == OrganisationKind.KOMMUN:
        return True
    errors.setdefault("kommun", []).append(
        _("Kommun: %(org)s är ingen kommun.") % {"org": organisation}
    )
    return False


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
