"""Security headers and limits: CSP, no inline scripts, CSRF exemptions, rate limits."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from medborgarloften.operations.middleware import (
    ContentSecurityPolicyMiddleware,
    build_policy,
    client_key,
)
from medborgarloften.promises.models import Promise

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = sorted(ROOT.joinpath("medborgarloften").glob("**/templates"))

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


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
        assert "unsafe-inline" not in policy["default-src"], url
        assert policy["frame-ancestors"] == "'none'", url
        assert policy["object-src"] == "'none'", url


@pytest.mark.django_db
def test_the_embeddable_widget_keeps_its_own_policy(client, demo):
    response = client.get(reverse("publishing:embed", args=[demo.uid]))
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "*"
    assert policy["default-src"] == "'none'"
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
def limited(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {"signin": (2, 60), "form": (2, 60), "api": (3, 60)}
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
