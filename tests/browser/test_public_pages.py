"""Browser tests of the public site: a citizen finds a kommun by search, opens a
promise and follows a report link; axe-core finds no serious or critical
violations on the start, kommun, promise, area and search pages."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.followup.services.reports import report_create, report_set_status
from medborgarloften.places.models import Area
from medborgarloften.publishing.tests.test_views import _promise


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def published(superuser, kalmar, lpo_kalmar, nybro):
    promise = _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2027, 12, 31),
        situation_summary="Otrygghet vid busstationen kvällstid.",
        reports_per_period=2,
    )
    centrum = Area.objects.get(name="Centrum")
    for commitment in promise.commitments.all():
        activity_create(
            commitment=commitment,
            date=dt.date(2026, 3, 1),
            kind="Trygghetsvandring",
            area=centrum,
            description="Tolv boende gick med.",
        )
    report = report_create(
        promise=promise,
        title="Uppföljning 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        summary="Alla vandringar blev av.",
    )
    report = report_set_status(report=report, status="approved")
    report_set_status(report=report, status="published")
    return promise


@pytest.mark.django_db(transaction=True)
def test_it_finds_a_kommun_opens_a_promise_and_follows_a_report_link(
    live_server, page, published
):
    page.goto(f"{live_server.url}/")
    page.get_by_label("Sök kommun").fill("kalm")
    page.get_by_role("button", name="Sök").click()
    matches = page.get_by_role("region", name="Kommuner som matchar ”kalm”")
    matches.get_by_role("link", name="Kalmar kommun").click()
    page.get_by_role("heading", name="Medborgarlöften i Kalmar kommun").wait_for()
    page.get_by_role("link", name="Tryggare Kalmar").click()
    page.get_by_role("heading", level=1, name="Tryggare Kalmar").wait_for()
    assert page.locator("progress").count() == 2
    page.get_by_role("link", name="Uppföljning 2025", exact=True).click()
    page.get_by_role("heading", name="Uppföljning 2025").first.wait_for()
    assert "/rapport/" in page.url
    assert page.get_by_text("Alla vandringar blev av.").count() >= 1


@pytest.mark.django_db(transaction=True)
def test_it_reaches_the_map_links_by_keyboard(live_server, page, published):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Hoppa förbi kartan till listan över län").focus()
    page.keyboard.press("Tab")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.endswith("medborgarlöfte")
    page.get_by_role("link", name="Kalmar, har ett gällande medborgarlöfte").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Medborgarlöften i Kalmar kommun").wait_for()


@pytest.mark.django_db(transaction=True)
def test_it_has_no_serious_accessibility_violations_on_the_public_pages(
    live_server, page, published
):
    centrum = Area.objects.get(name="Centrum")
    paths = [
        "/",
        "/?q=kalm",
        reverse("publishing:kommun", args=["0880"]),
        reverse("publishing:promise", args=[published.uid]),
        reverse("publishing:area", args=["0880", centrum.pk]),
        reverse("publishing:embed", args=[published.uid]),
    ]
    # The search page is another part of the issue: checked once it exists.
    with contextlib.suppress(NoReverseMatch):
        paths.append(reverse("publishing:search") + "?q=trygghetsvandring")
    found = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        violations = _serious_violations(page)
        if violations:
            found[path] = violations
    assert found == {}
