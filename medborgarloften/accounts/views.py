"""Sign-in (password, then the two-factor code when the user has turned it on; or
single sign-on), and the account page where a user manages two-factor."""

from __future__ import annotations

import base64
import logging
import time
from typing import Any

import django_otp
import segno
from authlib.integrations.base_client import OAuthError
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, user_login_failed
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import oidc
from .decorators import signed_in_user
from .forms import CodeForm
from .models import Role, User
from .permissions import organisation_kinds, organisation_roles
from .two_factor import (
    SSO_SESSION_KEY,
    has_two_factor,
    two_factor_required,
)

security_log = logging.getLogger("medborgarloften.security")

#: Session key of a sign-in waiting for its second factor: user, backend, time, next.
PENDING_KEY = "_mbl_2fa_pending"
#: Seconds between the password and the code before the user must start again.
PENDING_SECONDS = 300
RECOVERY_CODE_COUNT = 10
SSO_NEXT_KEY = "_mbl_sso_next"


def _sso_context() -> dict[str, Any]:
    return {"sso_label": oidc.label() if oidc.enabled() else ""}


def render_login(
    request: HttpRequest,
    *,
    lockout_message: str = "",
    sso_error: str = "",
    username: str = "",
    status: int = 200,
) -> HttpResponse:
    """The sign-in page outside the LoginView (lockout, refused single sign-on)."""
    form = AuthenticationForm(request, initial={"username": username})
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    context = {
        "form": form,
        "next": next_url,
        "lockout_message": lockout_message,
        "sso_error": sso_error,
        **_sso_context(),
    }
    return render(request, "accounts/login.html", context, status=status)


def reporter_start(user: Any) -> str | None:
    """The report page of the one kommun a user reports for, when reporting is all
    the user does (one membership, a reporter's, in a kommun); else None. Trained
    reporters sign in to report, usually on a phone: that is their start."""
    roles = organisation_roles(user)
    if len(roles) != 1 or getattr(user, "is_superuser", False):
        return None
    # The kind's value, not places.OrganisationKind: accounts sits below places.
    if set(roles.values()) != {Role.REPORTER} or organisation_kinds(user) != {"kommun"}:
        return None
    code = user.memberships.values_list("organisation__code", flat=True).first()
    if not code:
        return None
    return reverse("situation:observation_new", kwargs={"code": code})


class SignInView(auth_views.LoginView):
    """Django's LoginView; with two-factor on, the password only opens the code step.
    Without a ``next``, a reporter starts on the report page (:func:`reporter_start`)."""

    template_name = "accounts/login.html"
    _signing_in: Any = None

    def get_default_redirect_url(self) -> str:
        start = reporter_start(self._signing_in) if self._signing_in else None
        return start or super().get_default_redirect_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(lockout_message="", sso_error="", **_sso_context())
        return context

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        self._signing_in = user
        if not has_two_factor(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": self.get_success_url(),
        }
        return redirect("accounts:verify")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    if time.time() - data.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    if data.get("user") is None:
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    return (user, data) if user is not None else None


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code from the app, or a recovery code."""
    found = _pending(request)
    if found is None:
        messages.info(request, _("Logga in igen: det tog för lång tid."))
        return redirect("accounts:login")
    user, data = found
    credentials = {"username": user.get_username()}
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.session.pop(PENDING_KEY, None)
            # AxesMiddleware answers with the lockout; it reads these two attributes,
            # which HttpRequest does not declare.
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            return HttpResponse(status=429)
        device = django_otp.match_token(user, form.cleaned_data["code"])
        if device is not None:
            request.session.pop(PENDING_KEY, None)
            login(request, user, backend=data["backend"])
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "Du loggade in med en reservkod. Du har %(count)s kvar.",
                        "Du loggade in med en reservkod. Du har %(count)s kvar.",
                        left,
                    )
                    % {"count": left},
                )
            target = data.get("next") or reverse(settings.LOGIN_REDIRECT_URL)
            return HttpResponseRedirect(target)
        # A wrong code counts as a failed sign-in for the user name (django-axes).
        user_login_failed.send(
            sender=__name__, credentials=credentials, request=request
        )
        form.add_error("code", _("Koden stämmer inte. Försök igen."))
    return render(request, "accounts/verify.html", {"form": form})


# --- Account page and two-factor set-up ------------------------------------------------


def _qr_svg(url: str) -> str:
    """The otpauth:// URL as an inline SVG QR code, made here (no outside service)."""
    svg = segno.make(url, error="m").svg_inline(scale=5, border=2, title=_("QR-kod"))
    return mark_safe(svg)  # noqa: S308 - segno's own markup, no user input in it


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    context = {
        "two_factor_on": totp is not None,
        "two_factor_required": two_factor_required(user),
        "recovery_left": static.token_set.count() if static else 0,
        "signed_in_with_sso": bool(request.session.get(SSO_SESSION_KEY)),
        "sso_label": oidc.label(),
    }
    return render(request, "accounts/account.html", context)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=_("Reservkoder"), confirmed=True
    )
    codes = [StaticToken.random_token() for _unused in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    return codes


@login_required
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Turn two-factor on: scan the QR code (or type the key), confirm with a code,
    take the recovery codes (shown this once)."""
    user = signed_in_user(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        messages.info(request, _("Tvåstegsverifiering är redan på."))
        return redirect("accounts:account")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=_("Autentiseringsapp"), confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _new_recovery_codes(user)
            django_otp.login(request, device)
            security_log.warning("two-factor turned on: user=%s", user.pk)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "first_time": True},
            )
        form.add_error(
            "code",
            _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."),
        )
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": _grouped(secret),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _confirm_with_code(request: HttpRequest) -> tuple[CodeForm, bool]:
    form = CodeForm(request.POST or None)
    ok = False
    if request.method == "POST" and form.is_valid():
        ok = django_otp.match_token(request.user, form.cleaned_data["code"]) is not None
        if not ok:
            form.add_error("code", _("Koden stämmer inte. Försök igen."))
    return form, ok


@login_required
@never_cache
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor off, confirmed with a current code (or a recovery code)."""
    user = request.user
    if not has_two_factor(user):
        return redirect("accounts:account")
    if two_factor_required(user):
        messages.error(
            request,
            _("Din roll kräver tvåstegsverifiering, så den kan inte stängas av."),
        )
        return redirect("accounts:account")
    form, ok = _confirm_with_code(request)
    if ok:
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        security_log.warning("two-factor turned off: user=%s", user.pk)
        messages.success(request, _("Tvåstegsverifieringen är avstängd."))
        return redirect("accounts:account")
    return render(
        request,
        "accounts/two_factor_confirm.html",
        {
            "form": form,
            "heading": _("Stäng av tvåstegsverifiering"),
            "button": _("Stäng av"),
        },
    )


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), confirmed with a code."""
    user = signed_in_user(request)
    if not has_two_factor(user):
        return redirect("accounts:account")
    form, ok = _confirm_with_code(request)
    if ok:
        codes = _new_recovery_codes(user)
        security_log.warning("recovery codes renewed: user=%s", user.pk)
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "first_time": False},
        )
    return render(
        request,
        "accounts/two_factor_confirm.html",
        {
            "form": form,
            "heading": _("Nya reservkoder"),
            "button": _("Skapa nya reservkoder"),
        },
    )


# --- Single sign-on (OpenID Connect) ---------------------------------------------------


def sso_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider (code flow, PKCE, state, nonce)."""
    if not oidc.enabled():
        return redirect("accounts:login")
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[SSO_NEXT_KEY] = next_url
    redirect_uri = request.build_absolute_uri(reverse("accounts:sso_callback"))
    try:
        return oidc.client().authorize_redirect(request, redirect_uri)
    except Exception:  # the provider is unreachable or its discovery is broken
        security_log.exception("sso: cannot reach the provider")
        return render_login(
            request,
            sso_error=_("Inloggningstjänsten svarar inte just nu. Försök igen senare."),
            status=502,
        )


@never_cache
def sso_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back with a code: exchange it, check the ID
    token, and sign in the user it names."""
    if not oidc.enabled():
        return redirect("accounts:login")
    refused = _("Inloggningen via %(label)s misslyckades. Försök igen.") % {
        "label": oidc.label()
    }
    try:
        token = oidc.client().authorize_access_token(request)
        claims = token.get("userinfo")
        if not claims:
            raise OAuthError(description="no ID token")
    except Exception as exc:  # state, nonce, signature, claims, transport
        security_log.warning("sso: rejected response: %s", exc)
        return render_login(request, sso_error=refused, status=403)
    try:
        user = oidc.user_for_claims(dict(claims))
    except oidc.SignInRefused as exc:
        return render_login(request, sso_error=str(exc), status=403)
    next_url = request.session.pop(SSO_NEXT_KEY, "")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SSO_SESSION_KEY] = True
    return HttpResponseRedirect(next_url or reverse(settings.LOGIN_REDIRECT_URL))


def _admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The Django admin signs in through our page, so two-factor applies there too."""
    target = request.GET.get("next") or reverse("admin:index")
    return HttpResponseRedirect(
        f"{reverse('accounts:login')}?{urlencode({'next': target})}"
    )
