"""In a real browser: the browser's language picks the page's language (lang on <html>
true to the content), and the switch in the header — a plain form, so it works
without JavaScript — overrides it for the rest of the visit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .test_public_pages import published as published  # noqa: F401 - the fixture


def _context(browser, locale: str, *, javascript: bool = True):
    return browser.new_context(
        locale=locale,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )


@pytest.mark.django_db(transaction=True)
def test_an_english_browser_gets_english_and_a_swedish_one_swedish(
    live_server,
    browser,
    published,  # noqa: F811
):
    url = f"{live_server.url}{reverse('publishing:promise', args=[published.uid])}"
    for locale, lang, words in (
        ("en-GB", "en", "Skip to content"),
        ("sv-SE", "sv", "Hoppa till innehållet"),
    ):
        context = _context(browser, locale)
        page = context.new_page()
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("link", name=words).count() == 1
        assert page.get_by_role("heading", level=1, name="Tryggare Kalmar").count()
        context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False])
def test_the_language_switch_persists_across_pages(
    live_server,
    browser,
    published,  # noqa: F811
    javascript,
):
    context = _context(browser, "sv-SE", javascript=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/oversikt/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/oversikt/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("heading", name="Citizen promises in the whole country").wait_for()

    page.get_by_role("link", name="All promises").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(f"{live_server.url}{reverse('publishing:promise', args=[published.uid])}")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("link", name="Hoppa till innehållet").wait_for(state="attached")
    context.close()
