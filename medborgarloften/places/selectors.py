"""Reads of kommuner, police units, parties and areas, and who may change them."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

from medborgarloften.places.models import OrganisationEvent

from .lookup import KommunIndex
from .models import Area, County, Organisation, OrganisationKind


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
