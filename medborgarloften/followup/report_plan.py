"""The reports a promise says it will publish ("redovisa två gånger under
perioden") against those published: which are due, overdue and next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from medborgarloften.promises.models import Promise

from .models import ReportStatus
from .progress import report_due_dates

__all__ = ["ReportPlan", "report_plan"]


@dataclass
class ReportPlan:
    """The reports the promise says it will publish, against those published."""

    promised: int | None
    published: int
    due_dates: list[dt.date] = field(default_factory=list)
    due_now: int = 0  # reports that should be published by today

    @property
    def behind(self) -> bool:
        return self.published < self.due_now

    @property
    def next_due(self) -> dt.date | None:
        """The due date of the next report to publish (past, when behind)."""
        return (
            self.due_dates[self.published]
            if self.published < len(self.due_dates)
            else None
        )

    @property
    def overdue(self) -> list[dt.date]:
        """The due dates passed without a report published for them."""
        return self.due_dates[self.published : self.due_now]

    @property
    def upcoming(self) -> dt.date | None:
        """The next due date still to come that no published report covers: the
        one after the overdue ones (never a day already past)."""
        index = max(self.published, self.due_now)
        return self.due_dates[index] if index < len(self.due_dates) else None


def report_plan(
    *, promise: Promise, today: dt.date, published: int | None = None
) -> ReportPlan:
    """ "Redovisa minst två gånger under perioden": which are due, which published."""
    if published is None:
        published = promise.followup_reports.filter(
            status=ReportStatus.PUBLISHED
        ).count()
    dates: list[dt.date] = []
    if promise.reports_per_period and promise.period_start and promise.period_end:
        dates = report_due_dates(
            promise.period_start, promise.period_end, promise.reports_per_period
        )
    return ReportPlan(
        promised=promise.reports_per_period,
        published=published,
        due_dates=dates,
        due_now=sum(1 for d in dates if d < today),
    )
