"""The lägesbild's figures as server-drawn bar charts: one chart per group and unit
(values in different units never share an axis), drawn as SVG in the template
``planning/_chart.html`` beside the table that is its text alternative."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

#: Geometry of a chart in SVG user units; the template scales it to the width.
WIDTH = 600
LABEL_WIDTH = 230
BAR_HEIGHT = 22
GAP = 8


def _title(group: str, unit: str) -> str:
    titles = {
        "crime": _("Diagram: anmälda brott per 100 000 invånare"),
        "survey": _("Diagram: trygghetsundersökningen, andel i procent"),
    }
    if group == "crime" and unit == _("anmälda brott"):
        return _("Diagram: antal anmälda brott")
    if group in titles:
        return titles[group]
    return _("Diagram: %(unit)s") % {"unit": unit or _("nyckeltal")}


def figure_charts(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A chart for each (group, unit) with at least two figures that have a value;
    ``area`` counts are left to the map. Bar widths are relative to the largest
    value of the chart (values below zero are drawn as zero)."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for figure in figures:
        if figure["group"] in ("area", "area_survey") or figure["value"] is None:
            continue
        grouped.setdefault((figure["group"], figure["unit"]), []).append(figure)
    charts = []
    room = WIDTH - LABEL_WIDTH - 70
    for number, ((group, unit), rows) in enumerate(grouped.items(), start=1):
        if len(rows) < 2:
            continue
        top = max(max(float(r["value"]), 0.0) for r in rows) or 1.0
        bars = []
        for index, row in enumerate(rows):
            value = max(float(row["value"]), 0.0)
            y = index * (BAR_HEIGHT + GAP)
            width = round(room * value / top, 1)
            bars.append(
                {
                    "label": row["label"],
                    "value": row["value"],
                    "y": y,
                    "text_y": y + BAR_HEIGHT * 0.7,
                    "width": width,
                    "value_x": LABEL_WIDTH + width + 6,
                }
            )
        charts.append(
            {
                "id": f"chart-{number}",
                "title": _title(group, unit),
                "unit": unit,
                "bars": bars,
                "width": WIDTH,
                "height": len(rows) * (BAR_HEIGHT + GAP),
                "label_width": LABEL_WIDTH,
                "bar_height": BAR_HEIGHT,
                "label_x": LABEL_WIDTH - 6,
            }
        )
    return charts
