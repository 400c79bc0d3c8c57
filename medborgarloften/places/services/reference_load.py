"""Loading the reference data (kommuner, län, police units) from the bundled files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import (
    County,
    Organisation,
    OrganisationKind,
)
from ..reference import (
    BRA_REGIONS_URL,
    DATA_DIR,
    SCB_URL,
    ReferenceData,
    lpo_name,
    police_region_name,
    polisomrade_name,
    read_reference_data,
)
from .organisations import organisation_access_record

# --- reference data -----------------------------------------------------------------


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_CodedRow = TypeVar("_CodedRow", bound=_Coded)


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
        obj = model._default_manager.create(**values)
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


def _upsert_by_code(
    summary: ReferenceLoadSummary,
    stored: models.QuerySet[Any],
    rows: Iterable[_CodedRow],
    values: Callable[[_CodedRow], dict[str, Any]],
) -> dict[str, Any]:
    """:func:`_upsert` each row of a reference file, matched on its code among
    ``stored``; the results by code."""
    model = stored.model
    by_code = {obj.code: obj for obj in stored}
    return {
        row.code: _upsert(summary, by_code.get(row.code), model, values(row))
        for row in rows
    }


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

    counties: dict[str, County] = _upsert_by_code(
        summary,
        County.objects.all(),
        data.counties,
        lambda row: {
            "code": row.code,
            "name": row.name,
            "police_region_id": regions[row.police_region].pk,
        },
    )
    summary.lan = len(counties)

    kommuner: dict[str, Organisation] = _upsert_by_code(
        summary,
        Organisation.objects.kommuner(),
        data.kommuner,
        lambda kommun: {
            "kind": kind.KOMMUN,
            "code": kommun.code,
            "name": kommun.name,
            "county_id": counties[kommun.county_code].pk,
            "source": f"SCB, Län och kommuner i kodnummerordning: {SCB_URL}",
            "official_name": kommun.official_name,
            "official_name_source": kommun.official_name_source[:500],
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
