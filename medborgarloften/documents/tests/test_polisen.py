"""The polite fetcher and the polisen.se walk, against a local web server."""

from __future__ import annotations

import httpx
import pytest

from medborgarloften.documents.polisen import (
    USER_AGENT,
    DoneState,
    Fetcher,
    check_readable,
    kommun_slug,
    polisen_links,
    promise_links,
)
from medborgarloften.extract.errors import ExtractError

from .conftest import PREFIX, polisen_page


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Kalmar", "kalmar"),
        ("Växjö", "vaxjo"),
        ("Upplands Väsby", "upplands-vasby"),
        ("Åre", "are"),
        ("Malung-Sälen", "malung-salen"),
        ("Örnsköldsvik", "ornskoldsvik"),
        ("Kalmar kommun", "kalmar"),
    ],
)
def test_it_makes_the_kommun_slug(name, slug):
    assert kommun_slug(name) == slug


def test_it_finds_promise_links_by_their_url_pattern():
    base = "https://polisen.se"
    links = promise_links(
        polisen_page("index", "Medborgarlöften").decode(), page_url=base + PREFIX
    )

    assert [(link.url, link.slug, link.is_lan) for link in links] == [
        (base + PREFIX + "kalmar/", "kalmar", False),
        (base + PREFIX + "kalmar-lan/", "kalmar-lan", True),
        (base + PREFIX + "vaxjo/", "vaxjo", False),
    ]


def test_it_reads_kommun_links_under_a_lan_page():
    page = "https://polisen.se" + PREFIX + "kalmar-lan/"
    links = promise_links(
        polisen_page("kalmar-lan", "Kalmar län").decode(), page_url=page
    )

    assert [link.slug for link in links] == ["nybro", "borgholm", "kalmar"]
    assert not any(link.is_lan for link in links)


def test_it_ignores_links_to_other_hosts():
    html = '<a href="https://example.org' + PREFIX + 'kalmar/">x</a>'

    assert promise_links(html, page_url="https://polisen.se/") == []


def test_it_waits_between_requests(polisen_site, fake_clock):
    fetcher = Fetcher(delay=2.5, clock=fake_clock.clock, sleep=fake_clock.sleep)
    for path in (PREFIX, PREFIX + "kalmar/", PREFIX + "kalmar-lan/"):
        fetcher.get(polisen_site.url + path)
    fetcher.close()

    assert fake_clock.sleeps == [2.5, 2.5]
    assert polisen_site.user_agents == [USER_AGENT] * 3
    assert "medborgarloften/" in USER_AGENT


def test_it_does_not_wait_when_enough_time_has_passed(polisen_site, fake_clock):
    fetcher = Fetcher(delay=2.0, clock=fake_clock.clock, sleep=fake_clock.sleep)
    fetcher.get(polisen_site.url + PREFIX)
    fake_clock.now += 1.5
    fetcher.get(polisen_site.url + PREFIX + "kalmar/")
    fake_clock.now += 5
    fetcher.get(polisen_site.url + PREFIX + "kalmar-lan/")
    fetcher.close()

    assert fake_clock.sleeps == [pytest.approx(0.5)]


def test_it_answers_from_the_cache(polisen_site, tmp_path, fake_clock):
    url = polisen_site.url + PREFIX + "kalmar/"
    first = Fetcher(delay=0, cache_dir=tmp_path / "cache")
    fetched = first.get(url)
    second = Fetcher(delay=0, cache_dir=tmp_path / "cache")
    cached = second.get(url)

    assert not fetched.from_cache and cached.from_cache
    assert cached.data == fetched.data
    assert cached.content_type == "text/html"
    assert polisen_site.hit_count(PREFIX + "kalmar/") == 1
    assert (second.requests, second.cache_hits) == (0, 1)


def test_it_bypasses_the_cache_on_refresh(polisen_site, tmp_path):
    url = polisen_site.url + PREFIX + "kalmar/"
    Fetcher(delay=0, cache_dir=tmp_path).get(url)
    again = Fetcher(delay=0, cache_dir=tmp_path, refresh=True).get(url)

    assert not again.from_cache
    assert polisen_site.hit_count(PREFIX + "kalmar/") == 2


def test_it_reports_a_404_in_one_line(polisen_site):
    with pytest.raises(ExtractError) as info:
        Fetcher(delay=0).get(polisen_site.url + PREFIX + "kalmar-lan/borgholm/")

    # The one HTTP client's words (lib.http), with the address the crawl was at.
    assert str(info.value) == (
        "Sidan finns inte (HTTP 404) / the page does not exist (HTTP 404): "
        + polisen_site.url
        + PREFIX
        + "kalmar-lan/borgholm/"
    )


def test_it_reports_a_timeout_in_one_line():
    def timeout(request):
        raise httpx.ReadTimeout("too slow", request=request)

    fetcher = Fetcher(delay=0, transport=httpx.MockTransport(timeout))
    with pytest.raises(ExtractError) as info:
        fetcher.get("https://polisen.se/seg/")

    assert str(info.value) == (
        "Servern svarade inte inom 30 s / the server did not answer within 30 s: "
        "https://polisen.se/seg/"
    )


def test_it_refuses_an_image(polisen_site):
    fetched = Fetcher(delay=0).get(polisen_site.url + PREFIX + "vaxjo/")

    with pytest.raises(ExtractError) as info:
        check_readable(fetched)

    assert "(image/png) / not a web page or document" in str(info.value)


def test_it_refuses_a_response_that_is_too_large(polisen_site):
    with pytest.raises(ExtractError) as info:
        Fetcher(delay=0, max_bytes=100).get(polisen_site.url + PREFIX + "kalmar/")

    assert "too large" in str(info.value)


def test_it_walks_the_index_and_the_lan_pages(polisen_site):
    links, failures = polisen_links(fetcher=Fetcher(delay=0), base_url=polisen_site.url)

    assert [link.slug for link in links] == ["kalmar", "nybro", "borgholm", "vaxjo"]
    assert failures == []


def test_it_restricts_the_walk_to_named_kommuner(polisen_site):
    links, failures = polisen_links(
        fetcher=Fetcher(delay=0),
        base_url=polisen_site.url,
        kommuner=["Nybro", "Växjö", "Ankeborg"],
    )

    assert [link.slug for link in links] == ["nybro", "vaxjo"]
    assert [f.slug for f in failures] == ["ankeborg"]
    assert "no promise page" in failures[0].error


def test_it_keeps_the_done_urls_in_a_file(tmp_path):
    state = DoneState(tmp_path / "done.json")
    state.add("https://polisen.se/a/")

    assert "https://polisen.se/a/" in DoneState(tmp_path / "done.json")
    assert "https://polisen.se/b/" not in DoneState(tmp_path / "done.json")


def test_it_stops_inflating_a_gzip_bomb_at_the_size_limit():
    import gzip
    import tracemalloc

    bomb = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)

    class OnTheWire(httpx.SyncByteStream):
        def __iter__(self):
            yield bomb

    def answer(request):
        return httpx.Response(
            200,
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
            stream=OnTheWire(),
        )

    fetcher = Fetcher(
        delay=0, max_bytes=1024 * 1024, transport=httpx.MockTransport(answer)
    )
    tracemalloc.start()
    try:
        with pytest.raises(ExtractError, match="too large"):
            fetcher.get("https://polisen.se/bomb/")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # before: the whole 64 MB, inflated at once
