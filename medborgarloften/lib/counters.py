"""Rate-limit counters that every process of the application shares.

A limit counted in each process's own memory is really the setting times the number
of processes (issue #13). So the counters live where every process sees them:

- by default in small files under ``RATELIMIT_DIR`` (``DATA_DIR/cache/ratelimit``),
  one per client, limit and window, each incremented under an exclusive ``flock`` —
  exact across every process and thread on the host, no extra service, and no
  database write per request (an SQLite database would make every page view wait
  for any write in progress);
- with ``CACHE_URL`` (Redis, for an installation on several hosts) in the
  ``ratelimit`` cache, whose ``incr`` Redis performs atomically.

Each window's files sit in a directory named after the window; directories of past
windows are removed as they go by, so nothing outlives two windows.

Besides counting (:func:`increment`), a count can be read without adding to it
(:func:`current`), and a name can be claimed once (:func:`claim`, e.g. a form token
that may be spent once) and given back (:func:`release`) — the survey limits
(``situation/surveys/limits.py``) keep their allowances and tokens here, so that they
hold across every process as the rate limits do.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
import time

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

#: Seconds between two sweeps of past windows in one process.
SWEEP_EVERY = 10.0
_swept = {"at": 0.0}
_sweep_lock = threading.Lock()


def increment(name: str, window: int, now: float | None = None) -> tuple[int, int]:
    """Count one request under ``name`` in the current window of ``window`` seconds;
    return (the count so far in this window, seconds until the window ends)."""
    now = time.time() if now is None else now
    slot = int(now) // window
    left = max(1, (slot + 1) * window - int(now))
    alias = getattr(settings, "RATELIMIT_CACHE", "")
    if alias:
        return _in_cache(alias, f"ratelimit:{name}:{slot}", window), left
    directory = os.fspath(settings.RATELIMIT_DIR)
    # Plain strings, not Path objects: a third of the cost at ~20 µs a request.
    count = _in_file(directory, f"{window}-{slot}", name)
    _sweep(directory, now)
    return count, left


def current(name: str, window: int, now: float | None = None) -> int:
    """The count under ``name`` in the current window, without adding to it."""
    now = time.time() if now is None else now
    slot = int(now) // window
    alias = getattr(settings, "RATELIMIT_CACHE", "")
    if alias:
        return int(caches[alias].get(f"ratelimit:{name}:{slot}") or 0)
    path = f"{os.fspath(settings.RATELIMIT_DIR)}/{window}-{slot}/{name}"
    try:
        with open(path, "rb") as fh:
            stored = fh.read(20).strip()
    except FileNotFoundError:
        return 0
    return int(stored) if stored.isdigit() else 0


def claim(name: str, window: int, now: float | None = None) -> bool:
    """Claim ``name`` for at least ``window`` seconds: True for the first caller
    only, across every process. A claim is seen for one to two windows."""
    now = time.time() if now is None else now
    slot = int(now) // window
    alias = getattr(settings, "RATELIMIT_CACHE", "")
    if alias:
        return bool(caches[alias].add(f"claim:{name}", 1, timeout=window))
    directory = os.fspath(settings.RATELIMIT_DIR)
    if os.path.exists(f"{directory}/{window}-{slot - 1}/claim-{name}"):
        return False
    path = f"{directory}/{window}-{slot}/claim-{name}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileNotFoundError:
        os.makedirs(f"{directory}/{window}-{slot}", exist_ok=True)
        return claim(name, window, now)
    except FileExistsError:
        return False
    os.close(fd)
    _sweep(directory, now)
    return True


def claimed(name: str, window: int, now: float | None = None) -> bool:
    """Has ``name`` been claimed within the last window?"""
    now = time.time() if now is None else now
    slot = int(now) // window
    alias = getattr(settings, "RATELIMIT_CACHE", "")
    if alias:
        return caches[alias].get(f"claim:{name}") is not None
    directory = os.fspath(settings.RATELIMIT_DIR)
    return any(
        os.path.exists(f"{directory}/{window}-{s}/claim-{name}")
        for s in (slot, slot - 1)
    )


def release(name: str, window: int, now: float | None = None) -> None:
    """Give a claim back, so that the next :func:`claim` of ``name`` succeeds."""
    now = time.time() if now is None else now
    slot = int(now) // window
    alias = getattr(settings, "RATELIMIT_CACHE", "")
    if alias:
        caches[alias].delete(f"claim:{name}")
        return
    directory = os.fspath(settings.RATELIMIT_DIR)
    for s in (slot, slot - 1):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{directory}/{window}-{s}/claim-{name}")


def _in_cache(alias: str, key: str, window: int) -> int:
    cache = caches[alias]
    cache.add(key, 0, timeout=window + 1)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        return 1


def _in_file(directory: str, window: str, name: str) -> int:
    import fcntl

    path = f"{directory}/{window}/{name}"
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:
        os.makedirs(f"{directory}/{window}", exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        stored = os.pread(fd, 20, 0).strip()
        count = (int(stored) if stored.isdigit() else 0) + 1
        os.pwrite(fd, str(count).encode().ljust(20), 0)
        return count
    finally:
        os.close(fd)  # releases the lock


def _sweep(directory: str, now: float) -> None:
    """Remove the directories of windows that have ended (at most every few
    seconds per process)."""
    if now - _swept["at"] < SWEEP_EVERY or not _sweep_lock.acquire(blocking=False):
        return
    try:
        _swept["at"] = now
        for entry in os.scandir(directory):
            window, _, slot = entry.name.partition("-")
            if not (window.isdigit() and slot.isdigit()):
                continue
            if int(slot) < int(now) // int(window) - 1:
                shutil.rmtree(entry.path, ignore_errors=True)
    except OSError:
        logger.warning("rate limits: cannot sweep %s", directory, exc_info=True)
    finally:
        _sweep_lock.release()
