"""Deployment checks of our own, run by ``check --deploy`` (docs/deploy.md, section 2).

Django's own check accepts any long, varied ``SECRET_KEY`` — including the sentence
the example environment file asks the kommun to replace, which anyone can read in the
repository and sign sessions with. It also says nothing about e-mail: with no
``EMAIL_HOST`` the mail is printed to the server's log, so reminders, subscription
confirmations and reports to survey owners would silently never arrive.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

#: What the example files (deploy/medborgarloften.env, .env.example) put where a
#: secret belongs; a value containing one of these was never filled in.
PLACEHOLDERS = ("change-me", "change_me", "changeme", "replace-me", "byt-ut")

#: Mail backends that never deliver anything.
UNDELIVERED_MAIL = {
    "django.core.mail.backends.console.EmailBackend": "console",
    "django.core.mail.backends.locmem.EmailBackend": "locmem",
    "django.core.mail.backends.dummy.EmailBackend": "dummy",
    "django.core.mail.backends.filebased.EmailBackend": "filebased",
}

#: The example's host name (deploy/medborgarloften.env); .example never resolves.
EXAMPLE_HOST = "kommun.example"


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and any(p in value.lower() for p in PLACEHOLDERS)


def mail_backend() -> str:
    """The backend the default mailer uses (MAILERS on Django 6.1+)."""
    mailers = getattr(settings, "MAILERS", None)
    if mailers:
        return str(mailers.get("default", {}).get("BACKEND", ""))
    return str(getattr(settings, "EMAIL_BACKEND", ""))


def mail_password() -> Any:
    mailers = getattr(settings, "MAILERS", None)
    if mailers:
        return mailers.get("default", {}).get("OPTIONS", {}).get("password")
    return getattr(settings, "EMAIL_HOST_PASSWORD", "")


@checks.register(checks.Tags.security, deploy=True)
def check_placeholder_secrets(app_configs: Any = None, **kwargs: Any) -> list:
    errors: list[checks.CheckMessage] = []
    if is_placeholder(settings.SECRET_KEY):
        errors.append(
            checks.Error(
                "SECRET_KEY är exemplets platshållare / SECRET_KEY is the example's "
                "placeholder: anyone who has read the example can sign sessions.",
                hint='python3 -c "import secrets; print(secrets.token_urlsafe(50))"',
                id="medborgarloften.E001",
            )
        )
    unset = [
        f"DATABASE_URL ({alias})"
        for alias, db in settings.DATABASES.items()
        if is_placeholder(db.get("PASSWORD"))
    ]
    if is_placeholder(mail_password()):
        unset.append("EMAIL_HOST_PASSWORD")
    if unset:
        errors.append(
            checks.Error(
                "Lösenord från exemplet / passwords still the example's: "
                + ", ".join(unset),
                hint="Fyll i de riktiga lösenorden i miljöfilen / "
                "put the real passwords in the environment file.",
                id="medborgarloften.E003",
            )
        )
    hosts = [h for h in settings.ALLOWED_HOSTS if h.rstrip(".").endswith(EXAMPLE_HOST)]
    if hosts:
        errors.append(
            checks.Warning(
                "ALLOWED_HOSTS namnger exemplets värd / names the example's host: "
                + ", ".join(hosts),
                hint="Ange tjänstens riktiga värdnamn i ALLOWED_HOSTS, "
                "CSRF_TRUSTED_ORIGINS och PUBLIC_SITE_URL.",
                id="medborgarloften.W001",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_mail_is_delivered(app_configs: Any = None, **kwargs: Any) -> list:
    backend = mail_backend()
    if backend in UNDELIVERED_MAIL:
        return [
            checks.Error(
                f"E-post skickas inte / e-mail is not sent: the {UNDELIVERED_MAIL[backend]} "
                "backend keeps reminders, subscription confirmations and reports on "
                "this server.",
                hint="Sätt EMAIL_HOST (och EMAIL_PORT, EMAIL_HOST_USER, "
                "EMAIL_HOST_PASSWORD) till kommunens SMTP-server / set EMAIL_HOST to "
                "an SMTP relay.",
                id="medborgarloften.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_public_site_url(app_configs: Any = None, **kwargs: Any) -> list:
    """Links in mail sent without a request (reminders, subscriptions, survey
    alerts from the scheduled jobs) take the site's address from PUBLIC_SITE_URL
    (``lib.siteurl``); unset, they point at the development address."""
    if (getattr(settings, "PUBLIC_SITE_URL", "") or "").strip():
        return []
    return [
        checks.Warning(
            "PUBLIC_SITE_URL är inte satt / is not set: länkar i e-post från de "
            "schemalagda jobben (påminnelser, prenumerationer) pekar på "
            "http://127.0.0.1:8000 / links in mail sent by the scheduled jobs point "
            "at the development address.",
            hint="Sätt PUBLIC_SITE_URL till tjänstens publika adress, t.ex. "
            "https://trygg.kommun.se (deploy/medborgarloften.env).",
            id="medborgarloften.W003",
        )
    ]


@checks.register(checks.Tags.security, deploy=True)
def check_accessibility_statement(app_configs: Any = None, **kwargs: Any) -> list:
    """DOS-lagen: the statement names who answers for the service and how to reach
    them (DIGG's "meddelandefunktion"); the product cannot know either."""
    missing = []
    if not settings.ACCESSIBILITY_ORGANISATION:
        missing.append("ACCESSIBILITY_ORGANISATION")
    if not (
        settings.ACCESSIBILITY_CONTACT_EMAIL
        or settings.ACCESSIBILITY_CONTACT_PHONE
        or settings.ACCESSIBILITY_CONTACT_URL
    ):
        missing.append("ACCESSIBILITY_CONTACT_EMAIL (or _PHONE, _URL)")
    if not missing:
        return []
    return [
        checks.Warning(
            "Tillgänglighetsredogörelsen saknar uppgifter / the accessibility "
            "statement at /tillganglighet/ lacks: " + ", ".join(missing),
            hint="Lagen kräver att den säger vem som ansvarar och hur man når er / "
            "the law asks who answers for the service and how to reach them "
            "(docs/accessibility.md).",
            id="medborgarloften.W002",
        )
    ]


@checks.register(checks.Tags.database, deploy=True)
def check_no_demo_accounts(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list:
    """The demo's accounts share a password printed in the README: on a production
    database anyone could sign in with them. Reads the database, so it runs only
    when asked to (``check --deploy --database default``, docs/deploy.md)."""
    if not databases:
        return []
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    # Inside the function: the checks module is imported before the apps are ready.
    from medborgarloften.operations.demo import DEMO_PASSWORD, DEMO_USERS

    names = [demo.username for demo in DEMO_USERS]
    found = []
    for alias in databases:
        try:
            users = (
                get_user_model()
                .objects.using(alias)
                .filter(username__in=names, is_active=True)
            )
            found += [u.username for u in users if u.check_password(DEMO_PASSWORD)]
        except DatabaseError:
            return []  # not migrated yet: nothing to sign in with either
    if not found:
        return []
    return [
        checks.Error(
            "Demokonton med det publicerade lösenordet finns i databasen / demo "
            "accounts with the published password exist: " + ", ".join(sorted(found)),
            hint="Ta bort dem (medborgarloften demo läses aldrig in i produktion) "
            "eller byt deras lösenord / delete them or change their passwords.",
            id="medborgarloften.E004",
        )
    ]
