"""A kommun's coordinator walks the legal cycle in the browser: writes and adopts a
lägesbild, builds an åtgärdsplan on it (problem → cause from the orsaksanalys →
measure) and links a commitment of the medborgarlöfte to the measure; the plan shows
the whole chain, also on a phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from medborgarloften.promises.models import Commitment, FocusArea, Promise
from medborgarloften.situation.models import CauseAnalysis

from .planning_steps import adopt_lagesbild, build_plan

PASSWORD = "test-losenord-123"


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))


@pytest.mark.django_db(transaction=True)
def test_it_walks_from_lagesbild_to_a_linked_commitment(
    live_server, browser, page, kalmar, lpo_kalmar, kommun_editor
):
    promise = Promise.objects.create(
        title="Tryggare Berga",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    focus = FocusArea.objects.create(promise=promise, title="Berga centrum")
    CauseAnalysis.objects.create(
        focus_area=focus,
        problem="Skadegörelse kvällstid.",
        causes="Mörka gångstråk.",
        measures="Belysning.",
    )
    Commitment.objects.create(promise=promise, text="Ny belysning i Berga")

    _log_in(page, live_server, "kommun_editor")
    adopt_lagesbild(page, live_server, decided_on="2026-01-20")
    assert "Antagen 2026-01-20 av Kommunstyrelsen" in page.inner_text("main")

    build_plan(
        page,
        title="Åtgärdsplan 2026–2027",
        start="2026-01-01",
        end="2027-12-31",
        measure="Belysning längs stråken",
        kind="Situationell",
        commitment="Tryggare Berga: Ny belysning i Berga",
    )

    measure = page.locator("#measure-1")
    assert "Tryggare Berga: Ny belysning i Berga" in measure.inner_text()
    assert "problem 1" in measure.inner_text()
    problem = page.locator("#problem-1")
    assert "Trygghetsvandring i Berga" in problem.inner_text()
    assert "åtgärd 1" in problem.inner_text()
    assert "Inga brister" in page.inner_text("main")

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
