"""Helpers the places services share: refusals, the stale-edit check and what both
boundary imports (areas, overlays) say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..boundaries import BoundaryFeature, BoundaryFile
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


def area_in_kommun(
    errors: dict[str, list[str]], area: Area | None, kommun: Organisation
) -> None:
    """Add the ``area`` field's error to ``errors`` when ``area`` (if any) lies in
    another kommun than ``kommun``."""
    if area is not None and area.kommun_id != kommun.pk:
        errors.setdefault("area", []).append(
            _("Område: %(area)s ligger inte i %(kommun)s.")
            % {"area": area, "kommun": kommun}
        )


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


def kommun_only(organisation: Organisation) -> None:
    """Refuse a file import for anything but a kommun (``kommun`` field's error)."""
    if organisation.kind != OrganisationKind.KOMMUN:
        raise ValidationError(
            {"kommun": _("%(org)s är ingen kommun.") % {"org": organisation}}
        )


def boundary_refusal(
    refused: Sequence[tuple[BoundaryFeature, str]],
) -> ValidationError:
    """Nothing is imported: every unusable area of the file, as (feature, reason),
    with its row, so all of them can be put right at once."""
    head = ngettext(
        "Ingenting är inläst: %(n)d område i filen kan inte användas. Rätta det och "
        "försök igen.",
        "Ingenting är inläst: %(n)d områden i filen kan inte användas. Rätta dem och "
        "försök igen.",
        len(refused),
    ) % {"n": len(refused)}
    lines = [
        _("Rad %(row)d (%(name)s): %(problem)s")
        % {"row": feature.index, "name": feature.name or "–", "problem": problem}
        for feature, problem in refused
    ]
    return ValidationError({"geometry": [head, *lines]})


def boundary_source(boundaries: BoundaryFile, today: dt.date | None = None) -> str:
    """Where imported boundaries came from: file, format, CRS and the day read."""
    day = today or timezone.localdate()
    return _("%(source)s (%(format)s, %(crs)s), inläst %(day)s") % {
        "source": boundaries.source or _("okänd fil"),
        "format": boundaries.format,
        "crs": boundaries.crs_label,
        "day": day.isoformat(),
    }
