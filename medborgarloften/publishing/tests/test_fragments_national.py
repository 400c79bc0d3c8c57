"""The national pages' fragments (search results, the overview's filter and figures,
an API list page's rows): kept under the national lists' version, so a change to a
public promise rebuilds them at once, a draft's change leaves them a hit; with the
page cache off (PAGE_CACHE=0) too, and built every time with FRAGMENT_CACHE=0. And
the overview, like search and the API list (test_query_counts.py), reads the same
number of queries however many promises it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.publishing import pagecache

from .test_fragments import _get
from .test_views import _promise

PERIOD = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2099, 12, 31)}

#: Queries the overview may make when built with nothing kept.
OVERVIEW_BUDGET = 12


def _national() -> dict[str, str]:
    return {
        "search": reverse("publishing:search") + "?q=Tryggare",
        "overview": reverse("publishing:overview"),
        "overview_filtered": reverse("publishing:overview") + "?fran=2024&till=2026",
        "api": "/api/v1/promises",
    }


@pytest.fixture
def public_and_draft(superuser, kalmar, nybro, lpo_kalmar):
    public = _promise(
        superuser, [kalmar, lpo_kalmar], title="Tryggare Kalmar", **PERIOD
    )
    draft = _promise(
        superuser, [nybro, lpo_kalmar], title="Tryggare Nybro", status="draft", **PERIOD
    )
    return public, draft


def _warm(client, urls: dict[str, str]) -> dict[str, str]:
    """Build every page once (on SQLite search brings its index up to date on the
    first build, which replaces the national version: build again)."""
    for url in urls.values():
        _get(client, url)
    return {name: _get(client, url)[1] for name, url in urls.items()}


def test_a_public_change_rebuilds_the_national_fragments_a_draft_change_does_not(
    client, public_and_draft
):
    public, draft = public_and_draft
    urls = _national()
    built = _warm(client, urls)
    for name, url in urls.items():
        assert _get(client, url) == (0, built[name]), name

    draft.title = "Tryggare Nybro, utkast två"
    draft.save()
    for name, url in urls.items():
        assert _get(client, url) == (0, built[name]), name

    public.title = "Tryggare Kalmar centrum"
    public.save()
    for name, url in urls.items():
        queries, html = _get(client, url)
        assert queries > 0, name
        if name in ("search", "api"):
            assert "Tryggare Kalmar centrum" in html, name


def test_a_logged_activity_rebuilds_the_overview_and_the_api_list(
    client, public_and_draft
):
    public, _draft = public_and_draft
    urls = _national()
    _warm(client, urls)
    activity_create(
        commitment=public.commitments.order_by("position").first(),
        date=dt.date(2026, 3, 1),
        kind="Trygghetsvandring i centrum",
    )
    assert _get(client, urls["overview"])[0] > 0
    assert _get(client, "/api/v1/activities")[0] > 0
    assert "Trygghetsvandring i centrum" in _get(client, "/api/v1/activities")[1]


def test_each_query_language_and_filter_has_its_own_fragment(client, public_and_draft):
    urls = _national()
    _warm(client, urls)
    queries, english = _get(client, urls["overview"], headers={"accept-language": "en"})
    assert queries > 0 and english != _get(client, urls["overview"])[1]
    for url in (
        reverse("publishing:search") + "?q=Tryggare&start=20",
        reverse("publishing:search") + "?q=Kalmar",
        reverse("publishing:overview") + "?fran=2025",
        "/api/v1/promises?limit=1",
    ):
        assert _get(client, url)[0] > 0, url
    # A filter as typed: the form shows it, so 02025 is not the fragment of 2025.
    assert (
        'value="02025"'
        in _get(client, reverse("publishing:overview") + "?fran=02025")[1]
    )


def test_an_invalid_overview_filter_is_a_400_with_its_errors_and_nothing_kept(
    client, public_and_draft
):
    url = reverse("publishing:overview") + "?fran=1999"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 400
        assert "Från år: tidigast 2000." in response.content.decode()


def test_with_the_page_cache_off_the_fragments_still_count(
    client, settings, public_and_draft
):
    settings.PAGE_CACHE_ENABLED = False
    urls = _national()
    built = _warm(client, urls)
    for name, url in urls.items():
        response = client.get(url)
        assert response[pagecache.HEADER] == "miss"
        assert _get(client, url) == (0, built[name]), name


def test_fragment_cache_off_builds_every_time(client, settings, public_and_draft):
    settings.FRAGMENT_CACHE_ENABLED = False
    urls = _national()
    built = _warm(client, urls)
    for name, url in urls.items():
        queries, html = _get(client, url)
        assert queries > 0 and html == built[name], name


def test_the_overview_reads_the_same_queries_for_more_promises(
    client, superuser, kalmar, nybro, lpo_kalmar, public_and_draft
):
    url = reverse("publishing:overview")

    def built() -> int:
        pagecache.caches["fragments"].clear()
        return _get(client, url)[0]

    few = built()
    for i in range(5):
        promise = _promise(
            superuser,
            [nybro if i % 2 else kalmar, lpo_kalmar],
            title=f"Löfte {i}",
            commitments=3,
            period_start=dt.date(2020 + i, 1, 1),
            period_end=dt.date(2099, 12, 31),
        )
        activity_create(
            commitment=promise.commitments.order_by("position").first(),
            date=dt.date(2026, 3, 1),
            kind=f"Trygghetsvandring {i}",
        )
    assert built() == few <= OVERVIEW_BUDGET


def test_the_api_list_skips_the_rows_of_a_draft_between_its_promises(
    client, superuser, kalmar, nybro, lpo_kalmar
):
    first = _promise(superuser, [kalmar, lpo_kalmar], title="Första", commitments=2)
    _promise(
        superuser, [nybro, lpo_kalmar], title="Utkast", status="draft", commitments=9
    )
    last = _promise(superuser, [kalmar, lpo_kalmar], title="Sista", commitments=3)
    rows = {row["id"]: row for row in client.get("/api/v1/promises").json()["data"]}
    assert set(rows) == {str(first.uid), str(last.uid)}
    assert rows[str(first.uid)]["commitment_count"] == 2
    assert rows[str(last.uid)]["commitment_count"] == 3
    assert rows[str(first.uid)]["kommun_codes"] == ["0880"]
