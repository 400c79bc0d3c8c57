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
    page.goto(f"{live_server.url}/personal/planering/")
    page.get_by_role("link", name="Ny lägesbild").click()
    page.get_by_label("Titel").fill("Lägesbild Kalmar 2025")
    page.get_by_label("Statistikår").fill("2025")
    page.get_by_label("Analys").fill("Skadegörelsen samlas i Berga.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_label("Del").select_option(label="Annan relevant information")
    page.get_by_label("Rubrik").fill("Trygghetsvandring i Berga")
    page.get_by_label(re.compile(r"^Text")).fill("Boende pekar ut mörka stråk.")
    page.get_by_role("button", name="Spara avsnittet").click()
    page.get_by_role("link", name="Anta", exact=True).click()
    page.get_by_label("Beslutsdatum").fill("2026-01-20")
    page.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
    page.get_by_label("Diarienummer").fill("KS 2026/12")
    page.get_by_role("button", name="Anta").click()
    assert "Antagen 2026-01-20 av Kommunstyrelsen" in page.inner_text("main")

    page.get_by_role("link", name="Kalmar").click()
    page.get_by_role("link", name="Ny åtgärdsplan").click()
    page.get_by_label("Titel").fill("Åtgärdsplan 2026–2027")
    page.get_by_label("Bygger på lägesbilden").select_option(
        label="Lägesbild Kalmar 2025 (v1)"
    )
    page.get_by_label("Gäller från").fill("2026-01-01")
    page.get_by_label("Gäller till").fill("2027-12-31")
    page.get_by_role("button", name="Spara").click()

    step = page.locator("#steg-problem")
    step.get_by_label("Problem").fill("Skadegörelse i Berga")
    step.get_by_label("Trygghetsvandring i Berga").check()
    step.get_by_role("button", name="Spara problemet").click()
    step = page.locator("#steg-cause")
    step.get_by_label("Problem").select_option(label="1. Skadegörelse i Berga")
    step.get_by_label("Från orsaksanalysen").select_option(label="Berga centrum")
    step.get_by_role("button", name="Spara orsaken").click()
    step = page.locator("#steg-measure")
    step.get_by_label(re.compile(r"^Åtgärd ")).fill("Belysning längs stråken")
    step.get_by_label("Typ").select_option(label="Situationell")
    step.get_by_label("1: Mörka gångstråk.").check()
    step.get_by_role("button", name="Spara åtgärden").click()
    step = page.locator("#steg-link")
    step.get_by_label("Åtagande i medborgarlöftet").select_option(
        label="Tryggare Berga: Ny belysning i Berga"
    )
    step.get_by_label("Genomför åtgärden").select_option(
        label="1. Belysning längs stråken"
    )
    step.get_by_role("button", name="Koppla").click()

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
