"""A web page printed to PDF by Chromium — bullets drawn as shapes, not text — goes
through the real upload and review screens: every commitment is found whole, with
its party, marked in the text and offered as its own row, at desktop and phone size.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from medborgarloften.documents.draft import commitment_text
from medborgarloften.extract.tests import producers

PASSWORD = "test-losenord-123"


def _print_to_pdf(browser, path: Path) -> None:
    """The promise's web page, printed by the same Chromium (page.pdf)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(producers.web_page())
        path.write_bytes(page.pdf(format="A4", print_background=True))
    finally:
        context.close()


def _log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_editor")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))


def _upload_and_review(page, live_server, upload: Path) -> None:
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/personal/import/")
    page.get_by_label("Kommun").select_option(label="Kalmar kommun")
    page.get_by_label("Fil", exact=True).set_input_files(str(upload))
    page.get_by_role("button", name="Läs in och granska").click()
    page.wait_for_url(re.compile(r"/personal/import/\d+/$"))


def _assert_every_commitment(page) -> None:
    source = page.locator("[data-review-source]")
    commitments = producers.COMMITMENTS
    marked = [
        source.locator(f"#span-commitments-{index}").inner_text()
        for index in range(len(commitments))
    ]
    assert marked == list(commitments)
    assert source.locator(f"#span-commitments-{len(commitments)}").count() == 0
    for index, commitment in enumerate(commitments):
        row = page.locator(f"#commitments-{index}-row")
        # the text as the promise will show it (documents.draft.commitment_text)
        shown = commitment_text(commitment)
        assert row.locator("textarea[name$='-text']").input_value() == shown
    # Parties: the police's three, then the kommun's three.
    police = page.locator(
        "#commitments-0-row input[name$='-responsible'][value='polis']"
    )
    kommun = page.locator(
        "#commitments-5-row input[name$='-responsible'][value='kommun']"
    )
    assert police.is_checked() and kommun.is_checked()
    # Nothing lost on the way in: no "check the text" warning.
    assert page.locator(".reading-warnings").count() == 0


@pytest.mark.django_db(transaction=True)
def test_it_reviews_every_commitment_of_a_chromium_printed_pdf(
    live_server, browser, page, settings, tmp_path, kommun_editor, kalmar, lpo_kalmar
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = tmp_path / "medborgarlofte-kalmar.pdf"
    _print_to_pdf(browser, upload)
    assert upload.read_bytes().startswith(b"%PDF")

    _upload_and_review(page, live_server, upload)
    _assert_every_commitment(page)
    page.screenshot(path=str(tmp_path / "review-desktop.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_it_reviews_a_printed_pdf_on_a_phone(
    live_server,
    browser,
    phone_page,
    settings,
    tmp_path,
    kommun_editor,
    kalmar,
    lpo_kalmar,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = tmp_path / "medborgarlofte-kalmar.pdf"
    _print_to_pdf(browser, upload)

    _upload_and_review(phone_page, live_server, upload)
    _assert_every_commitment(phone_page)
    # The text panel fits the screen: no sideways scrolling on a phone.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1
