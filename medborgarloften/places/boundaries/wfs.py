"""Asking a WFS for GeoJSON."""

from __future__ import annotations

from .base import (
    BoundaryError,
)

# --- WFS ------------------------------------------------------------------------------

#: What a WFS may answer: GeoJSON under its several media types.
WFS_TYPES = (
    "application/json",
    "application/geo+json",
    "application/vnd.geo+json",
    "text/json",
)
WFS_ACCEPT = "application/geo+json, application/json;q=0.9"


def wfs_request_url(url: str) -> str:
    """A WFS GetFeature address that asks for GeoJSON: the parameters a kommun's
    service needs are added when the given address lacks them (names compared
    without regard to case, as WFS does); a typeNames parameter must be given."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = parse_qsl(parts.query, keep_blank_values=True)
    have = {k.casefold() for k, _ in query}
    if not ({"typename", "typenames"} & have):
        raise BoundaryError(
            "WFS-adressen saknar typeNames (vilket lager som ska hämtas), t.ex. "
            "…?typeNames=kommun:stadsdelar / the WFS address lacks typeNames (the "
            "layer to fetch)"
        )
    defaults = {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "outputformat": "application/json",
    }
    for key, value in defaults.items():
        if key not in have:
            query.append(("outputFormat" if key == "outputformat" else key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))
