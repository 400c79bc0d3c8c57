"""The API's reads: only public promises (``Promise.objects.public()``), their
commitments and activities, and published reports (``Report.objects.published()``).

Each dataset is a filtered queryset ordered by a stable key (cursor paging) and a
row builder that turns one page into registry rows in a fixed number of queries,
whatever the page size (the query-budget tests hold this).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import translation

from medborgarloften.followup.models import (
    Activity,
    Report,
    ReportKind,
)
from medborgarloften.followup.partner_selectors import (
    PartnerLatest,
    partner_latest_annotations,
)
from medborgarloften.followup.selectors import (
    commitment_progress_rows,
    promise_followed_up_annotation,
)
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import (
    PUBLIC_STATUSES,
    Commitment,
    public_q,
)
from medborgarloften.vocabulary import PER, RESPONSIBLE, THEMES

from . import fields, params
from .promise_rows import promise_detail, promise_rows, promises_queryset
from .shared import Links, json_has, measurable_q, promises_of_kommun
from .shared import iso as _iso

__all__ = ["Links", "promise_detail", "promise_rows", "promises_queryset"]


def _swedish_target(commitment: Any) -> str:
    """``target_text`` is documented as Swedish text, whatever the request's language."""
    with translation.override("sv"):
        return commitment.target_display()


# --- kommuner ----------------------------------------------------------------------


def kommuner_queryset(*, lan: str | None = None) -> QuerySet[Organisation]:
    """Every kommun with a kommunkod and its number of public promises."""
    queryset = (
        Organisation.objects.kommuner()
        .exclude(code="")
        .select_related("county")
        .annotate(
            public_promise_count=Count(
                "promises",
                filter=public_q("promises__"),
                distinct=True,
            )
        )
    )
    if lan is not None:
        queryset = queryset.filter(county__code=lan)
    return queryset


def kommun_rows(kommuner: list[Organisation], links: Links) -> list[dict[str, Any]]:
    return [
        {
            "code": k.code,
            "name": k.name,
            "lan_code": k.county.code if k.county else None,
            "lan_name": k.county.name if k.county else None,
            # Annotated by kommuner_queryset; the stubs know only the model's fields.
            "public_promise_count": k.public_promise_count,  # type: ignore[attr-defined]
            "url": links.api_url(f"kommuner/{k.code}"),
        }
        for k in kommuner
    ]


# --- commitments -------------------------------------------------------------------


def commitments_queryset(
    *,
    promise: Any = None,
    kommun: str | None = None,
    theme: str | None = None,
    measurable: bool | None = None,
    responsible: str | None = None,
) -> QuerySet[Commitment]:
    """Commitments of public promises."""
    by_name = Area.objects.order_by("name")
    queryset = (
        Commitment.objects.public()
        .select_related("promise", "focus_area", "assessment")
        .prefetch_related(
            Prefetch("areas", queryset=by_name),
            Prefetch("promise__areas", queryset=by_name),
        )
        .annotate(**partner_latest_annotations(), **promise_followed_up_annotation())
    )
    if promise is not None:
        queryset = queryset.filter(promise__uid=promise)
    if kommun is not None:
        queryset = queryset.filter(promise__in=promises_of_kommun(kommun))
    if theme is not None:
        queryset = queryset.filter(json_has("themes", theme))
    if measurable is True:
        queryset = queryset.filter(measurable_q())
    elif measurable is False:
        queryset = queryset.exclude(measurable_q())
    if responsible is not None:
        queryset = queryset.filter(json_has("responsible", responsible))
    return queryset


def commitment_rows(
    commitments: list[Commitment], links: Links, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """Rows with progress computed once, by the function the pages use
    (``followup.selectors.commitment_progress_rows``)."""
    numbers: dict[int, int] = {}
    counters: dict[int, int] = defaultdict(int)
    for promise_id, pk in (
        Commitment.objects.filter(promise_id__in={c.promise_id for c in commitments})
        .order_by("promise_id", "position", "pk")
        .values_list("promise_id", "pk")
    ):
        counters[promise_id] += 1
        numbers[pk] = counters[promise_id]
    rows = []
    for row in commitment_progress_rows(commitments, numbers=numbers, today=today):
        c, progress = row.commitment, row.progress
        areas = list(c.areas.all())
        rows.append(
            {
                "id": c.pk,
                "promise_id": str(c.promise.uid),
                "number": row.number,
                "text": c.text,
                "responsible": [r for r in RESPONSIBLE if r in c.responsible],
                "themes": [t for t in THEMES if t in c.themes],
                "focus_area": c.focus_area.title if c.focus_area else None,
                "areas": [a.name for a in areas],
                "measurable": c.measurable,
                "target_quantity": c.target_quantity,
                "target_unit": c.target_unit or None,
                "target_per": c.target_per if c.target_per in PER else None,
                "target_deadline": _iso(c.target_deadline),
                "target_text": _swedish_target(c) or None,
                "progress_status": row.status,
                "progress_status_label": row.status_label,
                "progress_done": progress.done,
                "progress_target": progress.target,
                "progress_percent": progress.percent,
                "activity_count": row.activity_count,
                "last_activity_date": _iso(row.last_activity),
                **_partner_fields(row.partner),
            }
        )
    return rows


def _partner_fields(latest: PartnerLatest | None) -> dict[str, Any]:
    """The newest of the partners' own reports (``annan``), or nulls."""
    if latest is None:
        return dict.fromkeys(PARTNER_FIELDS)
    return {
        "partner_reported_by": latest.organisation,
        "partner_status": latest.status,
        "partner_status_label": latest.label,
        "partner_reported_on": _iso(latest.reported_on),
        "partner_comment": latest.comment or None,
    }


PARTNER_FIELDS = (
    "partner_reported_by",
    "partner_status",
    "partner_status_label",
    "partner_reported_on",
    "partner_comment",
)


# --- activities --------------------------------------------------------------------


def activities_queryset(
    *,
    promise: Any = None,
    commitment: int | None = None,
    area: int | None = None,
    kommun: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Activity]:
    """Activities against commitments of public promises; ``date_from``/``date_to``
    keep those whose days overlap the range."""
    queryset = Activity.objects.public().select_related(
        "commitment__promise", "area", "organisation"
    )
    if promise is not None:
        queryset = queryset.filter(commitment__promise__uid=promise)
    if commitment is not None:
        queryset = queryset.filter(commitment_id=commitment)
    if area is not None:
        queryset = queryset.filter(area_id=area)
    if kommun is not None:
        queryset = queryset.filter(commitment__promise__in=promises_of_kommun(kommun))
    if date_from is not None:
        queryset = queryset.filter(
            Q(end_date__gte=date_from) | Q(end_date__isnull=True, date__gte=date_from)
        )
    if date_to is not None:
        queryset = queryset.filter(date__lte=date_to)
    return queryset


def activity_rows(activities: list[Activity], links: Links) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "commitment_id": a.commitment_id,
            "promise_id": str(a.commitment.promise.uid),
            "date": _iso(a.date),
            "end_date": _iso(a.end_date),
            "kind": a.kind,
            "quantity": a.quantity,
            "participants": a.participants,
            "area_id": a.area_id,
            "area": a.area.name if a.area else None,
            "organisation": str(a.organisation) if a.organisation else None,
            "description": a.description,
            "links": [str(link) for link in a.links],
        }
        for a in activities
    ]


# --- reports -----------------------------------------------------------------------


def reports_queryset(
    *, promise: Any = None, kommun: str | None = None, kind: str | None = None
) -> QuerySet[Report]:
    """Published reports of public promises."""
    queryset = Report.objects.published().select_related("promise")
    if promise is not None:
        queryset = queryset.filter(promise__uid=promise)
    if kommun is not None:
        queryset = queryset.filter(promise__in=promises_of_kommun(kommun))
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    return queryset


def report_rows(reports: list[Report], links: Links) -> list[dict[str, Any]]:
    return [
        {
            "id": str(r.uid),
            "promise_id": str(r.promise.uid),
            "kind": r.kind,
            "title": r.title,
            "period_start": _iso(r.period_start),
            "period_end": _iso(r.period_end),
            "summary": r.summary,
            "process": r.process,
            "effect": r.effect,
            "published_at": _iso(r.published_at),
            "html_url": links.site_url(
                reverse("publishing:report", kwargs={"uid": r.uid})
            ),
        }
        for r in reports
    ]


# --- the datasets ------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """A table of the API: filters (parameter → parser), the queryset, the row
    builder, the paging key (a unique column; the primary key unless said) and its
    type in cursors, and the model field the detail URL's id matches."""

    table: fields.Table
    filters: dict[str, Callable[[str], Any]]
    queryset: Callable[..., QuerySet[Any]]
    rows: Callable[[list[Any], Links], list[dict[str, Any]]]
    key: str = "pk"
    key_type: type = int
    lookup: str = "pk"


DATASETS: dict[str, Dataset] = {
    "kommuner": Dataset(
        table=fields.KOMMUNER,
        filters={"lan": params.lanskod("lan")},
        queryset=kommuner_queryset,
        key="code",
        key_type=str,
        rows=kommun_rows,
        lookup="code",
    ),
    "promises": Dataset(
        table=fields.PROMISES,
        filters={
            "kommun": params.kommunkod("kommun"),
            "status": params.choice("status", [str(s) for s in PUBLIC_STATUSES]),
            "theme": params.choice("theme", THEMES),
            "period_from": params.date("period_from"),
            "period_to": params.date("period_to"),
        },
        queryset=promises_queryset,
        rows=promise_rows,
        lookup="uid",
    ),
    "commitments": Dataset(
        table=fields.COMMITMENTS,
        filters={
            "promise": params.uid("promise"),
            "kommun": params.kommunkod("kommun"),
            "theme": params.choice("theme", THEMES),
            "measurable": params.boolean("measurable"),
            "responsible": params.choice("responsible", RESPONSIBLE),
        },
        queryset=commitments_queryset,
        rows=commitment_rows,
    ),
    "activities": Dataset(
        table=fields.ACTIVITIES,
        filters={
            "promise": params.uid("promise"),
            "commitment": params.integer("commitment"),
            "area": params.integer("area"),
            "kommun": params.kommunkod("kommun"),
            "date_from": params.date("date_from"),
            "date_to": params.date("date_to"),
        },
        queryset=activities_queryset,
        rows=activity_rows,
    ),
    "reports": Dataset(
        table=fields.REPORTS,
        filters={
            "promise": params.uid("promise"),
            "kommun": params.kommunkod("kommun"),
            "kind": params.choice("kind", ReportKind.values),
        },
        queryset=reports_queryset,
        rows=report_rows,
        lookup="uid",
    ),
}


@dataclass
class Page:
    objects: list[Any]
    next_cursor: str | None


def page(
    dataset: Dataset, queryset: QuerySet[Any], *, limit: int, cursor: str | None
) -> Page:
    """One page by keyset on the dataset's key: stable while rows are added."""
    queryset = queryset.order_by(dataset.key)
    if cursor is not None:
        after = params.decode_cursor(cursor, dataset.key_type)
        queryset = queryset.filter(**{f"{dataset.key}__gt": after})
    objects = list(queryset[: limit + 1])
    more = len(objects) > limit
    objects = objects[:limit]
    next_cursor = None
    if more:
        last = objects[-1]
        next_cursor = params.encode_cursor(getattr(last, dataset.key))
    return Page(objects, next_cursor)


def all_pages(
    dataset: Dataset,
    queryset: QuerySet[Any],
    cursor: str | None,
    rows: Callable[[list[Any]], list[dict[str, Any]]],
) -> Iterator[list[dict[str, Any]]]:
    """``rows`` of every page from ``cursor`` on, one list a page (each page a fixed
    number of queries): a whole table's download, read lazily."""
    while True:
        result = page(dataset, queryset, limit=params.MAX_LIMIT, cursor=cursor)
        yield rows(result.objects)
        if result.next_cursor is None:
            return
        cursor = result.next_cursor


def detail_row(dataset: Dataset, ident: Any, links: Links) -> dict[str, Any]:
    """One row by its public id; raises LookupError when it is not public."""
    objects = list(dataset.queryset().filter(**{dataset.lookup: ident})[:1])
    if not objects:
        raise LookupError(ident)
    return dataset.rows(objects, links)[0]
