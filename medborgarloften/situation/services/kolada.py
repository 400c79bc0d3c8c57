"""Kolada key figures (api.kolada.se/v3): fetch, parse and keep per kommun, region and
riket, so a kommun can be compared with its län and the whole country.

Path form ``/v3/data/kpi/{kpi,…}/municipality/{id,…}/year/{yyyy,…}``, at most 25 ids a
segment, paging through ``next_url`` (or ``next_page``). "Källa: Kolada".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.lib.http import get_json
from medborgarloften.places.models import Organisation
from medborgarloften.situation.services.imports import _population_table, population

from ..models import ImportBatch, KeyFigure
from .imports import ImportRefused, ImportSummary, batch_close

__all__ = [
    "KOLADA_KPIS",
    "KoladaValue",
    "kolada_fetch",
    "kolada_parse",
    "kolada_read_file",
    "kolada_store",
    "similar_kommuner",
]

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
RIKET = "0000"
MAX_IDS = 25

#: Key figures the lägesbild knows by name (titles shortened from Kolada's catalogue).
KOLADA_KPIS: dict[str, str] = {
    "N07540": "Anmälda brott totalt, per 100 000 inv",
    "N07403": "Anmälda våldsbrott, per 100 000 inv",
    "U07417": "Anmälda stöld- och tillgreppsbrott, per 100 000 inv",
    "U07452": "Anmälda skadegörelsebrott, per 100 000 inv",
    "N07544": "Anmälda narkotikabrott, per 100 000 inv",
    "N07546": "Anmälda bostadsinbrott, per 100 000 inv",
    "N07547": "Anmälda bilbrott, per 100 000 inv",
    "N07548": "Anmälda trafikbrott, per 100 000 inv",
    "N07543": "Anmälda personrån, per 100 000 inv",
    "N07609": "NTU: otrygghet utomhus sen kväll i bostadsområdet, andel (%)",
    "N00610": "Medborgarundersökningen: trygg utomhus när det är mörkt",
}


#: How many kommuner make up "liknande kommuner".
SIMILAR_COUNT = 10


def similar_kommuner(
    code: str, *, year: int | None = None, count: int = SIMILAR_COUNT
) -> list[str]:
    """The ``count`` kommuner nearest to ``code`` in population, nearest first.

    SKR's kommungruppsindelning is not in the project's reference data, so "similar"
    is the nearest in size: the smallest ratio between the populations (distance on
    a log scale, so 20 000 is as near 40 000 as 10 000), from ``befolkning.csv`` for
    ``year`` or the nearest earlier year we have; ties go to the lower kommunkod.
    """
    import math

    table = _population_table()
    when = year or max(y for years in table.values() for y in years)
    own = population(kommun_code=code, year=when)
    if not own:
        return []
    distances = []
    for other in table:
        people = population(kommun_code=other, year=when)
        if other != code and people:
            distances.append((abs(math.log(people / own)), other))
    return [other for _d, other in sorted(distances)[:count]]


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    year: int
    gender: str
    value: float | None


def kolada_parse(payload: Any) -> tuple[list[KoladaValue], str]:
    """One response page → values (deleted ones left out) and the next page URL."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise ValueError(_("Kolada-svaret saknar listan 'values'."))
    result = []
    for index, item in enumerate(payload["values"], 1):
        try:
            kpi = str(item["kpi"])
            municipality = str(item["municipality"]).zfill(4)
            year = int(item["period"])
            entries = item["values"]
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                _("Kolada-värde %(n)d: kpi, municipality, period eller values saknas.")
                % {"n": index}
            )
        for entry in entries:
            if entry.get("isdeleted"):
                continue
            value = entry.get("value")
            result.append(
                KoladaValue(
                    kpi=kpi,
                    municipality=municipality,
                    year=year,
                    gender=str(entry.get("gender") or "T")[:1],
                    value=None if value is None else float(value),
                )
            )
    next_url = payload.get("next_url") or payload.get("next_page") or ""
    return result, str(next_url)


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), MAX_IDS):
        yield list(items[start : start + MAX_IDS])


def kolada_fetch(
    *,
    kpis: Sequence[str],
    municipalities: Sequence[str],
    years: Sequence[int],
    base_url: str = DEFAULT_BASE_URL,
    user_agent: str = "medborgarloften",
    timeout: float = 30.0,
    max_pages: int = 100,
) -> list[KoladaValue]:
    """Fetch values for the KPIs × municipalities × years, ≤ 25 ids a segment, following
    every page. Raises ValueError or FetchError (``lib.http``)."""
    values: list[KoladaValue] = []
    for kpi_chunk, muni_chunk, year_chunk in product(
        _chunks(list(kpis)),
        list(_chunks(list(municipalities))),
        list(_chunks([str(y) for y in years])),
    ):
        url = (
            f"{base_url.rstrip('/')}/data/kpi/{','.join(kpi_chunk)}"
            f"/municipality/{','.join(muni_chunk)}/year/{','.join(year_chunk)}"
        )
        for _page in range(max_pages):
            page, url = kolada_parse(
                get_json(url, user_agent=user_agent, timeout=timeout)
            )
            values.extend(page)
            if not url:
                break
    return values


@transaction.atomic
def kolada_store(
    *, values: Iterable[KoladaValue], source: str = "", dry_run: bool = False
) -> ImportSummary:
    """Keep Kolada values, one per KPI × municipality/region × year × gender; fetching
    again replaces instead of adding. Kommun ids are linked to the kommun."""
    values = list(values)
    if not values:
        raise ImportRefused([_("Kolada gav inga värden.")])
    kommuner = {k.code: k for k in Organisation.objects.kommuner()}
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.KOLADA,
        source=source or "Källa: Kolada",
        filename=f"kolada {timezone.now():%Y-%m-%d %H:%M}",
    )
    summary = ImportSummary(batch_id=batch.pk)
    latest: dict[tuple[str, str, int, str], KoladaValue] = {}
    for value in values:
        latest[(value.kpi, value.municipality, value.year, value.gender)] = value
    for (kpi, municipality, year, gender), value in latest.items():
        _row, created = KeyFigure.objects.update_or_create(
            kpi=kpi,
            municipality_code=municipality,
            year=year,
            gender=gender,
            defaults={
                "value": value.value,
                "kommun": kommuner.get(municipality),
                "batch": batch,
            },
        )
        summary.rows += 1
        summary.created += created
        summary.updated += not created
    return batch_close(batch, summary, dry_run=dry_run)


def kolada_read_file(path: str) -> list[KoladaValue]:
    """Values from a saved Kolada response (one page, or a list of pages)."""
    with open(path, encoding="utf-8") as handle:
        payload = json.load(handle)
    pages = payload if isinstance(payload, list) else [payload]
    result: list[KoladaValue] = []
    for page in pages:
        result.extend(kolada_parse(page)[0])
    return result
