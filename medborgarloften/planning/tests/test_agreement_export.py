"""A samverkansöverenskommelse as a KS/KF-ärende: tagged PDF and Word file with the
ärende block, parties, period, text and the åtgärder it implements; reachable from
the planning kommun page, for the kommun's members only."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from medborgarloften.planning import services

from .conftest import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(world):
    from medborgarloften.promises.models import Agreement

    built = build_plan(world)
    agreement = Agreement.objects.create(
        title="Samverkan Kalmar 2026",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        text="Kommunen och polisen samverkar kring Berga.\n\nUppföljning varje kvartal.",
        decision_body="Kommunstyrelsen",
        diarienummer="KS 2026/44",
    )
    agreement.parties.add(world.kommun, world.lpo)
    services.agreement_link(
        actor=world.editor, measure=built.measure, agreement=agreement
    )
    return agreement


def _url(world, agreement, fmt):
    return reverse(
        "planning:agreement_file", args=[world.kommun.code, agreement.pk, fmt]
    )


def test_the_kommun_page_links_the_agreement_documents(client, world, agreement):
    client.force_login(world.editor)
    html = client.get(reverse("planning:kommun", args=[world.kommun.code])).content
    assert _url(world, agreement, "pdf").encode() in html
    assert _url(world, agreement, "docx").encode() in html


def test_the_agreement_pdf_is_an_arende_with_its_measures(client, world, agreement):
    client.force_login(world.editor)
    response = client.get(_url(world, agreement, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        image = pdf.pages[0].to_image(resolution=40).original.convert("L")
    assert "KS 2026/44" in text and "Kommunstyrelsen" in text
    assert "Lokalpolisområde Kalmar" in text and "2026-01-01 – 2027-12-31" in text
    assert "Uppföljning varje kvartal." in text
    assert "Belysning" in text and "Åtgärdsplan 2026–2027" in text
    low, high = image.getextrema()
    assert low < 100 < high  # ink on paper, not a blank page


def test_the_agreement_docx_opens_with_the_headings(client, world, agreement):
    client.force_login(world.editor)
    response = client.get(_url(world, agreement, "docx"))
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        "Samverkan Kalmar 2026",
        "Parter och period",
        "Överenskommelsen",
        "Åtgärder som överenskommelsen genomför",
    ]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "KS 2026/44" in cells and "1. Belysning" in cells


def test_another_kommun_gets_no_agreement(
    client, world, agreement, other_kommun_editor
):
    client.force_login(other_kommun_editor)
    assert client.get(_url(world, agreement, "pdf")).status_code == 403
    own = reverse("planning:agreement_file", args=["0881", agreement.pk, "docx"])
    assert client.get(own).status_code == 404  # not a party to Nybro's agreements
