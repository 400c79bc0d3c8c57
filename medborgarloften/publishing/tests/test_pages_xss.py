"""Script typed into any text field is shown as text on every public page, feed and
widget, never run."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.places.models import Area

from .test_pages import _publish_report
from .test_views import _promise

SCRIPT = '<script>alert("x")</script>'


def test_it_shows_script_in_text_fields_as_text_everywhere(
    client, superuser, kalmar, lpo_kalmar
):
    promise = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title=f"Titel {SCRIPT}",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2027, 12, 31),
        situation_summary=f"Lägesbild {SCRIPT}",
    )
    area = Area.objects.get(name="Centrum")
    area.name = f"Centrum {SCRIPT}"
    area.save()
    commitment = promise.commitments.order_by("position").first()
    commitment.text = f"Åtagande {SCRIPT}"
    commitment.save()
    activity_create(
        commitment=commitment,
        date=dt.date(2026, 3, 1),
        kind=f"Vandring {SCRIPT}",
        area=area,
        description=f"Beskrivning {SCRIPT}",
    )
    _publish_report(promise, title=f"Rapport {SCRIPT}")
    urls = [
        reverse("publishing:home") + "?q=" + SCRIPT,
        reverse("publishing:kommun", args=["0880"]),
        reverse("publishing:promise", args=[promise.uid]),
        reverse("publishing:area", args=["0880", area.pk]),
        reverse("publishing:kommun_feed", args=["0880"]),
        reverse("publishing:promise_feed", args=[promise.uid]),
        reverse("publishing:embed", args=[promise.uid]),
    ]
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200, url
        # No script element but our own static files (site.js on every page).
        assert re.findall(r'<script(?![^>]*\ssrc="/static/)[^>]*>', body) == [], url
        assert SCRIPT not in body, url
        assert "&lt;script&gt;" in body, url  # shown, as text
