"""Importing a boundary file onto a kommun's areas, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ..boundaries import BoundaryFile
from ..models import (
    Area,
    AreaKind,
    Organisation,
)
from ._common import boundary_refusal, boundary_source, kommun_only
from .areas import _AREA_CODE, area_create

# --- area boundaries ------------------------------------------------------------------


@dataclass
class BoundaryImportSummary:
    """What ``area_boundaries_import`` did (or, with ``dry_run``, would do)."""

    format: str
    crs_label: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    dry_run: bool = False

    def __str__(self) -> str:
        text = _(
            "%(format)s i %(crs)s: %(created)d nya områden, %(updated)d med ny gräns, "
            "%(unchanged)d oförändrade, %(skipped)d hoppades över"
        ) % {
            "format": self.format,
            "crs": self.crs_label,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }
        if self.dry_run:
            text += " " + _("(provkörning, inget sparat)")
        return text


@transaction.atomic
def area_boundaries_import(
    *,
    kommun: Organisation,
    boundaries: BoundaryFile,
    create_missing: bool = True,
    kind: str = AreaKind.OMRADE,
    dry_run: bool = False,
    today: Any = None,
) -> BoundaryImportSummary:
    """Give the kommun's areas the boundaries of an imported file, all or nothing.

    Areas are matched by name or alias (then DeSO/RegSO code); unmatched ones are
    created when ``create_missing``. One unusable area (invalid, self-intersecting,
    outside the kommun, twice in the file) refuses the whole file, with every reason
    listed, so a kommun never ends up with half of its districts from one file.
    """
    from ..selectors import boundary_matches

    kommun_only(kommun)
    matches = boundary_matches(
        kommun=kommun, boundaries=boundaries, create_missing=create_missing
    )
    refused = [m for m in matches if m.action == "fel"]
    if refused:
        raise boundary_refusal([(m.feature, m.problem) for m in refused])
    summary = BoundaryImportSummary(
        format=boundaries.format, crs_label=boundaries.crs_label, dry_run=dry_run
    )
    source = boundary_source(boundaries, today)
    for match in matches:
        feature = match.feature
        if match.action == "hoppas över":
            summary.skipped.append(feature.name)
        elif match.action == "oförändrad":
            assert match.area is not None  # matched to a stored area
            summary.unchanged.append(match.area.name)
        elif match.action == "uppdateras":
            assert match.area is not None  # matched to a stored area
            summary.updated.append(match.area.name)
            if not dry_run:
                Area.objects.filter(pk=match.area.pk).update(
                    geometry=feature.geometry,
                    geometry_source=source[:300],
                    version=F("version") + 1,
                )
        else:
            summary.created.append(feature.name)
            if not dry_run:
                code = feature.code.upper()
                coded = _AREA_CODE.match(code)
                area_create(
                    kommun=kommun,
                    name=feature.name,
                    kind=kind,
                    code=code if coded and coded["kommun"] == kommun.code else "",
                    geometry=feature.geometry,
                    geometry_source=source,
                )
    return summary
