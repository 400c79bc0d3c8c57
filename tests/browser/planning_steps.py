"""The staff steps both planning browser tests take: a lägesbild written and adopted,
then an åtgärdsplan built on it up to a commitment linked to its first measure."""

from __future__ import annotations

import re


def adopt_lagesbild(page, live_server, *, decided_on: str) -> None:
    """Write Kalmar's lägesbild with one section and adopt it on ``decided_on``."""
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
    page.get_by_label("Beslutsdatum").fill(decided_on)
    page.get_by_label("Beslutande organ").fill("Kommunstyrelsen")
    page.get_by_label("Diarienummer").fill("KS 2026/12")
    page.get_by_role("button", name="Anta").click()


def build_plan(
    page,
    *,
    title: str,
    start: str,
    end: str,
    measure: str,
    kind: str,
    commitment: str,
) -> str:
    """From the adopted lägesbild's page: a plan with one problem, its cause from the
    orsaksanalys, ``measure`` acting on it and ``commitment`` linked to it. Returns
    the plan's address."""
    page.get_by_role("link", name="Kalmar").click()
    page.get_by_role("link", name="Ny åtgärdsplan").click()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Bygger på lägesbilden").select_option(
        label="Lägesbild Kalmar 2025 (v1)"
    )
    page.get_by_label("Gäller från").fill(start)
    page.get_by_label("Gäller till").fill(end)
    page.get_by_role("button", name="Spara").click()
    plan_url = page.url
    step = page.locator("#steg-problem")
    step.get_by_label("Problem").fill("Skadegörelse i Berga")
    step.get_by_label("Trygghetsvandring i Berga").check()
    step.get_by_role("button", name="Spara problemet").click()
    step = page.locator("#steg-cause")
    step.get_by_label("Problem").select_option(label="1. Skadegörelse i Berga")
    step.get_by_label("Från orsaksanalysen").select_option(label="Berga centrum")
    step.get_by_role("button", name="Spara orsaken").click()
    step = page.locator("#steg-measure")
    step.get_by_label(re.compile(r"^Åtgärd ")).fill(measure)
    step.get_by_label("Typ").select_option(label=kind)
    step.get_by_label("1: Mörka gångstråk.").check()
    step.get_by_role("button", name="Spara åtgärden").click()
    step = page.locator("#steg-link")
    step.get_by_label("Åtagande i medborgarlöftet").select_option(label=commitment)
    step.get_by_label("Genomför åtgärden").select_option(label=f"1. {measure}")
    step.get_by_role("button", name="Koppla").click()
    return plan_url
