"""One settings module, driven by environment variables.

Development defaults work with no variable set (SQLite in the data directory, a secret
key generated once and kept there). ``MEDBORGARLOFTEN_PRODUCTION=1`` makes a missing
``SECRET_KEY`` a hard error. Every variable is listed in ``.env.example``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    """Read a string variable; empty means unset."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no variable (1/true/yes/on or 0/false/no/off)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on", "ja"}:
        return True
    if value in {"0", "false", "no", "off", "nej"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected 1/0, true/false, yes/no")


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    value = env_str(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_bool("MEDBORGARLOFTEN_PRODUCTION")
DEBUG = env_bool("DEBUG")
DATA_DIR = Path(env_str("DATA_DIR", str(Path.cwd() / "var"))).resolve()


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
    "medborgarloften.cases",
    "medborgarloften.publishing",
    "medborgarloften.operations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "promises:list"
LOGOUT_REDIRECT_URL = "publishing:home"

# --- Sign-in (docs/deploy.md "Sign-in") -------------------------------------------------
# Argon2id first; hashes made by the older hashers still check and are rehashed with
# Argon2 at the user's next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes checks for a lockout before the password is looked at.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout: LOGIN_FAILURE_LIMIT failures for one user name, or LOGIN_FAILURE_LIMIT_IP
# from one address (a whole town hall may share one), lock sign-in for
# LOGIN_LOCKOUT_MINUTES. `manage unlock NAME` lifts it early.
LOGIN_FAILURE_LIMIT = int(env_str("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_IP = int(env_str("LOGIN_FAILURE_LIMIT_IP", "50"))
LOGIN_LOCKOUT_MINUTES = int(env_str("LOGIN_LOCKOUT_MINUTES", "15"))
# Days to keep the sign-in log (time, user name, address, browser); `purgetext` prunes.
LOGIN_LOG_RETENTION_DAYS = int(env_str("LOGIN_LOG_RETENTION_DAYS", "90"))
AXES_ENABLED = env_bool("LOGIN_LOCKOUT_ENABLED", True)
AXES_FAILURE_LIMIT = "medborgarloften.accounts.lockout.failure_limit"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "medborgarloften.accounts.lockout.LockoutHandler"
AXES_COOLOFF_TIME = "medborgarloften.accounts.lockout.cool_off"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "medborgarloften.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "medborgarloften.accounts.lockout.client_ip"
AXES_VERBOSE = False
# Two-factor (TOTP): roles that must use it for staff pages, e.g. "admin,editor";
# "superuser" covers superusers, "all" every signed-in user. Empty: optional for all.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", [])
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Medborgarlöften")
# OpenID Connect single sign-on: off unless OIDC_DISCOVERY_URL and OIDC_CLIENT_ID are set.
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_EMAIL_CLAIM = env_str("OIDC_EMAIL_CLAIM", "email")
OIDC_USERNAME_CLAIM = env_str("OIDC_USERNAME_CLAIM")
OIDC_REQUIRE_EMAIL_VERIFIED = env_bool("OIDC_REQUIRE_EMAIL_VERIFIED", True)
OIDC_CREATE_USERS = env_bool("OIDC_CREATE_USERS")
OIDC_LABEL = env_str("OIDC_LABEL", "kommunens konto")

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-wide static files (site.css) live beside the settings, outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
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

# --- Content-Security-Policy -----------------------------------------------------------
# Scripts and styles only from our own static files: no inline script, no on*=
# handler, no <style> block and no style= attribute (tests read every template and
# every rendered page type). Computed sizes (progress bars, map legends) are SVG
# attributes, which the policy does not govern.
# The embeddable widget sends its own policy with frame-ancestors * (publishing/embed).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Accessibility statement (/tillganglighet/, DOS-lagen; docs/accessibility.md) ---
# What DIGG requires each installation to state. The product's own known gaps are in
# publishing/accessibility.py; an installation adds its own, separated by "|".
ACCESSIBILITY_ORGANISATION = env_str("ACCESSIBILITY_ORGANISATION")  # "Kalmar kommun"
ACCESSIBILITY_SERVICE_NAME = env_str("ACCESSIBILITY_SERVICE_NAME", "Medborgarlöften")
ACCESSIBILITY_CONFORMANCE = env_str("ACCESSIBILITY_CONFORMANCE", "delvis")
if ACCESSIBILITY_CONFORMANCE not in {"helt", "delvis", "inte"}:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_CONFORMANCE={ACCESSIBILITY_CONFORMANCE!r}: "
        "expected helt, delvis or inte (förenlig)"
    )
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL")
ACCESSIBILITY_CONTACT_PHONE = env_str("ACCESSIBILITY_CONTACT_PHONE")
ACCESSIBILITY_CONTACT_URL = env_str("ACCESSIBILITY_CONTACT_URL")
ACCESSIBILITY_RESPONSE_DAYS = int(env_str("ACCESSIBILITY_RESPONSE_DAYS", "10"))
ACCESSIBILITY_EXTRA_GAPS = [
    gap.strip() for gap in env_str("ACCESSIBILITY_EXTRA_GAPS").split("|") if gap.strip()
]
ACCESSIBILITY_NOT_COVERED = env_str("ACCESSIBILITY_NOT_COVERED")
ACCESSIBILITY_DISPROPORTIONATE = env_str("ACCESSIBILITY_DISPROPORTIONATE")
ACCESSIBILITY_METHOD = env_str("ACCESSIBILITY_METHOD")
ACCESSIBILITY_ASSESSED_ON = env_str("ACCESSIBILITY_ASSESSED_ON")  # YYYY-MM-DD
ACCESSIBILITY_UPDATED_ON = env_str("ACCESSIBILITY_UPDATED_ON")  # YYYY-MM-DD
ACCESSIBILITY_PUBLISHED_ON = env_str("ACCESSIBILITY_PUBLISHED_ON")  # YYYY-MM-DD
# --- Background map (docs/deploy.md "Background map") ---------------------------------
# None by default: the maps draw the kommun's outline and areas and ask no tile server
# anything, because a third-party tile server sees where every resident looks. Either a
# raster MBTiles file the installation serves itself (at /kartor/{z}/{x}/{y}), or an
# XYZ/WMTS address with {z}, {x}, {y}, whose origin is then allowed in img-src.
MAP_TILE_MBTILES = env_str("MAP_TILE_MBTILES")
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION")
MAP_TILE_MAX_ZOOM = int(env_str("MAP_TILE_MAX_ZOOM", "18"))


def _tile_origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


if _tile_origin(MAP_TILE_URL):
    SECURE_CSP["img-src"].append(_tile_origin(MAP_TILE_URL))

# --- Rate limits (per client, shared by every process; docs/deploy.md) --------------
# bucket -> (requests, window in seconds). Counted under a keyed hash of the address,
# kept one window. Behind a proxy set RATELIMIT_CLIENT_IP_HEADER=HTTP_X_REAL_IP.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMIT_CLIENT_IP_HEADER = env_str("RATELIMIT_CLIENT_IP_HEADER")
RATELIMITS = {
    "signin": (int(env_str("RATELIMIT_SIGNIN", "10")), 60),
    "form": (int(env_str("RATELIMIT_FORMS", "20")), 60),
    "api": (int(env_str("RATELIMIT_API", "300")), 60),
    "public": (int(env_str("RATELIMIT_PUBLIC", "300")), 60),
}
# Where the counters live (lib/counters.py): files every process on the host
# shares, or the "ratelimit" cache (Redis) when CACHE_URL is set (several hosts).
RATELIMIT_DIR = DATA_DIR / "cache" / "ratelimit"
RATELIMIT_CACHE = ""

# --- Caches (docs/deploy.md) -----------------------------------------------------------
# "pages": whole anonymous public pages and API answers (publishing/pagecache.py), and
# "pages_version": the publication stamp their keys start with. Both must be shared by
# every worker process: files under DATA_DIR, or Redis when CACHE_URL=redis://… is set
# (needs the redis package); then the rate limits are counted there too. "default"
# (the overview's figures) stays in each process's memory.
_CACHE_URL = env_str("CACHE_URL")
if _CACHE_URL:
    _PAGES: dict[str, object] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _CACHE_URL,
    }
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {**_PAGES, "KEY_PREFIX": "pages"},
        "pages_version": {**_PAGES, "KEY_PREFIX": "pages-version"},
        "ratelimit": {**_PAGES, "KEY_PREFIX": "ratelimit"},
    }
    RATELIMIT_CACHE = "ratelimit"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
        },
        # Its own directory: replacing the stamp never lists the pages' files.
        "pages_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "version"),
        },
    }
if not env_bool("PAGE_CACHE", True):
    # PAGE_CACHE=0: every public page is built for every request (benchmarks, fault
    # finding); pagecache.py caches nothing when no version can be kept.
    CACHES["pages"] = CACHES["pages_version"] = {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"
    }

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

# The public address of the site, for links in e-mails sent by cron jobs (no request).
PUBLIC_SITE_URL = env_str("PUBLIC_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Open data: who publishes the API's datasets (DCAT-AP-SE) and under which licence.
# The publisher is the kommun (its kommunkod); its name, contact e-mail and home page
# go into the catalogue (publishing/api/catalogue.py).
API_PUBLISHER_KOMMUN = env_str("API_PUBLISHER_KOMMUN")
API_PUBLISHER = env_str("API_PUBLISHER")
API_CONTACT_EMAIL = env_str("API_CONTACT_EMAIL")
API_PUBLISHER_URL = env_str("API_PUBLISHER_URL")
if env_str("API_LICENSE_URL"):
    API_LICENSE = {
        "id": env_str("API_LICENSE_ID", "custom"),
        "name": env_str("API_LICENSE_NAME", env_str("API_LICENSE_URL")),
        "url": env_str("API_LICENSE_URL"),
    }

# The import form fetches web pages; internal addresses only when allowed (an intranet).
IMPORT_ALLOW_PRIVATE_URLS = env_bool("IMPORT_ALLOW_PRIVATE_URLS")
# Reading a document, and extracting its record, each run in a child process with
# this much wall-clock time and memory (extract/budget.py); a document that needs more
# is refused with a reason. The web import waits for both inside one request.
IMPORT_TIME_LIMIT = float(env_str("IMPORT_TIME_LIMIT", "30"))
IMPORT_MEMORY_LIMIT_MB = int(env_str("IMPORT_MEMORY_LIMIT_MB", "1024"))
# In the background worker a scanned PDF gets this many seconds of text recognition
# (OCR) a page, up to IMPORT_OCR_MAX_PAGES pages, on top of IMPORT_TIME_LIMIT.
IMPORT_OCR_SECONDS_PER_PAGE = float(env_str("IMPORT_OCR_SECONDS_PER_PAGE", "20"))
IMPORT_OCR_MAX_PAGES = int(env_str("IMPORT_OCR_MAX_PAGES", "60"))

# Background tasks (document import from the web form): kept in the database and run
# by ``medborgarloften worker`` (deploy/medborgarloften-worker.service). TASKS_BACKEND=
# immediate runs them inside the request instead (no worker; small installations).
TASKS = {
    "default": {
        "BACKEND": (
            ("django.tasks" if django.VERSION >= (6, 0) else "django_tasks")
            + ".backends.immediate.ImmediateBackend"
        )
        if env_str("TASKS_BACKEND", "database") == "immediate"
        else "django_tasks_db.DatabaseBackend",
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
