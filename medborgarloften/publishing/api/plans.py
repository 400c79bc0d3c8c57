"""The adopted lägesbilder and åtgärdsplaner in the open data API (issue #18 item 6):
``/api/v1/situation-reports`` and ``/api/v1/action-plans``, list, detail and CSV.

JSON rows are the whole records of ``planning.public`` (problems → causes → measures
→ goals → linked commitments nested); the CSV has one flat row per document, its
columns in ``TABLES``, from the same records. Only adopted versions are public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from medborgarloften.planning import public

from ..pagecache import STRICT, cached_public
from . import params
from .errors import ApiError
from .fields import Table
from .plan_tables import ACTION_PLANS, FILTERS, SITUATION_REPORTS
from .selectors import Dataset, all_pages, page
from .tabular import csv_download
from .views import _json, _page_response, api_view


@dataclass(frozen=True)
class Kind:
    """One of the two document lists: its table, public queryset and records."""

    table: Table
    queryset: Callable[..., Any]
    record: Callable[[Any], dict[str, Any]]
    csv_row: Callable[[dict[str, Any]], dict[str, Any]]
    not_found: str

    @property
    def dataset(self) -> Dataset:
        """For ``selectors.page``: keyset paging on the primary key."""
        return Dataset(
            table=self.table,
            filters=FILTERS,
            queryset=self.queryset,
            rows=lambda objects, links: [],
        )


KINDS = {
    "action-plans": Kind(
        ACTION_PLANS,
        public.public_plans,
        public.plan_record,
        public.plan_csv_row,
        "Det finns ingen antagen åtgärdsplan med id {id}.",
    ),
    "situation-reports": Kind(
        SITUATION_REPORTS,
        public.public_reports,
        public.report_record,
        public.report_csv_row,
        "Det finns ingen antagen lägesbild med id {id}.",
    ),
}


def _list(request: HttpRequest, name: str, fmt: str | None) -> HttpResponse:
    kind = KINDS[name]
    filters, paging = params.parse_query(request.GET, FILTERS)
    fmt = fmt or paging["format"] or "json"
    if fmt != "json" and paging["format"] not in (None, fmt):
        raise ApiError(400, _("format: motsäger filändelsen."), field="format")
    params.check_bom(paging, fmt)
    queryset = kind.queryset(**filters)
    if fmt == "csv" and paging["limit"] is None:
        return _csv_all(name, kind, queryset, paging["cursor"], paging["bom"])
    limit = paging["limit"] or params.DEFAULT_LIMIT
    result = page(kind.dataset, queryset, limit=limit, cursor=paging["cursor"])
    records = [kind.record(obj) for obj in result.objects]
    return _page_response(
        request,
        name,
        fmt,
        kind.table,
        [kind.csv_row(r) for r in records] if fmt == "csv" else records,
        result.next_cursor,
        limit,
        paging["bom"],
    )


def _csv_all(
    name: str, kind: Kind, queryset: Any, cursor: str | None, bom: bool
) -> HttpResponse:
    """The whole filtered table (adopted documents are few: one kommun has a
    handful), page by page."""
    pages = all_pages(
        kind.dataset,
        queryset,
        cursor,
        lambda objs: [kind.csv_row(kind.record(obj)) for obj in objs],
    )
    return csv_download(name, kind.table, pages, bom=bom)


def list_view(name: str, fmt: str | None = None) -> Callable[..., HttpResponse]:
    @api_view("GET", "HEAD")
    @cached_public(params=STRICT)
    def view(request: HttpRequest) -> HttpResponse:
        return _list(request, name, fmt)

    view.__name__ = f"{name.replace('-', '_')}_list"
    return view


def detail_view(name: str) -> Callable[..., HttpResponse]:
    kind = KINDS[name]

    @api_view("GET", "HEAD")
    @cached_public
    def view(request: HttpRequest, ident: int) -> HttpResponse:
        objects = (
            list(kind.queryset().filter(pk=ident)[:1]) if ident <= params.MAX_ID else []
        )
        if not objects:
            raise ApiError(404, kind.not_found.format(id=ident))
        return _json(kind.record(objects[0]))

    view.__name__ = f"{name.replace('-', '_')}_detail"
    return view
