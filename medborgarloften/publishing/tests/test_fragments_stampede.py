"""One rebuild of a fragment at a time: after a write made a fragment a miss, the
first request rebuilds it under the fragment's lock (``pagestore.py``) and the others
get its last copy instead of building the same fragment side by side; without a last
copy they build it too. The "other requests" run from inside the first build, so
while its lock is held; counters, not timings, show who built."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from medborgarloften.publishing import fragments, pagecache, pagestore

from .test_views import _promise

PERIOD = {"period_start": dt.date(2025, 1, 1), "period_end": dt.date(2099, 12, 31)}
SCOPE = pagecache.kommun_scope("0880")


@pytest.fixture
def clock(monkeypatch):
    now = [pagestore.clock()]
    monkeypatch.setattr(pagestore, "clock", lambda: now[0])
    return now


class Builder:
    """Builds the fragment "x" of SCOPE as ``{"content": label}``, counting builds;
    ``during`` runs inside the first build and keeps what it answered."""

    def __init__(self) -> None:
        self.count = 0
        self.label = "v1"
        self.during = None
        self.answers: list = []

    def build(self) -> dict[str, str]:
        self.count += 1
        if self.count == 1 and self.during is not None:
            self.answers = self.during()
        return {"content": self.label}

    def get(self) -> dict[str, str]:
        return fragments.cached("x", scopes=[SCOPE], build=self.build)

    def write(self, label: str) -> None:
        """A write to the scope: the next request misses and builds ``label``."""
        pagecache.bump([SCOPE])
        self.label = label
        self.count = 0


@pytest.fixture
def builder(db) -> Builder:
    return Builder()


def test_only_one_request_rebuilds_while_the_others_get_the_last_copy(builder):
    assert builder.get() == {"content": "v1"}
    builder.write("v2")
    builder.during = lambda: [builder.get() for _ in range(3)]
    assert builder.get() == {"content": "v2"}
    assert builder.count == 1
    assert builder.answers == [{"content": "v1"}] * 3
    # The lock went with the rebuild: the next request gets the new fragment.
    assert builder.get() == {"content": "v2"}
    assert builder.count == 1


def test_a_fragment_never_built_is_built_by_each_request_that_finds_it_locked(
    builder,
):
    builder.during = lambda: [builder.get()]
    assert builder.get() == {"content": "v1"}
    assert builder.count == 2
    assert builder.answers == [{"content": "v1"}]


def test_a_lock_whose_builder_died_is_taken_over(builder, clock):
    builder.get()
    builder.write("v2")

    def later():
        clock[0] += pagestore.LOCK_SECONDS + 1
        return [builder.get()]

    builder.during = later
    builder.get()
    assert builder.count == 2
    assert builder.answers == [{"content": "v2"}]


def test_a_last_copy_too_old_is_not_served(builder, clock):
    builder.get()
    builder.write("v2")
    clock[0] += pagestore.STALE_SECONDS + 1
    builder.during = lambda: [builder.get()]
    builder.get()
    assert builder.count == 2
    assert builder.answers == [{"content": "v2"}]


def test_a_failed_build_lets_the_lock_go_and_keeps_nothing(builder):
    builder.get()
    builder.write("v2")

    def broken() -> dict[str, str]:
        raise LookupError("gone")

    with pytest.raises(LookupError):
        fragments.cached("x", scopes=[SCOPE], build=broken)
    builder.during = lambda: [builder.get()]
    assert builder.get() == {"content": "v2"}
    # The lock was free again: this request built; the one inside it got the copy.
    assert builder.count == 1
    assert builder.answers == [{"content": "v1"}]


def test_a_rebuild_of_one_fragment_leaves_another_scopes_fragment_alone(builder):
    other = pagecache.kommun_scope("0881")
    calls: list[str] = []

    def other_build() -> dict[str, str]:
        calls.append("other")
        return {"content": "other"}

    builder.get()
    fragments.cached("x", scopes=[other], build=other_build)
    builder.write("v2")
    builder.during = lambda: [fragments.cached("x", scopes=[other], build=other_build)]
    builder.get()
    assert builder.answers == [{"content": "other"}]
    assert calls == ["other"]


def test_the_kommun_page_without_page_cache_is_built_once_for_concurrent_misses(
    client, settings, builds, superuser, kalmar, lpo_kalmar
):
    settings.PAGE_CACHE_ENABLED = False
    promise = _promise(
        superuser, [kalmar, lpo_kalmar], title="Tryggare Kalmar", **PERIOD
    )
    url = reverse("publishing:kommun", args=["0880"])
    before = client.get(url).content.decode()
    promise.title = "Lugnare Kalmar"
    promise.save()
    builds["count"] = 0
    builds["during"] = lambda: [client.get(url) for _ in range(2)]
    after = client.get(url).content.decode()
    assert builds["count"] == 1
    assert "Lugnare Kalmar" in after
    for answer in builds["answers"]:
        assert answer.status_code == 200
        assert answer.content.decode() == before
    assert len(builds["answers"]) == 2
    assert client.get(url).content.decode() == after
    assert builds["count"] == 1


def test_a_last_copy_is_never_served_for_another_scope(builder):
    """The same name and vary under another scope is another fragment: its last
    copy is not served for this one."""
    other = pagecache.kommun_scope("0881")
    fragments.cached("x", scopes=[other], build=lambda: {"content": "other"})
    builder.during = lambda: [builder.get()]
    builder.get()
    assert builder.count == 2
    assert builder.answers == [{"content": "v1"}]
