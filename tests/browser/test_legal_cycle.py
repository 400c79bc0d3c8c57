"""Issue #18's Must show: the whole legal cycle in one browser walk. A coordinator
writes and adopts a lägesbild, builds an åtgärdsplan on it (problem → cause →
measure), links the medborgarlöfte's commitment to the measure, logs an activity,
reports a status the evidence does not support — and the follow-up shows both,
on the follow-up page and on the measure — then exports the plan as PDF (rendered
to an image and read back) and as a Word file (opened, headings checked)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest

from medborgarloften.places.models import Area
from medborgarloften.promises.models import Commitment, FocusArea, Promise
from medborgarloften.situation.models import CauseAnalysis

from .planning_steps import adopt_lagesbild, build_plan
from .test_planning_flow import _log_in


@pytest.fixture
def promise(kalmar, lpo_kalmar):
    today = dt.date.today()
    promise = Promise.objects.create(
        title="Tryggare Berga",
        period_start=today - dt.timedelta(days=200),
        period_end=today + dt.timedelta(days=400),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    Area.objects.create(kommun=kalmar, name="Berga")
    focus = FocusArea.objects.create(promise=promise, title="Berga centrum")
    CauseAnalysis.objects.create(
        focus_area=focus,
        problem="Skadegörelse kvällstid.",
        causes="Mörka gångstråk.",
        measures="Belysning.",
    )
    Commitment.objects.create(
        promise=promise,
        text="Sex trygghetsvandringar i Berga",
        responsible=["kommun"],
        target_quantity=6,
        target_unit="trygghetsvandringar",
        target_per="period",
    )
    return promise


def _pdf_checked(page, url: str, tmp_path, title: str) -> None:
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip(
            "pdftoppm/pdftotext saknas / missing (apt-get install poppler-utils)"
        )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert title in text
    assert "Genomfört" in text  # the status reported for the measure
    assert "Tidplan" in text and "Sex trygghetsvandringar i Berga" in text
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
        timeout=60,
    )
    from PIL import Image

    (png,) = tmp_path.glob("p-*.png")
    low, high = Image.open(png).convert("L").getextrema()
    assert low < 100 < high  # ink on paper: not a blank page


@pytest.mark.django_db(transaction=True)
def test_it_walks_the_legal_cycle_from_lagesbild_to_exported_follow_up(
    live_server, page, kommun_editor, promise, tmp_path
):
    start = promise.period_start.isoformat()
    end = promise.period_end.isoformat()
    _log_in(page, live_server, "kommun_editor")

    # Lägesbild, adopted.
    adopt_lagesbild(page, live_server, decided_on=start)
    assert "Kommunstyrelsen" in page.inner_text("main")

    # Åtgärdsplan: problem → cause → measure → the commitment linked.
    plan_url = build_plan(
        page,
        title="Åtgärdsplan för Berga",
        start=start,
        end=end,
        measure="Vuxennärvaro i Berga",
        kind="Social",
        commitment="Tryggare Berga: Sex trygghetsvandringar i Berga",
    )
    measure = page.locator("#measure-1")
    assert "Sex trygghetsvandringar i Berga" in measure.inner_text()
    assert "Ingen rapporterad status" in measure.inner_text()

    # An activity, then a reported status more hopeful than the evidence.
    page.goto(f"{live_server.url}/personal/uppfoljning/lofte/{promise.pk}/")
    page.get_by_role("link", name=re.compile("^Logga aktivitet")).click()
    page.get_by_label(re.compile("^Vad gjordes")).fill("trygghetsvandring")
    page.get_by_label("Område").select_option(label="Berga")
    page.get_by_role("button", name="Spara aktiviteten").click()
    page.get_by_text("Aktiviteten är sparad.").wait_for()
    page.goto(f"{live_server.url}/personal/uppfoljning/lofte/{promise.pk}/")
    page.get_by_role("link", name=re.compile("^Bedömning")).click()
    page.get_by_label("Rapporterad status").select_option(label="Genomfört")
    page.get_by_role("button", name="Spara bedömningen").click()
    page.goto(f"{live_server.url}/personal/uppfoljning/lofte/{promise.pk}/")
    row = page.locator("table.evidence-table tbody tr").first
    assert "Genomfört" in row.inner_text()
    assert "Underlaget stöder inte den rapporterade statusen." in row.inner_text()

    # The measure rolls its commitment's follow-up up.
    page.goto(plan_url)
    measure = page.locator("#measure-1")
    assert measure.locator(".followup-reported").inner_text() == "Genomfört"
    evidenced = measure.locator(".followup-evidenced").inner_text()
    assert "Genomfört" not in evidenced
    assert "rapporterad status går längre än underlaget" in evidenced

    # Documents out: the PDF rendered and read back, the Word file opened.
    pdf_href = page.get_by_role("link", name="Ladda ner som PDF").get_attribute("href")
    _pdf_checked(
        page, f"{live_server.url}{pdf_href}", tmp_path, "Åtgärdsplan för Berga"
    )
    docx_href = page.get_by_role("link", name="Ladda ner som Word").get_attribute(
        "href"
    )
    response = page.request.get(f"{live_server.url}{docx_href}")
    assert response.ok
    from docx import Document

    document = Document(io.BytesIO(response.body()))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Åtgärdsplan för Berga"
    assert "Problem och troliga orsaker" in headings and "Åtgärder" in headings
    assert "1. Skadegörelse i Berga" in headings
    assert any(h.startswith("1. Vuxennärvaro i Berga") for h in headings)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Genomfört" in cells and "Enligt underlaget" in cells
