"""Writes to a kommun's areas: names, aliases, DeSO/RegSO codes and boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborgarloften.lib.errors import FieldErrors

from ..geojson import geojson_problem
from ..lookup import fold
from ..models import (
    Area,
    AreaKind,
    Organisation,
)
from ..selectors import area_usage
from ._common import _check_version, _raise, kommun_required

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
    errors = FieldErrors()
    add = errors.add

    if not kommun_required(errors, kommun):
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


class AreaFields(TypedDict):
    """What ``area_create`` and ``area_update`` set on an area."""

    name: str
    kind: NotRequired[str]
    code: NotRequired[str]
    aliases: NotRequired[Iterable[str]]
    geometry: NotRequired[dict[str, Any] | None]
    geometry_source: NotRequired[str | None]


def _area_save(
    area: Area,
    *,
    kommun: Organisation,
    name: str,
    kind: str = AreaKind.OMRADE,
    code: str = "",
    aliases: Iterable[str] = (),
    geometry: Any = None,
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
def area_create(*, kommun: Organisation, **fields: Unpack[AreaFields]) -> Area:
    """Add an area to a kommun: a name (or alias) used once per kommun, valid GeoJSON."""
    return _area_save(Area(), kommun=kommun, **fields)


@transaction.atomic
def area_update(
    *, area: Area, expected_version: int | None = None, **fields: Unpack[AreaFields]
) -> Area:
    """Change an area under the same rules as ``area_create``; it stays in its kommun.
    With ``expected_version`` a change somebody else saved in between is refused.
    ``geometry_source`` None (or left out) keeps the boundary's source while the
    boundary stays."""
    area = Area.objects.select_for_update().select_related("kommun").get(pk=area.pk)
    _check_version(area, expected_version)
    return _area_save(area, kommun=area.kommun, **fields)


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
