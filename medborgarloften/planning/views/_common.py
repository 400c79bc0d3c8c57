"""Lookups shared by the planning views: the kommun, with the permission check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.lib.access import found
from medborgarloften.lib.forms import form_saved
from medborgarloften.places.models import Organisation

from ..models import ActionPlan, SituationReport
from ..permissions import can_edit, can_view, check_edit
from ..selectors import plan_queryset

_Object = TypeVar("_Object")


def kommun_for_viewer(request: HttpRequest, code: str) -> Organisation:
    kommun = found(
        lambda: Organisation.objects.kommuner().get(code=code),
        Organisation.DoesNotExist,
        _("Ingen kommun med koden %(code)s.") % {"code": code},
    )
    return _checked(request, kommun, kommun, _REPORT_READERS)


def kommun_for_editor(request: HttpRequest, code: str) -> Organisation:
    kommun = kommun_for_viewer(request, code)
    check_edit(request.user, kommun)
    return kommun


def report_for(request: HttpRequest, pk: int, *, edit: bool = False) -> SituationReport:
    report = get_object_or_404(SituationReport.objects.select_related("kommun"), pk=pk)
    return _checked(request, report, report.kommun, _REPORT_READERS, edit=edit)


def plan_for(request: HttpRequest, pk: int, *, edit: bool = False) -> ActionPlan:
    plan = get_object_or_404(plan_queryset(), pk=pk)
    message = _("Du kan bara läsa åtgärdsplaner för kommuner du arbetar för.")
    return _checked(request, plan, plan.kommun, message, edit=edit)


_REPORT_READERS = gettext_lazy(
    "Du kan bara läsa lägesbilden för kommuner du arbetar för."
)


def _checked(
    request: HttpRequest,
    obj: _Object,
    kommun: Organisation,
    refusal: Any,
    *,
    edit: bool = False,
) -> _Object:
    """``obj`` when the user may read ``kommun``'s planning (a 403 saying
    ``refusal`` otherwise) and, with ``edit``, change it."""
    if not can_view(request.user, kommun):
        raise PermissionDenied(refusal)
    if edit:
        check_edit(request.user, kommun)
    return obj


def form_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    message: str,
    *,
    done: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A page of one form: to ``done`` (a URL) when ``save`` took the form's data
    (``message`` queued), else ``template`` with the form (and its errors) and
    ``context``."""
    if form_saved(request, form, save, message):
        return redirect(done)
    return render(request, template, {**context, "form": form})


__all__ = [
    "can_edit",
    "form_page",
    "kommun_for_editor",
    "kommun_for_viewer",
    "plan_for",
    "report_for",
]
