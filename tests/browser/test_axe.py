"""axe-core (4.12, vendored in axe-playwright-python) finds no violation on any page
type, at a phone's width (360 px) and a desktop's (1280 px).

The pages are the ones the Nu HTML Checker validates (tests/pagetypes.py), rendered
by the test client and loaded into Chromium at the live server's address, so their
stylesheets and scripts load as on the site. Every rule axe runs by default counts,
best practices included, whatever its impact.
"""

from __future__ import annotations

import pytest

from tests.pagetypes import page_types
from tests.test_permission_matrix import world as world  # noqa: F401 - the fixture

SIZES = {"phone": (360, 740), "desktop": (1280, 900)}
_STYLED = """() => [...document.styleSheets].every(sheet => sheet.cssRules.length > 0)
  && (document.querySelectorAll('link[rel=stylesheet]').length
      === document.styleSheets.length)"""


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("size", list(SIZES))
def test_no_page_type_has_an_axe_violation(
    live_server,
    browser,
    world,  # noqa: F811
    superuser,
    size,
):
    pages = page_types(world, superuser)
    width, height = SIZES[size]
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": width, "height": height},
        is_mobile=size == "phone",
    )
    page = context.new_page()
    found: list[str] = []
    try:
        page.goto(f"{live_server.url}/tillganglighet/")
        for item in pages:
            page.set_content(item.html, wait_until="load")
            # Every stylesheet the page links loaded (contrast is judged with them).
            assert page.evaluate(_STYLED), item.name
            found += [f"{item.name} ({item.role}): {v}" for v in _violations(page)]
    finally:
        context.close()
    assert found == [], "\n".join(found)
