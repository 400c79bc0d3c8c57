"""Security middleware: a Content-Security-Policy fallback and cache-based rate limits.

Django 6 sends ``SECURE_CSP`` itself (``django.middleware.csp``); on Django 5.2 the
settings put :class:`ContentSecurityPolicyMiddleware` here in its place, with the same
rule: a view that set its own policy (the embeddable widget) keeps it.

Rate limits count requests per client in fixed windows, in counters every process of
the application shares (``counters.py``: files under ``DATA_DIR``, or Redis with
``CACHE_URL``). A counter is named by a keyed hash of the address, never the address
itself, and goes with its window, so nothing about a visitor outlives it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from medborgarloften.lib import counters
from medborgarloften.lib.client import client_key
from medborgarloften.publishing.api.errors import problem, request_language

logger = logging.getLogger(__name__)

HEADER = "Content-Security-Policy"
#: Signed-in staff's pages: not anonymous traffic, and a town hall shares one address.
STAFF_PATHS = ("/personal/", "/django-admin/", "/konto/")


def build_policy(config: dict[str, list[str] | str]) -> str:
    """``{"default-src": ["'self'"]}`` → ``default-src 'self'`` (Django 6's format)."""
    parts = []
    for directive, values in config.items():
        if isinstance(values, str):
            values = [values]
        parts.append(" ".join([directive, *values]).strip())
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Send ``settings.SECURE_CSP`` unless the response already has a policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        config = getattr(settings, "SECURE_CSP", None)
        if config and HEADER not in response:
            response[HEADER] = build_policy(config)
        return response


def bucket_for(request: HttpRequest) -> str | None:
    """Which limit a request counts against: sign-in, API, public form, public page
    (any other GET or HEAD), or none (staff pages)."""
    path = request.path
    if path.startswith("/api/"):
        return "api"
    if request.method in ("GET", "HEAD"):
        return None if path.startswith(STAFF_PATHS) else "public"
    if request.method != "POST":
        return None
    if path == reverse(settings.LOGIN_URL):
        return "signin"
    if path.startswith(STAFF_PATHS):
        return None  # staff pages: signed in, CSRF-protected, not anonymous traffic
    return "form"


def hit(bucket: str, key: str, limit: int, window: int) -> int:
    """Count one request; return the seconds to wait when over the limit, else 0.
    A store that fails lets the request through (and logs): a limit must not take
    the site down."""
    try:
        count, left = counters.increment(f"{bucket}-{key}", window)
    except Exception:
        logger.exception("rate limits: cannot count %s", bucket)
        return 0
    return left if count > limit else 0


class RateLimitMiddleware:
    """Answer 429 with Retry-After when a client exceeds ``RATELIMITS[bucket]``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "RATELIMIT_ENABLED", False):
            bucket = bucket_for(request)
            limits = getattr(settings, "RATELIMITS", {})
            if bucket is not None and bucket in limits:
                limit, window = limits[bucket]
                wait = hit(bucket, client_key(request), limit, window)
                if wait:
                    return self.refuse(request, bucket, wait)
        return self.get_response(request)

    def refuse(self, request: HttpRequest, bucket: str, wait: int) -> HttpResponse:
        # Before LocaleMiddleware: the request's language chosen here, as the API's
        # other problems follow it (publishing.api.errors).
        with translation.override(request_language(request)):
            message = _(
                "För många förfrågningar. Försök igen om %(seconds)s sekunder."
            ) % {"seconds": wait}
        if bucket == "api":
            response: HttpResponse = problem(request, 429, message)
            # a script on another site may read when to try again
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "Retry-After"
        else:
            response = HttpResponse(
                message, status=429, content_type="text/plain; charset=utf-8"
            )
        response["Retry-After"] = str(wait)
        return response
