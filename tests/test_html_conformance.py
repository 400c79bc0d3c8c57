"""Every page type, staff pages included, is valid HTML by the Nu HTML Checker, uses no
inline style (the CSP has no 'unsafe-inline'), and links the accessibility statement
from its footer.

The pages come from tests/pagetypes.py (the URLconf walked with Kalmar's objects,
plus the states a URL alone does not reach); the checker runs once over all of them,
with one known-bad document beside them to prove it looked.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from .conformance_tools import vnu_command
from .pagetypes import page_types
from .test_permission_matrix import world as world  # noqa: F401 - the fixture

#: A page must not be counted valid because the checker never ran.
CANARY = '<!doctype html><html lang="sv"><title>x</title><p><div></p>'
#: The page types the walk must reach at least (it grows with the URLconf).
AT_LEAST = 75


@pytest.fixture
def pages(world, superuser):  # noqa: F811
    return page_types(world, superuser)


def test_every_page_type_is_valid_html(pages, tmp_path):
    command = vnu_command()
    assert len(pages) >= AT_LEAST, [p.name for p in pages]
    names = {}
    for number, page in enumerate(pages):
        path = tmp_path / f"page-{number:03d}.html"
        path.write_text(page.html, encoding="utf-8")
        names[path.name] = f"{page.name} ({page.role}) {page.url}"
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own arguments
        [*command, "--format", "json", "--errors-only", str(canary)]
        + [str(tmp_path / name) for name in names],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr)["messages"]
    errors: list[str] = []
    canary_errors = 0
    for message in messages:
        file = message.get("url", "").rsplit("/", 1)[-1]
        if file == "canary.html":
            canary_errors += 1
            continue
        errors.append(
            f"{names.get(file, file)} line {message.get('lastLine')}: "
            f"{message['type']}: {message['message']}"
        )
    assert canary_errors >= 1, "the checker found nothing in a broken document"
    assert errors == []


def test_no_page_type_has_inline_style_and_every_footer_links_the_statement(pages):
    """The CSP allows styles only from our static files; DIGG wants the statement
    reachable from every page."""
    inline = [
        f"{page.name} ({page.role})"
        for page in pages
        if re.search(r"<style\b|<[a-zA-Z][^>]*\sstyle\s*=", page.html, re.I)
    ]
    assert inline == []
    with_footer = [page for page in pages if "<footer" in page.html]
    assert len(with_footer) >= AT_LEAST - 5
    missing = [
        f"{page.name} ({page.role})"
        for page in with_footer
        if 'href="/tillganglighet/"' not in page.html[page.html.index("<footer") :]
    ]
    assert missing == []


def test_no_stylesheet_hides_the_focus_of_anything_a_user_can_tab_to():
    """``outline: none`` only where focus is set by script on a non-interactive
    landmark (``main`` after the skip link), never on links or controls."""
    from pathlib import Path

    allowed = {"main:focus"}
    css_dir = Path(__file__).resolve().parents[1] / "medborgarloften/static"
    offenders = []
    for path in css_dir.rglob("*.css"):
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", path.read_text()):
            if re.search(r"outline\s*:\s*(none|0)\b", body):
                for selector in selectors.split(","):
                    selector = re.sub(r"/\*.*?\*/", "", selector, flags=re.S).strip()
                    if selector not in allowed:
                        offenders.append(f"{path.name}: {selector}")
    assert offenders == []
