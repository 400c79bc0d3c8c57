"""What the public pages send and state: the Content-Security-Policy, the
accessibility statement, the background map, and who publishes the open data."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .env import env_str

# Scripts and styles only from our own static files: no inline script, no on*=
# handler, no <style> block and no style= attribute (tests read every template and
# every rendered page type). Computed sizes (progress bars, map legends) are SVG
# attributes, which the policy does not govern.
# The embeddable widget sends its own policy with frame-ancestors * (publishing/embed).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Accessibility statement (/tillganglighet/, DOS-lagen; docs/accessibility.md) ---
# What DIGG requires each installation to state. The product's own known gaps are in
# publishing/accessibility.py; an installation adds its own, separated by "|".
ACCESSIBILITY_ORGANISATION = env_str("ACCESSIBILITY_ORGANISATION")  # "Kalmar kommun"
ACCESSIBILITY_SERVICE_NAME = env_str("ACCESSIBILITY_SERVICE_NAME", "Medborgarlöften")
ACCESSIBILITY_CONFORMANCE = env_str("ACCESSIBILITY_CONFORMANCE", "delvis")
if ACCESSIBILITY_CONFORMANCE not in {"helt", "delvis", "inte"}:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_CONFORMANCE={ACCESSIBILITY_CONFORMANCE!r}: "
        "expected helt, delvis or inte (förenlig)"
    )
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL")
ACCESSIBILITY_CONTACT_PHONE = env_str("ACCESSIBILITY_CONTACT_PHONE")
ACCESSIBILITY_CONTACT_URL = env_str("ACCESSIBILITY_CONTACT_URL")
ACCESSIBILITY_RESPONSE_DAYS = int(env_str("ACCESSIBILITY_RESPONSE_DAYS", "10"))
ACCESSIBILITY_EXTRA_GAPS = [
    gap.strip() for gap in env_str("ACCESSIBILITY_EXTRA_GAPS").split("|") if gap.strip()
]
ACCESSIBILITY_NOT_COVERED = env_str("ACCESSIBILITY_NOT_COVERED")
ACCESSIBILITY_DISPROPORTIONATE = env_str("ACCESSIBILITY_DISPROPORTIONATE")
ACCESSIBILITY_METHOD = env_str("ACCESSIBILITY_METHOD")
ACCESSIBILITY_ASSESSED_ON = env_str("ACCESSIBILITY_ASSESSED_ON")  # YYYY-MM-DD
ACCESSIBILITY_UPDATED_ON = env_str("ACCESSIBILITY_UPDATED_ON")  # YYYY-MM-DD
ACCESSIBILITY_PUBLISHED_ON = env_str("ACCESSIBILITY_PUBLISHED_ON")  # YYYY-MM-DD
# --- Background map (docs/deploy.md "Background map") ---------------------------------
# None by default: the maps draw the kommun's outline and areas and ask no tile server
# anything, because a third-party tile server sees where every resident looks. Either a
# raster MBTiles or PMTiles v3 file the installation serves itself (at
# /kartor/{z}/{x}/{y}), or an
# XYZ/WMTS address with {z}, {x}, {y}, whose origin is then allowed in img-src.
MAP_TILE_MBTILES = env_str("MAP_TILE_MBTILES")
MAP_TILE_PMTILES = env_str("MAP_TILE_PMTILES")
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION")
MAP_TILE_MAX_ZOOM = int(env_str("MAP_TILE_MAX_ZOOM", "18"))


def _tile_origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


if _tile_origin(MAP_TILE_URL):
    SECURE_CSP["img-src"].append(_tile_origin(MAP_TILE_URL))

# Open data: who publishes the API's datasets (DCAT-AP-SE) and under which licence.
# The publisher is the kommun (its kommunkod); its name, contact e-mail and home page
# go into the catalogue (publishing/api/catalogue.py).
API_PUBLISHER_KOMMUN = env_str("API_PUBLISHER_KOMMUN")
API_PUBLISHER = env_str("API_PUBLISHER")
API_CONTACT_EMAIL = env_str("API_CONTACT_EMAIL")
API_PUBLISHER_URL = env_str("API_PUBLISHER_URL")
if env_str("API_LICENSE_URL"):
    API_LICENSE = {
        "id": env_str("API_LICENSE_ID", "custom"),
        "name": env_str("API_LICENSE_NAME", env_str("API_LICENSE_URL")),
        "url": env_str("API_LICENSE_URL"),
    }
