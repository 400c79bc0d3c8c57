"""What every follow-up view shares: finding the promise, commitment, activity or
report a request names, with the permission check that goes with it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.promises.models import Commitment, Promise

from .. import selectors
from ..models import Activity, Report
from ..permissions import (
    can_change_activity,
    can_edit_promise,
    can_log_activity,
    can_view_promise,
)

View = Callable[..., HttpResponse]


NOT_MEMBER = gettext_lazy(
    "Du är inte medlem i någon av organisationerna bakom det här löftet."
)


CANNOT_LOG = gettext_lazy(
    "Bara redaktörer, administratörer och rapportörer i organisationerna bakom "
    "löftet får logga aktiviteter."
)


def _promise(request: HttpRequest, pk: int) -> Promise:
    try:
        promise = selectors.promise_for_followup(pk=pk)
    except Promise.DoesNotExist:
        raise Http404(_("Det finns inget medborgarlöfte med det numret."))
    if not can_view_promise(request.user, promise):
        raise PermissionDenied(NOT_MEMBER)
    return promise


def _require_editor(request: HttpRequest, promise: Promise) -> None:
    if not can_edit_promise(request.user, promise):
        raise PermissionDenied(
            _(
                "Bara administratörer och redaktörer i organisationerna bakom "
                "löftet får ändra uppföljningen."
            )
        )


def _commitment_for_logger(request: HttpRequest, pk: int) -> Commitment:
    try:
        commitment = selectors.commitment_for_staff(pk=pk)
    except Commitment.DoesNotExist:
        raise Http404(_("Det finns inget åtagande med det numret."))
    if not can_log_activity(request.user, commitment.promise):
        raise PermissionDenied(CANNOT_LOG)
    return commitment


def _activity_for_changer(request: HttpRequest, pk: int) -> Activity:
    try:
        activity = selectors.activity_for_staff(pk=pk)
    except Activity.DoesNotExist:
        raise Http404(
            _("Aktiviteten finns inte (längre). Någon kan ha tagit bort den.")
        )
    promise = selectors.promise_for_followup(pk=activity.commitment.promise_id)
    if not can_change_activity(request.user, promise, activity):
        raise PermissionDenied(
            _(
                "Du får ändra aktiviteter du själv har loggat; andras får bara "
                "redaktörer och administratörer ändra."
            )
        )
    return activity


def _report(request: HttpRequest, pk: int) -> Report:
    try:
        report = Report.objects.select_related("promise", "approved_by").get(pk=pk)
    except Report.DoesNotExist:
        raise Http404(_("Det finns ingen rapport med det numret."))
    report.promise = _promise(request, report.promise_id)
    return report
