"""Reads of kommuner, police units, parties and areas, and who may change them."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet

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
_CODED = re.compile(r"^(?P<code>\d{4})(?:\s+(?P<name>.*))?$")


def kommuner_from_text(text: str) -> tuple[list[Organisation], list[str]]:
    """Resolve 'kommunkod or name, …' to kommuner; return them and the unknown tokens."""
    tokens = [" ".join(t.split()) for t in _SPLIT.split(text or "")]
    tokens = [t for t in tokens if t]
    if not tokens:
        return [], []
    kommuner = list(Organisation.objects.kommuner())
    by_code = {k.code: k for k in kommuner}
    by_name = {k.name.casefold(): k for k in kommuner}
    by_name.update({f"{k.name} kommun".casefold(): k for k in kommuner})
    by_name.update({k.official_name.casefold(): k for k in kommuner if k.official_name})
    found: list[Organisation] = []
    unknown: list[str] = []
    for token in tokens:
        coded = _CODED.match(token)
        if coded:
            kommun = by_code.get(coded["code"])
            name = (coded["name"] or "").casefold()
            if (
                kommun is not None
                and name
                and name
                not in {
                    kommun.name.casefold(),
                    f"{kommun.name} kommun".casefold(),
                    kommun.official_name.casefold() or kommun.name.casefold(),
                }
            ):
                kommun = None
        else:
            kommun = by_name.get(token.casefold())
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
    from .models import OrganisationEvent

    return list(
        OrganisationEvent.objects.filter(
            Q(organisation=organisation) | Q(kommun=organisation)
        )
        .select_related("organisation", "kommun", "actor")
        .order_by("-created_at", "-id")[:limit]
    )
