"""What the Atom feeds list: the newest activities and published reports of public
promises, each with the page of the promise's timeline it stands on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import chain

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from medborgarloften.followup.models import Activity, Report
from medborgarloften.promises.models import Promise, PromiseQuerySet

from .selectors import ACTIVITIES_PER_PAGE

FEED_ITEMS = 50


@dataclass(frozen=True)
class FeedItem:
    kind: str  # "activity" or "report"
    obj: Activity | Report
    promise: Promise
    updated: dt.datetime
    page: int = 1  # an activity's page of the promise page's timeline


def feed_items(*, promises: PromiseQuerySet, limit: int = FEED_ITEMS) -> list[FeedItem]:
    """The newest activities and published reports of the given public promises,
    newest first: the Atom feeds' entries (two queries)."""
    public = promises.public()
    activities = (
        Activity.objects.filter(commitment__promise__in=public)
        .select_related("commitment__promise", "area", "organisation")
        # its place in its promise's timeline (``selectors.public_promise``: every
        # activity of the promise, newest first), counted before the newest are cut
        .annotate(
            timeline_position=Window(
                RowNumber(),
                partition_by=[F("commitment__promise")],
                order_by=[F("date").desc(), F("pk").desc()],
            )
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    reports = (
        Report.objects.published()
        .filter(promise__in=public)
        .select_related("promise")
        .order_by("-published_at", "-pk")[:limit]
    )
    items = chain(
        (
            FeedItem(
                "activity",
                a,
                a.commitment.promise,
                a.created_at,
                (a.timeline_position - 1) // ACTIVITIES_PER_PAGE + 1,
            )
            for a in activities
        ),
        (
            FeedItem("report", r, r.promise, r.published_at or r.updated_at)
            for r in reports
        ),
    )
    return sorted(items, key=lambda item: item.updated, reverse=True)[:limit]
