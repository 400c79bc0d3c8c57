"""Absolute addresses of the site, for links that leave it (e-mails, jobs).

One rule: ``PUBLIC_SITE_URL`` when it is configured (production behind a proxy
names its public address there); otherwise the address the request came to
(scheme, host and port, so a server on another port links to itself); without a
request (a cron job) and without the setting, the local development address.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

#: The development server's default address: used only when nothing says better.
LOCAL_SITE_URL = "http://127.0.0.1:8000"


def site_root(request: HttpRequest | None = None) -> str:
    """The site's absolute root, without a trailing slash."""
    configured = (getattr(settings, "PUBLIC_SITE_URL", "") or "").strip().rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return LOCAL_SITE_URL


def absolute_url(path: str, root: str | None = None) -> str:
    """``path`` (from ``reverse``) under ``root`` (a ``site_root``), or under the
    configured or local root when none is given."""
    return (root if root else site_root()).rstrip("/") + path
