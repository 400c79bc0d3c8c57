"""Redis for the page cache and the rate-limit counters (CACHE_URL=redis://…), as
several app servers share it: two processes see one page and one count. Redis runs
on 127.0.0.1:6379 on our machines; without it the test skips, except under CI
(MEDBORGARLOFTEN_REQUIRE_CONFORMANCE_TOOLS=1), where it fails."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from tests.conformance_tools import missing_tool

ROOT = Path(__file__).resolve().parents[1]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/11"


def _redis_or_skip() -> None:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError as exc:
        missing_tool(
            f"Redis på / at {REDIS_HOST}:{REDIS_PORT} svarar inte / is not running "
            f"({exc}); apt-get install redis-server"
        )


def _run(tmp_path: Path, action: str, name: str) -> dict:
    env = {
        **os.environ,
        "CACHE_URL": REDIS_URL,
        "DATA_DIR": str(tmp_path / action),
        "PAGE_CACHE": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "redis_check.py"), action, name],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_two_app_servers_share_pages_and_counts_in_redis(tmp_path):
    _redis_or_skip()
    name = uuid.uuid4().hex
    first = _run(tmp_path, "write", name)
    second = _run(tmp_path, "read", name)
    for seen in (first, second):
        assert seen["pages_backend"] == "django.core.cache.backends.redis.RedisCache"
        assert seen["version_backend"] == seen["pages_backend"]
        assert seen["ratelimit_cache"] == "ratelimit"
    # The second server (its own DATA_DIR, so no shared files) sees the first's
    # page and adds to its count.
    assert second["seen"] == "<p>sidan</p>"
    assert (first["count"], second["count"]) == (1, 2)
