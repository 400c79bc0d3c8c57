"""The signed-in header: at most two lines on a 1366 px screen, whatever menu the
user has; on a phone (390 px) both menus fold behind a "Meny" button that the
keyboard opens and closes, and nothing scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.test_promise_flow import _log_in, _serious_violations

#: The tops of the lines the header's links and buttons stand on.
_LINES = """() => {
  const tops = new Set();
  for (const el of document.querySelectorAll('.site-header a, .site-header button')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.height) tops.add(Math.round(box.top + box.height / 2));
  }
  return [...tops].sort((a, b) => a - b);
}"""


def _context(browser, width: int, height: int):
    return browser.new_context(
        locale="sv-SE",
        viewport={"width": width, "height": height},
        is_mobile=width < 500,
    )


def _lines(page) -> int:
    """Distinct lines, taking items whose middles lie within 8 px as one line."""
    tops = page.evaluate(_LINES)
    lines = 0
    last = None
    for top in tops:
        if last is None or top - last > 8:
            lines += 1
        last = top
    return lines


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["kommun_editor", "superuser"])
def test_the_signed_in_header_takes_two_lines_at_1366_px(
    live_server, browser, kalmar, kommun_editor, superuser, who
):
    context = _context(browser, 1366, 900)
    try:
        page = context.new_page()
        _log_in(page, live_server, who)
        assert page.get_by_role("button", name="Meny").is_hidden()
        assert _lines(page) <= 2
        # The menus are still named landmarks with every link.
        main = page.get_by_role("navigation", name="Huvudmeny")
        assert main.get_by_role("link", name="Arbeta med löften").is_visible()
        account = page.get_by_role("navigation", name="Konto")
        assert account.get_by_role("button", name=f"Logga ut {who}").is_visible()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_menus_fold_behind_a_button_the_keyboard_opens(
    live_server, browser, kalmar, kommun_editor
):
    context = _context(browser, 390, 844)
    try:
        page = context.new_page()
        _log_in(page, live_server, "kommun_editor")
        toggle = page.get_by_role("button", name="Meny")
        assert toggle.get_attribute("aria-expanded") == "false"
        main = page.get_by_role("navigation", name="Huvudmeny")
        assert main.is_hidden()
        assert _lines(page) == 1
        # The header leaves the screen to the page.
        assert page.locator(".site-header").bounding_box()["height"] < 70
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        link = main.get_by_role("link", name="Arbeta med löften")
        assert link.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Alla löften"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert _serious_violations(page) == []
        # Escape folds the menu and puts focus back on the button.
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.dataset.navToggle") == ""
        link_in_account = page.get_by_role("link", name="Mitt konto")
        assert link_in_account.is_hidden()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_phone_shows_the_menus_open(live_server, browser):
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        assert page.get_by_role("button", name="Meny").is_hidden()
        assert page.get_by_role("link", name="Logga in").is_visible()
        assert page.get_by_role("link", name="Sök", exact=True).is_visible()
    finally:
        context.close()
