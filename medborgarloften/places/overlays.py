"""Reads of a kommun's overlay layers (DeSO, RegSO, Polisen's utsatta områden) for
the maps: what the map component draws and what its text alternative lists."""

from __future__ import annotations

from typing import Any

from .models import Organisation, Overlay, OverlayLayer

#: Each layer's line colour on the map (css/maps.css has the same for the legend).
OVERLAY_COLOURS = {
    OverlayLayer.DESO: "#6a3d9a",
    OverlayLayer.REGSO: "#b15928",
    OverlayLayer.UTSATT: "#c51b7d",
}


def overlay_layers(*, kommun: Organisation) -> list[dict[str, Any]]:
    """The kommun's overlay layers in a fixed order, each with its WGS 84 features,
    the names for the text alternative and the sources; empty layers left out."""
    rows = list(Overlay.objects.filter(kommun=kommun).order_by("layer", "name", "code"))
    layers = []
    for layer in OverlayLayer:
        shapes = [r for r in rows if r.layer == layer.value]
        if not shapes:
            continue
        layers.append(
            {
                "layer": layer.value,
                "label": str(layer.label),
                "colour": OVERLAY_COLOURS[layer],
                "names": [
                    f"{s.name} ({s.code})" if s.code and s.code != s.name else s.name
                    for s in shapes
                ],
                "sources": sorted({s.source for s in shapes if s.source}),
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": s.name, "code": s.code},
                        "geometry": s.geometry,
                    }
                    for s in shapes
                ],
            }
        )
    return layers
