"""The report's bar labels are page text at the page's size, not SVG text that a
phone scales down to a few pixels; on a narrow screen they wrap below the bar."""

from __future__ import annotations

import re
from pathlib import Path

from medborgarloften.followup.progress import Bucket, Status
from medborgarloften.followup.reports import chart_svg

CSS = Path(__file__).resolve().parents[2] / "static/medborgarloften/css"


def _chart() -> str:
    return str(
        chart_svg(
            title="Åtagande 1: utfört mot mål",
            buckets=[
                Bucket("2025", None, None, 100, done=101, status=Status.DONE),
                Bucket("2026", None, None, 100, done=40, status=Status.BEHIND),
            ],
        )
    )


def test_the_labels_are_html_text_outside_the_bars():
    html = _chart()
    assert "<text" not in html
    labels = re.findall(r'<p class="report-bar-label" id="([^"]+)">([^<]+)</p>', html)
    assert [text for _id, text in labels] == [
        "2025: 101 av 100 – Genomfört",
        "2026: 40 av 100 – Efter plan",
    ]
    for label_id, _text in labels:  # each bar is an image named by its line
        assert f'aria-labelledby="{label_id}"' in html


def _rule(css: str, selector: str) -> str:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, selector
    return match.group(1)


def test_the_labels_are_at_least_the_page_size_and_wrap_below_the_bar():
    css = (CSS / "followup.css").read_text()
    label = _rule(css, ".report-bar-label")
    size = re.search(r"font-size:\s*([\d.]+)rem", label)
    assert size and float(size.group(1)) >= 0.875  # ≥ 14 px at 16 px a rem
    row = _rule(css, ".report-bar-row")
    assert "flex-wrap: wrap" in row
    # The bar and the label each claim a basis: together wider than a phone
    # (390 px ≈ 24rem), so the label goes below the bar there.
    bases = re.findall(r"flex:\s*1 1 ([\d.]+)rem", css)
    assert len(bases) >= 2 and sum(float(b) for b in bases[-2:]) > 24


def test_the_chart_speaks_the_page_s_language():
    # The English report page said "Åtagande 1: utfört mot mål" and "101 av 100"
    # (open-data review): the title as report_context writes it, and the bars.
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override("en"):
        html = chart_svg(
            title=_("Åtagande %(n)s: utfört mot mål") % {"n": 1},
            buckets=[Bucket("2025", None, None, 100, done=101, status=Status.DONE)],
        )
    assert "Commitment 1: done against target" in html
    assert "2025: 101 of 100" in html
