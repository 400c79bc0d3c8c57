"""Every page type passes the offline HTML checker (tests/html_validity.py), which
runs wherever the suite runs, Java or not.

The Nu HTML Checker (tests/test_html_conformance.py) is the reference, and skips
where it is not installed; this test keeps the errors it found in this project from
coming back without it: a value from the query put unencoded in a link (a space in
a URL), an input whose aria-describedby names an error list the template never
wrote. The checker is first shown one broken document for each rule it has, so
that it cannot pass by finding nothing.
"""

from __future__ import annotations

import pytest

from .html_validity import problems
from .pagetypes import page_types
from .test_permission_matrix import world as world  # noqa: F401 - the fixture

AT_LEAST = 75


def _document(body: str, head: str = "<title>Sida</title>") -> str:
    return (
        f'<!doctype html><html lang="sv"><head>{head}</head><body>{body}</body></html>'
    )


#: One broken document per rule, with words of the problem it must be reported as.
BROKEN = {
    "a stray end tag": (_document("<p>Text</span></p>"), "unexpected-end-tag"),
    "a div closing a paragraph": (
        _document("<p><div>Block</div></p>"),
        "unexpected-end-tag",
    ),
    "a space in a query": (
        _document('<a href="/karta/?indikator=brott:Alla brott">Karta</a>'),
        "not allowed in a URL",
    ),
    "a space in a form's action": (
        _document('<form action="/pdf/?indikator=a b"><button>PDF</button></form>'),
        "not allowed in a URL",
    ),
    "a stray percent sign": (
        _document('<a href="/sok/?q=100%">Sök</a>'),
        "not allowed in a URL",
    ),
    "a duplicate id": (
        _document('<h2 id="karta">A</h2><h2 id="karta">B</h2>'),
        "duplicate id",
    ),
    "an id with a space": (_document('<h2 id="min karta">A</h2>'), "without spaces"),
    "aria-describedby naming nothing": (
        _document(
            '<label for="e">E-post</label>'
            '<input id="e" type="email" aria-describedby="e_error">'
        ),
        "names no element",
    ),
    "a label for nothing": (
        _document('<label for="saknas">E-post</label><input id="e">'),
        "names no element",
    ),
    "a link inside a button": (
        _document('<button type="button"><a href="/">Hem</a></button>'),
        "contains interactive",
    ),
    "a button inside a link": (
        _document('<a href="/"><button type="button">Hem</button></a>'),
        "contains interactive",
    ),
    "a focusable element inside a link": (
        _document('<a href="/"><span tabindex="0">Hem</span></a>'),
        "contains interactive",
    ),
    "a form inside a form": (
        _document("<form><fieldset><form></form></fieldset></form>"),
        "unexpected-start-tag",
    ),
    "a label inside a label": (
        _document("<label>Namn <label>Efternamn</label></label>"),
        "a label inside a label",
    ),
    "a paragraph in a list": (_document("<ul><p>Punkt</p></ul>"), "only li"),
    "a list item outside a list": (
        _document("<div><li>Punkt</li></div>"),
        "outside a list",
    ),
    "an image without alt": (_document('<img src="/bild.png">'), "without alt"),
    "an empty image source": (_document('<img src="" alt="">'), "empty src"),
    "an unknown role": (_document('<div role="knapp">A</div>'), "unknown role"),
    "a named div": (_document('<div aria-label="Ruta">A</div>'), "cannot be named"),
    "no title": (_document("<p>A</p>", head=""), "no title"),
    "no language": (
        "<!doctype html><html><head><title>A</title></head><body></body></html>",
        "no lang",
    ),
}

VALID = _document(
    '<header><nav aria-label="Meny"><ul><li><a href="/kommun/0880/?sida=2&amp;q=%C3%A5">'
    'Kalmar</a></li></ul></nav></header><main id="main"><h1>Löften</h1>'
    '<form method="post" action="/sok/?q=trygghet"><label for="q">Sök</label>'
    '<input id="q" name="q" aria-describedby="q_helptext"><p id="q_helptext">Hjälp</p>'
    '<button type="submit">Sök</button></form>'
    '<a href="/karta/?indikator=brott:Anm%C3%A4lda%20brott">Karta</a>'
    '<img src="/bild.png" alt=""><div role="region" aria-label="Karta">A</div></main>'
)


def test_the_checker_passes_a_valid_document():
    assert problems(VALID) == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_checker_reports_each_rule(name):
    html, words = BROKEN[name]
    found = problems(html)
    assert found, f"{name}: nothing found"
    assert any(words in line for line in found), found


@pytest.fixture
def pages(world, superuser):  # noqa: F811
    return page_types(world, superuser)


def test_every_page_type_passes_the_offline_checker(pages):
    assert len(pages) >= AT_LEAST, [p.name for p in pages]
    names = {page.name for page in pages}
    # The states whose errors the Nu checker found (see the module's doc) are walked.
    assert "situation:analysis for a crime category named in words" in names
    assert "publishing:subscribe sent back with errors" in names
    found = [
        f"{page.name} ({page.role}) {page.url}: {line}"
        for page in pages
        for line in problems(page.html)
    ]
    assert found == []
