"""A forgotten password: Django's reset views (a one-time link by e-mail, valid for
``PASSWORD_RESET_TIMEOUT``), in the site's look and language, with limits so the
form cannot be used to flood an inbox. The page never says whether an address is
known: the same answer either way."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from medborgarloften.lib import counters
from medborgarloften.lib.client import client_key, keyed_hash

#: Links mailed to one address in an hour, and asked for from one client.
PER_ADDRESS_AN_HOUR = 3
PER_CLIENT_AN_HOUR = 10
_HOUR = 3600


class ResetRequest(auth_views.PasswordResetView):
    """Ask for a link: the e-mail address of the account."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"]
        by_client, _left = counters.increment(
            f"pwreset-c-{client_key(self.request)}", _HOUR
        )
        by_address, _left = counters.increment(
            f"pwreset-a-{keyed_hash(email.strip().casefold())}", _HOUR
        )
        if by_client > PER_CLIENT_AN_HOUR or by_address > PER_ADDRESS_AN_HOUR:
            # The same answer as when a link is sent: nothing to learn, nothing sent.
            return HttpResponseRedirect(str(self.success_url))
        return super().form_valid(form)


class ResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirm(auth_views.PasswordResetConfirmView):
    """The link's page: a new password twice (the site's password rules apply)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetDone(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def invite(
    request: HttpRequest, user: Any, *, organisation: str, role: str, by: str
) -> None:
    """Mail a new user (an unusable password) a link to choose one: the reset link's
    token, so it works once and for ``PASSWORD_RESET_TIMEOUT``."""
    context = {
        "user": user,
        "organisation": organisation,
        "role": role,
        "by": by,
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = render_to_string("accounts/invite_subject.txt", context).strip()
    body = render_to_string("accounts/invite_email.txt", context)
    send_mail(subject, body, None, [user.email])
