"""One rebuild at a time (issue #20): while one request rebuilds a page a write made
stale, the others get the last copy, marked ``stale``, instead of building the same
page side by side (``pagestore.py``). The "other requests" are made from inside the
rebuild, so they run while its lock is held; counters, not timings, show who built."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.publishing import pagestore
from medborgarloften.publishing.pagecache import HEADER

from .test_views import _promise

PERIOD = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2099, 12, 31)}
KALMAR = reverse("publishing:kommun", args=["0880"])
NYBRO = reverse("publishing:kommun", args=["0881"])


@pytest.fixture
def promise_a(superuser, kalmar, lpo_kalmar):
    return _promise(superuser, [kalmar, lpo_kalmar], title="Tryggare Kalmar", **PERIOD)


@pytest.fixture
def promise_b(superuser, nybro, lpo_nybro, promise_a):
    return _promise(superuser, [nybro, lpo_nybro], title="Tryggare Nybro", **PERIOD)


@pytest.fixture
def clock(monkeypatch):
    now = [pagestore.clock()]
    monkeypatch.setattr(pagestore, "clock", lambda: now[0])
    return now


def _rename(promise, title: str) -> None:
    promise.title = title
    promise.save()


def test_a_write_makes_the_next_request_rebuild_the_page(client, promise_a, builds):
    assert client.get(KALMAR)[HEADER] == "miss"
    assert client.get(KALMAR)[HEADER] == "hit"
    _rename(promise_a, "Lugnare Kalmar")
    response = client.get(KALMAR)
    assert response[HEADER] == "miss"
    assert "Lugnare Kalmar" in response.content.decode()
    assert client.get(KALMAR)[HEADER] == "hit"
    assert builds["count"] == 2


def test_only_one_request_rebuilds_while_the_others_get_the_last_copy(
    client, promise_a, builds
):
    client.get(KALMAR)
    _rename(promise_a, "Lugnare Kalmar")
    builds["count"] = 0
    builds["during"] = lambda: [client.get(KALMAR) for _ in range(3)]
    first = client.get(KALMAR)
    assert builds["count"] == 1
    assert first[HEADER] == "miss"
    assert "Lugnare Kalmar" in first.content.decode()
    for answer in builds["answers"]:
        assert answer.status_code == 200
        assert answer[HEADER] == pagestore.STALE
        assert "Tryggare Kalmar" in answer.content.decode()
    assert len(builds["answers"]) == 3
    # The lock went with the rebuild: the next request gets the new page.
    after = client.get(KALMAR)
    assert after[HEADER] == "hit"
    assert "Lugnare Kalmar" in after.content.decode()


def test_a_page_never_built_is_built_by_each_request_that_finds_it_locked(
    client, promise_a, builds
):
    builds["during"] = lambda: [client.get(KALMAR)]
    assert client.get(KALMAR)[HEADER] == "miss"
    assert builds["count"] == 2
    assert builds["answers"][0][HEADER] == "miss"


def test_a_lock_whose_builder_died_is_taken_over(client, promise_a, builds, clock):
    client.get(KALMAR)
    _rename(promise_a, "Lugnare Kalmar")
    builds["count"] = 0

    def later():
        clock[0] += pagestore.LOCK_SECONDS + 1
        return [client.get(KALMAR)]

    builds["during"] = later
    client.get(KALMAR)
    assert builds["count"] == 2
    assert builds["answers"][0][HEADER] == "miss"
    assert "Lugnare Kalmar" in builds["answers"][0].content.decode()


def test_a_last_copy_too_old_is_not_served(client, promise_a, builds, clock):
    client.get(KALMAR)
    _rename(promise_a, "Lugnare Kalmar")
    clock[0] += pagestore.STALE_SECONDS + 1
    builds["count"] = 0
    builds["during"] = lambda: [client.get(KALMAR)]
    client.get(KALMAR)
    assert builds["count"] == 2
    assert builds["answers"][0][HEADER] == "miss"


def test_a_rebuild_in_one_kommun_leaves_another_kommuns_page_cached(
    client, promise_a, promise_b, builds
):
    client.get(KALMAR)
    client.get(NYBRO)
    _rename(promise_a, "Lugnare Kalmar")
    builds["count"] = 0
    builds["during"] = lambda: [client.get(NYBRO)]
    assert client.get(KALMAR)[HEADER] == "miss"
    assert builds["answers"][0][HEADER] == "hit"
    assert builds["count"] == 1
