"""The error pages of our own. The server-error page: 503 with Retry-After when the database is away, else 500.

Django calls ``handler500`` for any uncaught exception, inside the ``except`` block,
so the exception is at hand. A lost database (restarted, overloaded, failing over)
is not a bug of ours and passes by itself: the page says so with 503 and
``Retry-After``, and the API answers in problem+json like its other errors. Neither
page touches the database or the request context (the failure may be right there).
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from medborgarloften.publishing.api.errors import problem

RETRY_AFTER_SECONDS = 30


def database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if not database_unavailable(exc):
        return HttpResponseServerError(loader.get_template("500.html").render())
    if request.path.startswith("/api/"):
        response: HttpResponse = problem(
            request,
            503,
            gettext_lazy(
                "Tjänsten är tillfälligt otillgänglig (databasen svarar inte). "
                "Försök igen om en stund."
            ),
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without its cookie or token (cookies cleared
    or blocked, the page left open past the token's life) gets the site's own page in
    plain words, a way back to the form and the advice that the browser's Back
    button usually keeps the text typed, not Django's bare page. Still a 403."""
    if request.path.startswith("/api/"):
        return problem(
            request,
            403,
            gettext_lazy(
                "CSRF-kontrollen misslyckades: skicka en API-nyckel eller cookien och "
                "token från formuläret."
            ),
        )
    referer = request.META.get("HTTP_REFERER", "")
    back = (
        referer
        if referer
        and url_has_allowed_host_and_scheme(
            referer,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        )
        else ""
    )
    response = render(request, "403_csrf.html", {"back": back}, status=403)
    response["Cache-Control"] = "no-store"
    return response
