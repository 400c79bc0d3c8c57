"""The parties the review's draft names: the kommuner and the lokalpolisområde it
shows before saving, and a commitment's other parties by name."""

from __future__ import annotations

from typing import Any

from medborgarloften.places.lookup import other_party_find, police_area_find
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.places.permissions import can_create_organisation
from medborgarloften.promises.draft import OrganisationRef
from medborgarloften.promises.permissions import needs_acceptance

from .rows import PartyPreview


def party_preview(
    kommuner: list[Organisation], *, police_name: str, user: Any
) -> list[PartyPreview]:
    """The kommuner and the lokalpolisområde ``police_name`` names, each saying
    whether it joins at once or is asked first (``needs_acceptance``: a unit the
    reviewer does not edit for joins when its own editors accept)."""
    organisations = list(kommuner)
    police = police_area_find(police_name) if police_name else None
    if police is not None:
        organisations.append(police)
    return [
        PartyPreview(name=str(o), asked=user is not None and needs_acceptance(user, o))
        for o in organisations
    ]


def other_party_refs(
    names: list[str], *, user: Any, left_out: list[str]
) -> list[OrganisationRef]:
    """The stored organisations by those names, and new ones the writer creates
    when ``user`` may add organisations; the others are added to ``left_out`` (the
    public page then says "another party")."""
    out: list[OrganisationRef] = []
    for name in names:
        found = other_party_find(name)
        if found is not None:
            out.append(OrganisationRef.of(found))
        elif user is None or can_create_organisation(user, OrganisationKind.ANNAN):
            out.append(OrganisationRef(kind=OrganisationKind.ANNAN, name=name))
        elif name not in left_out:
            left_out.append(name)
    return out
