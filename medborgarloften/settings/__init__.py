"""One settings module, driven by environment variables (``medborgarloften.settings``).

Development defaults work with no variable set (SQLite in the data directory, a secret
key generated once and kept there). ``MEDBORGARLOFTEN_PRODUCTION=1`` makes a missing
``SECRET_KEY`` a hard error. Every variable is listed in ``.env.example``.

The sections live beside this module, each read from the environment the same way
(``env``): ``signin``, ``public`` (CSP, accessibility statement, map, open data
publisher), ``caches`` (rate limits and caches), ``mail``, ``imports``.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .caches import *  # noqa: F403
from .env import *  # noqa: F403
from .env import BASE_DIR, DATA_DIR, DEBUG, PRODUCTION, env_bool, env_list, env_str
from .imports import *  # noqa: F403
from .mail import *  # noqa: F403
from .public import *  # noqa: F403
from .signin import *  # noqa: F403


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY saknas / is missing: set it in the environment in production."
        )
    # Development: generate once and keep it beside the database so logins survive
    # restarts.
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "medborgarloften.accounts",
    "medborgarloften.places",
    "medborgarloften.promises",
    "medborgarloften.situation",
    "medborgarloften.followup",
    "medborgarloften.documents",
    "medborgarloften.jobs",
    "medborgarloften.planning",
    "medborgarloften.coordination",
    "medborgarloften.cases",
    "medborgarloften.publishing",
    "medborgarloften.operations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Its sitemap.xml template (publishing/sitemaps.py); no models.
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Sign-in: lockout after repeated failures, TOTP two-factor (docs/deploy.md).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background tasks in the database (medborgarloften/lib/tasks.py); the
    # django-tasks backport supplies the framework on Django 5.2.
    *(["django_tasks"] if django.VERSION < (6, 0) else []),
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Django 6 sends SECURE_CSP itself; on 5.2 a small middleware of ours does.
    "django.middleware.csp.ContentSecurityPolicyMiddleware"
    if django.VERSION >= (6, 0)
    else "medborgarloften.operations.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public reads from the read replica when there is one (lib/replica.py).
    *(
        ["medborgarloften.lib.replica.ReplicaMiddleware"]
        if env_str("DATABASE_REPLICA_URL")
        else []
    ),
    "medborgarloften.operations.middleware.RateLimitMiddleware",
    # Cached public pages for visitors without a session (publishing/pagecache.py).
    "medborgarloften.publishing.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "medborgarloften.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "medborgarloften.urls"
WSGI_APPLICATION = "medborgarloften.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "medborgarloften.context_processors.memberships",
                "medborgarloften.context_processors.staff_navigation",
            ],
            "libraries": {
                "tables": "medborgarloften.lib.tabletags",
                "forms": "medborgarloften.lib.formtags",
            },
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'medborgarloften.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db),
        conn_max_age=60 if PRODUCTION else 0,
        # A kept connection is checked before each request reuses it, so a database
        # restart costs the requests during it, not the first one of each process after.
        conn_health_checks=PRODUCTION,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that drops packets instead of refusing must not hold a request
    # (and a worker) for the kernel's TCP timeout: give up connecting after this.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", int(env_str("DATABASE_CONNECT_TIMEOUT", "10"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )

# DATABASE_REPLICA_URL (docs/deploy.md "Several machines"): a read replica of the
# primary; the reads of public pages and the API go to it (lib/replica.py). Its
# schema comes from the primary by replication (REPLICA_MIGRATE=1 lets `migrate
# --database replica` build it, for tests and a copy kept by other means).
_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
REPLICA_MIGRATE = env_bool("REPLICA_MIGRATE", False)
if _REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        _REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=PRODUCTION,
    )
    for _option, _value in DATABASES["default"].get("OPTIONS", {}).items():
        if DATABASES["replica"]["ENGINE"] == DATABASES["default"]["ENGINE"]:
            DATABASES["replica"].setdefault("OPTIONS", {}).setdefault(_option, _value)
    # The test runner points the alias at the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["medborgarloften.lib.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "promises:list"
LOGOUT_REDIRECT_URL = "publishing:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
# English dates as read in Sweden: "7 December 2026, 13:36" (formats/en).
FORMAT_MODULE_PATH = ["medborgarloften.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-wide static files (site.css) live beside the settings, outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Uploaded documents and made files (job PDFs). Several app servers and workers need
# one copy: MEDIA_ROOT on shared storage (NFS, a mounted volume; docs/deploy.md).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media"))).resolve()
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A refused form gets the site's own page, with a way back (operations.views).
CSRF_FAILURE_VIEW = "medborgarloften.operations.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Behind the TLS proxy (docs/deploy.md) -------------------------------------------
# `serve` (waitress) believes X-Forwarded-Proto and X-Forwarded-For only from this
# address, the proxy's (nginx on the same host: 127.0.0.1), and strips them otherwise.
TRUSTED_PROXY = env_str("TRUSTED_PROXY", "127.0.0.1")
# The proxy terminates TLS and says so in X-Forwarded-Proto; trust it only behind one.
if env_bool("SECURE_PROXY_SSL", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    env_str("SECURE_HSTS_SECONDS", "31536000" if PRODUCTION else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
# Preloading binds the whole domain for years: the kommun's IT decides, not we.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Personal data (docs/personal-data.md): days to keep free text; unset keeps it.
OBSERVATION_TEXT_RETENTION_DAYS = env_str("OBSERVATION_TEXT_RETENTION_DAYS") or None
SURVEY_TEXT_RETENTION_DAYS = env_str("SURVEY_TEXT_RETENTION_DAYS") or None

# Public survey answers (situation/surveys/limits.py): stored answers per survey and
# hour from one address (IPv4, IPv6 /64) and one network (IPv4 /24, IPv6 /48) — room
# for a school class on one NAT; a fifth of that while a survey gets more than
# SURVEY_LOAD_ANSWERS answers in ten minutes. A page must be shown this many seconds
# before its answer counts. The owner is mailed once a day after this many refusals.
SURVEY_ANSWERS_PER_ADDRESS = int(env_str("SURVEY_ANSWERS_PER_ADDRESS", "30"))
SURVEY_ANSWERS_PER_NETWORK = int(env_str("SURVEY_ANSWERS_PER_NETWORK", "100"))
SURVEY_LOAD_ANSWERS = int(env_str("SURVEY_LOAD_ANSWERS", "150"))
SURVEY_MIN_FILL_SECONDS = int(env_str("SURVEY_MIN_FILL_SECONDS", "3"))
SURVEY_ALERT_MAIL_AFTER = int(env_str("SURVEY_ALERT_MAIL_AFTER", "10"))

STORAGES = {
    # Writes a temporary file and links it into place: a full disk or a crash never
    # leaves half a file under a real name (operations/storage.py).
    "default": {
        "BACKEND": "medborgarloften.operations.storage.AtomicFileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
