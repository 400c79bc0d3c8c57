"""The lägesbild's figures as SVG bar charts on its page and in its PDF."""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest
from django.urls import reverse

from medborgarloften.planning.charts import figure_charts

pytestmark = pytest.mark.django_db


def _more_crime(world):
    from medborgarloften.situation.models import CrimeStatistic

    CrimeStatistic.objects.create(
        kommun=world.report.kommun,
        category="Bostadsinbrott",
        year=2025,
        count=300,
        rate_per_100k=450.0,
    )


def test_bars_are_scaled_to_the_largest_value_per_group_and_unit():
    figures = [
        {"group": "crime", "label": "A", "value": 1000.0, "unit": "per 100 000"},
        {"group": "crime", "label": "B", "value": 250.0, "unit": "per 100 000"},
        {"group": "area", "label": "Berga", "value": 40, "unit": "anmälningar"},
        {"group": "survey", "label": "Otrygg", "value": 30.0, "unit": "%"},
        {"group": "kpi", "label": "X", "value": None, "unit": "kr"},
    ]
    charts = figure_charts(figures)
    assert len(charts) == 1  # area left to the map, single values not charted
    wide, narrow = charts[0]["bars"]
    assert narrow["width"] == pytest.approx(wide["width"] / 4)
    assert charts[0]["title"] == "Diagram: anmälda brott per 100 000 invånare"


def test_the_report_page_draws_the_stored_figures(client, world):
    _more_crime(world)
    client.force_login(world.editor)
    page = client.get(reverse("planning:report", args=[world.report.pk])).content
    html = page.decode()
    assert '<svg viewBox="0 0 600' in html and 'role="img"' in html
    assert "Diagram: anmälda brott per 100 000 invånare" in html
    desc = html[html.find("<desc") : html.find("</desc>")]
    # the values as Swedish writes them (lib.numbers): grouped, no empty decimals
    assert "Misshandel: 1\u00a0080 per" in desc and "Bostadsinbrott: 450 per" in desc
    widths = re.findall(r'class="bar-fill"[^>]* width="([0-9.]+)"', html)
    assert [float(w) for w in widths] == pytest.approx([300 * 450 / 1080, 300.0])


def test_the_report_pdf_carries_the_chart(client, world):
    _more_crime(world)
    client.force_login(world.editor)
    response = client.get(
        reverse("planning:report_file", args=[world.report.pk, "pdf"])
    )
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        rects = [r for page in pdf.pages for r in page.rects]
    assert "Diagram: anmälda brott per 100 000 invånare" in text
    assert rects  # the bars are drawn
