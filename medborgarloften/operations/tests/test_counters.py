"""The shared counters (lib/counters.py) on both stores: files under DATA_DIR
and Redis (the server every machine of ours runs on 127.0.0.1:6379)."""

from __future__ import annotations

import uuid

import pytest

from medborgarloften.lib import counters

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture(params=["files", "redis"])
def store(request, settings, tmp_path):
    if request.param == "files":
        settings.RATELIMIT_DIR = tmp_path / "ratelimit"
        settings.RATELIMIT_CACHE = ""
    else:
        from django.core.cache import caches

        settings.CACHES = {
            **settings.CACHES,
            "ratelimit-test": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                # Every run its own keys: nothing to clear, nothing of others touched.
                "KEY_PREFIX": f"mbl-test-{uuid.uuid4().hex}",
            },
        }
        settings.RATELIMIT_CACHE = "ratelimit-test"
        yield request.param
        caches["ratelimit-test"].close()
        return
    yield request.param


def test_it_reads_a_count_without_adding_to_it(store):
    assert counters.current("n", 60, now=1000) == 0
    assert counters.increment("n", 60, now=1000)[0] == 1
    assert counters.increment("n", 60, now=1001)[0] == 2
    assert counters.current("n", 60, now=1002) == 2
    assert counters.current("n", 60, now=1002) == 2
    assert counters.current("n", 60, now=1020 + 60) == 0  # the next window


def test_it_lets_a_name_be_claimed_once(store):
    assert counters.claim("token", 3600, now=10_000)
    assert not counters.claim("token", 3600, now=10_001)
    assert counters.claimed("token", 3600, now=10_002)
    assert not counters.claimed("other", 3600, now=10_002)


def test_a_claim_is_seen_for_at_least_its_window(store):
    assert counters.claim("token", 3600, now=7199)  # the last second of a slot
    assert not counters.claim("token", 3600, now=7199 + 3599)
    assert counters.claimed("token", 3600, now=7199 + 3599)


def test_a_released_claim_can_be_claimed_again(store):
    assert counters.claim("token", 600, now=50)
    counters.release("token", 600, now=51)
    assert not counters.claimed("token", 600, now=52)
    assert counters.claim("token", 600, now=53)
