"""The next promise from this one: at the end of a period the parties usually go on
with the same focus areas and many of the same commitments. A draft for the next
period is written through the one writer, to be revised against the new lägesbild:
the parties, focus areas and commitments (with their targets; a deadline moved on by
the period's length), the follow-up text. Not carried over: the lägesbild text and
its sources (a new situation is needed), signatories, activities, reports."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from medborgarloften.promises.models import Promise, PromiseStatus
from medborgarloften.promises.permissions import can_create_promise, can_view_promise

from .authoring import (
    CommitmentRow,
    FocusAreaRow,
    PromiseFields,
    fields_draft,
)
from .writer import promise_write

__all__ = ["next_period", "promise_successor_create"]

_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, int]:
    """The period after ``start``–``end``, of the same length: whole years moved on
    by their number (1 Jan 2025 – 31 Dec 2026 → 2027–2028), else the same number of
    days from the day after. The third value is the shift in whole years (0 when the
    period is not whole years)."""
    years = end.year - start.year + 1
    whole = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    if whole:
        return _shift_years(start, years), _shift_years(end, years), years
    length = end - start
    new_start = end + dt.timedelta(days=1)
    shift = round(((new_start - start).days) / 365.25)
    return new_start, new_start + length, shift


def _title(title: str, promise: Promise, shift: int) -> str:
    """The title with the period's years moved on ("Tryggare Sala 2025–2026" →
    "Tryggare Sala 2027–2028"); other years and numbers stay."""
    if not shift or promise.period_start is None or promise.period_end is None:
        return title
    first, last = promise.period_start.year, promise.period_end.year

    def moved(match: re.Match[str]) -> str:
        year = int(match.group(0))
        return str(year + shift) if first <= year <= last else match.group(0)

    return _YEAR.sub(moved, title)


def promise_successor_create(*, actor: Any, promise: Promise) -> Promise:
    """A draft for the period after ``promise``'s, from its parties, focus areas and
    commitments, saved by the writer (one revision). Refused for a draft (finish it
    first) or a promise without a period, and for users who may not create promises
    or may not read this one."""
    if not can_create_promise(actor) or not can_view_promise(actor, promise):
        raise PermissionDenied(_("Du får inte skapa medborgarlöften."))
    if promise.status == PromiseStatus.DRAFT:
        raise ValidationError(
            _("Ett utkast har ingen efterföljare än: anta det först, eller ändra det.")
        )
    if promise.period_start is None or promise.period_end is None:
        raise ValidationError(
            _("Löftet har ingen period, så nästa period går inte att räkna ut.")
        )
    start, end, shift = next_period(promise.period_start, promise.period_end)
    focus_areas = list(promise.focus_areas.prefetch_related("areas"))
    index = {focus.pk: i for i, focus in enumerate(focus_areas)}
    commitments = promise.commitments.prefetch_related("areas", "other_parties")

    def deadline(day: dt.date | None) -> dt.date | None:
        return _shift_years(day, shift) if day is not None and shift else None

    draft = fields_draft(
        PromiseFields(
            title=_title(promise.title, promise, shift),
            parties=list(promise.parties.all()),
            period_start=start,
            period_end=end,
            themes=tuple(promise.themes or ()),
            follow_up_text=promise.follow_up_text,
            reports_per_period=promise.reports_per_period,
            report_audience=promise.report_audience,
        ),
        focus_areas=[
            FocusAreaRow(
                title=f.title,
                description=f.description,
                themes=tuple(f.themes or ()),
                areas=list(f.areas.all()),
            )
            for f in focus_areas
        ],
        commitments=[
            CommitmentRow(
                text=c.text,
                focus_area=index.get(c.focus_area_id) if c.focus_area_id else None,
                responsible=tuple(c.responsible or ()),
                other_parties=list(c.other_parties.all()),
                themes=tuple(c.themes or ()),
                areas=list(c.areas.all()),
                target_quantity=c.target_quantity,
                target_unit=c.target_unit,
                target_per=c.target_per,
                target_deadline=deadline(c.target_deadline),
            )
            for c in commitments
        ],
    )
    return promise_write(
        actor=actor,
        draft=draft,
        source="webb",
        summary=_("Skapat från ”%(title)s” inför nästa period.")
        % {"title": promise.title},
    )
