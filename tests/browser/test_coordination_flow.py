"""Issue 18, item 4 in a real browser: the coordinator creates a lokala Brå meeting,
the agenda shows what is due, a decision with an owner and a date becomes a tracked
action, and the published summary is there for anyone — on a phone too."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from medborgarloften.promises.models import Commitment, Promise

PASSWORD = "test-losenord-123"


@pytest.fixture
def behind(kalmar, lpo_kalmar):
    today = dt.date.today()
    promise = Promise.objects.create(
        title="Tryggare Kalmar centrum",
        period_start=today - dt.timedelta(days=200),
        period_end=today + dt.timedelta(days=400),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    return Commitment.objects.create(
        promise=promise,
        text="Polisen patrullerar i centrum minst 100 kvällar per år.",
        responsible=["polis"],
        target_quantity=100,
        target_unit="kvällar",
        target_per="år",
    )


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_meeting_from_agenda_to_public_summary(
    live_server, browser, page, kalmar, kommun_editor, behind, tmp_path
):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_editor")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))

    page.get_by_role("link", name="Samordning", exact=True).click()
    page.get_by_role("heading", name="Samordning: Kalmar").wait_for()
    page.get_by_label("Slags möte").select_option(
        label="Lokala brottsförebyggande rådet"
    )
    page.get_by_label("Rubrik").fill("Lokala Brå, vårens möte")
    # Held today: its summary is published after the meeting (a meeting not yet
    # held has no summary to publish).
    held = dt.date.today()
    page.get_by_label("Datum").fill(held.isoformat())
    page.get_by_role("button", name="Skapa mötet").click()
    page.get_by_text("Mötet är skapat med en dagordning.").wait_for()

    agenda = page.locator("ol.agenda")
    assert "Åtagande 1 i Tryggare Kalmar centrum" in agenda.inner_text()

    page.get_by_role("textbox", name=re.compile("^Beslut")).fill(
        "Kartlägg belysningen i centrum."
    )
    page.get_by_label("Ansvarig organisation").select_option(value=str(kalmar.pk))
    page.get_by_label("Ansvarig roll").fill("Gatuchef")
    page.get_by_label("Klart senast").fill((held + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Spara beslutet").click()
    page.get_by_text("Beslutet är sparat.").wait_for()

    page.get_by_role("textbox", name="Protokoll", exact=True).fill(
        "Närvarande: Anna Andersson."
    )
    page.get_by_role("textbox", name="Offentlig sammanfattning").fill(
        "Rådet gick igenom patrulleringen i centrum och beslutade om belysning."
    )
    page.get_by_role("button", name="Spara protokollet").click()
    page.get_by_text("Protokollet är sparat.").wait_for()
    page.get_by_role("button", name="Publicera sammanfattningen").click()
    page.get_by_text("Sammanfattningen är publicerad.").wait_for()
    assert _serious_violations(page) == []
    page.screenshot(path=str(tmp_path / "meeting.png"), full_page=True)
    public_href = page.get_by_role(
        "link", name="Offentlig sammanfattning"
    ).get_attribute("href")

    # The decision is a tracked action on the kommun's page.
    page.locator("nav.breadcrumbs").get_by_role("link", name=kalmar.name).click()
    actions = page.locator("section[aria-labelledby='actions-heading']")
    assert "Kartlägg belysningen i centrum." in actions.inner_text()
    assert "Gatuchef" in actions.inner_text()

    # Anyone reads the summary, on a phone, without the minutes' names.
    phone = browser.new_context(
        locale="sv-SE", viewport={"width": 360, "height": 740}, is_mobile=True
    )
    visitor = phone.new_page()
    visitor.goto(f"{live_server.url}{public_href}")
    body = visitor.locator("main").inner_text()
    assert "beslutade om belysning" in body
    assert "Kartlägg belysningen i centrum." in body
    assert "Anna Andersson" not in body
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 360
    assert _serious_violations(visitor) == []
    visitor.screenshot(path=str(tmp_path / "public.png"), full_page=True)
    phone.close()
