"""A published follow-up report with a frozen baseline read on a 360 px phone: the
effect table fits the screen (no horizontal scroll) and names themes, not codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from medborgarloften.places.models import Area
from medborgarloften.promises.models import Commitment, FocusArea, Promise


@pytest.mark.django_db(transaction=True)
def test_a_published_report_fits_a_phone(live_server, phone_page, kalmar, lpo_kalmar):
    from medborgarloften.followup.services import (
        activity_create,
        report_create,
        report_set_status,
    )
    from medborgarloften.situation.services import baseline_freeze

    promise = Promise.objects.create(
        title="Tryggare Kalmar 2025–2026",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2026, 12, 31),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    areas = [
        Area.objects.create(kommun=kalmar, name=name)
        for name in ("Kvarnholmen", "Norrliden", "Funkabo")
    ]
    focus = FocusArea.objects.create(
        promise=promise,
        title="Trygg stadskärna",
        themes=["trygghet_offentlig_miljo", "ordningsstorningar"],
    )
    focus.areas.set(areas)
    commitment = Commitment.objects.create(
        promise=promise,
        text="Kommunen genomför sex trygghetsvandringar i stadskärnan.",
        responsible=["kommun"],
        target_quantity=6,
        target_unit="trygghetsvandringar",
        target_per="period",
    )
    activity_create(
        commitment=commitment, date=dt.date(2025, 3, 1), kind="trygghetsvandring"
    )
    baseline_freeze(promise=promise, on=dt.date(2024, 12, 12))
    report = report_create(
        promise=promise,
        title="Uppföljning 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    report_set_status(report=report, status="approved")
    report_set_status(report=report, status="published")

    page = phone_page
    page.goto(f"{live_server.url}{reverse('publishing:report', args=[report.uid])}")
    page.get_by_role("heading", name="Effekt: lägesbilden").wait_for()
    body = page.locator("main").inner_text()
    assert "trygghet_offentlig_miljo" not in body
    assert "tema trygghet i offentlig miljö" in body
    # A mobile browser widens its layout viewport to fit wide content, so compare
    # with the phone's 360 px, not with window.innerWidth.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    row = page.get_by_role("row", name=re.compile("Polisens händelser, tema ordning"))
    # each value is named by its column, as the header row is hidden
    before = row.locator("td").first.evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert "Före löftet" in before
