"""Shared lookups of the lägesbild's staff pages: the kommun a user may view,
report on or edit, the period asked for, and the common context."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.lib.access import found, guarded
from medborgarloften.places.models import Organisation
from medborgarloften.places.permissions import manageable_roles

from .. import selectors
from ..periods import Period, parse_period, period_containing
from ..permissions import (
    can_edit_situation,
    can_report,
    can_view_situation,
)
from ..selectors.maps import MapData


def _kommun(code: str) -> Organisation:
    return found(
        lambda: Organisation.objects.kommuner().select_related("county").get(code=code),
        Organisation.DoesNotExist,
        _("Ingen kommun med koden %(code)s.") % {"code": code},
    )


_kommun_for_viewer = guarded(
    _kommun,
    can_view_situation,
    gettext_lazy("Du kan bara läsa lägesbilden för kommuner du arbetar för."),
)

_kommun_for_reporter = guarded(
    _kommun,
    can_report,
    lambda kommun: (
        _(
            "Bara rapportörer, redaktörer och administratörer som arbetar för "
            "%(kommun)s kan rapportera här."
        )
        % {"kommun": kommun}
    ),
)

_kommun_for_editor = guarded(
    _kommun,
    can_edit_situation,
    lambda kommun: (
        _("Bara redaktörer och administratörer för %(kommun)s kan ändra här.")
        % {"kommun": kommun}
    ),
)


def _period(request: HttpRequest, kind: str) -> Period:
    """The period asked for in ``?period=``, or the current one of ``kind``."""
    text = request.GET.get("period", "").strip()
    if text:
        try:
            return parse_period(text)
        except ValueError as exc:
            messages.error(request, str(exc))
    return period_containing(kind, timezone.localdate())


def _context(request: HttpRequest, kommun: Organisation, **extra: Any) -> dict:
    return {
        "kommun": kommun,
        "may_report": can_report(request.user, kommun),
        "may_edit": can_edit_situation(request.user, kommun),
        "may_manage_members": bool(manageable_roles(request.user, kommun)),
        **extra,
    }


def _period_context(
    request: HttpRequest, kommun: Organisation, period: Period, **extra: Any
) -> dict:
    """:func:`_context` of a page about one period, with the periods before and
    after it for the arrows; a period that has not begun yet is not offered."""
    today = timezone.localdate()
    following = period.following()
    return _context(
        request,
        kommun,
        period=period,
        previous=period.previous(),
        following=following if following.start <= today else None,
        period_now={kind: period_containing(kind, today) for kind in KINDS},
        period_choices=recent_periods(today),
        **extra,
    )


def _area_map(
    request: HttpRequest, kommun: Organisation, period: Period, **options: Any
) -> MapData:
    """The kommun's area map of the period for the indicator and the area asked
    for (``?indikator=``, ``?omrade=``), with links to zoom in on an area;
    ``options`` go to ``selectors.area_map``."""
    data = selectors.area_map(
        kommun=kommun,
        period=period,
        indicator=request.GET.get("indikator", "rapporter"),
        focus=request.GET.get("omrade", ""),
        **options,
    )
    data.zoom_links = True
    return data


KINDS = ("week", "month", "tertial", "year")


def recent_periods(today: dt.date) -> list[Period]:
    """The periods offered in the period field's list: the current and the latest
    few of each kind, newest first — none that has not begun."""
    choices: list[Period] = []
    for kind, count in (("week", 4), ("month", 3), ("tertial", 3), ("year", 3)):
        period = period_containing(kind, today)
        for _n in range(count):
            choices.append(period)
            period = period.previous()
    return choices


def _events_coverage(kommun: Organisation, period: Period) -> dict[str, Any]:
    """What a page listing police events says when the archive ends before the
    period does: the last day with events and that day's period (of the same kind),
    so that the page never shows a silent zero. ``events_missing`` when the kommun
    has no archived events at all. One day of lag is normal for polling."""
    until = selectors.events_until(kommun=kommun)
    if until is None:
        return {"events_missing": True}
    last_day = min(period.end - dt.timedelta(days=1), timezone.localdate())
    if until >= last_day - dt.timedelta(days=1):
        return {}
    return {
        "events_until": until,
        "events_period": period_containing(period.kind, until),
    }
