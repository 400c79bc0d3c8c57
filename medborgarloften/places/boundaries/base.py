"""The shapes a boundary import works with: constants, features and the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WGS84 = 4326
SWEREF99_TM = 3006
#: What the import accepts: EPSG code → name shown to the user.
SUPPORTED_CRS: dict[int, str] = {
    4326: "WGS 84",
    4258: "ETRS89",
    4619: "SWEREF 99 (geografisk)",
    3006: "SWEREF 99 TM",
    3007: "SWEREF 99 12 00",
    3008: "SWEREF 99 13 30",
    3009: "SWEREF 99 15 00",
    3010: "SWEREF 99 16 30",
    3011: "SWEREF 99 18 00",
    3012: "SWEREF 99 14 15",
    3013: "SWEREF 99 15 45",
    3014: "SWEREF 99 17 15",
    3015: "SWEREF 99 18 45",
    3016: "SWEREF 99 20 15",
    3017: "SWEREF 99 21 45",
    3018: "SWEREF 99 23 15",
}
GEOGRAPHIC = {4326, 4258, 4619}
PROJECTED = [code for code in SUPPORTED_CRS if code not in GEOGRAPHIC]

#: Simplification in metres: invisible on a district map, drops survey noise.
SIMPLIFY_METRES = 2.0
#: Decimals kept in WGS 84 (1e-6 degrees ≈ 0.1 m).
DECIMALS = 6
#: How far outside the kommun's (simplified) boundary an area may reach, in metres.
OUTSIDE_TOLERANCE_METRES = 1500.0
MAX_FEATURES = 2000
MAX_VERTICES = 500_000

#: Property names that hold an area's name or code, in order of preference
#: (compared casefolded, without diacritics).
NAME_FIELDS = (
    "namn",
    "name",
    "omradesnamn",
    "omrade",
    "stadsdel",
    "stadsdelsnamn",
    "distrikt",
    "distriktsnamn",
    "regsonamn",
    "regso",
    "desonamn",
    "label",
    "title",
)
CODE_FIELDS = ("desokod", "deso", "regsokod", "kod", "code")


class BoundaryError(ValueError):
    """A file or answer that cannot be read as area boundaries (message sv / en)."""


@dataclass
class BoundaryFeature:
    """One area in the file: its name, code, WGS 84 geometry, or why it is refused."""

    index: int
    name: str
    code: str = ""
    geometry: dict[str, Any] | None = None
    problem: str = ""
    vertices: int = 0
    area_km2: float = 0.0


@dataclass
class BoundaryFile:
    format: str
    crs: int
    crs_source: str  # "fil", "angiven", "igenkänd"
    features: list[BoundaryFeature] = field(default_factory=list)
    name_field: str = ""
    fields: list[str] = field(default_factory=list)
    #: The file's name or the WFS address, kept as the boundaries' source.
    source: str = ""

    @property
    def crs_label(self) -> str:
        return f"{SUPPORTED_CRS.get(self.crs, '?')} (EPSG:{self.crs})"

    @property
    def problems(self) -> list[BoundaryFeature]:
        return [f for f in self.features if f.problem]

    @property
    def usable(self) -> list[BoundaryFeature]:
        return [f for f in self.features if not f.problem]

    def as_geojson(self) -> dict[str, Any]:
        """The usable features as a WGS 84 FeatureCollection (RFC 7946)."""
        return {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"namn": f.name, "kod": f.code},
                    "geometry": f.geometry,
                }
                for f in self.usable
            ],
        }


@dataclass
class _RawFeature:
    properties: dict[str, Any]
    geometry: Any  # shapely geometry in the source system, or None
    problem: str = ""
