"""Two-factor for staff pages, where ``TWO_FACTOR_REQUIRED_ROLES`` asks for it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .two_factor import has_two_factor, session_is_verified, two_factor_required

#: Pages that need the second factor when the user's role requires it.
PROTECTED_PREFIXES = ("/personal/", "/django-admin/")


class TwoFactorRequiredMiddleware:
    """A user whose role requires two-factor reaches staff pages only after a code
    (or single sign-on) this session; without an app yet, they are sent to set one
    up. Costs nothing while the setting is empty."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.TWO_FACTOR_REQUIRED_ROLES
            and request.path.startswith(PROTECTED_PREFIXES)
            and request.user.is_authenticated
            and not session_is_verified(request)
            and two_factor_required(request.user)
        ):
            if has_two_factor(request.user):
                # Signed in some other way than the code step: sign in again.
                logout(request)
                return redirect_to_login(request.get_full_path())
            messages.warning(
                request,
                _(
                    "Din roll kräver tvåstegsverifiering. Slå på den här innan du "
                    "fortsätter."
                ),
            )
            return redirect("accounts:two_factor_setup")
        return self.get_response(request)
