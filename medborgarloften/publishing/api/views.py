"""Thin views of the open data API: parse the query, run one selector, render JSON
or CSV. Every error goes through ``errors.problem``; every GET carries CORS."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from medborgarloften.promises.models import Promise
from medborgarloften.publishing.api.spec.filters import FILTER_SCHEMAS

from .. import fragments
from ..pagecache import (
    NATIONAL,
    STRICT,
    cached_public,
    kommun_scope,
    promise_scope,
)
from . import (
    case_table,
    catalogue,
    dataset_dates,
    dcat,
    openapi,
    params,
    plan_tables,
    writes,
)
from .errors import ApiError, from_error, problem
from .selectors import (
    DATASETS,
    Dataset,
    Links,
    all_pages,
    detail_row,
    page,
    promise_detail,
)
from .spec import info as spec_info
from .tabular import csv_download, csv_stream
from .turtle import turtle

CC0 = {
    "id": "CC0-1.0",
    "name": "Creative Commons Zero v1.0 Universal",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def licence() -> dict[str, str]:
    """The data licence: CC0 unless the installation sets API_LICENSE (a dict)."""
    return getattr(settings, "API_LICENSE", CC0)


def publisher() -> str:
    """The name in every payload's ``source`` (no query: it is in every response)."""
    return getattr(settings, "API_PUBLISHER", "") or "Medborgarlöften"


def links_for(request: HttpRequest) -> Links:
    return Links(
        api=request.build_absolute_uri(reverse("api:root")),
        site=request.build_absolute_uri("/"),
    )


def _source(request: HttpRequest) -> dict[str, str]:
    return {"name": publisher(), "url": request.build_absolute_uri("/")}


#: What a script on another site may send: the bearer key, JSON, the documented
#: Idempotency-Key of a write and the conditional headers of a read.
CORS_REQUEST_HEADERS = (
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-None-Match",
    "If-Modified-Since",
)
#: What it may read of an answer besides the simple headers: the next page, a new
#: row's address, when to try again, and what a conditional request needs.
CORS_EXPOSED_HEADERS = ("Link", "Location", "Retry-After", "ETag", "Last-Modified")


def _cors(response: HttpResponse, methods: tuple[str, ...]) -> HttpResponse:
    # Any origin: no API view reads a cookie, a write needs the bearer key itself.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ", ".join(methods)
    response["Access-Control-Allow-Headers"] = ", ".join(CORS_REQUEST_HEADERS)
    response["Access-Control-Expose-Headers"] = ", ".join(CORS_EXPOSED_HEADERS)
    return response


def api_view(*methods: str) -> Callable[..., Any]:
    """Allow these methods (405 otherwise), turn ApiError into problem+json,
    answer CORS preflights and mark read responses for any origin."""
    allowed = tuple(dict.fromkeys((*methods, "OPTIONS")))

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        # No API view reads the session: reads are anonymous and writes take only a
        # bearer token (auth.py), so CSRF cannot apply; exempting every API view lets
        # an unsupported method get its 405 problem instead of Django's CSRF page.
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = ", ".join(allowed)
                return _cors(response, allowed)
            if request.method not in allowed:
                response = problem(
                    request,
                    405,
                    _("Metoden %(method)s stöds inte här; använd %(allowed)s.")
                    % {"method": request.method, "allowed": ", ".join(allowed)},
                    headers={"Allow": ", ".join(allowed)},
                )
            else:
                try:
                    response = view(request, *args, **kwargs)
                except ApiError as error:
                    response = from_error(request, error)
            # reads and writes alike: a browser client must read a write's 201,
            # its Location and its 422 too
            _cors(response, allowed)
            return response

        return wrapper

    return decorate


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data,
        status=status,
        safe=False,
        json_dumps_params={"ensure_ascii": False},
    )


def _url_with(request: HttpRequest, **changes: Any) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = str(value)
    return (
        request.build_absolute_uri(request.path)
        + "?"
        + urlencode(sorted(query.lists()), doseq=True)
    )


@api_view("GET", "HEAD")
def root(request: HttpRequest) -> HttpResponse:
    links = links_for(request)
    return _json(
        {
            "title": "Medborgarlöften – öppna data",
            "version": "v1",
            # every list the API serves: the registry's, the plans' and the cases'
            "datasets": {
                name: links.api_url(name)
                for name in (*DATASETS, *plan_tables.TABLES, "cases")
            },
            "openapi": links.api_url("openapi.json"),
            "dcat": links.api_url("dcat.jsonld"),
            "dcat_turtle": links.api_url("dcat.ttl"),
            "documentation": links.api_url("docs"),
            "api_info": links.api_url("api-info"),
            "license": licence(),
            "source": _source(request),
        }
    )


def _list(
    request: HttpRequest, name: str, fmt: str | None
) -> HttpResponse | StreamingHttpResponse:
    dataset = DATASETS[name]
    filters, paging = params.parse_query(request.GET, dataset.filters)
    fmt = fmt or paging["format"] or "json"
    if fmt != "json" and paging["format"] not in (None, fmt):
        raise ApiError(400, _("format: motsäger filändelsen."), field="format")
    params.check_bom(paging, fmt)
    links = links_for(request)
    if fmt == "csv" and paging["limit"] is None:
        queryset = dataset.queryset(**filters)
        return _csv_all(dataset, queryset, links, paging["cursor"], paging["bom"])
    limit = paging["limit"] or params.DEFAULT_LIMIT

    def build() -> tuple[list[Any], str | None]:
        queryset = dataset.queryset(**filters)
        result = page(dataset, queryset, limit=limit, cursor=paging["cursor"])
        return dataset.rows(result.objects, links), result.next_cursor

    # Public rows of every kommun: kept under the national lists' version, as the
    # page is; the rows' links hold the site's address.
    rows, next_cursor = fragments.cached(
        "api-list",
        scopes=(NATIONAL,),
        build=build,
        vary=(name, fmt, links.api, links.site, *sorted(request.GET.lists())),
    )
    return _page_response(
        request, name, fmt, dataset.table, rows, next_cursor, limit, paging["bom"]
    )


def _page_response(
    request: HttpRequest,
    name: str,
    fmt: str,
    table: Any,
    rows: list[Any],
    next_cursor: str | None,
    limit: int,
    bom: bool = False,
) -> HttpResponse:
    """One page of a list as CSV or JSON, with a ``Link: rel="next"`` when there
    is more (shared by the dataset lists and the plan lists)."""
    next_url = (
        _url_with(request, cursor=next_cursor, limit=limit) if next_cursor else None
    )
    if fmt == "csv":
        response = csv_download(name, table, [rows], bom=bom)
    else:
        response = _json(
            {
                "data": rows,
                "next": next_url,
                "limit": limit,
                "license": licence(),
                "source": _source(request),
            }
        )
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


def _csv_all(
    dataset: Dataset, queryset: Any, links: Links, cursor: str | None, bom: bool
) -> StreamingHttpResponse:
    """The whole filtered table, streamed page by page (each page a fixed number of
    queries), so a download of every activity never sits in memory."""

    if cursor is not None:
        params.decode_cursor(cursor, dataset.key_type)  # 400 before streaming
    pages = all_pages(dataset, queryset, cursor, lambda objs: dataset.rows(objs, links))
    return csv_stream(dataset.table.name, dataset.table, pages, bom=bom)


def list_view(name: str, fmt: str | None = None) -> Callable[..., HttpResponse]:
    # params.parse_query refuses unknown parameters (400): every one is in the key.
    @api_view("GET", "HEAD")
    @cached_public(params=STRICT)
    def view(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
        return _list(request, name, fmt)

    view.__name__ = f"{name}_list"
    return view


@api_view("GET", "HEAD", "POST")
@cached_public(params=STRICT)  # passes the POST through untouched
def activities(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    if request.method == "POST":
        return writes.activity_post(request, links_for(request))
    return _list(request, "activities", None)


@api_view("POST")
def observations(request: HttpRequest) -> HttpResponse:
    return writes.observation_post(request)


_NOT_FOUND = {
    "kommuner": gettext_lazy("Det finns ingen kommun med kommunkoden %(id)s."),
    "promises": gettext_lazy(
        "Det finns inget publicerat medborgarlöfte med id %(id)s."
    ),
    "commitments": gettext_lazy("Det finns inget publicerat åtagande med id %(id)s."),
    "activities": gettext_lazy("Det finns ingen publicerad aktivitet med id %(id)s."),
    "reports": gettext_lazy(
        "Det finns ingen publicerad uppföljningsrapport med id %(id)s."
    ),
}


def _detail_scopes(name: str) -> Callable[[dict[str, Any]], tuple[str, ...]]:
    """A kommun's answer changes with its kommun, a promise's with the promise; the
    others (a commitment, an activity, a report of a public promise) with the
    national lists, as every change to them does."""

    def scopes(kwargs: dict[str, Any]) -> tuple[str, ...]:
        if name == "kommuner":
            return (kommun_scope(kwargs["ident"]),)
        if name == "promises":
            return (promise_scope(kwargs["ident"]),)
        return (NATIONAL,)

    return scopes


def detail_view(name: str) -> Callable[..., HttpResponse]:
    @api_view("GET", "HEAD")
    @cached_public(scopes=_detail_scopes(name))
    def view(request: HttpRequest, ident: Any) -> HttpResponse:
        try:
            if isinstance(ident, int) and ident > params.MAX_ID:
                raise LookupError(ident)  # beyond any id: not a database error
            if name == "promises":
                data = promise_detail(uid=ident, links=links_for(request))
            else:
                data = detail_row(DATASETS[name], ident, links_for(request))
        except (LookupError, Promise.DoesNotExist):
            raise ApiError(404, _NOT_FOUND[name] % {"id": ident})
        return _json(data)

    view.__name__ = f"{name}_detail"
    return view


def contact(request: HttpRequest) -> dict[str, str]:
    """Who answers for the API (settings only: the description needs no database)."""
    return {
        "name": publisher(),
        "email": catalogue.contact_email(),
        "url": getattr(settings, "API_PUBLISHER_URL", "")
        or request.build_absolute_uri("/"),
    }


def _server(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("api:root")).rstrip("/")


@api_view("GET", "HEAD")
def openapi_json(request: HttpRequest) -> HttpResponse:
    return _json(
        openapi.description(
            server=_server(request), licence=licence(), contact=contact(request)
        )
    )


@api_view("GET", "HEAD")
def api_info(request: HttpRequest) -> HttpResponse:
    """DIGG's /api-info: name, version, status, documentation and contact."""
    return _json(
        spec_info.info(
            server=_server(request), licence=licence(), contact=contact(request)
        )
    )


JSONLD = "application/ld+json"
TURTLE = "text/turtle"


def _catalogue(request: HttpRequest, media_type: str) -> HttpResponse:
    tables = catalogue.catalogue_tables()
    dates = {name: dataset_dates.DATES[name]() for name in tables}
    data = dcat.catalog(
        links=links_for(request),
        licence=licence(),
        publisher=catalogue.catalogue_publisher(),
        tables=tables,
        coverage=catalogue.dataset_coverage(),
        dates=dates,
        catalogue_dates=dataset_dates.catalogue_dates(dates),
    )
    if media_type == TURTLE:
        body = turtle(data)
    else:
        body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    # The catalogue's last change is its data's (dct:modified), never the request's.
    modified = _catalogue_modified(dates)
    if modified is None:
        return response
    response["Last-Modified"] = http_date(modified)
    conditional = get_conditional_response(
        request, last_modified=modified, response=response
    )
    return conditional or response


def _catalogue_modified(dates: dict[str, dataset_dates.Dates]) -> int | None:
    changed = dataset_dates.catalogue_dates(dates).modified
    return int(changed.timestamp()) if changed else None


@api_view("GET", "HEAD")
def dcat_negotiated(request: HttpRequest) -> HttpResponse:
    """The catalogue as the client asks (``Accept: text/turtle`` gives Turtle);
    JSON-LD for anything else, a browser's ``text/html`` included."""
    preferred = request.get_preferred_type([JSONLD, TURTLE])
    response = _catalogue(request, TURTLE if preferred == TURTLE else JSONLD)
    patch_vary_headers(response, ["Accept"])
    return response


@api_view("GET", "HEAD")
def dcat_turtle(request: HttpRequest) -> HttpResponse:
    """The catalogue as Turtle, whatever the Accept header says."""
    return _catalogue(request, TURTLE)


@api_view("GET", "HEAD")
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise ApiError(
        404, _("Det finns ingen resurs %(path)s i API:t.") % {"path": request.path}
    )


@api_view("GET", "HEAD")
def docs(request: HttpRequest) -> HttpResponse:
    """The open data page ("Öppna data" in every footer): every dataset with its
    JSON and CSV addresses, filters and columns, from the registry, and the terms;
    a page of the site, with its header and footer."""
    tables = [(d.table, list(d.filters)) for d in DATASETS.values()] + [
        (table, list(plan_tables.FILTERS)) for table in plan_tables.TABLES.values()
    ]
    # The cases' columns documented as every other table's (their views are the
    # cases app's: cases/api.py).
    tables.append((case_table.CASES, list(case_table.FILTERS)))
    datasets = [
        {
            "table": table,
            "json": reverse("api:root") + table.name,
            "csv": reverse("api:root") + table.name + ".csv",
            "filters": [(key, FILTER_SCHEMAS[key][1]) for key in filters],
        }
        for table, filters in tables
    ]
    limit, window = getattr(settings, "RATELIMITS", {}).get("api", (300, 60))
    publisher = catalogue.catalogue_publisher()
    context = {
        "datasets": datasets,
        "licence": licence(),
        "limit": limit,
        "window": window,
        "max_rows": params.MAX_LIMIT,
        "publisher": publisher,
    }
    # The page in English when the page's language is English (the registry's
    # column and filter texts stay Swedish there, marked so).
    english = get_language() == "en"
    template = "publishing/api_docs_en.html" if english else "publishing/api_docs.html"
    return render(request, template, context)
