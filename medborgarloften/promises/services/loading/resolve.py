"""Step 3: names and codes in a record to organisations and areas."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError

from medborgarloften.places.lookup import (
    AreaIndex,
    KommunIndex,
    fold,
    other_party_find,
    police_area_find,
    police_area_key,
    same_kommun,
)
from medborgarloften.places.models import (
    Organisation,
    OrganisationKind,
)

from ...draft import (
    AreaRef,
)
from ...exchange import (
    police_area_name,
)
from .record_checks import _text
from .results import RecordError

# --- step 3: names to organisations and areas ---------------------------------------


class _Resolver:
    """Finds organisations by code or name; one per load, so lookups are cached.
    One it does not find is returned unsaved, for the writer to create."""

    def __init__(self, *, create_missing_police_area: bool, actor: Any = None) -> None:
        self.create_missing_police_area = create_missing_police_area
        self.actor = actor
        self._kommuner: list[Organisation] | None = None
        self._new: dict[tuple[str, str], Organisation] = {}

    def kommuner(self) -> list[Organisation]:
        if self._kommuner is None:
            self._kommuner = list(Organisation.objects.kommuner().order_by("code"))
        return self._kommuner

    def kommun_by_code(self, code: str, path: str) -> Organisation:
        for org in self.kommuner():
            if org.code == code:
                return org
        raise RecordError(path, f"okänd kommunkod {code} / unknown kommunkod {code}")

    def kommun_by_name(self, name: str, path: str) -> Organisation:
        found = KommunIndex(self.kommuner()).find(name)
        if found is not None:
            return found
        raise RecordError(path, f"okänd kommun {name!r} / unknown kommun {name!r}")

    def police_area(
        self, name: str, path: str, kommuner: list[Organisation]
    ) -> Organisation:
        found = police_area_find(name)
        if found:
            return found
        if not self.create_missing_police_area:
            serving = sorted(
                Organisation.objects.lpos()
                .filter(serves__in=[k.pk for k in kommuner if k.pk])
                .values_list("name", flat=True)
                .distinct()
            )
            hint = (
                f" (kommunens lokalpolisområde: {', '.join(serving)}"
                f" / the kommun's police area)"
                if serving
                else ""
            )
            raise RecordError(
                path,
                f"okänt lokalpolisområde {name!r}{hint} / unknown police area; skapa "
                "det med --create-missing-police-area / create it with that flag",
            )
        # A new unit, unsaved: the writer creates it after its checks, serving the
        # promise's kommuner, and keeps who made it do so.
        return self._new.setdefault(
            ("lpo", police_area_key(name)),
            Organisation(
                kind=OrganisationKind.LOKALPOLISOMRADE,
                name=police_area_name(Organisation(name=name)),
                source="medborgarlöfte-JSON",
            ),
        )

    def party(self, item: dict[str, Any], path: str) -> Organisation:
        kind = item["kind"]
        name = item["name"].strip()
        code = _text(item.get("code"))
        qs = Organisation.objects.filter(kind=kind)
        if code:
            by_code = qs.filter(code=code).first()
            if by_code is not None:
                return by_code
        key = fold(name)
        for org in qs.order_by("pk"):
            if fold(org.name) == key:
                return org
        org = Organisation(
            kind=kind, name=name, code=code, source="medborgarlöfte-JSON"
        )
        try:
            org.full_clean(validate_unique=True, validate_constraints=True)
        except ValidationError as exc:
            raise RecordError(path, "; ".join(exc.messages))
        return org  # unsaved: the writer creates it after its checks

    def other_party(self, name: str, parties: list[Organisation]) -> Organisation:
        key = fold(name)
        for org in parties:
            if fold(org.name) == key:
                return org
        found = other_party_find(name)
        if found is not None:
            return found
        # Unsaved: the writer creates it after its checks.
        return Organisation(
            kind=OrganisationKind.ANNAN, name=name.strip(), source="medborgarlöfte-JSON"
        )


class _Areas:
    """Areas of the promise's kommuner by name or alias; missing ones are created
    when the loader may add areas to the first kommun, else left out."""

    def __init__(self, kommuner: list[Organisation], *, create: bool = True) -> None:
        self.kommuner = kommuner
        self.index = AreaIndex(kommuner)
        self.create = create

    def ref(self, name: str) -> AreaRef | None:
        """The stored area by that name or alias, or a new one the writer creates
        in the first kommun (None: not stored, and not ours to create)."""
        found = self.index.find(name)
        if found is not None:
            return AreaRef(id=found.pk)
        return AreaRef(name=name.strip()) if self.create else None

    def refs(self, names: Any) -> list[AreaRef]:
        return [ref for ref in (self.ref(name) for name in names) if ref is not None]


# --- the load itself ---------------------------------------------------------------


_CANONICAL_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE
)


def _is_uuid(value: object) -> uuid.UUID | None:
    """Only the canonical 8-4-4-4-12 form counts: ``uuid.UUID`` also accepts file
    names such as ``000_1ce16330b22eff07…``, which must create a new draft instead."""
    if not isinstance(value, str) or not _CANONICAL_UUID.fullmatch(value.strip()):
        return None
    return uuid.UUID(value.strip())


def _resolve_kommuner(
    record: dict[str, Any], resolver: _Resolver
) -> list[Organisation]:
    codes = record.get("municipality_codes") or []
    names = record.get("municipalities") or []
    if codes:
        kommuner = [
            resolver.kommun_by_code(code, f"municipality_codes[{i}]")
            for i, code in enumerate(codes)
        ]
        if names:
            if len(names) != len(codes):
                raise RecordError(
                    "municipalities",
                    "lika många namn som kommunkoder krävs / "
                    "needs as many names as municipality_codes",
                )
            for i, (name, org) in enumerate(zip(names, kommuner, strict=True)):
                if not same_kommun(name, org.name):
                    raise RecordError(
                        f"municipalities[{i}]",
                        f"{name!r} stämmer inte med kommunkod {org.code} ({org.name}) / "
                        "does not match the kommunkod",
                    )
    else:
        kommuner = [
            resolver.kommun_by_name(name, f"municipalities[{i}]")
            for i, name in enumerate(names)
        ]
    if not kommuner:
        raise RecordError(
            "municipalities", "minst en kommun krävs / at least one kommun is required"
        )
    unique: list[Organisation] = []
    for org in kommuner:
        if org not in unique:
            unique.append(org)
    return unique
