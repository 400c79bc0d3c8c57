"""A promise in another kommun's name, in a real browser (issue 13, M3): Kalmar's
editor names Nybro and publishes; Nybro's public page does not show it; Nybro's
editor finds it waiting on a phone, accepts it, and then the public sees it there."""

from __future__ import annotations

import re
from datetime import date

import pytest

from medborgarloften.promises.services import (
    CommitmentRow,
    PromiseFields,
    promise_create,
    promise_set_status,
)

from .test_promise_flow import PASSWORD, _serious_violations

TITLE = "Tryggare väg mellan Kalmar och Nybro"


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/$"))


@pytest.mark.django_db(transaction=True)
def test_a_kommun_accepts_a_promise_in_its_name_before_the_public_sees_it(
    live_server,
    browser,
    page,
    phone_page,
    kommun_editor,
    other_kommun_editor,
    kalmar,
    nybro,
):
    promise = promise_create(
        actor=kommun_editor,
        fields=PromiseFields(
            title=TITLE,
            parties=[kalmar, nybro],
            period_start=date(2025, 1, 1),
            period_end=date(2030, 12, 31),
        ),
        commitments=[CommitmentRow(text="Belysning längs cykelvägen.")],
    )
    promise = promise_set_status(actor=kommun_editor, promise=promise, status="adopted")
    promise_set_status(actor=kommun_editor, promise=promise, status="published")

    page.goto(f"{live_server.url}/kommun/0881/")
    assert TITLE not in page.content()
    page.goto(f"{live_server.url}/kommun/0880/")
    assert TITLE in page.content()

    # Kalmar's editor sees whose answer it waits for.
    _log_in(page, live_server, "kommun_editor")
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_text("Väntar på godkännande av Nybro kommun").is_visible()
    assert page.get_by_role("button", name=re.compile("Godkänn")).count() == 0
    assert _serious_violations(page) == []

    # Nybro's editor, on a phone, finds it in the list and accepts.
    _log_in(phone_page, live_server, "other_kommun_editor")
    waiting = phone_page.get_by_role("heading", name="Väntar på svar från Nybro kommun")
    assert waiting.is_visible()
    phone_page.get_by_role("link", name=TITLE).click()
    accept = phone_page.get_by_role("button", name="Godkänn för Nybro kommun")
    box = accept.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    accept.click()
    phone_page.wait_for_url(re.compile(rf"/personal/lofte/{promise.pk}/$"))
    assert phone_page.get_by_text("Nybro kommun står nu som part i löftet").is_visible()
    assert _serious_violations(phone_page) == []

    # A visitor who had not been here (the first one's browser keeps the page
    # it was sent for its max-age).
    visitor = browser.new_context(locale="sv-SE")
    try:
        fresh = visitor.new_page()
        fresh.goto(f"{live_server.url}/kommun/0881/")
        assert TITLE in fresh.content()
    finally:
        visitor.close()
