"""Read a kommun's area boundaries from GeoJSON, GeoPackage, a zipped Shapefile or a
WFS answer; reproject them to WGS 84, validate and simplify them.

Django-free: ``read_boundaries`` takes bytes and returns a ``BoundaryFile`` whose
features carry WGS 84 GeoJSON (what ``Area.geometry`` stores) or the reason a
feature cannot be used. Errors a user can cause are ``BoundaryError`` with a Swedish
and an English sentence.

- Coordinate systems: WGS 84 (EPSG:4326, also ETRS89/SWEREF 99 geographic), SWEREF 99
  TM (EPSG:3006) and the twelve SWEREF 99 local zones (EPSG:3007–3018). The system is
  taken from the file (GeoJSON ``crs``, the GeoPackage's ``gpkg_spatial_ref_sys``, the
  Shapefile's ``.prj``), else given by the caller, else recognised: degrees are WGS 84
  (RFC 7946) and metres are tried in each SWEREF 99 system against the kommun's
  boundary, so a file in the wrong zone is not silently placed in the sea.
- Validation and simplification with shapely (GEOS), in metres: a self-intersecting
  or otherwise invalid polygon is refused with GEOS's reason and where it is, never
  repaired behind the user's back; a valid one is simplified by ``SIMPLIFY_METRES``
  and its coordinates rounded to ``DECIMALS`` decimals (about 0.1 m).
- GeoPackage is read with sqlite3 and the geometry header of the GeoPackage standard
  (OGC 12-128r18, 2.1.3), Shapefiles with pyshp: no system GDAL is needed.
"""

from __future__ import annotations

from .base import (
    CODE_FIELDS,
    DECIMALS,
    GEOGRAPHIC,
    MAX_FEATURES,
    MAX_VERTICES,
    NAME_FIELDS,
    OUTSIDE_TOLERANCE_METRES,
    PROJECTED,
    SIMPLIFY_METRES,
    SUPPORTED_CRS,
    SWEREF99_TM,
    WGS84,
    BoundaryError,
    BoundaryFeature,
    BoundaryFile,
)
from .crs import (
    guess_crs,
    parse_crs,
    reproject,
)
from .previews import (
    Preview,
    PreviewShape,
    preview,
)
from .readers import (
    read_geojson,
    read_geopackage,
    read_shapefile_zip,
)
from .reading import (
    read_boundaries,
)
from .wfs import (
    WFS_ACCEPT,
    WFS_TYPES,
    wfs_request_url,
)

__all__ = [
    "BoundaryError",
    "BoundaryFeature",
    "BoundaryFile",
    "CODE_FIELDS",
    "DECIMALS",
    "GEOGRAPHIC",
    "MAX_FEATURES",
    "MAX_VERTICES",
    "NAME_FIELDS",
    "OUTSIDE_TOLERANCE_METRES",
    "PROJECTED",
    "Preview",
    "PreviewShape",
    "SIMPLIFY_METRES",
    "SUPPORTED_CRS",
    "SWEREF99_TM",
    "WFS_ACCEPT",
    "WFS_TYPES",
    "WGS84",
    "guess_crs",
    "parse_crs",
    "preview",
    "read_boundaries",
    "read_geojson",
    "read_geopackage",
    "read_shapefile_zip",
    "reproject",
    "wfs_request_url",
]
