"""Who is asking: the client's address behind the configured proxy, and a keyed hash
of it. The rate limits (operations), the sign-in lockout (accounts) and the public
survey limits (situation) all count by it, so it sits below every app."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: the proxy's header when configured, else the peer's.
    The rate limits and the sign-in lockout both count by it."""
    header = getattr(settings, "RATELIMIT_CLIENT_IP_HEADER", "")
    address = ""
    if header:
        address = request.META.get(header, "").split(",")[0].strip()
    return address or request.META.get("REMOTE_ADDR", "")


def keyed_hash(text: str) -> str:
    """A short keyed hash (HMAC-SHA-256 with the site's secret key) of ``text``: a
    counter's name that does not store the address or the e-mail it counts."""
    digest = hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256)
    return digest.hexdigest()[:24]


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address (the proxy's header when configured)."""
    return keyed_hash(client_address(request))
