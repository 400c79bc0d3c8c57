"""Uncached public pages read in a bounded number of queries, however many rows they
show (issue #20, item 1): more commitments, activities, promises or hits must not
mean more queries (no per-row query)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.places.models import Area
from medborgarloften.publishing import pagecache
from medborgarloften.publishing.search import search_public

from .test_views import _promise

PERIOD = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2099, 12, 31)}

#: Queries each page may make when built (cache missed), whatever it shows.
BUDGET = {"promise": 12, "kommun": 4, "search": 8, "api": 9}


def _built(client, url: str) -> int:
    """Queries of one uncached anonymous GET of ``url`` (no page, no fragment kept)."""
    pagecache.caches["pages"].clear()
    pagecache.caches["fragments"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response[pagecache.HEADER] == "miss", url
    return len(queries)


def _grow(promise, areas, n: int) -> None:
    commitments = list(promise.commitments.order_by("position"))
    for i in range(n):
        activity_create(
            commitment=commitments[i % len(commitments)],
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
            kind=f"Trygghetsvandring {i}",
            area=areas[i % len(areas)],
        )


@pytest.fixture
def small(superuser, kalmar, lpo_kalmar):
    return _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar",
        commitments=2,
        **PERIOD,
    )


def test_it_builds_the_promise_page_in_the_same_queries_for_more_rows(
    client, superuser, kalmar, lpo_kalmar, small
):
    url = reverse("publishing:promise", args=[small.uid])
    # One activity: a page without any skips the timeline's queries.
    _grow(small, [Area.objects.get(kommun=kalmar, name="Centrum")], 1)
    _built(client, url)  # the search index and the like, once
    few = _built(client, url)
    big = _promise(
        superuser, [kalmar, lpo_kalmar], title="Större löfte", commitments=9, **PERIOD
    )
    areas = [
        Area.objects.get_or_create(kommun=kalmar, name=f"Del {i}")[0] for i in range(4)
    ]
    _grow(big, areas, 30)
    many = _built(client, reverse("publishing:promise", args=[big.uid]))
    _grow(small, areas, 30)
    assert _built(client, url) == few
    assert many == few
    assert few <= BUDGET["promise"]


def test_it_builds_the_kommun_page_and_search_in_the_same_queries_for_more_promises(
    client, superuser, kalmar, lpo_kalmar, small
):
    kommun = reverse("publishing:kommun", args=["0880"])
    search = reverse("publishing:search") + "?q=Tryggare"
    search_public("Tryggare", limit=10)  # index once
    counts = {"kommun": _built(client, kommun), "search": _built(client, search)}
    for i in range(6):
        promise = _promise(
            superuser,
            [kalmar, lpo_kalmar],
            title=f"Tryggare {i}",
            commitments=3,
            **PERIOD,
        )
        _grow(promise, [Area.objects.get(kommun=kalmar, name="Centrum")], 3)
    search_public("Tryggare", limit=10)
    assert _built(client, kommun) == counts["kommun"] <= BUDGET["kommun"]
    assert _built(client, search) == counts["search"] <= BUDGET["search"]


def test_it_builds_the_api_list_in_the_same_queries_for_more_rows(
    client, superuser, kalmar, lpo_kalmar, small
):
    urls = ["/api/v1/promises", "/api/v1/activities", "/api/v1/commitments"]
    before = {url: _built(client, url) for url in urls}
    for i in range(5):
        promise = _promise(
            superuser, [kalmar, lpo_kalmar], title=f"Löfte {i}", commitments=3, **PERIOD
        )
        _grow(promise, [Area.objects.get(kommun=kalmar, name="Centrum")], 4)
    for url in urls:
        assert _built(client, url) == before[url] <= BUDGET["api"], url


def test_it_lists_every_area_the_kommuns_promises_name_once_in_one_query(
    client, small, kalmar, nybro
):
    centrum = Area.objects.get(
        kommun=kalmar, name="Centrum"
    )  # focus areas, commitments
    norr = Area.objects.create(kommun=kalmar, name="Norr")
    soder = Area.objects.create(kommun=kalmar, name="Söder")
    Area.objects.create(kommun=kalmar, name="Öster")  # named by no promise
    elsewhere = Area.objects.create(kommun=nybro, name="Nybro torg")
    small.areas.add(norr)
    small.commitments.order_by("position").last().areas.add(soder, elsewhere)
    kommun = reverse("publishing:kommun", args=["0880"])
    queries = _built(client, kommun)
    html = client.get(kommun).content.decode()
    for area in (centrum, norr, soder):
        link = reverse("publishing:area", args=["0880", area.pk])
        assert html.count(f'href="{link}"') == 1, area.name
    assert "Öster" not in html
    assert "Nybro torg" not in html
    assert queries <= BUDGET["kommun"]
