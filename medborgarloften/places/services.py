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

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .geojson import geojson_problem
from .models import Area, AreaKind, County, Organisation, OrganisationKind
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
    "ReferenceLoadSummary",
    "area_create",
    "area_delete",
    "area_update",
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
            _("%d län") % self.lan,
            ngettext("%d polisregion", "%d polisregioner", self.polisregioner)
            % self.polisregioner,
            ngettext("%d polisområde", "%d polisområden", self.polisomraden)
            % self.polisomraden,
            ngettext(
                "%d lokalpolisområde", "%d lokalpolisområden", self.lokalpolisomraden
            )
            % self.lokalpolisomraden,
        ]
        return _("%(parts)s: %(created)d nya, %(changed)d ändrade") % {
            "parts": ", ".join(parts),
            "created": self.created,
            "changed": self.changed,
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
            if o.name.casefold() == name.casefold()
            and (instance is None or o.pk != instance.pk)
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


def _organisation_save(
    organisation: Organisation,
    *,
    kind: str,
    name: str,
    code: str,
    county: County | None,
    parent: Organisation | None,
    serves: Iterable[Organisation],
    source: str,
) -> Organisation:
    name, code, source = name.strip(), code.strip(), source.strip()
    serves = list(dict.fromkeys(serves))
    _raise(
        _organisation_errors(
            instance=organisation if organisation.pk else None,
            kind=kind,
            name=name,
            code=code,
            parent=parent,
            serves=serves,
        )
    )
    organisation.kind = kind
    organisation.name = name
    organisation.code = code
    organisation.county = county
    organisation.parent = parent
    organisation.source = source
    organisation.full_clean()
    organisation.save()
    organisation.serves.set(serves)
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
) -> Organisation:
    """Create a party with a unique name for its kind and a parent that fits the police tree."""
    return _organisation_save(
        Organisation(),
        kind=kind,
        name=name,
        code=code,
        county=county,
        parent=parent,
        serves=serves,
        source=source,
    )


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
) -> Organisation:
    """Change a party under the same rules as ``organisation_create``; kind is kept unless given."""
    return _organisation_save(
        organisation,
        kind=kind or organisation.kind,
        name=name,
        code=code,
        county=county,
        parent=parent,
        serves=serves,
        source=source,
    )


# --- areas ----------------------------------------------------------------------------

_AREA_CODE = re.compile(r"^(?P<kommun>\d{4})(?:[ABC]\d{4}|R\d{3})$")


def _clean_aliases(aliases: Iterable[str], name: str) -> list[str]:
    out: list[str] = []
    seen = {name.casefold()}
    for alias in aliases:
        alias = " ".join(str(alias).split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
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
    taken = {n.casefold(): a for a in others for n in a.names()}
    if not name:
        add("name", _("Namn: skriv områdets namn."))
    elif name.casefold() in taken:
        add(
            "name",
            _("Namn: %(kommun)s har redan ett område som heter %(name)s.")
            % {"kommun": kommun, "name": taken[name.casefold()].name}
            if taken[name.casefold()].name.casefold() == name.casefold()
            else _("Namn: %(name)s är redan ett annat namn för området %(other)s.")
            % {"name": name, "other": taken[name.casefold()].name},
        )
    for alias in aliases:
        if alias.casefold() in taken:
            add(
                "aliases",
                _("Andra namn: %(alias)s används redan av området %(other)s.")
                % {"alias": alias, "other": taken[alias.casefold()].name},
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
    area.geometry = geometry
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
) -> Area:
    """Change an area under the same rules as ``area_create``; it stays in its kommun."""
    return _area_save(
        area,
        kommun=area.kommun,
        name=name,
        kind=kind,
        code=code,
        aliases=aliases,
        geometry=geometry,
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
