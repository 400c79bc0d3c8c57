"""Who has, and who must have, two-factor sign-in (TOTP, django-otp)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_otp import user_has_device

from medborgarloften.accounts.permissions import organisation_roles

#: Set in the session when the user signed in through single sign-on: the identity
#: provider (Entra ID's conditional access, Keycloak's OTP) is then responsible for
#: the second factor.
SSO_SESSION_KEY = "_mbl_sso"


def has_two_factor(user: Any) -> bool:
    """The user has confirmed an authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_required(user: Any) -> bool:
    """``TWO_FACTOR_REQUIRED_ROLES`` names one of the user's roles (or ``all``,
    or ``superuser`` for superusers)."""
    required = {r.strip().lower() for r in settings.TWO_FACTOR_REQUIRED_ROLES}
    if not required or user is None or not user.is_authenticated:
        return False
    if "all" in required:
        return True
    if "superuser" in required and (user.is_superuser or user.is_staff):
        return True

    return any(role in required for role in organisation_roles(user).values())


def session_is_verified(request: Any) -> bool:
    """Signed in with a second factor: a code this session, or single sign-on."""
    user = request.user
    verified = getattr(user, "is_verified", None)
    return bool(
        (verified is not None and verified()) or request.session.get(SSO_SESSION_KEY)
    )


__all__ = [
    "SSO_SESSION_KEY",
    "has_two_factor",
    "session_is_verified",
    "two_factor_required",
    "user_has_device",
]
