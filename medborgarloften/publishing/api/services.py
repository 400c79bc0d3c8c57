"""Writes of the API package: API tokens (the activities and observations posted
through the API are written by ``followup.services`` and ``situation.services``)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from medborgarloften.accounts.models import ApiToken, Membership, Role
from medborgarloften.places.models import Organisation

#: Roles that may write through the API (the same that may log activities and
#: file observations); viewers only read, and reading needs no token.
WRITING_ROLES = (Role.ADMIN, Role.EDITOR, Role.REPORTER)
TOKEN_PREFIX = "mlt_"  # noqa: S105 -- a label, not a secret


def token_hash(raw: str) -> str:
    """How a token is stored: SHA-256 hex (the token has 256 random bits)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: Any, organisation: Organisation, name: str = ""
) -> tuple[ApiToken, str]:
    """A new token for a member (admin, editor or reporter) of the organisation;
    returns the token and its secret, which is never stored and shown only now."""
    role = (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    if role not in WRITING_ROLES:
        raise ValidationError(
            {
                "user": (
                    f"Användare: {user} är inte administratör, redaktör eller "
                    f"rapportör i {organisation}."
                )
            }
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        organisation=organisation,
        name=name.strip()[:200],
        prefix=raw[:12],
        key_hash=token_hash(raw),
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """The token no longer authenticates; it is kept for the record."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note when the token was last used (one UPDATE, no read)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
