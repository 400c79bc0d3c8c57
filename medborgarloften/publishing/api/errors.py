"""The one error shape of the API: RFC 9457 problem details, in the request's
language (Accept-Language or the site's language choice, as the HTML pages).

``{"type", "title", "status", "detail", "instance", "errors": [{"field", "detail"}]}``
with ``Content-Type: application/problem+json``. Views raise ``ApiError``; the
decorator in ``views`` turns it into a response, so no view builds errors by hand.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

PROBLEM_CONTENT_TYPE = "application/problem+json"

#: Titles per status; "type" is about:blank, so the title names the status.
TITLES: dict[int, Any] = {
    400: gettext_lazy("Felaktig begäran"),
    401: gettext_lazy("Inloggning krävs"),
    403: gettext_lazy("Åtkomst nekad"),
    404: gettext_lazy("Hittades inte"),
    405: gettext_lazy("Metoden stöds inte"),
    415: gettext_lazy("Fel innehållstyp"),
    409: gettext_lazy("Konflikt"),
    422: gettext_lazy("Uppgifterna kunde inte sparas"),
    429: gettext_lazy("För många förfrågningar"),
    503: gettext_lazy("Tjänsten är inte tillgänglig"),
}


def request_language(request: HttpRequest) -> str:
    """The language the request asks for: the one LocaleMiddleware chose, or,
    before it has run (the rate limit, the page cache), the same choice made
    from the language cookie and Accept-Language."""
    return getattr(request, "LANGUAGE_CODE", None) or (
        translation.get_language_from_request(request)
    )


class ApiError(Exception):
    """An error the client can fix, with the field(s) it concerns."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        field: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or ([{"field": field, "detail": detail}] if field else [])
        self.headers = headers or {}


def problem(
    request: HttpRequest,
    status: int,
    detail: str | Promise,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    """A problem+json response; the one way the API reports an error, in the
    request's language (``detail`` and the errors may be lazy texts)."""
    language = request_language(request)
    with translation.override(language):
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": str(TITLES.get(status, gettext_lazy("Fel"))),
            "status": status,
            "detail": str(detail),
            "instance": request.path,
        }
        if errors:
            body["errors"] = [
                {k: None if v is None else str(v) for k, v in error.items()}
                for error in errors
            ]
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for key, value in (headers or {}).items():
        response[key] = value
    response["Content-Language"] = language
    return response


def from_error(request: HttpRequest, error: ApiError) -> JsonResponse:
    return problem(
        request,
        error.status,
        error.detail,
        errors=error.errors or None,
        headers=error.headers,
    )
