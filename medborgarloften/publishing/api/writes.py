"""The write endpoints: POST an activity, POST an observation, with a token.

The body is parsed here (types, unknown keys → 422 naming the field); the rules are
the services' own (``followup.services.activity_create``,
``situation.services.observation_create``), so the API and the staff forms refuse
the same things with the same Swedish messages.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from medborgarloften.accounts.models import ApiToken
from medborgarloften.followup.models import Activity
from medborgarloften.followup.permissions import named_partner_ids
from medborgarloften.followup.services import (
    activity_build,
    activity_create,
    partner_activity_create,
)
from medborgarloften.lib.fields import limit
from medborgarloften.lib.text import clean_text
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.exchange import unstorable
from medborgarloften.promises.models import Commitment
from medborgarloften.situation.models import Observation
from medborgarloften.situation.permissions import can_report
from medborgarloften.situation.services import observation_create

from .auth import token_for_request
from .errors import ApiError
from .params import MAX_ID
from .selectors import Links, activity_rows

ACTIVITY_KEYS = {
    "commitment_id": True,
    "date": True,
    "kind": True,
    "end_date": False,
    "quantity": False,
    "participants": False,
    "area_id": False,
    "description": False,
    "links": False,
}
OBSERVATION_KEYS = {
    "kommun": True,
    "category": True,
    "observed_at": True,
    "area_id": False,
    "latitude": False,
    "longitude": False,
    "text": False,
}
#: Service error keys → the request's field names.
_FIELD_NAMES = {"area": "area_id", "commitment": "commitment_id"}


class _Errors:
    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, field: str, detail: str) -> None:
        self.items.append({"field": field, "detail": detail})

    def raise_if_any(self) -> None:
        if self.items:
            raise ApiError(
                422,
                _("Uppgifterna kunde inte sparas; se errors."),
                errors=self.items,
            )


#: The bodies are flat objects (``links`` is a list): deeper is not a body of ours.
MAX_DEPTH = 8


def _body(request: HttpRequest, keys: dict[str, bool], errors: _Errors) -> dict:
    if request.content_type != "application/json":
        raise ApiError(415, _("Skicka JSON med Content-Type: application/json."))
    try:
        data = json.loads(request.body.decode("utf-8"))
    except RecursionError:
        raise _too_deep()
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, _("Kroppen är ingen giltig JSON (UTF-8)."))
    # What no database can store (a lone surrogate; NUL in a key) or no body of
    # ours has (deep nesting) is refused before anything is read from it. NUL in a
    # value is a control character like the others: the fields drop it, as the
    # forms do (lib.text.clean_text).
    problem = unstorable(data, max_depth=MAX_DEPTH, nul_in_values=True)
    if problem:
        raise ApiError(400, _("Kroppen: %(problem)s.") % {"problem": problem})
    if not isinstance(data, dict):
        raise ApiError(400, _("Kroppen ska vara ett JSON-objekt."))
    for key in data:
        if key not in keys:
            errors.add(key, _("%(key)s: okänt fält.") % {"key": key})
    for key, required in keys.items():
        if required and data.get(key) in (None, ""):
            errors.add(key, f"{key}: måste anges.")
    return data


def _too_deep() -> ApiError:
    return ApiError(
        400,
        _("Kroppen är för djupt nästlad (högst %(levels)s nivåer).")
        % {"levels": MAX_DEPTH},
    )


def _int(data: dict, key: str, errors: _Errors) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        errors.add(key, f"{key}: ska vara ett heltal.")
        return None
    if abs(value) > MAX_ID:
        errors.add(key, f"{key}: {value} är orimligt stort.")
        return None
    return value


def _number(data: dict, key: str, errors: _Errors) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        errors.add(key, f"{key}: ska vara ett tal.")
        return None
    return float(value)


def _text(data: dict, key: str, errors: _Errors, max_length: int) -> str:
    """A string of at most ``max_length`` characters (the model field's own limit
    for free text, so the API refuses exactly what the forms refuse)."""
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(key, f"{key}: ska vara text.")
        return ""
    if len(value) > max_length:
        errors.add(key, f"{key}: högst {max_length} tecken.")
    return value


def _date(data: dict, key: str, errors: _Errors) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        errors.add(key, f"{key}: ska vara ett datum ÅÅÅÅ-MM-DD.")
        return None


def _area(area_id: int | None, errors: _Errors) -> Area | None:
    """The area ``area_id`` names (None when not given); an unknown id is an error."""
    if area_id is None:
        return None
    area = Area.objects.filter(pk=area_id).first()
    if area is None:
        errors.add("area_id", f"area_id: inget område {area_id}.")
    return area


def _more_errors(exc: ValidationError, errors: _Errors) -> None:
    """The service's errors on fields the body's own checks did not refuse already."""
    reported = {item["field"] for item in errors.items}
    for key, messages in exc.message_dict.items():
        name = _FIELD_NAMES.get(key, key)
        if name not in reported:
            for message in messages:
                errors.add(name, message)


def _service_errors(exc: ValidationError, errors: _Errors) -> None:
    for key, messages in exc.message_dict.items():
        for message in messages:
            errors.add(_FIELD_NAMES.get(key, key), message)
    errors.raise_if_any()


# Keys of one token live in their own space: another token's key never matches.
_IDEMPOTENCY_NAMESPACE = uuid.UUID("5f0c1d2e-7a4b-4c8e-9d3f-6b2a1e0c9d47")


def _idempotency_key(request: HttpRequest, token: ApiToken) -> uuid.UUID | None:
    """The request's ``Idempotency-Key`` header (any text up to 200 characters) as
    the activity's submission key, per token; None without the header."""
    raw = request.headers.get("Idempotency-Key", "").strip()
    if not raw:
        return None
    if len(raw) > 200:
        raise ApiError(400, _("Idempotency-Key: högst 200 tecken."))
    return uuid.uuid5(_IDEMPOTENCY_NAMESPACE, f"{token.pk}:{raw}")


def _refuse_reused_key(fields: dict[str, Any]) -> None:
    """An Idempotency-Key repeats one request: sent again with another body (another
    commitment, day, kind …) it is a 409, never the first activity in silence."""
    key = fields["submission"]
    existing = Activity.objects.filter(submission=key).first() if key else None
    if existing is None:
        return
    area = fields["area"]
    asked = (
        fields["commitment"].pk,
        fields["date"],
        fields["end_date"],
        clean_text(fields["kind"]).strip(),
        fields["quantity"],
        fields["participants"],
        area.pk if area is not None else None,
        clean_text(fields["description"]).strip(),
        [link.strip() for link in fields["links"] if link and link.strip()],
    )
    saved = (
        existing.commitment_id,
        existing.date,
        existing.end_date,
        existing.kind,
        existing.quantity,
        existing.participants,
        existing.area_id,
        existing.description,
        list(existing.links or []),
    )
    if asked != saved:
        raise ApiError(
            409,
            _(
                "Idempotency-Key: nyckeln har redan använts för en annan begäran; "
                "använd en ny nyckel för en ny aktivitet."
            ),
            field="Idempotency-Key",
        )


def _partner_of(commitment: Commitment, token: ApiToken) -> Organisation | None:
    """The token's organisation when it reports on the commitment as a partner (a
    housing company named among its other parties), not as a party to the promise:
    it logs there as on its page "Våra åtaganden"."""
    if token.organisation_id not in named_partner_ids(commitment):
        return None
    if commitment.promise.parties.filter(pk=token.organisation_id).exists():
        return None
    return token.organisation


def activity_post(request: HttpRequest, links: Links) -> JsonResponse:
    """Log an activity against a commitment of a promise the token's organisation
    is a party to, or against a commitment it is a partner of (as on the
    partner's page, with the same rule)."""
    token = token_for_request(request)
    errors = _Errors()
    data = _body(request, ACTIVITY_KEYS, errors)
    commitment_id = _int(data, "commitment_id", errors)
    date = _date(data, "date", errors)
    end_date = _date(data, "end_date", errors)
    kind = _text(data, "kind", errors, limit(Activity, "kind"))
    quantity = _int(data, "quantity", errors)
    participants = _int(data, "participants", errors)
    area_id = _int(data, "area_id", errors)
    description = _text(data, "description", errors, limit(Activity, "description"))
    links_in = data.get("links") or []
    if not isinstance(links_in, list) or not all(isinstance(x, str) for x in links_in):
        errors.add("links", "links: ska vara en lista med webbadresser.")
        links_in = []
    for problem in Activity._meta.get_field("links").errors(links_in):
        errors.add("links", problem)
    commitment = None
    if commitment_id is not None:
        commitment = (
            Commitment.objects.select_related("promise")
            .filter(pk=commitment_id)
            .first()
        )
        if commitment is None:
            errors.add(
                "commitment_id", f"commitment_id: inget åtagande {commitment_id}."
            )
    area = _area(area_id, errors)
    if errors.items and commitment is not None:
        # Every invalid field at once: the service's rules (period, future,
        # quantity, personnummer …) for the fields that parsed, beside the others.
        try:
            activity_build(
                commitment=commitment,
                date=date,
                end_date=end_date,
                kind=kind,
                quantity=1 if quantity is None else quantity,
                participants=participants,
                area=area,
                description=description,
                links=links_in,
            )
        except ValidationError as exc:
            _more_errors(exc, errors)
    errors.raise_if_any()
    assert commitment is not None and date is not None
    partner = _partner_of(commitment, token)
    if (
        partner is None
        and not commitment.promise.parties.filter(pk=token.organisation_id).exists()
    ):
        # Never the promise's title: it may be another kommun's unpublished draft.
        raise ApiError(
            403,
            _(
                "%(organisation)s är varken part i det medborgarlöfte som åtagande "
                "%(commitment)s hör till eller partner för åtagandet."
            )
            % {"organisation": token.organisation, "commitment": commitment.pk},
        )
    fields: dict[str, Any] = {
        "commitment": commitment,
        "date": date,
        "end_date": end_date,
        "kind": kind,
        "quantity": 1 if quantity is None else quantity,
        "participants": participants,
        "area": area,
        "description": description,
        "links": links_in,
        "actor": token.user,
        "source": "api",
        "submission": _idempotency_key(request, token),
    }
    _refuse_reused_key(fields)
    try:
        if partner is not None:
            # The partner's own page's rule and writer (followup.services).
            activity = partner_activity_create(partner=partner, **fields)
        else:
            activity = activity_create(organisation=token.organisation, **fields)
    except PermissionDenied as exc:
        raise ApiError(403, str(exc)) from exc
    except ValidationError as exc:
        _service_errors(exc, errors)
        raise
    row = activity_rows([activity], links)[0]
    # A repeated Idempotency-Key answers with what the first request saved.
    status = 200 if activity.already_saved else 201
    response = JsonResponse(
        row, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Location"] = links.api_url(f"activities/{activity.pk}")
    return response


def observation_post(request: HttpRequest) -> JsonResponse:
    """File an observation in a kommun the token's organisation acts for."""
    token = token_for_request(request)
    errors = _Errors()
    data = _body(request, OBSERVATION_KEYS, errors)
    code = _text(data, "kommun", errors, 4)
    category = _text(data, "category", errors, 20)
    observed_raw = _text(data, "observed_at", errors, 40)
    area_id = _int(data, "area_id", errors)
    latitude = _number(data, "latitude", errors)
    longitude = _number(data, "longitude", errors)
    text = _text(data, "text", errors, limit(Observation, "text"))
    observed_at = None
    if observed_raw:
        try:
            observed_at = parse_datetime(observed_raw)
        except ValueError:
            observed_at = None
        if observed_at is None:
            errors.add(
                "observed_at",
                "observed_at: ska vara en tidpunkt med tidszon (ISO 8601).",
            )
    kommun = None
    if code:
        kommun = Organisation.objects.kommuner().filter(code=code).first()
        if kommun is None:
            errors.add("kommun", f"kommun: ingen kommun med kommunkoden {code}.")
    area = _area(area_id, errors)
    errors.raise_if_any()
    assert kommun is not None and observed_at is not None
    acts_for = token.organisation_id == kommun.pk or (
        token.organisation.serves.filter(pk=kommun.pk).exists()
    )
    if not acts_for or not can_report(token.user, kommun):
        raise ApiError(
            403,
            _("%(organisation)s rapporterar inte för %(kommun)s.")
            % {"organisation": token.organisation, "kommun": kommun},
        )
    try:
        observation = observation_create(
            kommun=kommun,
            category=category,
            observed_at=observed_at,
            reporter=token.user,
            area=area,
            latitude=latitude,
            longitude=longitude,
            text=text,
            organisation=token.organisation,
        )
    except ValidationError as exc:
        _service_errors(exc, errors)
        raise
    body = {
        "id": observation.pk,
        "kommun": kommun.code,
        "category": observation.category,
        "observed_at": observation.observed_at.isoformat(),
        "area_id": observation.area_id,
        "latitude": observation.latitude,
        "longitude": observation.longitude,
        "text": observation.text,
    }
    return JsonResponse(body, status=201, json_dumps_params={"ensure_ascii": False})
