"""Importing overlay layers: SCB's DeSO/RegSO areas and Polisen's utsatta områden,
drawn over a kommun's maps. They are not the kommun's areas: nothing is matched to
them, and a new file replaces the whole layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..boundaries import BoundaryFeature, BoundaryFile
from ..models import Organisation, Overlay, OverlayLayer
from ._common import boundary_refusal, boundary_source, kommun_only


@dataclass
class OverlayImportSummary:
    """What ``overlay_import`` did (or, with ``dry_run``, would do)."""

    layer_label: str
    format: str
    crs_label: str
    imported: list[str] = field(default_factory=list)
    replaced: int = 0
    other_kommuner: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        text = _(
            "%(layer)s från %(format)s i %(crs)s: %(imported)d områden inlästa, "
            "%(replaced)d tidigare ersatta, %(other)d i andra kommuner hoppades över"
        ) % {
            "layer": self.layer_label,
            "format": self.format,
            "crs": self.crs_label,
            "imported": len(self.imported),
            "replaced": self.replaced,
            "other": self.other_kommuner,
        }
        if self.dry_run:
            text += " " + _("(provkörning, inget sparat)")
        return text


def _other_kommun(feature: BoundaryFeature, kommun: Organisation) -> bool:
    """A DeSO or RegSO code (0880C1010, 0880R001) of another kommun."""
    code = feature.code.strip()
    return len(code) > 4 and code[:4].isdigit() and code[:4] != kommun.code


@transaction.atomic
def overlay_import(
    *,
    kommun: Organisation,
    layer: str,
    boundaries: BoundaryFile,
    dry_run: bool = False,
    today: Any = None,
) -> OverlayImportSummary:
    """Replace the kommun's ``layer`` with the file's areas, all or nothing.

    DeSO/RegSO areas whose code names another kommun are left out (a national file
    can be used); any other unusable area refuses the whole file, every reason
    listed, and the layer stays as it was.
    """
    kommun_only(kommun)
    if layer not in OverlayLayer.values:
        raise ValidationError(
            {"layer": _("Lager: okänt lager %(layer)r.") % {"layer": layer}}
        )
    coded = layer in (OverlayLayer.DESO, OverlayLayer.REGSO)
    other = [f for f in boundaries.features if coded and _other_kommun(f, kommun)]
    own = [f for f in boundaries.features if f not in other]
    refused = [f for f in own if f.problem]
    if refused:
        raise boundary_refusal([(f, f.problem) for f in refused])
    if not own:
        raise ValidationError(
            {
                "geometry": _(
                    "Filen har inga områden i %(kommun)s. Ingenting är inläst."
                )
                % {"kommun": kommun}
            }
        )
    source = boundary_source(boundaries, today)
    existing = Overlay.objects.filter(kommun=kommun, layer=layer)
    summary = OverlayImportSummary(
        layer_label=str(OverlayLayer(layer).label),
        format=boundaries.format,
        crs_label=boundaries.crs_label,
        imported=[f.name for f in own],
        replaced=existing.count(),
        other_kommuner=len(other),
        dry_run=dry_run,
    )
    if not dry_run:
        existing.delete()
        Overlay.objects.bulk_create(
            Overlay(
                kommun=kommun,
                layer=layer,
                name=f.name[:200],
                code=f.code[:20],
                geometry=f.geometry,
                source=source[:300],
            )
            for f in own
        )
    return summary
