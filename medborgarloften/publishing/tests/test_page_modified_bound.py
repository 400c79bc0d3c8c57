"""Last-Modified is never later than now (RFC 9110 8.8.2.1): a version stamp far
ahead (another clock, a stray value) made http_date fail with a server error, found
by tests/test_language.py after other tests had left such a stamp in the cache."""

from __future__ import annotations

import time

from django.utils.http import http_date

from medborgarloften.publishing.pagestore import page_modified


def test_a_stamp_far_ahead_gives_now_not_a_server_error():
    modified = page_modified("all=1.597266156109816")
    assert modified is not None and modified <= time.time() + 1
    http_date(modified)  # raised ValueError (year out of range) before


def test_a_stamp_from_today_is_kept():
    now = int(time.time())
    assert page_modified(f"all=1.{now}") == now
