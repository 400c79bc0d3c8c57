"""Follow-up in a real browser on a phone-sized screen: log three activities, watch
the progress bar move, write a report and render its PDF to an image."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from medborgarloften.places.models import Area
from medborgarloften.promises.models import Commitment, Promise

PASSWORD = "test-losenord-123"


@pytest.fixture
def commitment(kalmar, lpo_kalmar):
    today = dt.date.today()
    promise = Promise.objects.create(
        title="Tryggare Berga",
        period_start=today - dt.timedelta(days=200),
        period_end=today + dt.timedelta(days=400),
        status="published",
    )
    promise.parties.add(kalmar, lpo_kalmar)
    Area.objects.create(kommun=kalmar, name="Berga")
    return Commitment.objects.create(
        promise=promise,
        text="Kommunen genomför sex trygghetsvandringar i Berga.",
        responsible=["kommun"],
        target_quantity=6,
        target_unit="trygghetsvandringar",
        target_per="period",
    )


def _serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _progress(page) -> int:
    return int(page.locator("[data-progress]").first.get_attribute("data-progress"))


@pytest.mark.django_db(transaction=True)
def test_it_logs_three_activities_on_a_phone_and_renders_the_pdf(
    live_server, phone_page, kommun_editor, commitment, tmp_path
):
    page = phone_page
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_editor")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))

    page.goto(f"{live_server.url}/personal/uppfoljning/lofte/{commitment.promise_id}/")
    page.get_by_role("link", name=re.compile("^Logga aktivitet")).click()
    assert _progress(page) == 0
    # The form fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    seen = []
    for kind in ("trygghetsvandring", "trygghetsvandring", "medborgardialog"):
        page.get_by_label(re.compile("^Vad gjordes")).fill(kind)
        page.get_by_label("Område").select_option(label="Berga")
        page.get_by_role("button", name="Spara aktiviteten").click()
        page.get_by_text("Aktiviteten är sparad.").wait_for()
        seen.append(_progress(page))
    assert seen == [17, 33, 50]
    assert _serious_violations(page) == []

    page.goto(f"{live_server.url}/personal/uppfoljning/lofte/{commitment.promise_id}/")
    page.get_by_role("link", name="Ny uppföljningsrapport").click()
    page.get_by_role("button", name="Skapa utkast").click()
    page.get_by_role("heading", name="Produktion: mål och utfall").wait_for()
    # The PDF is made by a background job (run at once in tests); its page links the file.
    report_url = page.url
    page.get_by_role("button", name="PDF", exact=True).click()
    download = page.get_by_role("link", name=re.compile("^Ladda ner"))
    href = download.get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(response.body())

    page.goto(report_url)

    # Approve and publish: citizens can read it without logging in.
    page.get_by_role("button", name="Godkänn").click()
    page.get_by_role("button", name="Publicera").click()
    page.get_by_role("link", name="Den publika sidan").click()
    page.get_by_role("heading", name="Effekt: lägesbilden").wait_for()
    assert _serious_violations(page) == []

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm saknas / is missing (apt-get install poppler-utils)")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
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
    (png,) = tmp_path.glob("p-*.png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    # An A4 page at 60 dpi is about 496 × 702 pixels.
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert 490 <= width <= 500 and 698 <= height <= 706
    # Something is drawn on it: a blank page compresses to almost nothing.
    assert len(data) > 5000
