"""Writes to kommuner, police units, other parties and areas. The only place that does.

Every function validates first, names the offending field in a Swedish message
(``ValidationError`` keyed by field), and saves inside one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .boundaries import BoundaryFile
from .geojson import geojson_problem
from .lookup import fold
from .models import (
    POLICE_KINDS,
    Area,
    AreaKind,
    County,
    Organisation,
    OrganisationEvent,
    OrganisationKind,
)
from .permissions import (
    can_change_reference_fields,
    can_create_organisation,
    can_edit_organisation,
    can_grant_access_to,
)
from .reference import (
    BRA_REGIONS_URL,
    DATA_DIR,
    SCB_URL,
    ReferenceData,
    lpo_name,
    police_region_name,
    polisomrade_name,
    read_reference_data,
)
from .selectors import area_usage

__all__ = [
    "BoundaryImportSummary",
    "ReferenceLoadSummary",
    "area_boundaries_import",
    "area_create",
    "area_delete",
    "area_update",
    "organisation_access_record",
    "organisation_create",
    "organisation_update",
    "reference_data_load",
]


# --- reference data -----------------------------------------------------------------


@dataclass
class ReferenceLoadSummary:
    """What ``reference_data_load`` found in the files and what it changed."""

    kommuner: int = 0
    lan: int = 0
    polisregioner: int = 0
    polisomraden: int = 0
    lokalpolisomraden: int = 0
    created: int = 0
    changed: int = 0
    changed_names: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [
            ngettext("%d kommun", "%d kommuner", self.kommuner) % self.kommuner,
            ngettext("%d län", "%d län", self.lan) % self.lan,
            ngettext("%d polisregion", "%d polisregioner", self.polisregioner)
            % self.polisregioner,
            ngettext("%d polisområde", "%d polisområden", self.polisomraden)
            % self.polisomraden,
            ngettext(
                "%d lokalpolisområde", "%d lokalpolisområden", self.lokalpolisomraden
            )
            % self.lokalpolisomraden,
        ]
        return _("%(parts)s: %(created)s, %(changed)s") % {
            "parts": ", ".join(parts),
            "created": ngettext("%d ny", "%d nya", self.created) % self.created,
            "changed": ngettext("%d ändrad", "%d ändrade", self.changed) % self.changed,
        }


def _upsert(
    summary: ReferenceLoadSummary,
    existing: models.Model | None,
    model: type[models.Model],
    values: dict[str, Any],
) -> Any:
    """Create, or update only the fields that differ; count what happened."""
    if existing is None:
        obj = model.objects.create(**values)
        summary.created += 1
        return obj
    dirty = [k for k, v in values.items() if getattr(existing, k) != v]
    if dirty:
        for key in dirty:
            setattr(existing, key, values[key])
        if hasattr(existing, "version"):
            # An admin's form opened before this load must not overwrite it.
            existing.version += 1
            dirty.append("version")
        existing.save(update_fields=dirty)
        summary.changed += 1
        summary.changed_names.append(str(existing))
    return existing


@transaction.atomic
def reference_data_load(
    *, data: ReferenceData | None = None, data_dir: Path = DATA_DIR
) -> ReferenceLoadSummary:
    """Bring län, kommuner and the known police units in line with the reference files.

    Idempotent: matches kommuner and län on their codes and police units on their
    names, so a re-run creates nothing and a renamed kommun is updated in place. It
    only adds the kommuner an LPO serves, never removes one: an admin may know more
    than the partial source file.
    """
    data = data if data is not None else read_reference_data(data_dir)
    summary = ReferenceLoadSummary()
    kind = OrganisationKind

    def police(kind_: str, name: str) -> Organisation | None:
        return Organisation.objects.filter(kind=kind_, name=name).first()

    regions: dict[str, Organisation] = {}
    for short in data.police_regions:
        name = police_region_name(short)
        regions[short] = _upsert(
            summary,
            police(kind.POLISREGION, name),
            Organisation,
            {"kind": kind.POLISREGION, "name": name, "source": BRA_REGIONS_URL},
        )
    summary.polisregioner = len(regions)

    counties_by_code = {c.code: c for c in County.objects.all()}
    counties: dict[str, County] = {}
    for row in data.counties:
        counties[row.code] = _upsert(
            summary,
            counties_by_code.get(row.code),
            County,
            {
                "code": row.code,
                "name": row.name,
                "police_region_id": regions[row.police_region].pk,
            },
        )
    summary.lan = len(counties)

    kommuner_by_code = {o.code: o for o in Organisation.objects.kommuner()}
    kommuner: dict[str, Organisation] = {}
    for row in data.kommuner:
        kommuner[row.code] = _upsert(
            summary,
            kommuner_by_code.get(row.code),
            Organisation,
            {
                "kind": kind.KOMMUN,
                "code": row.code,
                "name": row.name,
                "county_id": counties[row.county_code].pk,
                "source": f"SCB, Län och kommuner i kodnummerordning: {SCB_URL}",
                "official_name": row.official_name,
                "official_name_source": row.official_name_source[:500],
            },
        )
    summary.kommuner = len(kommuner)

    polisomraden: dict[str, Organisation] = {}
    for short, region in data.polisomraden.items():
        name = polisomrade_name(short)
        polisomraden[short] = _upsert(
            summary,
            police(kind.POLISOMRADE, name),
            Organisation,
            {
                "kind": kind.POLISOMRADE,
                "name": name,
                "parent_id": regions[region].pk,
                "source": _(
                    "Se källorna för dess lokalpolisområden "
                    "(places/data/lokalpolisomraden.csv)."
                ),
            },
        )
    summary.polisomraden = len(polisomraden)

    names_by_code = {row.code: row.name for row in data.kommuner}
    county_by_code = {row.code: row.county_code for row in data.kommuner}
    for short, rows in data.lpos.items():
        # An LPO sits in the län of the kommun it is named after (LPO Nybro serves
        # kommuner in two län but belongs to Kalmar län).
        home = next(
            (r for r in rows if names_by_code[r.kommunkod] == short), rows[0]
        ).kommunkod
        sources = list(dict.fromkeys(r.source_url for r in rows if r.source_url))
        existing = police(kind.LOKALPOLISOMRADE, lpo_name(short))
        changes_before = summary.changed
        lpo = _upsert(
            summary,
            existing,
            Organisation,
            {
                "kind": kind.LOKALPOLISOMRADE,
                "name": lpo_name(short),
                "parent_id": polisomraden[rows[0].polisomrade].pk,
                "county_id": counties[county_by_code[home]].pk,
                "source": "; ".join(sources)[:500],
            },
        )
        served = set(lpo.serves.values_list("pk", flat=True))
        missing = [
            kommuner[r.kommunkod]
            for r in rows
            if kommuner[r.kommunkod].pk not in served
        ]
        if missing:
            lpo.serves.add(*missing)
            organisation_access_record(
                organisation=lpo, granted=missing, source="loadref"
            )
            Organisation.objects.filter(pk=lpo.pk).update(version=F("version") + 1)
            if existing is not None and summary.changed == changes_before:
                summary.changed += 1
                summary.changed_names.append(lpo.name)
        summary.lokalpolisomraden += 1
    return summary


# --- organisations --------------------------------------------------------------------

_PARENT_KIND = {
    OrganisationKind.LOKALPOLISOMRADE: OrganisationKind.POLISOMRADE,
    OrganisationKind.POLISOMRADE: OrganisationKind.POLISREGION,
}


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _organisation_errors(
    *,
    instance: Organisation | None,
    kind: str,
    name: str,
    code: str,
    parent: Organisation | None,
    serves: list[Organisation],
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if kind not in OrganisationKind.values:
        add("kind", _("Typ: okänd typ av organisation %(kind)r.") % {"kind": kind})
        return errors
    label = OrganisationKind(kind).label
    if not name:
        add("name", _("Namn: skriv organisationens namn."))
    else:
        # Compared in Python: iexact ignores the case of å, ä, ö only on PostgreSQL.
        same = [
            o
            for o in Organisation.objects.filter(kind=kind).only("name")
            if fold(o.name) == fold(name) and (instance is None or o.pk != instance.pk)
        ]
        if same:
            add(
                "name",
                _(
                    "Namn: det finns redan en organisation av typen %(kind)s som heter %(name)s."
                )
                % {"kind": label.lower(), "name": name},
            )
    if kind == OrganisationKind.KOMMUN and not re.fullmatch(r"\d{4}", code):
        add("code", _("Kod: en kommunkod har fyra siffror, t.ex. 0880."))
    if code:
        clash = Organisation.objects.filter(kind=kind, code=code)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            add(
                "code",
                _("Kod: koden %(code)s används redan av %(other)s.")
                % {"code": code, "other": clash.first()},
            )
    if parent is not None:
        wanted = _PARENT_KIND.get(kind)
        if wanted is None:
            add(
                "parent",
                _(
                    "Ingår i: bara lokalpolisområden och polisområden ingår i en "
                    "överordnad polisenhet."
                ),
            )
        elif parent.kind != wanted:
            add(
                "parent",
                _("Ingår i: %(kind)s ska ingå i ett %(wanted)s, inte i %(parent)s.")
                % {
                    "kind": label,
                    "wanted": OrganisationKind(wanted).label.lower(),
                    "parent": parent,
                },
            )
        elif instance is not None and parent.pk == instance.pk:
            add("parent", _("Ingår i: en organisation kan inte ingå i sig själv."))
    if serves:
        if kind == OrganisationKind.KOMMUN:
            add("serves", _("Kommuner som betjänas: en kommun betjänar inga kommuner."))
        elif kind in (OrganisationKind.POLISOMRADE, OrganisationKind.POLISREGION):
            add(
                "serves",
                _(
                    "Kommuner som betjänas: ange kommunerna på lokalpolisområdena, "
                    "inte på %(kind)s."
                )
                % {"kind": label.lower()},
            )
        not_kommun = [o for o in serves if o.kind != OrganisationKind.KOMMUN]
        if not_kommun:
            add(
                "serves",
                _("Kommuner som betjänas: %(names)s är ingen kommun.")
                % {"names": ", ".join(str(o) for o in not_kommun)},
            )
    return errors


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    """The organisation as the audit trail keeps it: names, not ids."""
    return {
        "kind": organisation.kind,
        "name": organisation.name,
        "code": organisation.code,
        "county": organisation.county.code if organisation.county else None,
        "parent": organisation.parent.name if organisation.parent else None,
        "serves": sorted(k.code for k in organisation.serves.all()),
        "source": organisation.source,
    }


def _event(
    *,
    organisation: Organisation,
    actor: Any,
    action: str,
    summary: str,
    source: str,
    kommun: Organisation | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> OrganisationEvent:
    return OrganisationEvent.objects.create(
        organisation=organisation,
        kommun=kommun,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        summary=summary[:500],
        source=source[:100],
        before=before,
        after=after,
    )


def organisation_access_record(
    *,
    organisation: Organisation,
    granted: Iterable[Organisation] = (),
    revoked: Iterable[Organisation] = (),
    actor: Any = None,
    source: str = "",
) -> None:
    """Keep who let ``organisation`` serve which kommuner, and who took it back."""
    for kommun in granted:
        _event(
            organisation=organisation,
            kommun=kommun,
            actor=actor,
            action=OrganisationEvent.Action.ACCESS_GRANTED,
            summary=_("%(org)s betjänar nu %(kommun)s")
            % {"org": organisation, "kommun": kommun},
            source=source,
        )
    for kommun in revoked:
        _event(
            organisation=organisation,
            kommun=kommun,
            actor=actor,
            action=OrganisationEvent.Action.ACCESS_REVOKED,
            summary=_("%(org)s betjänar inte längre %(kommun)s")
            % {"org": organisation, "kommun": kommun},
            source=source,
        )


def _grant_errors(
    actor: Any, granted: Iterable[Organisation], org_name: str
) -> list[str]:
    """Kommuner ``actor`` may not open to another organisation, as one message."""
    if actor is None:
        return []
    refused = [k for k in granted if not can_grant_access_to(actor, k)]
    if not refused:
        return []
    return [
        ngettext(
            "Kommuner som betjänas: bara en administratör för %(kommuner)s (eller en "
            "superanvändare) kan ge %(org)s tillgång till kommunen. Be kommunens "
            "administratör lägga till %(org)s under Organisationer → %(kommuner)s.",
            "Kommuner som betjänas: bara en administratör för respektive kommun "
            "(%(kommuner)s) eller en superanvändare kan ge %(org)s tillgång till dem. "
            "Be kommunernas administratörer lägga till %(org)s.",
            len(refused),
        )
        % {"kommuner": ", ".join(str(k) for k in refused), "org": org_name}
    ]


STALE_ORGANISATION = gettext_lazy(
    "Någon annan har sparat ändringar i %(name)s medan du arbetade. Inget av det du "
    "skrivit är sparat. Ladda om sidan för att se deras ändringar."
)


def _check_version(obj: Organisation | Area, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != obj.version:
        raise ValidationError(
            {
                "__all__": [
                    ValidationError(STALE_ORGANISATION % {"name": obj}, code="stale")
                ]
            }
        )


def _organisation_save(
    organisation: Organisation,
    *,
    actor: Any,
    kind: str,
    name: str,
    code: str,
    county: County | None,
    parent: Organisation | None,
    serves: Iterable[Organisation],
    source: str,
    served_by: Iterable[Organisation] | None = None,
    event_source: str,
) -> Organisation:
    name, code, source = name.strip(), code.strip(), source.strip()
    serves = list(dict.fromkeys(serves))
    creating = organisation.pk is None
    errors = _organisation_errors(
        instance=None if creating else organisation,
        kind=kind,
        name=name,
        code=code,
        parent=parent,
        serves=serves,
    )
    old_serves = set() if creating else set(organisation.serves.all())
    granted = [k for k in serves if k not in old_serves]
    revoked = sorted(old_serves - set(serves), key=lambda k: k.code)
    for message in _grant_errors(actor, granted, name or str(organisation)):
        errors.setdefault("serves", []).append(message)
    if (
        actor is not None
        and not creating
        and not can_change_reference_fields(actor, organisation)
    ):
        changed = [
            label
            for label, old, new in (
                (_("namn"), organisation.name, name),
                (_("kommunkod"), organisation.code, code),
                (_("län"), organisation.county_id, county.pk if county else None),
                (_("källa"), organisation.source, source),
            )
            if old != new
        ]
        if changed:
            errors.setdefault("__all__", []).append(
                _(
                    "En kommuns %(fields)s kommer från referensdata (SCB) och ändras "
                    "med loadref eller av en superanvändare, inte här."
                )
                % {"fields": ", ".join(changed)}
            )
    new_served_by: list[Organisation] | None = None
    if served_by is not None:
        new_served_by = list(dict.fromkeys(served_by))
        if kind != OrganisationKind.KOMMUN:
            errors.setdefault("served_by", []).append(
                _("Organisationer som arbetar för kommunen: bara för kommuner.")
            )
        elif any(o.kind == OrganisationKind.KOMMUN for o in new_served_by):
            errors.setdefault("served_by", []).append(
                _(
                    "Organisationer som arbetar för kommunen: en kommun kan inte betjäna en annan kommun."
                )
            )
    _raise(errors)
    before = None if creating else _snapshot(organisation)
    organisation.kind = kind
    organisation.name = name
    organisation.code = code
    organisation.county = county
    organisation.parent = parent
    organisation.source = source
    if not creating:
        organisation.version += 1
    organisation.full_clean()
    organisation.save()
    organisation.serves.set(serves)
    organisation_access_record(
        organisation=organisation,
        granted=granted,
        revoked=revoked,
        actor=actor,
        source=event_source,
    )
    if new_served_by is not None:
        old = set(organisation.served_by.all())
        for org in new_served_by:
            if org not in old:
                org.serves.add(organisation)
                Organisation.objects.filter(pk=org.pk).update(version=F("version") + 1)
                organisation_access_record(
                    organisation=org,
                    granted=[organisation],
                    actor=actor,
                    source=event_source,
                )
        for org in sorted(old - set(new_served_by), key=lambda o: o.name):
            org.serves.remove(organisation)
            Organisation.objects.filter(pk=org.pk).update(version=F("version") + 1)
            organisation_access_record(
                organisation=org,
                revoked=[organisation],
                actor=actor,
                source=event_source,
            )
    after = _snapshot(organisation)
    if creating or after != before:
        _event(
            organisation=organisation,
            actor=actor,
            action=OrganisationEvent.Action.CREATED
            if creating
            else OrganisationEvent.Action.UPDATED,
            summary=(_("Skapad: %(name)s") if creating else _("Ändrad: %(name)s"))
            % {"name": organisation},
            source=event_source,
            before=before,
            after=after,
        )
    return organisation


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    name: str,
    code: str = "",
    county: County | None = None,
    parent: Organisation | None = None,
    serves: Iterable[Organisation] = (),
    source: str = "",
    actor: Any = None,
    event_source: str = "webb",
) -> Organisation:
    """Create a party with a unique name for its kind and a parent that fits the police
    tree, if ``actor`` may (places.permissions; None is the operator: CLI, loadref).
    Each kommun it serves is a grant that needs the kommun's admin; all is audited."""
    if actor is not None and not can_create_organisation(actor, kind):
        raise PermissionDenied(_create_refusal(kind))
    return _organisation_save(
        Organisation(),
        actor=actor,
        kind=kind,
        name=name,
        code=code,
        county=county,
        parent=parent,
        serves=serves,
        source=source,
        event_source=event_source,
    )


def _create_refusal(kind: str) -> str:
    if kind == OrganisationKind.KOMMUN:
        return _(
            "Kommuner kommer från referensdata (SCB) och läggs till med loadref, "
            "inte här."
        )
    if kind in POLICE_KINDS:
        return _(
            "Polisens enheter läggs till av administratörer hos polisen eller av en "
            "superanvändare."
        )
    return _("Bara administratörer kan lägga till organisationer.")


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    code: str = "",
    county: County | None = None,
    parent: Organisation | None = None,
    serves: Iterable[Organisation] = (),
    source: str = "",
    kind: str | None = None,
    served_by: Iterable[Organisation] | None = None,
    actor: Any = None,
    expected_version: int | None = None,
    event_source: str = "webb",
) -> Organisation:
    """Change a party under the same rules as ``organisation_create``; kind is kept
    unless given. ``actor`` must be an admin of the organisation (or a superuser); a
    kommun's name, code and län stay as the reference data has them. ``served_by``
    (kommuner only) replaces the organisations that serve it. With
    ``expected_version`` a change somebody else saved in between is refused."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if actor is not None and not can_edit_organisation(actor, organisation):
        raise PermissionDenied(
            _("Du kan bara ändra organisationer där du själv är administratör.")
        )
    _check_version(organisation, expected_version)
    return _organisation_save(
        organisation,
        actor=actor,
        kind=kind or organisation.kind,
        name=name,
        code=code,
        county=county,
        parent=parent,
        serves=serves,
        source=source,
        served_by=served_by,
        event_source=event_source,
    )


# --- areas ----------------------------------------------------------------------------

_AREA_CODE = re.compile(r"^(?P<kommun>\d{4})(?:[ABC]\d{4}|R\d{3})$")


def _clean_aliases(aliases: Iterable[str], name: str) -> list[str]:
    out: list[str] = []
    seen = {fold(name)}
    for alias in aliases:
        alias = " ".join(str(alias).split())
        if alias and fold(alias) not in seen:
            seen.add(fold(alias))
            out.append(alias)
    return out


def _area_errors(
    *,
    instance: Area | None,
    kommun: Organisation,
    name: str,
    kind: str,
    code: str,
    aliases: list[str],
    geometry: Any,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    if kommun.kind != OrganisationKind.KOMMUN:
        add("kommun", _("Kommun: %(org)s är ingen kommun.") % {"org": kommun})
        return errors
    others = [a for a in kommun.areas.all() if instance is None or a.pk != instance.pk]
    taken = {fold(n): a for a in others for n in a.names()}
    if not name:
        add("name", _("Namn: skriv områdets namn."))
    elif fold(name) in taken:
        add(
            "name",
            _("Namn: %(kommun)s har redan ett område som heter %(name)s.")
            % {"kommun": kommun, "name": taken[fold(name)].name}
            if fold(taken[fold(name)].name) == fold(name)
            else _("Namn: %(name)s är redan ett annat namn för området %(other)s.")
            % {"name": name, "other": taken[fold(name)].name},
        )
    for alias in aliases:
        if fold(alias) in taken:
            add(
                "aliases",
                _("Andra namn: %(alias)s används redan av området %(other)s.")
                % {"alias": alias, "other": taken[fold(alias)].name},
            )
    if kind not in AreaKind.values:
        add("kind", _("Typ: okänd typ av område %(kind)r.") % {"kind": kind})
    if code:
        match = _AREA_CODE.match(code)
        if not match:
            add(
                "code",
                _(
                    "DeSO/RegSO-kod: %(code)s har inte formen 0880C1010 (DeSO) "
                    "eller 0880R001 (RegSO)."
                )
                % {"code": code},
            )
        elif match["kommun"] != kommun.code:
            add(
                "code",
                _(
                    "DeSO/RegSO-kod: %(code)s hör inte till %(kommun)s (kommunkod "
                    "%(kommunkod)s)."
                )
                % {"code": code, "kommun": kommun, "kommunkod": kommun.code},
            )
    if geometry is not None:
        problem = geojson_problem(geometry)
        if problem:
            add(
                "geometry",
                _("Geometri: ogiltig GeoJSON – %(problem)s.") % {"problem": problem},
            )
    return errors


def _area_save(
    area: Area,
    *,
    kommun: Organisation,
    name: str,
    kind: str,
    code: str,
    aliases: Iterable[str],
    geometry: Any,
    geometry_source: str | None = None,
) -> Area:
    name, code = " ".join(name.split()), code.strip().upper()
    alias_list = _clean_aliases(aliases, name)
    _raise(
        _area_errors(
            instance=area if area.pk else None,
            kommun=kommun,
            name=name,
            kind=kind,
            code=code,
            aliases=alias_list,
            geometry=geometry,
        )
    )
    area.kommun = kommun
    area.name = name
    area.kind = kind
    area.code = code
    area.aliases = alias_list
    if geometry_source is not None:
        area.geometry_source = " ".join(geometry_source.split())[:300]
    elif geometry != area.geometry or geometry is None:
        area.geometry_source = ""  # drawn or pasted by hand: no file behind it
    area.geometry = geometry
    if area.pk:
        area.version += 1
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def area_create(
    *,
    kommun: Organisation,
    name: str,
    kind: str = AreaKind.OMRADE,
    code: str = "",
    aliases: Iterable[str] = (),
    geometry: dict[str, Any] | None = None,
    geometry_source: str = "",
) -> Area:
    """Add an area to a kommun: a name (or alias) used once per kommun, valid GeoJSON."""
    return _area_save(
        Area(),
        kommun=kommun,
        name=name,
        kind=kind,
        code=code,
        aliases=aliases,
        geometry=geometry,
        geometry_source=geometry_source,
    )


@transaction.atomic
def area_update(
    *,
    area: Area,
    name: str,
    kind: str = AreaKind.OMRADE,
    code: str = "",
    aliases: Iterable[str] = (),
    geometry: dict[str, Any] | None = None,
    geometry_source: str | None = None,
    expected_version: int | None = None,
) -> Area:
    """Change an area under the same rules as ``area_create``; it stays in its kommun.
    With ``expected_version`` a change somebody else saved in between is refused.
    ``geometry_source`` None keeps the boundary's source while the boundary stays."""
    area = Area.objects.select_for_update().select_related("kommun").get(pk=area.pk)
    _check_version(area, expected_version)
    return _area_save(
        area,
        kommun=area.kommun,
        name=name,
        kind=kind,
        code=code,
        aliases=aliases,
        geometry=geometry,
        geometry_source=geometry_source,
    )


@transaction.atomic
def area_delete(*, area: Area) -> None:
    """Remove an area that nothing refers to; one still in use is refused, never orphaned."""
    usage = area_usage(area)
    if any(usage.values()):
        labels = {
            "promises": ("%d medborgarlöfte", "%d medborgarlöften"),
            "focus_areas": ("%d fokusområde", "%d fokusområden"),
            "commitments": ("%d åtagande", "%d åtaganden"),
            "activities": ("%d aktivitet", "%d aktiviteter"),
            "observations": ("%d observation", "%d observationer"),
        }
        used = ", ".join(ngettext(*labels[key], n) % n for key, n in usage.items() if n)
        raise ValidationError(
            {
                "name": _(
                    "Området %(name)s används av %(used)s och kan inte tas bort. "
                    "Byt namn på det i stället."
                )
                % {"name": area.name, "used": used}
            }
        )
    area.delete()


# --- area boundaries ------------------------------------------------------------------


@dataclass
class BoundaryImportSummary:
    """What ``area_boundaries_import`` did (or, with ``dry_run``, would do)."""

    format: str
    crs_label: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    dry_run: bool = False

    def __str__(self) -> str:
        text = _(
            "%(format)s i %(crs)s: %(created)d nya områden, %(updated)d med ny gräns, "
            "%(unchanged)d oförändrade, %(skipped)d hoppades över"
        ) % {
            "format": self.format,
            "crs": self.crs_label,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }
        if self.dry_run:
            text += " " + _("(provkörning, inget sparat)")
        return text


def _boundary_refusal(refused: list[Any]) -> ValidationError:
    lines = [
        _("Rad %(row)d (%(name)s): %(problem)s")
        % {
            "row": m.feature.index,
            "name": m.feature.name or "–",
            "problem": m.problem,
        }
        for m in refused
    ]
    head = ngettext(
        "Ingenting är inläst: %(n)d område i filen kan inte användas. Rätta det och "
        "försök igen.",
        "Ingenting är inläst: %(n)d områden i filen kan inte användas. Rätta dem och "
        "försök igen.",
        len(refused),
    ) % {"n": len(refused)}
    return ValidationError({"geometry": [head, *lines]})


@transaction.atomic
def area_boundaries_import(
    *,
    kommun: Organisation,
    boundaries: BoundaryFile,
    create_missing: bool = True,
    kind: str = AreaKind.OMRADE,
    dry_run: bool = False,
    today: Any = None,
) -> BoundaryImportSummary:
    """Give the kommun's areas the boundaries of an imported file, all or nothing.

    Areas are matched by name or alias (then DeSO/RegSO code); unmatched ones are
    created when ``create_missing``. One unusable area (invalid, self-intersecting,
    outside the kommun, twice in the file) refuses the whole file, with every reason
    listed, so a kommun never ends up with half of its districts from one file.
    """
    from .selectors import boundary_matches

    if kommun.kind != OrganisationKind.KOMMUN:
        raise ValidationError(
            {"kommun": _("%(org)s är ingen kommun.") % {"org": kommun}}
        )
    matches = boundary_matches(
        kommun=kommun, boundaries=boundaries, create_missing=create_missing
    )
    refused = [m for m in matches if m.action == "fel"]
    if refused:
        raise _boundary_refusal(refused)
    summary = BoundaryImportSummary(
        format=boundaries.format, crs_label=boundaries.crs_label, dry_run=dry_run
    )
    day = today or timezone.localdate()
    source = _("%(source)s (%(format)s, %(crs)s), inläst %(day)s") % {
        "source": boundaries.source or _("okänd fil"),
        "format": boundaries.format,
        "crs": boundaries.crs_label,
        "day": day.isoformat(),
    }
    for match in matches:
        feature = match.feature
        if match.action == "hoppas över":
            summary.skipped.append(feature.name)
        elif match.action == "oförändrad":
            assert match.area is not None  # matched to a stored area
            summary.unchanged.append(match.area.name)
        elif match.action == "uppdateras":
            assert match.area is not None  # matched to a stored area
            summary.updated.append(match.area.name)
            if not dry_run:
                Area.objects.filter(pk=match.area.pk).update(
                    geometry=feature.geometry,
                    geometry_source=source[:300],
                    version=F("version") + 1,
                )
        else:
            summary.created.append(feature.name)
            if not dry_run:
                code = feature.code.upper()
                coded = _AREA_CODE.match(code)
                area_create(
                    kommun=kommun,
                    name=feature.name,
                    kind=kind,
                    code=code if coded and coded["kommun"] == kommun.code else "",
                    geometry=feature.geometry,
                    geometry_source=source,
                )
    return summary
