"""Security headers and limits: CSP, no inline scripts, CSRF exemptions, rate limits."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from medborgarloften.lib import counters
from medborgarloften.operations.middleware import (
    ContentSecurityPolicyMiddleware,
    build_policy,
    client_key,
    hit,
)
from medborgarloften.promises.models import Promise

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = sorted(ROOT.joinpath("medborgarloften").glob("**/templates"))

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style\b", re.IGNORECASE)
#: The one <style> left: the lägesbild saved as a file (``?download=1``) carries its
#: stylesheet inside, since a file on disk has no server to link to. Served pages
#: link the stylesheet instead.
SAVED_FILE_STYLE = "<style>{{ inline_css }}</style>"


def _templates() -> list[Path]:
    found = [
        p
        for d in TEMPLATE_DIRS
        for p in d.rglob("*")
        if p.suffix in {".html", ".txt", ".xml", ".svg"}
    ]
    assert found, "no templates found"
    return found


def test_it_has_no_inline_script_or_event_handler_in_any_template():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JS_URL):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)[:60]}")
    assert offenders == []


def test_it_has_no_style_attribute_or_style_block_in_any_template():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8").replace(SAVED_FILE_STYLE, "")
        for pattern in (STYLE_ATTRIBUTE, STYLE_BLOCK):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)[:60]}")
    assert offenders == []


def test_the_style_check_catches_what_it_looks_for():
    assert STYLE_ATTRIBUTE.search('<div class="bar" style="width: 40%">')
    assert STYLE_BLOCK.search("<style>p { color: red }</style>")
    assert not STYLE_ATTRIBUTE.search('<link rel="stylesheet" href="/static/a.css">')
    assert not STYLE_ATTRIBUTE.search("<p>En text om style= i löptext</p>")


def test_the_template_check_catches_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/a.js" defer></script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert not EVENT_HANDLER.search("<p>Polisen är på plats on time</p>")
    assert JS_URL.search('<a href="javascript:void(0)">')


@pytest.fixture
def demo(db):
    call_command("demo", stdout=io.StringIO())
    return Promise.objects.public().first()


def _directives(header: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.django_db
def test_it_sends_a_policy_without_inline_scripts_on_public_and_staff_pages(
    client, demo, kommun_editor
):
    pages = [
        reverse("publishing:home"),
        reverse("publishing:promise", args=[demo.uid]),
        reverse("accounts:login"),
        "/api/v1/",
    ]
    client.force_login(kommun_editor)
    pages.append(reverse("promises:list"))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == "'self'", url
        assert policy["style-src"] == "'self'", url
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert policy["frame-ancestors"] == "'none'", url
        assert policy["object-src"] == "'none'", url


@pytest.mark.django_db
def test_the_embeddable_widget_keeps_its_own_policy(client, demo):
    response = client.get(reverse("publishing:embed", args=[demo.uid]))
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "*"
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_the_fallback_middleware_builds_the_same_policy_and_respects_a_views_own():
    config = {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}
    assert build_policy(config) == "default-src 'self'; img-src 'self' data:"
    request = RequestFactory().get("/")
    with override_settings(SECURE_CSP=config):
        plain = ContentSecurityPolicyMiddleware(lambda r: HttpResponse("x"))(request)
        assert plain["Content-Security-Policy"] == build_policy(config)

        def own(r):
            response = HttpResponse("x")
            response["Content-Security-Policy"] = "frame-ancestors *"
            return response

        kept = ContentSecurityPolicyMiddleware(own)(request)
        assert kept["Content-Security-Policy"] == "frame-ancestors *"


# --- CSRF ---------------------------------------------------------------------------

#: Views allowed to skip CSRF, each with the reason it is safe.
CSRF_EXEMPT_ALLOWED = {
    # API: reads are anonymous, writes take a bearer token, no view reads the session.
    "medborgarloften.publishing.api.",
    # RFC 8058 one-click unsubscribe: the secret token in the URL is the proof.
    "medborgarloften.publishing.views_public_extra.unsubscribe",
    # Upload view wraps csrf_protect itself after its size check (documents/views.py).
    "medborgarloften.documents.views.",
    # The language switch in every header (urls.py): a token there would make every
    # public page uncacheable, and a forged post can only change the visitor's
    # language (Django still refuses a "next" on another host).
    "django.views.i18n.set_language",
    # Cases as open data: read-only (anything but GET/HEAD is a 405, not a CSRF 403).
    "medborgarloften.cases.api.cases",
    "medborgarloften.cases.api.case_detail",
    # Open311: a POST carries its api_key; no view reads the session.
    "medborgarloften.cases.open311.views.requests",
}


def _views(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_it_exempts_from_csrf_only_the_views_that_use_tokens():
    exempt = []
    for route, view in _views(get_resolver().url_patterns):
        if getattr(view, "csrf_exempt", False):
            name = f"{view.__module__}.{view.__qualname__}"
            if not any(name.startswith(allowed) for allowed in CSRF_EXEMPT_ALLOWED):
                exempt.append(f"{route} → {name}")
    assert exempt == []


# --- rate limits --------------------------------------------------------------------


@pytest.fixture
def limited(settings, tmp_path, monkeypatch):
    # The counters' windows are fixed slices of the clock (a minute is :00–:59), so
    # requests that straddle a slice's end start counting again: the clock the
    # counters read stands still, half a minute into a window, while a test runs.
    from types import SimpleNamespace

    from medborgarloften.lib import counters

    monkeypatch.setattr(counters, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {"signin": (2, 60), "form": (2, 60), "api": (3, 60)}
    settings.RATELIMIT_DIR = tmp_path / "ratelimit"  # fresh counters for each test
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_it_limits_sign_in_attempts_per_client(client, limited):
    url = reverse("accounts:login")
    for _ in range(2):
        response = client.post(url, {"username": "x", "password": "y"})
        assert response.status_code == 200
    response = client.post(url, {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    other = client.post(
        url, {"username": "x", "password": "y"}, REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 200


@pytest.mark.django_db
def test_it_limits_the_api_with_a_problem_response(client, limited):
    for _ in range(3):
        assert client.get("/api/v1/").status_code == 200
    response = client.get("/api/v1/")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 429


@pytest.mark.django_db
def test_the_apis_429_speaks_the_language_of_its_other_errors(client, limited):
    """The API's problems follow the request's language (Accept-Language), the 429
    too although it is answered before the language middleware: English asked,
    English title and detail; Swedish asked, Swedish."""
    for _ in range(3):
        client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert body["title"] == "Too many requests"
    assert not body["detail"].startswith("För många")
    assert response["Content-Language"] == "en"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in response["Access-Control-Expose-Headers"]
    swedish = client.get("/api/v1/", HTTP_ACCEPT_LANGUAGE="sv")
    assert swedish.status_code == 429
    assert swedish.json()["title"] == "För många förfrågningar"
    assert swedish.json()["detail"].startswith(
        "För många förfrågningar. Försök igen om "
    )


@pytest.mark.django_db
def test_it_does_not_limit_reading_public_pages_or_signed_in_staff(
    client, limited, kommun_editor
):
    for _ in range(5):
        assert client.get(reverse("accounts:login")).status_code == 200
    client.force_login(kommun_editor)
    for _ in range(5):
        response = client.post(reverse("accounts:logout"))
        client.force_login(kommun_editor)
        assert response.status_code != 429


@pytest.mark.django_db
def test_it_limits_public_pages_per_client(client, limited, settings):
    settings.RATELIMITS = {**settings.RATELIMITS, "public": (3, 60)}
    for _ in range(3):
        assert client.get(reverse("publishing:home")).status_code == 200
    # Any public page counts, cached or not, with any query string.
    response = client.get(reverse("publishing:search") + "?q=polisen&x=1")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    other = client.get(reverse("publishing:home"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    # Staff pages are not counted against it (a town hall shares one address).
    assert client.get(reverse("accounts:login")).status_code == 200


_COUNT_IN_A_PROCESS = """
import json, os, sys, time
os.environ["DJANGO_SETTINGS_MODULE"] = "medborgarloften.settings"
import django
django.setup()
from medborgarloften.lib import counters
from medborgarloften.operations.middleware import hit
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.001)
counts = [counters.increment("public-shared", 3600)[0] for _ in range(300)]
refused = sum(1 for _ in range(8) if hit("form", "one-client", 10, 3600))
print(json.dumps({"counts": counts, "refused": refused}))
"""


def test_rate_limits_are_counted_across_processes(tmp_path):
    # Two application processes (gunicorn workers, or two hosts on one store) count
    # against the same limit: the limit is the setting, not the setting × processes.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATA_DIR"] = str(tmp_path)
    start = str(time.time() + 3)  # both start counting at the same moment
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _COUNT_IN_A_PROCESS, start],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    counts = sorted(n for result in results for n in result["counts"])
    assert counts == list(range(1, 601))  # no increment lost, none counted twice
    # 16 form posts of one client, limit 10: 6 refused in all, whichever process.
    assert sum(result["refused"] for result in results) == 6
    assert (tmp_path / "cache" / "ratelimit").is_dir()


def test_counters_of_past_windows_are_removed(settings, tmp_path):
    settings.RATELIMIT_DIR = tmp_path
    assert counters.increment("api-k", 60, now=6000.0) == (1, 60)
    assert counters.increment("api-k", 60, now=6001.0) == (2, 59)
    assert (tmp_path / "60-100" / "api-k").exists()
    counters._swept["at"] = 0.0
    assert counters.increment("api-k", 60, now=6125.0) == (1, 55)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["60-102"]


def test_a_failing_counter_store_lets_requests_through(settings, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.RATELIMIT_DIR = blocked
    assert hit("form", "k", 0, 60) == 0


def test_with_redis_the_limits_are_counted_in_the_shared_cache(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.RATELIMIT_CACHE, s.CACHES['ratelimit']['BACKEND'], "
        "s.CACHES['ratelimit']['LOCATION']]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        {
            "DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
        }
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert json.loads(out) == [
        "ratelimit",
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/1",
    ]


def test_it_keeps_no_address_in_the_cache_key(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.23")
    key = client_key(request)
    assert "198.51.100.23" not in key
    settings.RATELIMIT_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    behind = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.23"
    )
    assert client_key(behind) == key


@pytest.mark.django_db
def test_it_sends_hsts_only_when_the_proxy_says_the_request_came_over_tls(
    client, settings
):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    over_tls = client.get(reverse("publishing:home"), HTTP_X_FORWARDED_PROTO="https")
    assert over_tls["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )
    plain = client.get(reverse("publishing:home"))
    assert "Strict-Transport-Security" not in plain
