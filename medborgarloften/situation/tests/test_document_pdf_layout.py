"""The lägesbild PDF's layout (issue #18 item 7): the "Teman över tid" table fits
its page, and page 1 is not left almost empty by a section pushed to page 2."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from django.utils import timezone

from medborgarloften.situation.models import Observation


def _evidence(kalmar, areas):
    categories = ["klotter", "narkotika", "belysning", "ordningsstorning", "brand"]
    for month in range(1, 13):
        for i, category in enumerate(categories):
            Observation.objects.create(
                kommun=kalmar,
                category=category,
                area=areas["Oxhagen"],
                observed_at=timezone.make_aware(dt.datetime(2025, month, 3 + i, 12)),
            )


@pytest.mark.django_db
def test_the_themes_table_fits_the_page_and_page_one_is_used(
    client, kommun_viewer, kalmar, areas
):
    _evidence(kalmar, areas)
    client.force_login(kommun_viewer)
    response = client.get("/personal/lagesbild/0880/dokument/?period=2025&format=pdf")
    assert response.content.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        found = False
        for page in pdf.pages:
            text = page.extract_text() or ""
            if "Teman över tid" in text:
                found = True
            # No character runs past the right edge of its page.
            assert all(c["x1"] <= page.width + 0.5 for c in page.chars), (
                page.page_number
            )
        assert found
        # Every month's column and the totals reach the page: the last header.
        assert "Totalt" in "".join(p.extract_text() or "" for p in pdf.pages)
        first = pdf.pages[0]
        lowest = max(c["bottom"] for c in first.chars)
        assert lowest > first.height * 0.6, (lowest, first.height)
