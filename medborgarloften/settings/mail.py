"""E-mail (reminders, subscriptions) and the public address links in mails use."""

from __future__ import annotations

import django

from .env import env_bool, env_str

# E-mail (reminders, subscriptions): printed to the console unless an SMTP host is set.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "medborgarloften@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_EMAIL_HOST = env_str("EMAIL_HOST")
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
_EMAIL_OPTIONS: dict[str, object] = (
    {
        "host": _EMAIL_HOST,
        "port": int(env_str("EMAIL_PORT", "587")),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": 20,
    }
    if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
    else {}
)
if django.VERSION >= (6, 1):
    # Django 6.1 replaces EMAIL_BACKEND and friends with MAILERS.
    MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
else:
    EMAIL_BACKEND = _EMAIL_BACKEND
    if _EMAIL_OPTIONS:
        EMAIL_HOST = _EMAIL_OPTIONS["host"]
        EMAIL_PORT = _EMAIL_OPTIONS["port"]
        EMAIL_HOST_USER = _EMAIL_OPTIONS["username"]
        EMAIL_HOST_PASSWORD = _EMAIL_OPTIONS["password"]
        EMAIL_USE_TLS = _EMAIL_OPTIONS["use_tls"]
        EMAIL_TIMEOUT = 20

# The public address of the site, for links in e-mails (set it in production, e.g.
# behind a proxy). Unset, links use the address a request came to, and mails from
# cron jobs the local development address (``lib.siteurl.site_root``).
PUBLIC_SITE_URL = env_str("PUBLIC_SITE_URL", "").rstrip("/")
