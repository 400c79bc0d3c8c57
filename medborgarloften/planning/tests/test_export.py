"""The lägesbild and the åtgärdsplan as files for a KS/KF-ärende: a tagged PDF with
the ärende block and the chain, rendered to an image that is not blank, and a Word
file that opens with the same content."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from .conftest import build_plan

pytestmark = pytest.mark.django_db


def test_the_plan_pdf_carries_the_arende_and_the_chain(client, world):
    built = build_plan(world)
    client.force_login(world.editor)
    response = client.get(reverse("planning:plan_file", args=[built.plan.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        image = pdf.pages[0].to_image(resolution=40).original.convert("L")
    assert "KS 2026/30" in text and "Kommunfullmäktige" in text
    assert "1. Skadegörelse i Berga" in text
    assert "Ny belysning i Berga" in text
    low, high = image.getextrema()
    assert low < 100 < high  # ink on paper, not a blank page


def test_the_lagesbild_docx_opens_with_its_sections_and_figures(client, world):
    build_plan(world)
    client.force_login(world.editor)
    response = client.get(
        reverse("planning:report_file", args=[world.report.pk, "docx"])
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Skolan" in text and "Källor: Skolverket 2025" in text
    assert "KS 2026/12" in cells
    assert "Misshandel" in cells
    assert document.core_properties.title == "Lägesbild Kalmar 2025 (v1)"


def test_a_draft_plan_docx_proposes_a_decision(client, world):
    built = build_plan(world, adopt=False)
    client.force_login(world.editor)
    response = client.get(reverse("planning:plan_file", args=[built.plan.pk, "docx"]))
    cells = [
        c.text
        for t in Document(io.BytesIO(response.content)).tables
        for r in t.rows
        for c in r.cells
    ]
    assert any(c.startswith("Förslag till beslut") for c in cells)


def test_another_kommun_gets_no_file(client, world, other_kommun_editor):
    client.force_login(other_kommun_editor)
    url = reverse("planning:report_file", args=[world.report.pk, "pdf"])
    assert client.get(url).status_code == 403


def _pdf_text(response):
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.split())


def test_the_plan_pdf_shows_the_evidence_parties_and_causes_as_the_page(client, world):
    from medborgarloften.planning import services

    built = build_plan(world, adopt=False)
    services.measure_add(
        actor=world.editor, plan=built.plan, title="Fritidsgård", kind="social"
    )
    client.force_login(world.editor)
    page = client.get(reverse("planning:plan", args=[built.plan.pk])).content.decode()
    assert "Lokalpolisområde Kalmar" in page and "ingen orsak" in page
    text = _pdf_text(
        client.get(reverse("planning:plan_file", args=[built.plan.pk, "pdf"]))
    )
    assert "Parter: Lokalpolisområde Kalmar" in text
    assert "Underlag i lägesbilden: Skolan; Misshandel" in text
    assert "Verkar på ingen orsak" in text
    response = client.get(reverse("planning:plan_file", args=[built.plan.pk, "docx"]))
    document = Document(io.BytesIO(response.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Parter: Lokalpolisområde Kalmar" in paragraphs
    assert "Underlag i lägesbilden: Skolan; Misshandel" in paragraphs
    assert "ingen orsak" in cells


def test_figures_are_written_as_the_language_writes_numbers(client, world):
    from django.utils import translation

    from medborgarloften.planning.selectors import annotate_plan, plan_queryset
    from medborgarloften.situation.models import CrimeStatistic

    CrimeStatistic.objects.filter(year=2025, area__isnull=True).update(
        rate_per_100k=10439.4
    )
    client.force_login(world.editor)
    page = client.get(reverse("planning:report", args=[world.report.pk])).text
    assert "10\u00a0439,4" in page and "10439" not in page
    built = build_plan(world)  # adoption stores the figures
    plan = plan_queryset().get(pk=built.plan.pk)
    annotate_plan(plan, built.plan.situation_report.figures)
    label = plan.problems.all()[0].figure_labels[0]
    assert label == "Misshandel: 10\u00a0439,4 per 100 000 invånare (2025)"
    with translation.override("en"):
        annotate_plan(plan, built.plan.situation_report.figures)
        assert "10,439.4" in plan.problems.all()[0].figure_labels[0]
    text = _pdf_text(
        client.get(reverse("planning:plan_file", args=[built.plan.pk, "pdf"]))
    )
    assert "10 439,4 per 100 000 invånare" in text.replace("\u00a0", " ")
    response = client.get(
        reverse("planning:report_file", args=[world.report.pk, "docx"])
    )
    cells = [
        c.text
        for t in Document(io.BytesIO(response.content)).tables
        for r in t.rows
        for c in r.cells
    ]
    assert "10\u00a0439,4" in cells
