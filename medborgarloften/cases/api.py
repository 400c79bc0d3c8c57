"""Cases as open data: ``/api/v1/cases`` (JSON, cursor paging) and
``/api/v1/cases.csv``, anonymised: the published text (screened), never the
e-mail, the point rounded to about ten metres. Same selector as the public page
and Open311 (``selectors.public_cases`` and ``public_row``); the contract is in
``openapi.py`` and docs/api.md."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from medborgarloften.lib.csvdialect import DELIMITERS, excel_number, formula_safe
from medborgarloften.lib.cursor import (
    NUMERIC_CURSOR_PATTERN,
    numeric_cursor,
    numeric_cursor_key,
)
from medborgarloften.lib.downloads import file_response
from medborgarloften.places.models import Organisation
from medborgarloften.vocabulary import THEMES

from .selectors import public_cases, public_row

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: Stable English machine names in snake_case, as every other table of the API
#: (publishing/api/fields.py): ``kommun_code`` as in the plans, ``*_id`` for a row
#: of another table, ``*_on`` for a day.
COLUMNS = (
    "id", "kommun_code", "theme", "area", "latitude", "longitude", "text", "status",
    "responsible_organisation", "answer", "outcome", "close_reason", "commitment_id",
    "commitment_number", "activity_id", "received_on", "answered_on",
)  # fmt: skip
CC0 = {
    "id": "CC0-1.0",
    "name": "Creative Commons Zero v1.0 Universal",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _problem(
    request: HttpRequest, status: int, detail: str, field: str = ""
) -> JsonResponse:
    """The API's one error shape (problem+json, as publishing.api.errors), in the
    request's language (LocaleMiddleware's choice, as publishing.api.errors)."""
    body: dict[str, Any] = {
        "type": "about:blank",
        # the titles of every other table's problems (publishing.api.errors)
        "title": {400: _("Felaktig begäran"), 404: _("Hittades inte")}.get(
            status, _("Metoden stöds inte")
        ),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if field:
        body["errors"] = [{"field": field, "detail": detail}]
    response = JsonResponse(
        body, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Type"] = "application/problem+json"
    response["Content-Language"] = get_language()
    return response


class _Bad(Exception):
    def __init__(self, field: str, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.field, self.detail, self.status = field, detail, status


#: The API's cursor for numeric keys, the same as publishing.api.params's.
CURSOR_PATTERN = NUMERIC_CURSOR_PATTERN


def _cursor(raw: str | None) -> int | None:
    if not raw:
        return None
    if not re.fullmatch(CURSOR_PATTERN, raw):
        raise _Bad("cursor", _("cursor: okänd markör; använd länken i next."))
    return numeric_cursor_key(raw)


def _param(request: HttpRequest, name: str) -> str | None:
    """The parameter once, or None when absent; given twice, or empty, is a 400."""
    values = request.GET.getlist(name)
    if not values:
        return None
    if len(values) > 1 or not values[0]:
        raise _Bad(name, _("%(name)s: ange ett värde, en gång.") % {"name": name})
    return values[0]


def _query(request: HttpRequest) -> tuple[Any, int]:
    qs = public_cases()
    code = _param(request, "kommun")
    if code is not None:
        if not re.fullmatch(r"[0-9]{4}", code):
            raise _Bad("kommun", _("kommun: en kommunkod har fyra siffror."))
        if not Organisation.objects.kommuner().filter(code=code).exists():
            # as the other tables: an unknown kommun is a 404, not an empty list
            raise _Bad(
                "kommun",
                _("kommun: ingen kommun med kommunkoden %(code)s.") % {"code": code},
                404,
            )
        qs = qs.filter(kommun__code=code)
    # ``theme`` as in the other lists; ``tema``, its first name, still answers,
    # but not both at once: one filter under two names is a mistake to say.
    given = {key: _param(request, key) for key in ("theme", "tema")}
    if given["theme"] is not None and given["tema"] is not None:
        raise _Bad("tema", _("tema: samma filter som theme; ange bara theme."))
    for key, theme in given.items():
        if theme is not None:
            if theme not in THEMES:
                raise _Bad(key, _("%(key)s: okänt tema.") % {"key": key})
            qs = qs.filter(theme=theme)
    raw_limit = _param(request, "limit") or ""
    if raw_limit and not (
        re.fullmatch(r"[0-9]{1,4}", raw_limit) and 1 <= int(raw_limit) <= MAX_LIMIT
    ):
        raise _Bad("limit", _("limit: ett heltal 1–%(max)s.") % {"max": MAX_LIMIT})
    after = _cursor(_param(request, "cursor"))
    if after is not None:
        qs = qs.filter(pk__lt=after)
    return qs.order_by("-id"), int(raw_limit or DEFAULT_LIMIT)


@csrf_exempt  # read-only: anything but GET/HEAD is a 405, never a CSRF 403
def cases(request: HttpRequest, fmt: str = "json") -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        refusal = _problem(
            request,
            405,
            _("Metoden %(method)s stöds inte här; använd %(allowed)s.")
            % {"method": request.method, "allowed": "GET"},
        )
        refusal["Allow"] = "GET, HEAD"
        return refusal
    try:
        qs, limit = _query(request)
        bom = _bom(request, fmt)
    except _Bad as bad:
        return _problem(request, bad.status, bad.detail, bad.field)
    response = _answer(request, qs, limit, fmt, bom)
    # Last-Modified: the newest change of the cases listed, never the request's time.
    changed = qs.order_by().aggregate(last=Max("updated_at"))["last"]
    if changed is None:
        return response
    response["Last-Modified"] = http_date(changed.timestamp())
    conditional = get_conditional_response(
        request, last_modified=int(changed.timestamp()), response=response
    )
    return conditional or response


def _source(request: HttpRequest) -> dict[str, str]:
    """The publisher as every other table names it (``name``, the site's address)."""
    return {
        "name": getattr(settings, "API_PUBLISHER", "") or "Medborgarlöften",
        "url": request.build_absolute_uri("/"),
    }


@csrf_exempt  # read-only: anything but GET/HEAD is a 405, never a CSRF 403
def case_detail(request: HttpRequest, ident: int) -> HttpResponse:
    """``/api/v1/cases/<id>``: one published case as a row of the list, as every
    table has; an unknown or unpublished id is a 404 that tells nothing more."""
    if request.method not in ("GET", "HEAD"):
        refusal = _problem(
            request,
            405,
            _("Metoden %(method)s stöds inte här; använd %(allowed)s.")
            % {"method": request.method, "allowed": "GET"},
        )
        refusal["Allow"] = "GET, HEAD"
        return refusal
    # beyond any id (a 64-bit key) is no database error, just no such case
    case = public_cases().filter(pk=ident).first() if ident < 2**63 else None
    if case is None:
        return _problem(
            request, 404, _("Inget publicerat ärende %(id)s.") % {"id": ident}
        )
    response = JsonResponse(public_row(case), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Last-Modified"] = http_date(case.updated_at.timestamp())
    return response


def _bom(request: HttpRequest, fmt: str) -> bool:
    """``bom=true``: the CSV begins with the UTF-8 byte order mark (for Excel), as
    every other table's CSV (publishing.api.params.BOM); on JSON it is a 400."""
    value = _param(request, "bom")
    if value is None:
        return False
    if value not in ("true", "false"):
        raise _Bad("bom", _("bom: ska vara true eller false."))
    if fmt != "csv":
        raise _Bad("bom", _("bom: gäller bara CSV (cases.csv)."))
    return value == "true"


def _answer(
    request: HttpRequest, qs: Any, limit: int, fmt: str, bom: bool = False
) -> HttpResponse:
    if fmt == "csv":
        # bom=true: the Excel dialect of every table's CSV (publishing.api.tabular)
        out = io.StringIO("\ufeff" if bom else "")
        out.seek(0, io.SEEK_END)
        writer = csv.DictWriter(
            out, fieldnames=COLUMNS, delimiter=DELIMITERS[bom], lineterminator="\r\n"
        )
        writer.writeheader()
        for case in qs.iterator() if "limit" not in request.GET else qs[:limit]:
            row = public_row(case)
            if bom:
                row = {
                    k: number if (number := excel_number(v)) is not None else v
                    for k, v in row.items()
                }
            # A resident's text that starts like a formula stays text in a
            # spreadsheet, as in every other table's CSV (lib.csvdialect).
            writer.writerow({k: formula_safe(v) for k, v in row.items()})
        return file_response(out.getvalue(), "cases.csv")
    objects = list(qs[: limit + 1])
    more = len(objects) > limit
    objects = objects[:limit]
    next_url = None
    if more:
        query = request.GET.copy()
        query["cursor"] = numeric_cursor(objects[-1].pk)
        query["limit"] = str(limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    response = JsonResponse(
        {
            "data": [public_row(c) for c in objects],
            "next": next_url,
            "limit": limit,
            "license": getattr(settings, "API_LICENSE", CC0),
            "source": _source(request),
        },
        json_dumps_params={"ensure_ascii": False},
    )
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
