"""Bearer-token authentication for the write endpoints.

Only ``Authorization: Bearer <token>`` authenticates an API write; session cookies
never do, which is why the write views may be CSRF-exempt: a browser cannot attach
the token to a forged request.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import ApiToken, Membership

from .errors import ApiError
from .services import WRITING_ROLES, api_token_used, token_hash

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="medborgarloften"'}


def token_for_request(request: HttpRequest) -> ApiToken:
    """The active token the request carries; 401 without one, or a revoked or
    unknown one; 403 when its user no longer may write for its organisation."""
    header = request.headers.get("Authorization", "")
    scheme, _space, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(
            401,
            _("Ange en API-nyckel: Authorization: Bearer <nyckel>."),
            headers=_CHALLENGE,
        )
    token = (
        ApiToken.objects.select_related("user", "organisation")
        .filter(key_hash=token_hash(raw.strip()), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        raise ApiError(
            401,
            _("API-nyckeln är okänd eller återkallad."),
            headers={**_CHALLENGE, "WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    role = (
        Membership.objects.filter(user=token.user, organisation=token.organisation)
        .values_list("role", flat=True)
        .first()
    )
    if role not in WRITING_ROLES:
        raise ApiError(
            403,
            _("%(user)s får inte längre skriva för %(organisation)s.")
            % {"user": token.user, "organisation": token.organisation},
        )
    api_token_used(token=token)
    return token
