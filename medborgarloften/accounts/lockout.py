"""Lockout after repeated sign-in failures, on top of django-axes.

Axes counts failed sign-ins in the database (``axes.AccessAttempt``) and refuses a
locked-out sign-in before the password is looked at. This module supplies what the
installation decides:

- two limits: ``LOGIN_FAILURE_LIMIT`` failures for one user name, and the higher
  ``LOGIN_FAILURE_LIMIT_IP`` from one address (a town hall's staff may share one), each
  within ``LOGIN_LOCKOUT_MINUTES``; the lock lasts that long after the last failure
  that counted (failures while locked do not prolong it);
- the client address, behind the proxy the same header the rate limits read;
- the answer when locked: the sign-in page with a Swedish message and the time left,
  the same whether or not the user name exists;
- the audit trail: every lockout and unlock goes to the ``medborgarloften.security``
  log, and ``unlock`` lifts a lock early (``manage unlock NAME``).
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Q
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext

from medborgarloften.accounts.views import render_login
from medborgarloften.lib.client import client_address

security_log = logging.getLogger("medborgarloften.security")


def failure_limit(request: HttpRequest | None = None, credentials: Any = None) -> int:
    """Failures for one user name that lock it (``LOGIN_FAILURE_LIMIT``)."""
    return max(1, int(settings.LOGIN_FAILURE_LIMIT))


def ip_failure_limit() -> int:
    return max(1, int(settings.LOGIN_FAILURE_LIMIT_IP))


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """How long a lock lasts and how far back failures count."""
    return timedelta(minutes=max(1, int(settings.LOGIN_LOCKOUT_MINUTES)))


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the rate limits see it (axes' AXES_CLIENT_IP_CALLABLE)."""
    return client_address(request) or None


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a separate, higher limit per address.

    Axes compares one number with one limit; here the address's failures are scaled
    onto the user-name limit, so the address locks exactly at its own limit:
    ``floor(f × user_limit / ip_limit) ≥ user_limit`` ⇔ ``f ≥ ip_limit``.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        from axes.helpers import get_lockout_parameters

        parameters = get_lockout_parameters(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        user_limit, ip_limit = failure_limit(), ip_failure_limit()
        worst = 0
        for parameter, attempts in zip(parameters, attempts_list, strict=True):
            count = sum(attempts.values_list("failures_since_start", flat=True))
            if parameter == "ip_address":
                count = count * user_limit // ip_limit
            worst = max(worst, count)
        return worst


def locked_until(username: str | None, ip_address: str | None) -> datetime | None:
    """When the lock on this user name or address ends, or None when not locked."""
    if not username and not ip_address:
        return None
    window = cool_off()
    since = timezone.now() - window
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    user_failures = 0
    last = None
    if username:
        by_user = recent.filter(username=username)
        user_failures = sum(by_user.values_list("failures_since_start", flat=True))
        if user_failures >= failure_limit():
            last = by_user.aggregate(last=Max("attempt_time"))["last"]
    if last is None and ip_address:
        by_ip = recent.filter(ip_address=ip_address)
        if sum(by_ip.values_list("failures_since_start", flat=True)) >= (
            ip_failure_limit()
        ):
            last = by_ip.aggregate(last=Max("attempt_time"))["last"]
    return last + window if last is not None else None


def lockout_message(until: datetime | None) -> str:
    """The Swedish (translatable) refusal, with the minutes left."""
    if until is None:
        minutes = int(settings.LOGIN_LOCKOUT_MINUTES)
    else:
        left = (until - timezone.now()).total_seconds()
        minutes = max(1, math.ceil(left / 60))
    return ngettext(
        "Inloggningen är tillfälligt spärrad efter för många misslyckade försök. "
        "Försök igen om %(minutes)s minut, eller be en administratör låsa upp "
        "kontot.",
        "Inloggningen är tillfälligt spärrad efter för många misslyckade försök. "
        "Försök igen om %(minutes)s minuter, eller be en administratör låsa upp "
        "kontot.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The sign-in page again, with the lockout message, as 429 Too Many Requests."""

    username = get_client_username(request, credentials)
    until = locked_until(username, getattr(request, "axes_ip_address", None))
    response = render_login(
        request, lockout_message=lockout_message(until), username=username or ""
    )
    response.status_code = 429
    if until is not None:
        wait = max(1, math.ceil((until - timezone.now()).total_seconds()))
        response["Retry-After"] = str(wait)
    return response


@receiver(user_locked_out)
def _log_lockout(sender: Any, request: Any = None, **kwargs: Any) -> None:
    security_log.warning(
        "sign-in locked: username=%r ip=%s",
        kwargs.get("username"),
        kwargs.get("ip_address"),
    )


def unlock(*, username: str | None = None, ip_address: str | None = None) -> int:
    """Forget the failures of a user name and/or an address; returns rows removed."""
    if not username and not ip_address:
        raise ValueError("username or ip_address")
    condition = Q()
    if username:
        condition |= Q(username=username)
    if ip_address:
        condition |= Q(ip_address=ip_address)
    removed, _ = AccessAttempt.objects.filter(condition).delete()
    security_log.warning(
        "sign-in unlocked: username=%r ip=%s (%d records)",
        username,
        ip_address,
        removed,
    )
    return removed


def purge_sign_in_records(
    *, now: datetime | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Delete failure records past the lockout window and sign-in log entries older
    than ``LOGIN_LOG_RETENTION_DAYS``; returns counts per kind."""
    from axes.models import AccessLog

    now = now or timezone.now()
    failures = AccessAttempt.objects.filter(attempt_time__lt=now - cool_off())
    log = AccessLog.objects.filter(
        attempt_time__lt=now - timedelta(days=int(settings.LOGIN_LOG_RETENTION_DAYS))
    )
    counts = {"failed sign-ins": failures.count(), "sign-in log": log.count()}
    if not dry_run:
        failures.delete()
        log.delete()
    return counts
