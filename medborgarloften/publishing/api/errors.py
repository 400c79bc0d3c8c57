"""The one error shape of the API: RFC 9457 problem details, in Swedish.

``{"type", "title", "status", "detail", "instance", "errors": [{"field", "detail"}]}``
with ``Content-Type: application/problem+json``. Views raise ``ApiError``; the
decorator in ``views`` turns it into a response, so no view builds errors by hand.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"

#: Swedish titles per status; "type" is about:blank, so the title names the status.
TITLES: dict[int, str] = {
    400: "Felaktig begäran",
    401: "Inloggning krävs",
    403: "Åtkomst nekad",
    404: "Hittades inte",
    405: "Metoden stöds inte",
    415: "Fel innehållstyp",
    409: "Konflikt",
    422: "Uppgifterna kunde inte sparas",
    429: "För många förfrågningar",
}


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
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JsonResponse:
    """A problem+json response; the one way the API reports an error."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": TITLES.get(status, "Fel"),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def from_error(request: HttpRequest, error: ApiError) -> JsonResponse:
    return problem(
        request,
        error.status,
        error.detail,
        errors=error.errors or None,
        headers=error.headers,
    )
