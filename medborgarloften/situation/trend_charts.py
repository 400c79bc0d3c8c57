"""The analysis page's trend charts: a kommun figure year by year (reported crime per
category, survey indicators), drawn as followup/report_charts.py draws a report's
bars — one SVG bar a year with one line of page text beside it, so the numbers keep
the page's font size on a phone and are read out as text — plus one line saying the
change from the first year to the last. The page's table beside the charts is their
alternative too."""

from __future__ import annotations

import zlib
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from medborgarloften.lib.numbers import format_number

from .selectors.analysis import YearSeries

#: One colour for every trend bar (the page's blue); the last year darker.
BAR = "#6baed6"
LAST = "#08519c"


def _value(value: float, unit: str) -> str:
    decimals = 0 if value >= 100 or float(value).is_integer() else 1
    text = format_number(value, decimals)
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def _short(value: float, unit: str) -> str:
    """The number alone (the chart's title and the table's row name the unit)."""
    decimals = 0 if value >= 100 or float(value).is_integer() else 1
    text = format_number(value, decimals)
    return f"{text} %" if unit == "%" else text


def change_line(series: YearSeries) -> str:
    """'2020–2025: från 820 till 905 per 100 000 invånare (+10 %)'; survey shares
    change in percentage points, not percent."""
    (first_year, first), (last_year, last) = series.points[0], series.points[-1]
    if series.unit == "%":
        delta = last - first
        change = _("%(sign)s%(n)s procentenheter") % {
            "sign": "+" if delta > 0 else "",
            "n": format_number(round(delta, 1), 1),
        }
    elif first:
        percent = round(100 * (last - first) / first)
        change = f"{'+' if percent > 0 else ''}{format_number(percent)} %"
    else:
        change = "–"
    line = _(
        "%(first_year)s–%(last_year)s: från %(first)s till %(last)s (%(change)s)"
    ) % {
        "first_year": first_year,
        "last_year": last_year,
        "first": _short(first, series.unit),
        "last": _value(last, series.unit),
        "change": change,
    }
    first_cover = series.coverage_text(first_year)
    last_cover = series.coverage_text(last_year)
    if first_cover != last_cover:
        # Means over different areas: the difference is not only a change.
        line += " " + _(
            "Inte jämförbart: %(first_year)s gäller %(first)s, %(last_year)s %(last)s."
        ) % {
            "first_year": first_year,
            "first": first_cover,
            "last_year": last_year,
            "last": last_cover,
        }
    return line


def trend_chart(series: YearSeries) -> SafeString:
    """One series as a titled group of bars (every text escaped here)."""
    if not series.points:
        return mark_safe("")  # noqa: S308 - empty string
    top = max(max(v for _y, v in series.points), 0.0) or 1.0
    key = zlib.crc32(f"{series.label}{series.unit}".encode())
    title = f"{series.label} ({series.unit})" if series.unit != "%" else series.label
    parts = [
        f'<div class="trend-chart" role="group" aria-labelledby="trend-{key:x}">',
        f'<h4 id="trend-{key:x}">{escape(title)}</h4>',
        f'<p class="trend-change">{escape(change_line(series))}</p>',
    ]
    last_index = len(series.points) - 1
    for index, (year, value) in enumerate(series.points):
        width = round(100 * max(value, 0.0) / top, 1)
        label_id = f"trend-{key:x}-{index}"
        colour = LAST if index == last_index else BAR
        parts += [
            '<div class="trend-row">',
            f'<p class="trend-label" id="{label_id}">'
            f"{year}: {escape(_short(value, series.unit))}</p>",
            f'<svg class="trend-bar" role="img" aria-labelledby="{label_id}" '
            'viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">',
            f'<rect x="0" y="0" width="{width}" height="10" fill="{colour}"/>',
            "</svg>",
            "</div>",
        ]
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def trend_table(series: list[YearSeries]) -> dict:
    """The same figures as one table: a row per series, a column per year."""
    years = sorted({y for s in series for y, _v in s.points})
    rows = []
    for s in series:
        values = dict(s.points)
        rows.append(
            {
                "label": s.label,
                "unit": s.unit,
                "cells": [
                    _short(values[y], s.unit) if y in values else "–" for y in years
                ],
            }
        )
    return {"years": years, "rows": rows}
