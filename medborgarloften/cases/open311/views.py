"""Open311 GeoReport v2: services, requests (list, one, create).

``jurisdiction_id`` is the kommunkod. Reads show moderated cases only, as the
"Du sa – vi gjorde" page does (``selectors.public_cases``). A POST needs an
``api_key``: an API key (``medborgarloften apitoken``) of an active user; the new
request waits for moderation like any other.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from medborgarloften.accounts.models import ApiToken
from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.vocabulary import THEMES

from ..models import CaseSource, CaseStatus
from ..selectors import public_cases, receives_reports
from ..services import case_create
from .render import (
    error,
    request_record,
    respond,
    respond_discovery,
    service_record,
)

PAGE = 200


def _site(request: HttpRequest) -> str:
    """The scheme and host the request came to, for absolute ``media_url``s."""
    return request.build_absolute_uri("/").rstrip("/")


class Refusal(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _jurisdiction(request: HttpRequest, data: object = None) -> Organisation | None:
    source = data if data is not None else request.GET
    code = source.get("jurisdiction_id", "")  # type: ignore[attr-defined]
    if not code:
        return None
    kommun = Organisation.objects.filter(
        kind=OrganisationKind.KOMMUN, code=code
    ).first()
    if kommun is None:
        raise Refusal(404, f"Okänd jurisdiction_id: {code} (ange en kommunkod).")
    return kommun


def _handle(fmt: str, run: object) -> HttpResponse:
    try:
        return run()  # type: ignore[operator]
    except Refusal as exc:
        return error(fmt, exc.status, exc.description)


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """GeoReport v2's discovery: one object (not a list) with its ``endpoints``."""
    base = request.build_absolute_uri("/open311/v2/")
    docs = request.build_absolute_uri(reverse("api:docs"))
    email = str(getattr(settings, "API_CONTACT_EMAIL", "") or "").strip()
    record = {
        "changeset": "2026-12-06T00:00:00Z",
        "contact": f"{email} ({docs})" if email else docs,
        "key_service": "API-nycklar delas ut av kommunen / API keys from the kommun",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-12-06T00:00:00Z",
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    return respond_discovery(fmt, record)


def services(request: HttpRequest, fmt: str) -> HttpResponse:
    def run() -> HttpResponse:
        _jurisdiction(request)
        records = [service_record(code) for code in THEMES]
        return respond(fmt, "services", "service", records)

    return _handle(fmt, run)


def _date(raw: str | None, name: str) -> dt.datetime | None:
    if not raw:
        return None
    value = parse_datetime(raw)
    if value is None:
        raise Refusal(
            400, f"{name}: ange tid som i ISO 8601, t.ex. 2026-11-30T00:00:00Z."
        )
    return value if timezone.is_aware(value) else timezone.make_aware(value)


@csrf_exempt  # a POST carries its api_key; no cookie authenticates it
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _handle(fmt, lambda: _create(request, fmt))
    if request.method not in ("GET", "HEAD"):
        return error(fmt, 405, "Bara GET och POST.")

    def run() -> HttpResponse:
        kommun = _jurisdiction(request)
        qs = public_cases(kommun)
        ids = request.GET.get("service_request_id", "")
        if ids:
            wanted = [i for i in ids.split(",") if i.strip().isdigit()]
            qs = qs.filter(pk__in=wanted)
        codes = request.GET.get("service_code", "")
        if codes:
            qs = qs.filter(theme__in=codes.split(","))
        start = _date(request.GET.get("start_date"), "start_date")
        end = _date(request.GET.get("end_date"), "end_date")
        if start is None and end is None and not ids:
            start = timezone.now() - dt.timedelta(days=90)
        if start:
            qs = qs.filter(created_at__gte=start)
        if end:
            qs = qs.filter(created_at__lte=end)
        status = request.GET.get("status", "")
        if status not in ("", "open", "closed"):
            # the specification's two values; another is a mistake, never ignored
            raise Refusal(400, f"status: okänt värde {status}; ange open eller closed.")
        if start and end and start > end:
            raise Refusal(400, "start_date: ligger efter end_date.")
        open_ = [CaseStatus.NEW, CaseStatus.ROUTED]
        if status == "open":
            qs = qs.filter(status__in=open_)
        elif status == "closed":
            qs = qs.exclude(status__in=open_)
        records = [request_record(c, _site(request)) for c in qs[:PAGE]]
        return respond(fmt, "service_requests", "request", records)

    return _handle(fmt, run)


def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    def run() -> HttpResponse:
        kommun = _jurisdiction(request)
        case = public_cases(kommun).filter(pk=int(request_id)).first()
        if case is None:
            raise Refusal(404, f"Ingen publicerad begäran {request_id}.")
        return respond(
            fmt, "service_requests", "request", [request_record(case, _site(request))]
        )

    return _handle(fmt, run)


def _api_key(raw: str) -> ApiToken:
    # Stored as the write API stores it (publishing.api.services.token_hash).
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest, revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        raise Refusal(403, "api_key saknas, är okänd eller återkallad.")
    return token


def _float(raw: str | None, name: str) -> float | None:
    if raw is None or raw == "":
        return None
    try:
        return float(raw)
    except ValueError:
        raise Refusal(400, f"{name}: ange ett decimaltal.") from None


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    token = _api_key(data.get("api_key", ""))
    kommun = _jurisdiction(request, data)
    if kommun is None:
        raise Refusal(400, "jurisdiction_id (kommunkod) krävs.")
    if not receives_reports(kommun):
        raise Refusal(
            403,
            f"{kommun} tar inte emot begäran genom den här tjänsten: ingen här "
            "handlägger kommunens ärenden. Vänd dig till kommunen direkt, eller till "
            "polisen (polisen.se, 114 14; 112 vid akut fara).",
        )
    code = data.get("service_code", "")
    if code not in THEMES:
        raise Refusal(400, f"Okänd service_code: {code or '(tom)'}.")
    lat, lon = _float(data.get("lat"), "lat"), _float(data.get("long"), "long")
    address = data.get("address_string", "").strip()
    if (lat is None or lon is None) and not address:
        raise Refusal(400, "Ange lat och long, eller address_string.")
    try:
        case = case_create(
            kommun=kommun,
            source=CaseSource.OPEN311,
            source_ref=f"token:{token.pk}",
            theme=code,
            text=data.get("description", ""),
            latitude=lat,
            longitude=lon,
            place_text=address,
            email=data.get("email", "") if data.get("email_opt_in") == "true" else "",
            actor=token.user,
        )
    except ValidationError as exc:
        messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise Refusal(400, messages) from None
    record = {
        "service_request_id": str(case.pk),
        "service_notice": "Begäran granskas innan den visas.",
        "account_id": None,
    }
    return respond(fmt, "service_requests", "request", [record], status=201)
