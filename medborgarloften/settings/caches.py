"""Rate limits and caches, shared by every process (docs/deploy.md)."""

from __future__ import annotations

from .env import DATA_DIR, env_bool, env_str

# --- Rate limits (per client, shared by every process; docs/deploy.md) --------------
# bucket -> (requests, window in seconds). Counted under a keyed hash of the address,
# kept one window. Behind a proxy set RATELIMIT_CLIENT_IP_HEADER=HTTP_X_REAL_IP.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMIT_CLIENT_IP_HEADER = env_str("RATELIMIT_CLIENT_IP_HEADER")
RATELIMITS = {
    "signin": (int(env_str("RATELIMIT_SIGNIN", "10")), 60),
    "form": (int(env_str("RATELIMIT_FORMS", "20")), 60),
    "api": (int(env_str("RATELIMIT_API", "300")), 60),
    "public": (int(env_str("RATELIMIT_PUBLIC", "300")), 60),
}
# Where the counters live (lib/counters.py): files every process on the host
# shares, or the "ratelimit" cache (Redis) when CACHE_URL is set (several hosts).
RATELIMIT_DIR = DATA_DIR / "cache" / "ratelimit"
RATELIMIT_CACHE = ""

# --- Caches (docs/deploy.md) -----------------------------------------------------------
# "pages": whole anonymous public pages and API answers (publishing/pagecache.py), and
# "pages_version": the publication stamp their keys start with. Both must be shared by
# every worker process: files under DATA_DIR, or Redis when CACHE_URL=redis://… is set
# (needs the redis package); then the rate limits are counted there too. "default"
# (the overview's figures) stays in each process's memory.
_CACHE_URL = env_str("CACHE_URL")
if _CACHE_URL:
    _PAGES: dict[str, object] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _CACHE_URL,
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {**_PAGES, "KEY_PREFIX": "pages"},
        "pages_version": {**_PAGES, "KEY_PREFIX": "pages-version"},
        "ratelimit": {**_PAGES, "KEY_PREFIX": "ratelimit"},
    }
    RATELIMIT_CACHE = "ratelimit"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
        },
        # Its own directory: replacing the stamp never lists the pages' files.
        "pages_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "version"),
        },
    }
# "fragments": parts of public pages (publishing/fragments.py), keyed by the same
# versions as the pages, so a write replaces exactly the fragments it changes.
if _CACHE_URL:
    CACHES["fragments"] = {**_PAGES, "KEY_PREFIX": "fragments"}
else:
    CACHES["fragments"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "fragments"),
        "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
    }
_DUMMY = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
#: PAGE_CACHE=0: every public page is built for every request (benchmarks, fault
#: finding). The versions stay kept: the fragment cache reads them.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
if not PAGE_CACHE_ENABLED:
    CACHES["pages"] = _DUMMY
#: FRAGMENT_CACHE=0: page fragments are built for every request too ("all caches
#: off" in the benchmarks).
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE", True)
if not FRAGMENT_CACHE_ENABLED:
    CACHES["fragments"] = _DUMMY
