"""Staff pages of the lägesbild under /personal/lagesbild/.

Each view: a permission helper finds the kommun, a form or selector does the work, a
template renders. Refusals render the Swedish 403 page (``staff_view``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation
from medborgarloften.promises.views import staff_view

from . import selectors
from .forms import ObservationForm
from .models import ObservationCategory
from .periods import Period, parse_period, period_containing
from .permissions import (
    can_edit_situation,
    can_report,
    can_view_situation,
    kommuner_visible_to,
    reporting_organisation,
)
from .services import observation_create


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


@staff_view
def index(request: HttpRequest) -> HttpResponse:
    kommuner = list(kommuner_visible_to(request.user)[:300])
    if len(kommuner) == 1:
        return redirect("situation:overview", code=kommuner[0].code)
    return render(request, "situation/index.html", {"kommuner": kommuner})


@staff_view
def overview(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    today = timezone.localdate()
    return render(
        request,
        "situation/overview.html",
        _context(
            request,
            kommun,
            week=period_containing("week", today),
            month=period_containing("month", today),
            tertial=period_containing("tertial", today),
            year=period_containing("year", today),
        ),
    )


@staff_view
def observation_new(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_reporter(request, code)
    form = ObservationForm(request.POST or None, kommun=kommun)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            observation = observation_create(
                kommun=kommun,
                category=data["category"],
                observed_at=data["observed_at"],
                area=data["area"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                text=data["text"],
                reporter=request.user,
                organisation=reporting_organisation(request.user, kommun),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            where = observation.area.name if observation.area else _("utan område")
            messages.success(
                request,
                _("Tack! Observationen (%(what)s, %(where)s) är sparad.")
                % {"what": observation.get_category_display(), "where": where},
            )
            return redirect("situation:observation_new", code=kommun.code)
    return render(
        request,
        "situation/observation_form.html",
        _context(request, kommun, form=form),
    )


@staff_view
def week(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "week")
    if period.kind != "week":
        period = period_containing("week", period.start)
    observations = selectors.observations_in_period(kommun=kommun, period=period)
    return render(
        request,
        "situation/week.html",
        _context(
            request,
            kommun,
            period=period,
            observations=observations,
            previous=period.previous(),
            following=period.following(),
        ),
    )


@staff_view
def summary(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "month")
    result = selectors.observation_summary(kommun=kommun, period=period)
    return render(
        request,
        "situation/summary.html",
        _context(
            request,
            kommun,
            period=period,
            summary=result,
            category_labels=[label for _c, label in ObservationCategory.choices],
            previous=period.previous(),
            following=period.following(),
        ),
    )
