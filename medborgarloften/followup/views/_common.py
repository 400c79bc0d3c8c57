"""What every follow-up view shares: finding the promise, commitment, activity or
report a request names, with the permission check that goes with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.lib.access import found, permitted
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
    promise = found(
        lambda: selectors.promise_for_followup(pk=pk),
        Promise.DoesNotExist,
        _("Det finns inget medborgarlöfte med det numret."),
    )
    return permitted(request.user, promise, can_view_promise, NOT_MEMBER)


def _require_editor(request: HttpRequest, promise: Promise) -> None:
    if not can_edit_promise(request.user, promise):
        raise PermissionDenied(
            _(
                "Bara administratörer och redaktörer i organisationerna bakom "
                "löftet får ändra uppföljningen."
            )
        )


def _commitment_for_logger(request: HttpRequest, pk: int) -> Commitment:
    commitment = found(
        lambda: selectors.commitment_for_staff(pk=pk),
        Commitment.DoesNotExist,
        _("Det finns inget åtagande med det numret."),
    )
    if not can_log_activity(request.user, commitment.promise):
        raise PermissionDenied(CANNOT_LOG)
    return commitment


def _activity_for_changer(request: HttpRequest, pk: int) -> Activity:
    activity = found(
        lambda: selectors.activity_for_staff(pk=pk),
        Activity.DoesNotExist,
        _("Aktiviteten finns inte (längre). Någon kan ha tagit bort den."),
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
    report = found(
        lambda: Report.objects.select_related("promise", "approved_by").get(pk=pk),
        Report.DoesNotExist,
        _("Det finns ingen rapport med det numret."),
    )
    report.promise = _promise(request, report.promise_id)
    return report


def delete_page(
    request: HttpRequest,
    delete: Callable[[int], object],
    *,
    removed: str,
    done: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A confirmed delete of a row with a version. GET: ``template`` with
    ``context``, asking to confirm. POST: ``delete(version the form saw)``, then
    ``removed`` as a message and to ``done`` (a URL); when it is refused (the row
    changed meanwhile, or may not go) the page again with the refusal, a 409."""
    error = ""
    if request.method == "POST":
        raw = request.POST.get("version", "")
        try:
            delete(int(raw) if raw.isdecimal() else 0)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, removed)
            return redirect(done)
    return render(
        request,
        template,
        {**context, "error": error},
        status=409 if error else 200,
    )
