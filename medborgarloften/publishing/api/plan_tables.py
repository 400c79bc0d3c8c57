"""The columns (CSV, DCAT) of the lägesbild and åtgärdsplan lists of the API
(``plans.py``), and what they cover; apart from the views, so that the DCAT
catalogue can read them without importing the views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Max, Min

from medborgarloften.places.models import Organisation
from medborgarloften.planning.public import public_plans, public_reports

from . import params
from .fields import Field, Table

FILTERS: dict[str, Callable[[str], Any]] = {"kommun": params.kommunkod("kommun")}

_KOMMUN = (
    Field("id", "integer", "Dokumentets id."),
    Field("kommun_code", "string", "Kommunkod, fyra siffror (SCB)."),
    Field("kommun_name", "string", "Kommunens namn."),
    Field("title", "string", "Titel."),
)
_DECISION = (
    Field("adopted_on", "string", "Beslutsdatum.", nullable=True, format="date"),
    Field("decision_body", "string", "Beslutande organ."),
    Field("diarienummer", "string", "Beslutets diarienummer."),
)

ACTION_PLANS = Table(
    name="action-plans",
    title="Åtgärdsplaner",
    description="Kommunernas antagna åtgärdsplaner mot brott (lag 2023:196) med "
    "problem, troliga orsaker, åtgärder, mål och kopplade åtaganden.",
    title_en="Action plans",
    description_en="The municipalities' adopted action plans against crime (Swedish "
    "act 2023:196) with problems, likely causes, measures, goals and linked "
    "commitments.",
    fields=(
        *_KOMMUN,
        Field("period_start", "string", "Planen gäller från.", format="date"),
        Field("period_end", "string", "Planen gäller till.", format="date"),
        *_DECISION,
        Field("situation_report", "integer", "Id för lägesbilden planen bygger på."),
        Field("problems", "integer", "Antal problem."),
        Field("measures", "integer", "Antal åtgärder."),
        Field("linked_commitments", "integer", "Antal kopplade åtaganden."),
    ),
)
SITUATION_REPORTS = Table(
    name="situation-reports",
    title="Lägesbilder",
    description="Kommunernas antagna lägesbilder över brottsligheten (4 § lag "
    "2023:196): avsnitt med källor, analys och siffrorna vid beslutet.",
    title_en="Crime situation reports",
    description_en="The municipalities' adopted reports on the local crime "
    "situation (lägesbilder, section 4 of Swedish act 2023:196): sections with "
    "sources, analysis and the figures at the time of the decision.",
    fields=(
        *_KOMMUN,
        Field("version", "integer", "Versionsnummer; en revidering är en ny version."),
        Field("year", "integer", "Statistikåret."),
        *_DECISION,
        Field(
            "next_revision_on",
            "string",
            "Nästa revidering senast.",
            nullable=True,
            format="date",
        ),
        Field("sections", "integer", "Antal avsnitt."),
        Field("figures", "integer", "Antal siffror."),
    ),
)


TABLES = {t.name: t for t in (ACTION_PLANS, SITUATION_REPORTS)}


def coverage() -> dict[str, tuple[list[Organisation], dt.date | None, dt.date | None]]:
    """The kommuner and time span of the adopted documents (DCAT)."""
    result = {}
    for name, queryset in (
        ("action-plans", public_plans().order_by()),
        ("situation-reports", public_reports().order_by()),
    ):
        kommuner = list(
            Organisation.objects.filter(
                pk__in=list(queryset.values_list("kommun", flat=True))
            ).order_by("code")
        )
        if name == "action-plans":
            span = queryset.aggregate(start=Min("period_start"), end=Max("period_end"))
        else:
            span = queryset.aggregate(start=Min("adopted_on"), end=Max("adopted_on"))
        start: dt.date | None = span["start"]
        end: dt.date | None = span["end"]
        result[name] = (kommuner, start, end)
    return result
