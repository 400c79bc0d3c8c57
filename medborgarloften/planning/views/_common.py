"""Lookups shared by the planning views: the kommun, with the permission check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from ..models import ActionPlan, SituationReport
from ..permissions import can_edit, can_view, check_edit
from ..selectors import plan_queryset


def kommun_for_viewer(request: HttpRequest, code: str) -> Organisation:
    try:
        kommun = Organisation.objects.kommuner().get(code=code)
    except Organisation.DoesNotExist:
        raise Http404(_("Ingen kommun med koden %(code)s.") % {"code": code})
    if not can_view(request.user, kommun):
        raise PermissionDenied(
            _("Du kan bara läsa lägesbilden för kommuner du arbetar för.")
        )
    return kommun


def kommun_for_editor(request: HttpRequest, code: str) -> Organisation:
    kommun = kommun_for_viewer(request, code)
    check_edit(request.user, kommun)
    return kommun


def report_for(request: HttpRequest, pk: int, *, edit: bool = False) -> SituationReport:
    report = get_object_or_404(SituationReport.objects.select_related("kommun"), pk=pk)
    if not can_view(request.user, report.kommun):
        raise PermissionDenied(
            _("Du kan bara läsa lägesbilden för kommuner du arbetar för.")
        )
    if edit:
        check_edit(request.user, report.kommun)
    return report


def plan_for(request: HttpRequest, pk: int, *, edit: bool = False) -> ActionPlan:
    plan = get_object_or_404(plan_queryset(), pk=pk)
    if not can_view(request.user, plan.kommun):
        raise PermissionDenied(
            _("Du kan bara läsa åtgärdsplaner för kommuner du arbetar för.")
        )
    if edit:
        check_edit(request.user, plan.kommun)
    return plan


__all__ = [
    "can_edit",
    "kommun_for_editor",
    "kommun_for_viewer",
    "plan_for",
    "report_for",
]
