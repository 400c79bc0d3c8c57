"""The fragment cache (fragments.py): the promise and kommun pages' parts are kept
under the versions of what they show, so a write to promise P rebuilds P's parts and
its kommun's, and leaves promise Q's and another kommun's a hit; with the page cache
off (PAGE_CACHE=0) too, and not at all with FRAGMENT_CACHE=0."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.publishing import fragments, pagecache

from .test_views import _promise

PERIOD = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2099, 12, 31)}


def _get(client, url: str, **headers) -> tuple[int, str]:
    """Queries and body of an anonymous GET the page cache does not answer."""
    pagecache.caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def _log(promise, kind: str) -> None:
    activity_create(
        commitment=promise.commitments.order_by("position").first(),
        date=dt.date(2026, 3, 1),
        kind=kind,
    )


@pytest.fixture
def two(superuser, kalmar, nybro, lpo_kalmar):
    p = _promise(superuser, [kalmar, lpo_kalmar], title="Tryggare Kalmar", **PERIOD)
    q = _promise(superuser, [nybro, lpo_kalmar], title="Tryggare Nybro", **PERIOD)
    return p, q


def test_a_write_to_a_promise_rebuilds_its_fragments_only(client, two):
    p, q = two
    pages = {
        "p": reverse("publishing:promise", args=[p.uid]),
        "q": reverse("publishing:promise", args=[q.uid]),
        "kalmar": reverse("publishing:kommun", args=["0880"]),
        "nybro": reverse("publishing:kommun", args=["0881"]),
    }
    built = {name: _get(client, url) for name, url in pages.items()}
    assert all(queries > 0 for queries, _html in built.values())
    # Kept: the same page again reads nothing but the session-less request's own.
    for name, url in pages.items():
        assert _get(client, url) == (0, built[name][1]), name

    _log(p, "Helt ny trygghetsvandring")

    queries, html = _get(client, pages["p"])
    assert queries > 0 and "Helt ny trygghetsvandring" in html
    assert _get(client, pages["kalmar"])[0] > 0  # P's kommun
    assert _get(client, pages["q"]) == (0, built["q"][1])
    assert _get(client, pages["nybro"]) == (0, built["nybro"][1])


def test_a_new_title_shows_at_once_on_the_promise_and_its_kommun(client, two):
    p, _q = two
    url = reverse("publishing:promise", args=[p.uid])
    kommun = reverse("publishing:kommun", args=["0880"])
    _get(client, url), _get(client, kommun)
    p.title = "Trygga Kalmar"
    p.save()
    assert "<title>Trygga Kalmar" in _get(client, url)[1]
    assert "Trygga Kalmar" in _get(client, kommun)[1]


def test_each_language_and_page_number_has_its_own_fragment(client, two):
    p, _q = two
    url = reverse("publishing:promise", args=[p.uid])
    swedish = _get(client, url)[1]
    queries, english = _get(client, url, headers={"accept-language": "en"})
    assert queries > 0 and english != swedish
    assert _get(client, url)[1] == swedish
    assert _get(client, url + "?sida=2")[0] > 0


def test_a_promise_that_is_not_public_is_a_404_and_nothing_is_kept(
    client, superuser, kalmar, lpo_kalmar
):
    draft = _promise(superuser, [kalmar, lpo_kalmar], status="draft", **PERIOD)
    url = reverse("publishing:promise", args=[draft.uid])
    assert client.get(url).status_code == 404
    assert client.get(reverse("publishing:kommun", args=["9999"])).status_code == 404
    assert client.get(url).status_code == 404


def test_with_the_page_cache_off_fragments_still_count(client, settings, two):
    settings.PAGE_CACHE_ENABLED = False
    p, q = two
    url, other = (reverse("publishing:promise", args=[x.uid]) for x in (p, q))
    first = client.get(url)
    assert first[pagecache.HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again[pagecache.HEADER] == "miss"  # built, from the kept parts
    assert len(queries) == 0 and again.content == first.content
    client.get(other)
    _log(p, "Ännu en trygghetsvandring")
    assert "Ännu en trygghetsvandring" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(other)
    assert len(queries) == 0


def test_fragment_cache_off_builds_every_time(client, settings, two):
    settings.FRAGMENT_CACHE_ENABLED = False
    p, _q = two
    url = reverse("publishing:promise", args=[p.uid])
    first = _get(client, url)
    assert _get(client, url) == first and first[0] > 0


def test_cached_keeps_by_scope_name_and_vary(two):
    p, q = two
    calls: list[str] = []

    def build(name: str):
        def run() -> dict[str, str]:
            calls.append(name)
            return {"content": name}

        return run

    scope_p, scope_q = pagecache.promise_scope(p.uid), pagecache.promise_scope(q.uid)
    for _ in range(2):
        assert fragments.cached("x", scopes=[scope_p], build=build("p")) == {
            "content": "p"
        }
        fragments.cached("x", scopes=[scope_q], build=build("q"))
        fragments.cached("x", scopes=[scope_p], vary=[2], build=build("p2"))
    assert calls == ["p", "q", "p2"]
    pagecache.bump([scope_p])
    fragments.cached("x", scopes=[scope_p], build=build("p"))
    fragments.cached("x", scopes=[scope_q], build=build("q"))
    assert calls == ["p", "q", "p2", "p"]
    pagecache.bump_version()  # a write no scope describes: everything
    fragments.cached("x", scopes=[scope_q], build=build("q"))
    assert calls == ["p", "q", "p2", "p", "q"]
