"""The API's promises: the filtered list and its rows, built from plain values in a
fixed number of queries whatever the page size, and one promise's JSON record."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.urls import reverse

from medborgarloften.places.models import Organisation, OrganisationKind
from medborgarloften.promises.exchange import police_area_name, promise_to_record
from medborgarloften.promises.models import Commitment, FocusArea, Promise
from medborgarloften.vocabulary import THEMES

from .shared import Links, json_has, measurable_q, promises_of_kommun
from .shared import iso as _iso

# --- promises ----------------------------------------------------------------------


def promises_queryset(
    *,
    kommun: str | None = None,
    status: str | None = None,
    theme: str | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
) -> QuerySet[Promise]:
    """Public promises; ``period_from``/``period_to`` keep those whose period
    overlaps that range (an open end overlaps everything on that side)."""
    # Only the columns the rows show; parties, themes and counts come in three
    # lean queries per page (``promise_rows``), no model instance per row of them.
    queryset = Promise.objects.public().only(*_PROMISE_COLUMNS)
    if kommun is not None:
        queryset = queryset.filter(pk__in=promises_of_kommun(kommun))
    if status is not None:
        queryset = queryset.filter(status=status)
    if theme is not None:
        queryset = queryset.filter(
            json_has("themes", theme)
            | Q(pk__in=_of_theme("promises.FocusArea", theme))
            | Q(pk__in=_of_theme("promises.Commitment", theme))
        )
    if period_from is not None:
        queryset = queryset.filter(
            Q(period_end__isnull=True) | Q(period_end__gte=period_from)
        )
    if period_to is not None:
        queryset = queryset.filter(
            Q(period_start__isnull=True) | Q(period_start__lte=period_to)
        )
    return queryset


def _model(label: str) -> Any:
    from django.apps import apps

    return apps.get_model(label)


def _of_theme(label: str, theme: str) -> QuerySet[Any]:
    return _model(label).objects.filter(json_has("themes", theme)).values("promise_id")


#: The promise columns a list row reads (``promise_rows``).
_PROMISE_COLUMNS = (
    "pk",
    "uid",
    "title",
    "status",
    "period_start",
    "period_end",
    "themes",
    "published_at",
    "source_url",
)


@dataclass
class _PromiseFacts:
    """What a list row shows of a promise's parties, focus areas and commitments."""

    kommuner: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    police_area: str | None = None
    themes: set[str] = field(default_factory=set)
    commitments: int = 0
    measurable: int = 0


def _themes(raw: str | None, decoded: dict[str | None, tuple[str, ...]]) -> Any:
    """A JSON code list read as text, decoded once per distinct text (a page's
    hundreds of rows share a few dozen lists)."""
    if raw not in decoded:
        decoded[raw] = tuple(json.loads(raw) or ()) if raw else ()
    return decoded[raw]


def _of_promises(ids: list[int]) -> Q:
    """The rows of these promises, or of a few more: a page of the list is a run of
    ids, so a range is one parameter instead of a hundred (Django prepares each
    value of an ``IN``, most of a list's query cost); the rows of promises between
    them that are not on the page (drafts, filtered out) are read and skipped, as
    long as they are fewer than the page's."""
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        return Q(promise_id__gte=low, promise_id__lte=high)
    return Q(promise_id__in=ids)


def _promise_facts(ids: list[int]) -> dict[int, _PromiseFacts]:
    """Parties, themes and commitment counts of these promises in three queries of
    plain values (parties by kind and name, as the pages list them); commitments
    come counted per promise and theme list, their lists as text."""
    facts: dict[int, _PromiseFacts] = defaultdict(_PromiseFacts)
    if not ids:
        return facts
    of_page = _of_promises(ids)
    parties = (
        Promise.parties.through.objects.filter(of_page)
        .order_by("organisation__kind", "organisation__name", "organisation_id")
        .values_list(
            "promise_id",
            "organisation__kind",
            "organisation__code",
            "organisation__name",
        )
    )
    police_names: dict[str, str] = {}
    for promise_id, kind, code, name in parties:
        item = facts[promise_id]
        if kind == OrganisationKind.KOMMUN:
            item.kommuner.append((code, name))
        elif kind == OrganisationKind.LOKALPOLISOMRADE and item.police_area is None:
            if name not in police_names:
                police_names[name] = police_area_name(Organisation(name=name))
            item.police_area = police_names[name]
    decoded: dict[str | None, tuple[str, ...]] = {}
    as_text = Cast("themes", TextField())
    focus_areas = (
        FocusArea.objects.filter(of_page)
        .order_by()
        .values_list("promise_id", as_text)
        .distinct()
    )
    for promise_id, themes in focus_areas:
        facts[promise_id].themes.update(_themes(themes, decoded))
    commitments = (
        Commitment.objects.filter(of_page)
        .order_by()
        .values("promise_id", themes_text=as_text)
        .annotate(
            n=Count("pk"),
            # Commitment.measurable, counted in the database.
            measurable_count=Count("pk", filter=measurable_q()),
        )
        .values_list("promise_id", "themes_text", "n", "measurable_count")
    )
    for promise_id, themes, count, measurable in commitments:
        item = facts[promise_id]
        item.themes.update(_themes(themes, decoded))
        item.commitments += count
        item.measurable += measurable
    return facts


def promise_rows(promises: list[Promise], links: Links) -> list[dict[str, Any]]:
    facts = _promise_facts([p.pk for p in promises])
    # One reverse() for the page: the promise page's URL differs only by the uid.
    placeholder = "00000000-0000-0000-0000-000000000000"
    html_url = links.site_url(
        reverse("publishing:promise", kwargs={"uid": placeholder})
    )
    rows = []
    for p in promises:
        item = facts[p.pk]
        uid = str(p.uid)
        themes = item.themes | set(p.themes)
        rows.append(
            {
                "id": uid,
                "title": p.title,
                "status": p.status,
                "kommun_codes": [code for code, _name in item.kommuner],
                "kommun_names": [name for _code, name in item.kommuner],
                "police_area": item.police_area,
                "period_start": _iso(p.period_start),
                "period_end": _iso(p.period_end),
                "themes": [code for code in THEMES if code in themes],
                "commitment_count": item.commitments,
                "measurable_commitment_count": item.measurable,
                "published_at": _iso(p.published_at),
                "source_url": p.source_url or None,
                "url": links.api_url(f"promises/{uid}"),
                "html_url": html_url.replace(placeholder, uid),
            }
        )
    return rows


def promise_detail(*, uid: Any, links: Links) -> dict[str, Any]:
    """The medborgarlöfte JSON record of a public promise (the export's serializer),
    plus links. Raises Promise.DoesNotExist for drafts and unknown ids."""
    promise = Promise.objects.public().prefetch_related("parties", "areas").get(uid=uid)
    record = promise_to_record(promise)
    record["links"] = {
        "self": links.api_url(f"promises/{promise.uid}"),
        "html": links.site_url(
            reverse("publishing:promise", kwargs={"uid": promise.uid})
        ),
        "commitments": links.api_url(f"commitments?promise={promise.uid}"),
        "activities": links.api_url(f"activities?promise={promise.uid}"),
        "reports": links.api_url(f"reports?promise={promise.uid}"),
    }
    return record
