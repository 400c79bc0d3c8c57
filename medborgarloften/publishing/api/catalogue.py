"""Reads for the DCAT-AP-SE catalogue (``dcat.py``): who publishes the open data,
whom to contact, and which places and time each dataset covers.

The publisher is the kommun that runs the installation, never the application:
``API_PUBLISHER_KOMMUN`` (a kommunkod) names it; without it, the one kommun whose
staff have accounts here. ``API_PUBLISHER`` overrides the name, ``API_CONTACT_EMAIL``
gives the contact point's address. ``checks.py`` warns when none of this is known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Max, Min
from django.db.models.functions import Coalesce
from django.utils import timezone

from medborgarloften.cases.models import Case
from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from . import case_table, plan_tables
from .fields import Table
from .selectors import DATASETS


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the catalogue."""

    name: str
    kommun: Organisation | None
    email: str | None
    homepage: str | None


@dataclass(frozen=True)
class Coverage:
    """The places (kommuner) and the time span a dataset's rows cover."""

    kommuner: list[Organisation]
    start: dt.date | None
    end: dt.date | None


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "").strip()


def publisher_kommun() -> Organisation | None:
    """The kommun named by API_PUBLISHER_KOMMUN, else the only kommun with staff."""
    code = _setting("API_PUBLISHER_KOMMUN")
    kommuner = Organisation.objects.kommuner()
    if code:
        return kommuner.filter(code=code).first()
    staffed = list(kommuner.filter(memberships__isnull=False).distinct()[:2])
    return staffed[0] if len(staffed) == 1 else None


def contact_email() -> str:
    """API_CONTACT_EMAIL, else DEFAULT_FROM_EMAIL unless that is the development
    default on localhost (no one reads it); '' when neither is usable."""
    email = _setting("API_CONTACT_EMAIL") or _setting("DEFAULT_FROM_EMAIL")
    return "" if email.endswith("@localhost") else email


def catalogue_publisher() -> Publisher:
    """Name, kommun, contact address and home page of the catalogue's publisher."""
    kommun = publisher_kommun()
    name = _setting("API_PUBLISHER") or (str(kommun) if kommun else "")
    return Publisher(
        name=name or "Medborgarlöften",
        kommun=kommun,
        email=contact_email() or None,
        homepage=_setting("API_PUBLISHER_URL") or None,
    )


def _span(name: str) -> tuple[dt.date | None, dt.date | None]:
    queryset = DATASETS[name].queryset().order_by()
    if name == "promises":
        found = queryset.aggregate(start=Min("period_start"), end=Max("period_end"))
    elif name == "commitments":
        found = queryset.aggregate(
            start=Min("promise__period_start"), end=Max("promise__period_end")
        )
    elif name == "activities":
        found = queryset.aggregate(
            start=Min("date"), end=Max(Coalesce("end_date", F("date")))
        )
    elif name == "reports":
        found = queryset.aggregate(start=Min("period_start"), end=Max("period_end"))
    else:  # kommuner: reference data, no time span
        return None, None
    return found["start"], found["end"]


def dataset_coverage() -> dict[str, Coverage]:
    """Per dataset: the kommuner that are parties to public promises (every kommun
    for the kommun table) and the first and last day its rows cover."""
    parties = list(
        Organisation.objects.kommuner()
        .exclude(code="")
        .filter(promises__in=Promise.objects.public())
        .distinct()
        .order_by("code")
    )
    coverage = {}
    for name in DATASETS:
        start, end = _span(name)
        kommuner = [] if name == "kommuner" else parties
        coverage[name] = Coverage(kommuner=kommuner, start=start, end=end)
    for name, (kommuner, start, end) in plan_tables.coverage().items():
        coverage[name] = Coverage(kommuner=kommuner, start=start, end=end)
    coverage["cases"] = _cases_coverage()
    return coverage


def _cases_coverage() -> Coverage:
    cases = Case.objects.public().order_by()
    span = cases.aggregate(start=Min("created_at"), end=Max("created_at"))
    kommuner = list(
        Organisation.objects.filter(
            pk__in=list(cases.values_list("kommun", flat=True).distinct())
        ).order_by("code")
    )
    return Coverage(
        kommuner=kommuner,
        start=timezone.localdate(span["start"]) if span["start"] else None,
        end=timezone.localdate(span["end"]) if span["end"] else None,
    )


def catalogue_tables() -> dict[str, Table]:
    """The datasets the catalogue lists: every table of the API, and the residents'
    cases once any is public (an empty list is no dataset to harvest)."""
    tables = {name: d.table for name, d in DATASETS.items()}
    tables.update(plan_tables.TABLES)
    if Case.objects.public().exists():
        tables[case_table.CASES.name] = case_table.CASES
    return tables
