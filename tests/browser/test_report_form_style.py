"""The EST report form, a reporter's main screen, on a 360 px phone: categories are
large tiles in a grid (not a bulleted list), the time field is styled like the
other inputs, and nothing is wider than the screen."""

from __future__ import annotations

import re

import pytest

PASSWORD = "test-losenord-123"


@pytest.mark.django_db(transaction=True)
def test_the_report_form_is_styled_on_a_phone(live_server, phone_page, kommun_reporter):
    page = phone_page
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommun_reporter")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/personal/"))
    page.goto(f"{live_server.url}/personal/lagesbild/0880/rapportera/")
    tiles = page.locator(".tiles")
    tiles.wait_for()
    style = tiles.evaluate(
        "ul => { const s = getComputedStyle(ul);"
        " return [s.display, s.listStyleType, s.paddingLeft]; }"
    )
    assert style == ["grid", "none", "0px"], style
    label = page.locator(".tiles label").first
    box = label.bounding_box()
    assert box["height"] >= 44, box  # a thumb-sized target
    assert label.evaluate("l => getComputedStyle(l).borderTopWidth") != "0px"
    when = page.locator("input[type=datetime-local]")
    assert when.evaluate("i => getComputedStyle(i).borderTopWidth") == "2px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Choosing a tile marks it.
    page.locator(".tiles label").nth(1).click()
    marked = page.locator(".tiles li").nth(1).locator("label")
    assert marked.evaluate("l => getComputedStyle(l).borderTopColor") != label.evaluate(
        "l => getComputedStyle(l).borderTopColor"
    )
