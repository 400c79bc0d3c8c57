"""Writes to kommuner, police units, other parties and areas. The only place that does.

Every function validates first, names the offending field in a Swedish message
(``ValidationError`` keyed by field), and saves inside one transaction.
"""

from __future__ import annotations

from ._common import area_in_kommun, kommun_required
from .areas import area_create, area_delete, area_update
from .boundary_import import BoundaryImportSummary, area_boundaries_import
from .organisations import (
    organisation_access_record,
    organisation_create,
    organisation_update,
)
from .overlays import OverlayImportSummary, overlay_import
from .reference_load import ReferenceLoadSummary, reference_data_load

__all__ = [
    "BoundaryImportSummary",
    "OverlayImportSummary",
    "ReferenceLoadSummary",
    "area_boundaries_import",
    "area_create",
    "area_delete",
    "area_in_kommun",
    "area_update",
    "kommun_required",
    "organisation_access_record",
    "organisation_create",
    "organisation_update",
    "overlay_import",
    "reference_data_load",
]
