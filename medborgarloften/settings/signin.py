"""Sign-in (docs/deploy.md "Sign-in"): password hashing, lockout, two-factor, single
sign-on, password rules."""

from __future__ import annotations

from .env import env_bool, env_list, env_str

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
