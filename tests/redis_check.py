"""Run by tests/test_redis.py as two processes (two "app servers") with the same
CACHE_URL=redis://…: ``write NAME`` stores a page and counts a request, ``read NAME``
reads the page and counts another; each prints what it saw as JSON."""

from __future__ import annotations

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medborgarloften.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402

from medborgarloften.lib import counters  # noqa: E402

action, name = sys.argv[1], sys.argv[2]
pages = caches["pages"]
if action == "write":
    pages.set(f"check:{name}", "<p>sidan</p>", 60)
seen = pages.get(f"check:{name}")
count, _left = counters.increment(f"check:{name}", 3600, now=1_000_000)
print(
    json.dumps(
        {
            "pages_backend": settings.CACHES["pages"]["BACKEND"],
            "version_backend": settings.CACHES["pages_version"]["BACKEND"],
            "ratelimit_cache": settings.RATELIMIT_CACHE,
            "seen": seen,
            "count": count,
        }
    )
)
