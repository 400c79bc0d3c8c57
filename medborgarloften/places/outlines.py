"""The kommun boundaries shipped with the project (``data/kommuner.geojson``).

Read by the lägesbild (situation.geo) to refuse points outside a kommun and draw its
outline, and by the boundary import to refuse areas that lie outside the kommun.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from .reference import DATA_DIR

OUTLINES_PATH = DATA_DIR / "kommuner.geojson"


@cache
def kommun_outlines() -> dict[str, dict[str, Any]]:
    """Kommunkod → boundary geometry (WGS 84, simplified 2020 boundaries)."""
    with OUTLINES_PATH.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {
        feature["properties"]["code"]: feature["geometry"]
        for feature in collection["features"]
    }


def kommun_outline(code: str) -> dict[str, Any] | None:
    return kommun_outlines().get(code)
