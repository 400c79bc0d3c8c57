"""Reads of kommuner, police units, parties and areas, and who may change them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from medborgarloften.places.models import OrganisationEvent

from .boundaries import (
    WFS_ACCEPT,
    WFS_TYPES,
    BoundaryError,
    BoundaryFeature,
    BoundaryFile,
    read_boundaries,
    wfs_request_url,
)
from .lookup import KommunIndex
from .models import Area, County, Organisation, OrganisationKind
from .outlines import kommun_outline


def _case_variants(text: str) -> set[str]:
    # SQLite folds case for ASCII only; searching the usual spellings makes
    # "örebro" find "Örebro" on both databases without a PostgreSQL-only function.
    return {text, text.lower(), text.upper(), text.capitalize(), text.title()}


def organisation_search(
    *, query: str = "", kind: str = "", county_code: str = ""
) -> QuerySet[Organisation]:
    """Organisations matching a name or code, a kind and a län, with what lists show."""
    qs = Organisation.objects.select_related("county", "parent").prefetch_related(
        "serves"
    )
    query = " ".join(query.split())
    if query:
        condition = Q(code=query)
        for variant in _case_variants(query):
            condition |= Q(name__icontains=variant)
        qs = qs.filter(condition)
    if kind:
        qs = qs.filter(kind=kind)
    if county_code:
        qs = qs.filter(
            Q(county__code=county_code) | Q(serves__county__code=county_code)
        ).distinct()
    return qs.order_by("kind", "name")


def counties() -> QuerySet[County]:
    return County.objects.order_by("code")


def police_parents() -> QuerySet[Organisation]:
    """Units another police unit can belong to: polisområden and polisregioner."""
    return Organisation.objects.filter(
        kind__in=(OrganisationKind.POLISOMRADE, OrganisationKind.POLISREGION)
    ).order_by("kind", "name")


def kommun_by_code(code: str) -> Organisation | None:
    return Organisation.objects.kommuner().filter(code=code).first()


_SPLIT = re.compile(r"[,;\n]+")


def kommuner_from_text(text: str) -> tuple[list[Organisation], list[str]]:
    """Resolve 'kommunkod or name, …' to kommuner; return them and the unknown tokens.

    Each token is read by ``lookup.KommunIndex``: "0880", "Kalmar kommun", "0880
    Kalmar" (code and name must agree)."""
    tokens = [" ".join(t.split()) for t in _SPLIT.split(text or "")]
    tokens = [t for t in tokens if t]
    if not tokens:
        return [], []
    index = KommunIndex()
    found: list[Organisation] = []
    unknown: list[str] = []
    for token in tokens:
        kommun = index.find(token)
        if kommun is None:
            unknown.append(token)
        elif kommun not in found:
            found.append(kommun)
    return found, unknown


def kommuner_as_text(organisation: Organisation) -> str:
    """The kommuner a party serves as the form writes them: '0880 Kalmar, 0840 …'."""
    return ", ".join(
        f"{k.code} {k.name}" for k in organisation.serves.order_by("code", "name")
    )


def areas_of(kommun: Organisation) -> QuerySet[Area]:
    return kommun.areas.order_by("name")


def area_usage(area: Area) -> dict[str, int]:
    """How many promises, focus areas, commitments, activities, observations name it."""
    return {
        "promises": area.promises.count(),
        "focus_areas": area.focus_areas.count(),
        "commitments": area.commitments.count(),
        "activities": area.activities.count(),
        "observations": area.observations.count(),
    }


def organisation_events(*, organisation: Organisation, limit: int = 30) -> list[Any]:
    """The newest audit entries about an organisation: its own changes, and the
    organisations given or refused access to it (a kommun)."""

    return list(
        OrganisationEvent.objects.filter(
            Q(organisation=organisation) | Q(kommun=organisation)
        )
        .select_related("organisation", "kommun", "actor")
        .order_by("-created_at", "-id")[:limit]
    )


# --- area boundaries (import preview, export) -----------------------------------------


@dataclass
class BoundaryMatch:
    """One area of an imported file against the kommun's areas: what importing does."""

    feature: BoundaryFeature
    area: Area | None
    action: str  # "ny", "uppdateras", "oförändrad", "hoppas över", "fel"
    problem: str = ""

    @property
    def action_label(self) -> str:
        return {
            "ny": _("läggs till"),
            "uppdateras": _("får ny gräns"),
            "oförändrad": _("oförändrad"),
            "hoppas över": _("hoppas över (finns inte i kommunen)"),
            "fel": _("kan inte läsas in"),
        }[self.action]


def boundary_file_read(
    *,
    kommun: Organisation,
    data: bytes,
    filename: str = "",
    crs: str | int | None = None,
    name_field: str = "",
    source_format: str = "",
) -> BoundaryFile:
    """Read a boundary file against the kommun's own outline (BoundaryError if the
    file cannot be used at all)."""
    return read_boundaries(
        data,
        filename=filename,
        crs=crs,
        name_field=name_field,
        outline=kommun_outline(kommun.code),
        source_format=source_format,
    )


def boundary_wfs_read(
    *,
    kommun: Organisation,
    url: str,
    crs: str | int | None = None,
    name_field: str = "",
    allow_private: bool = False,
    timeout: float = 20.0,
    max_bytes: int = 20 * 1024 * 1024,
) -> BoundaryFile:
    """Fetch a WFS GetFeature answer in GeoJSON through the project's guarded
    download (public addresses only unless ``allow_private``) and read it."""
    from medborgarloften.extract.errors import ExtractError
    from medborgarloften.extract.readers import USER_AGENT
    from medborgarloften.extract.readers.url import fetch

    request_url = wfs_request_url(url)
    try:
        download = fetch(
            request_url,
            timeout=timeout,
            max_bytes=max_bytes,
            user_agent=USER_AGENT,
            public_only=not allow_private,
            types=WFS_TYPES,
            accept=WFS_ACCEPT,
        )
    except ExtractError as exc:
        raise BoundaryError(f"WFS: {exc}")
    return boundary_file_read(
        kommun=kommun,
        data=download.data,
        filename=url.strip()[:200],
        crs=crs,
        name_field=name_field,
        source_format="WFS",
    )


def boundary_matches(
    *, kommun: Organisation, boundaries: BoundaryFile, create_missing: bool = True
) -> list[BoundaryMatch]:
    """Each area of the file matched to the kommun's area of the same name or alias
    (casefolded), else of the same DeSO/RegSO code; two areas of the file on one
    area of the kommun is an error."""
    areas = list(kommun.areas.all())
    by_name = {n.casefold(): a for a in areas for n in a.names()}
    by_code = {a.code.casefold(): a for a in areas if a.code}
    matches: list[BoundaryMatch] = []
    seen: dict[int, int] = {}
    seen_new: dict[str, int] = {}
    for feature in boundaries.features:
        if feature.problem:
            matches.append(BoundaryMatch(feature, None, "fel", feature.problem))
            continue
        area = by_name.get(feature.name.casefold()) or (
            by_code.get(feature.code.casefold()) if feature.code else None
        )
        if area is not None:
            if area.pk in seen:
                problem = _("samma område (%(name)s) som rad %(row)d") % {
                    "name": area.name,
                    "row": seen[area.pk],
                }
                matches.append(BoundaryMatch(feature, area, "fel", problem))
                continue
            seen[area.pk] = feature.index
            action = "oförändrad" if area.geometry == feature.geometry else "uppdateras"
            matches.append(BoundaryMatch(feature, area, action))
            continue
        key = feature.name.casefold()
        if key in seen_new:
            problem = _("namnet finns redan på rad %(row)d") % {"row": seen_new[key]}
            matches.append(BoundaryMatch(feature, None, "fel", problem))
            continue
        seen_new[key] = feature.index
        matches.append(
            BoundaryMatch(feature, None, "ny" if create_missing else "hoppas över")
        )
    return matches


def areas_geojson(*, kommun: Organisation) -> dict[str, Any]:
    """The kommun's areas with a boundary as one GeoJSON FeatureCollection (RFC 7946,
    WGS 84), what ``exportareas`` prints and the maps draw."""
    features = [
        {
            "type": "Feature",
            "id": area.pk,
            "properties": {
                "namn": area.name,
                "typ": area.kind,
                "kod": area.code,
                "andra_namn": list(area.aliases),
                "kommunkod": kommun.code,
            },
            "geometry": area.geometry,
        }
        for area in kommun.areas.order_by("name")
        if area.geometry
    ]
    return {"type": "FeatureCollection", "features": features}
