"""Single sign-on through OpenID Connect (Entra ID, Keycloak, …), with Authlib.

Configured only by environment variables (settings ``OIDC_*``); off unless
``OIDC_DISCOVERY_URL`` and ``OIDC_CLIENT_ID`` are set. The flow is the authorization
code flow with PKCE (S256), ``state`` and ``nonce`` kept in the session; Authlib
checks the ID token's RS256/ES256 signature against the provider's JWKS and its
``iss``, ``aud``, ``exp`` and ``nonce`` claims.

Who may sign in is decided here, not at the provider: the token must name an existing,
active user — by ``OIDC_USERNAME_CLAIM`` when set, otherwise by a (verified) e-mail
address in ``OIDC_EMAIL_CLAIM``. Unknown users are refused unless
``OIDC_CREATE_USERS=1``, which creates an account without any organisation. That
first sign-on links the user to the provider's stable ``iss`` + ``sub``
(``ExternalIdentity``); later sign-ons go by that link, so a changed address still
works and an address reassigned to somebody else does not open the account.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import ExternalIdentity, User

security_log = logging.getLogger("medborgarloften.security")

#: Authlib clients by configuration, so discovery and JWKS are fetched once per
#: process (Authlib refetches the JWKS itself when a token names an unknown key).
_clients: dict[tuple[str, ...], Any] = {}


def enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


def label() -> str:
    return settings.OIDC_LABEL


def client() -> Any:
    """The Authlib client for the configured provider."""
    key = (
        settings.OIDC_DISCOVERY_URL,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPES,
    )
    found = _clients.get(key)
    if found is None:
        oauth = OAuth()
        found = oauth.register(
            name="oidc",
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET or None,
            server_metadata_url=settings.OIDC_DISCOVERY_URL,
            client_kwargs={
                "scope": settings.OIDC_SCOPES,
                "code_challenge_method": "S256",
                "timeout": 10,
            },
        )
        _clients[key] = found
    return found


class SignInRefused(Exception):
    """The provider vouched for someone who may not sign in here (message is Swedish)."""


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str
    username: str


def identity_from_claims(claims: dict[str, Any]) -> Identity:
    email = ""
    email_claim = settings.OIDC_EMAIL_CLAIM
    if email_claim and claims.get(email_claim):
        email = str(claims[email_claim]).strip()
        verified = claims.get("email_verified")
        if (
            settings.OIDC_REQUIRE_EMAIL_VERIFIED
            and email_claim == "email"
            and verified is not True
            and str(verified).lower() != "true"
        ):
            email = ""  # an unverified address proves nothing
    username = ""
    if settings.OIDC_USERNAME_CLAIM:
        username = str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip()
    return Identity(
        issuer=str(claims.get("iss", "")),
        subject=str(claims.get("sub", "")),
        email=email,
        username=username,
    )


def _refuse(message: str, identity: Identity, reason: str) -> SignInRefused:
    security_log.warning(
        "sso refused (%s): sub=%r email=%r username=%r",
        reason,
        identity.subject,
        identity.email,
        identity.username,
    )
    return SignInRefused(message)


@transaction.atomic
def user_for_claims(claims: dict[str, Any]) -> User:
    """The existing active user the claims name, or a refusal (see module doc)."""
    identity = identity_from_claims(claims)
    if not (identity.issuer and identity.subject):
        raise _refuse(
            _("Inloggningstjänsten skickade inget konto-id."), identity, "no sub"
        )
    link = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if link is not None:
        # Linked before: the provider's stable id decides, whatever the address.
        _check_active(link.user, identity)
        link.last_used_at = timezone.now()
        link.save(update_fields=["last_used_at"])
        security_log.info("sso sign-in: user=%s sub=%r", link.user.pk, identity.subject)
        return link.user
    if settings.OIDC_USERNAME_CLAIM:
        if not identity.username:
            raise _refuse(
                _("Inloggningstjänsten skickade inget användarnamn."),
                identity,
                "no username claim",
            )
        matches = list(User.objects.filter(username__iexact=identity.username)[:2])
    else:
        if not identity.email:
            raise _refuse(
                _(
                    "Inloggningstjänsten skickade ingen bekräftad e-postadress, så "
                    "kontot kan inte kopplas till en användare här."
                ),
                identity,
                "no verified email",
            )
        matches = list(User.objects.filter(email__iexact=identity.email)[:2])
    if len(matches) > 1:
        raise _refuse(
            _(
                "Flera användare här har samma e-postadress. Be en administratör "
                "rätta det."
            ),
            identity,
            "ambiguous",
        )
    if matches:
        user = matches[0]
        _check_active(user, identity)
        if user.external_identities.filter(issuer=identity.issuer).exists():
            # The account is linked to another account at the same provider: the
            # address now belongs to somebody else there (or was reused).
            raise _refuse(
                _(
                    "Kontot här är kopplat till ett annat konto hos "
                    "inloggningstjänsten. Kontakta en administratör."
                ),
                identity,
                "linked to another subject",
            )
        _link(user, identity)
        security_log.info(
            "sso sign-in, first link: user=%s sub=%r", user.pk, identity.subject
        )
        return user
    if not settings.OIDC_CREATE_USERS:
        raise _refuse(
            _(
                "Du är inte upplagd som användare här. Be en administratör lägga upp "
                "dig med din e-postadress, och försök sedan igen."
            ),
            identity,
            "unknown user",
        )
    return _create_user(identity, claims)


def _check_active(user: User, identity: Identity) -> None:
    if not user.is_active:
        raise _refuse(
            _("Kontot är avstängt. Kontakta en administratör."),
            identity,
            "inactive user",
        )


def _link(user: User, identity: Identity) -> None:
    ExternalIdentity.objects.create(
        user=user,
        issuer=identity.issuer,
        subject=identity.subject,
        last_used_at=timezone.now(),
    )


def _create_user(identity: Identity, claims: dict[str, Any]) -> User:
    base = identity.username or identity.email.split("@")[0] or identity.subject
    base = slugify(base)[:120] or "sso"
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    user = User(
        username=username,
        email=identity.email,
        first_name=str(claims.get("given_name", ""))[:150],
        last_name=str(claims.get("family_name", ""))[:150],
    )
    user.set_unusable_password()
    user.save()
    _link(user, identity)
    security_log.warning(
        "sso created user %s (%s) without organisation", user.pk, username
    )
    return user
