"""The lägesbild's figures, pulled from the system's own data through the situation
selectors: reported crime for the kommun (this year and the year before), per area,
Kolada key figures beside the region, the country and similar kommuner, and survey
shares by gender and age (small groups suppressed).

Each figure is a plain dict with a stable ``key`` so that a problem in the
åtgärdsplan can name the figures it rests on. A draft lägesbild shows the figures as
they are today; adoption stores them on the version (``SituationReport.figures``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.lib.numbers import format_number
from medborgarloften.places.models import Organisation
from medborgarloften.situation.models import (
    ALL_AGES,
    CrimeStatistic,
    Gender,
    SurveyIndicator,
    SurveyResult,
)
from medborgarloften.situation.selectors import (
    crime_rates,
    key_figure_comparison,
    kommun_shares,
    share_figure,
)
from medborgarloften.situation.selectors.analysis import crime_rate, crime_source

GROUPS = ("crime", "area", "kpi", "survey", "area_survey")


def _figure(
    key: str, group: str, label: str, value: float | None, unit: str, year: int
) -> dict[str, Any]:
    return {
        "key": key,
        "group": group,
        "label": label,
        "value": value,
        "unit": unit,
        "year": year,
        "compare": {},
    }


def _crime(kommun: Organisation, year: int) -> list[dict[str, Any]]:
    rows = []
    for row in crime_rates(kommun=kommun, year=year):
        now, before = row["now"], row["before"]
        # A count is never shown as a rate: without a rate the figure is the count,
        # compared with last year's count only.
        rated = now is not None and now.rate_per_100k is not None
        if rated or now is None:
            value, unit = now.rate_per_100k if now else None, _("per 100 000 invånare")
            earlier = before.rate_per_100k if before else None
            change = row["change"]
        else:
            value, unit = now.count, _("anmälda brott")
            earlier = before.count if before else None
            change = (
                round(100 * (now.count - before.count) / before.count)
                if now.count is not None and before and before.count
                else None
            )
        figure = _figure(
            f"crime:{row['category']}", "crime", row["category"], value, unit, year
        )
        figure["source"] = crime_source(now) if now else ""
        figure["compare"] = {
            "count": now.count if now else None,
            "before": earlier,
            "change_percent": change,
        }
        rows.append(figure)
    return rows


def _areas(kommun: Organisation, year: int) -> list[dict[str, Any]]:
    stats = (
        CrimeStatistic.objects.filter(kommun=kommun, area__isnull=False, year=year)
        .select_related("area", "batch")
        .order_by("area__name", "category")
    )
    rows = []
    for s in stats:
        rate = crime_rate(s)
        figure = _figure(
            f"area:{s.area_id}:{s.category}",
            "area",
            f"{s.category}, {s.area.name if s.area else ''}",
            rate if rate is not None else s.count,
            _("per 100 000 invånare") if rate is not None else _("anmälda brott"),
            year,
        )
        figure["area"] = s.area.name if s.area else ""
        figure["source"] = crime_source(s)
        figure["compare"] = {"count": s.count, "before": None, "change_percent": None}
        rows.append(figure)
    return rows


def _area_survey(kommun: Organisation, year: int) -> list[dict[str, Any]]:
    """Each area's survey shares (all genders and ages) in the latest survey year up
    to ``year``; shares on fewer than MIN_GROUP respondents are left out."""
    survey_year = _latest_survey_year(kommun, year, area__isnull=False)
    if survey_year is None:
        return []
    labels = dict(SurveyIndicator.choices)
    results = (
        SurveyResult.objects.filter(
            kommun=kommun,
            year=survey_year,
            area__isnull=False,
            gender=Gender.ALLA,
            age_group=ALL_AGES,
        )
        .select_related("area", "batch")
        .order_by("area__name", "indicator")
    )
    rows = []
    for result in results:
        shown = share_figure(result.share, result.respondents)
        if not shown.shown or result.area is None:
            continue
        figure = _figure(
            f"areasurvey:{result.area_id}:{result.indicator}",
            "area_survey",
            f"{labels.get(result.indicator, result.indicator)}, {result.area.name}",
            shown.value,
            "%",
            survey_year,
        )
        figure["area"] = result.area.name
        figure["source"] = _batch_source(result.batch) or _("trygghetsmätning")
        figure["compare"] = {"respondents": result.respondents}
        rows.append(figure)
    return rows


def _latest_survey_year(kommun: Organisation, year: int, **where: Any) -> int | None:
    """The latest year up to ``year`` with survey results of the kommun (those
    ``where`` selects)."""
    return (
        SurveyResult.objects.filter(kommun=kommun, year__lte=year, **where)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def _batch_source(batch: Any) -> str:
    return (batch.source or batch.filename) if batch is not None else ""


def _key_figures(kommun: Organisation, year: int) -> list[dict[str, Any]]:
    rows = []
    for row in key_figure_comparison(kommun=kommun, year=year):
        figure = _figure(
            f"kpi:{row['kpi']}",
            "kpi",
            str(row["label"]),
            row["kommun"],
            "",
            row["year"],
        )
        figure["compare"] = {
            "region": row["region"],
            "riket": row["riket"],
            "similar": row["similar"],
            "similar_n": row["similar_n"],
        }
        rows.append(figure)
    return rows


def _survey(kommun: Organisation, year: int) -> list[dict[str, Any]]:
    """The kommun's survey shares by indicator, gender and age in the latest survey
    year up to ``year``: the file's kommun rows, else its areas' rows combined
    (``kommun_shares``, which says how many areas a combined figure covers)."""
    survey_year = _latest_survey_year(kommun, year)
    if survey_year is None:
        return []
    labels = dict(SurveyIndicator.choices)
    genders = dict(Gender.choices)
    rows = []
    for share in kommun_shares(kommun, survey_year).values():
        if not share.figure.shown:
            continue  # a suppressed group is never stored, not even in a snapshot
        age = _("alla åldrar") if share.age_group == ALL_AGES else share.age_group
        label = (
            f"{labels.get(share.indicator, share.indicator)}, "
            f"{genders.get(share.gender, share.gender)}, {age}"
        )
        if share.partial:
            label += ", " + _("%(n)d av %(total)d områden") % {
                "n": share.areas,
                "total": share.of_areas,
            }
        figure = _figure(
            f"survey:{share.indicator}:{share.gender}:{share.age_group}",
            "survey",
            label,
            share.figure.value,
            "%",
            survey_year,
        )
        figure["compare"] = {"respondents": share.figure.base}
        figure["source"] = _batch_source(share.batch)
        rows.append(figure)
    return rows


def current_figures(*, kommun: Organisation, year: int) -> list[dict[str, Any]]:
    """Today's figures for the kommun's lägesbild of ``year``."""
    return [
        *_crime(kommun, year),
        *_areas(kommun, year),
        *_key_figures(kommun, year),
        *_survey(kommun, year),
        *_area_survey(kommun, year),
    ]


#: What the form groups the figures under.
GROUP_LABELS = {
    "crime": gettext_lazy("Anmälda brott, hela kommunen"),
    "area": gettext_lazy("Anmälda brott per område"),
    "kpi": gettext_lazy("Nyckeltal"),
    "survey": gettext_lazy("Trygghetsmätning, hela kommunen"),
    "area_survey": gettext_lazy("Trygghetsmätning per område"),
}


#: How many leading parts of a group's label are the system's own words (an
#: indicator or a crime category, then gender and age): the rest (an area's name,
#: "8 av 19 områden") is left as stored.
_OWN_WORDS = {"crime": 1, "area": 1, "survey": 3, "area_survey": 1}


def display_label(figure: dict[str, Any]) -> str:
    """The figure's label in the reader's language. A figure stored at adoption
    keeps the Swedish words of its day; its own words (indicator, category, gender,
    age) are msgids and are translated here, never the names of areas."""
    count = _OWN_WORDS.get(figure.get("group", ""), 0)
    parts = str(figure.get("label", "")).split(", ")
    head = [_(part) if part else part for part in parts[:count]]
    return ", ".join(head + parts[count:])


def figure_citation(figure: dict[str, Any]) -> str:
    """A figure as evidence: its label (with its area), value and unit, then its
    year and source: 'Otrygghet ute ensam sen kväll, Berga: 41 % (2025; källa:
    Polisens trygghetsmätning)'. Figures stored before sources were kept say the
    year only."""
    value = format_number(figure["value"])
    unit = _(figure["unit"]) if figure.get("unit") else ""
    text = f"{display_label(figure)}: {value} {unit}".strip()
    facts = [str(figure["year"])] if figure.get("year") else []
    if figure.get("source"):
        facts.append(_("källa: %(source)s") % {"source": figure["source"]})
    return f"{text} ({'; '.join(facts)})" if facts else text


def figure_choices(figures: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """The figures as grouped choices (crime, per area, key figures, survey, survey
    per area), each named by its citation."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for figure in figures:
        grouped.setdefault(figure["group"], []).append(
            (figure["key"], figure_citation(figure))
        )
    return [
        (str(GROUP_LABELS.get(group, group)), choices)
        for group, choices in grouped.items()
    ]
