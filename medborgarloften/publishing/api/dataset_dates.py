"""When each open dataset was first published and last changed, from the data's own
dates (never the time of the request): ``dct:issued`` and ``dct:modified`` in the
DCAT catalogue, and the ``Last-Modified`` of the lists.

- promises: the first ``published_at``, the last ``updated_at`` of a public promise;
- kommuner: their only changing column is the number of public promises, so the
  promises' dates;
- commitments: the promises' first publication; the last change of a public
  promise, a commitment's wording (``CommitmentVersion``), an assessment or an
  activity (the progress columns count activities);
- activities: first ``created_at``, last ``updated_at``;
- reports: first ``published_at``, last ``updated_at`` of a published report;
- action-plans, situation-reports: first ``adopted_on``, last ``updated_at``;
- cases: first ``created_at``, last ``updated_at`` of a public case.

A row taken out of the public view (a deleted activity) leaves no date behind; the
last change then is the newest remaining one. None when a dataset is empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from medborgarloften.cases.models import Case
from medborgarloften.followup.models import Activity, Assessment, Report
from medborgarloften.planning.public import public_plans, public_reports
from medborgarloften.promises.models import CommitmentVersion, Promise

Moment = dt.datetime | dt.date


@dataclass(frozen=True)
class Dates:
    """First publication and last change of a dataset (None: no rows)."""

    issued: Moment | None
    modified: dt.datetime | None


def _latest(*moments: dt.datetime | None) -> dt.datetime | None:
    found = [m for m in moments if m is not None]
    return max(found) if found else None


def _earliest(*moments: Moment | None) -> Moment | None:
    found = [m for m in moments if m is not None]
    return min(found, key=_as_datetime) if found else None


def _as_datetime(moment: Moment) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment
    return timezone.make_aware(dt.datetime.combine(moment, dt.time.min))


def _span(queryset: QuerySet[Any], first: str, last: str) -> tuple[Any, Any]:
    found = queryset.order_by().aggregate(first=Min(first), last=Max(last))
    return found["first"], found["last"]


def promises_dates() -> Dates:
    issued, modified = _span(Promise.objects.public(), "published_at", "updated_at")
    return Dates(issued, modified)


def commitments_dates() -> Dates:
    public = Promise.objects.public()
    promises = promises_dates()
    worded = CommitmentVersion.objects.filter(commitment__promise__in=public)
    assessed = Assessment.objects.filter(commitment__promise__in=public)
    done = Activity.objects.public()
    return Dates(
        promises.issued,
        _latest(
            promises.modified,
            worded.aggregate(last=Max("recorded_at"))["last"],
            assessed.aggregate(last=Max("updated_at"))["last"],
            done.aggregate(last=Max("updated_at"))["last"],
        ),
    )


def activities_dates() -> Dates:
    issued, modified = _span(Activity.objects.public(), "created_at", "updated_at")
    return Dates(issued, modified)


def reports_dates() -> Dates:
    published = Report.objects.published()
    issued, modified = _span(published, "published_at", "updated_at")
    return Dates(issued, modified)


def action_plans_dates() -> Dates:
    issued, modified = _span(public_plans(), "adopted_on", "updated_at")
    return Dates(issued, modified)


def situation_reports_dates() -> Dates:
    issued, modified = _span(public_reports(), "adopted_on", "updated_at")
    return Dates(issued, modified)


def cases_dates() -> Dates:
    issued, modified = _span(Case.objects.public(), "created_at", "updated_at")
    return Dates(issued, modified)


DATES = {
    "kommuner": promises_dates,
    "promises": promises_dates,
    "commitments": commitments_dates,
    "activities": activities_dates,
    "reports": reports_dates,
    "action-plans": action_plans_dates,
    "situation-reports": situation_reports_dates,
    "cases": cases_dates,
}


def catalogue_dates(datasets: dict[str, Dates]) -> Dates:
    """The catalogue: its first dataset's publication, its last dataset's change."""
    return Dates(
        _earliest(*(d.issued for d in datasets.values())),
        _latest(*(d.modified for d in datasets.values())),
    )
