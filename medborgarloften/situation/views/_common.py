"""Shared lookups of the lägesbild's staff pages: the kommun a user may view,
report on or edit, the period asked for, and the common context."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation

from ..periods import Period, parse_period, period_containing
from ..permissions import (
    can_edit_situation,
    can_report,
    can_view_situation,
)


def _kommun(code: str) -> Organisation:
    try:
        return Organisation.objects.kommuner().select_related("county").get(code=code)
    except Organisation.DoesNotExist:
        raise Http404(_("Ingen kommun med koden %(code)s.") % {"code": code})


def _kommun_for_viewer(request: HttpRequest, code: str) -> Organisation:
    kommun = _kommun(code)
    if not can_view_situation(request.user, kommun):
        raise PermissionDenied(
            _("Du kan bara läsa lägesbilden för kommuner du arbetar för.")
        )
    return kommun


def _kommun_for_reporter(request: HttpRequest, code: str) -> Organisation:
    kommun = _kommun(code)
    if not can_report(request.user, kommun):
        raise PermissionDenied(
            _(
                "Bara rapportörer, redaktörer och administratörer som arbetar för "
                "%(kommun)s kan rapportera här."
            )
            % {"kommun": kommun}
        )
    return kommun


def _kommun_for_editor(request: HttpRequest, code: str) -> Organisation:
    kommun = _kommun(code)
    if not can_edit_situation(request.user, kommun):
        raise PermissionDenied(
            _("Bara redaktörer och administratörer för %(kommun)s kan ändra här.")
            % {"kommun": kommun}
        )
    return kommun


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
        **extra,
    }
