"""Observations: the index, a kommun's overview, reporting, the week, the summary
and the map."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import (
    announce_saved,
    calling,
    form_submit,
    service_done,
)
from medborgarloften.places.maps import kommun_pick_map
from medborgarloften.places.models import Organisation

from .. import selectors
from ..forms import (
    ObservationForm,
)
from ..models import Observation, ObservationCategory
from ..periods import period_containing
from ..permissions import (
    can_change_observation,
    kommuner_visible_to,
    reporting_organisation,
)
from ..services import (
    observation_create,
    observation_delete,
    observation_update,
)
from ._common import (
    _area_map,
    _context,
    _events_coverage,
    _kommun_for_reporter,
    _kommun_for_viewer,
    _period,
    _period_context,
)


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
    saved = form_submit(
        request,
        form,
        lambda data: observation_create(
            kommun=kommun,
            reporter=request.user,
            organisation=reporting_organisation(request.user, kommun),
            **data,
        ),
    )
    if saved:
        observation = saved.value
        where = observation.area.name if observation.area else _("utan område")
        announce_saved(
            request,
            observation,
            saved=_("Tack! Observationen (%(what)s, %(where)s) är sparad.")
            % {"what": observation.get_category_display(), "where": where},
            twice=_(
                "Observationen (%(what)s, %(where)s) var redan sparad; formuläret "
                "skickades två gånger."
            )
            % {"what": observation.get_category_display(), "where": where},
        )
        return redirect("situation:observation_new", code=kommun.code)
    return _form_page(
        request,
        kommun,
        form,
        recent=selectors.own_recent_observations(user=request.user, kommun=kommun),
    )


def _form_page(
    request: HttpRequest, kommun: Organisation, form: ObservationForm, **extra: Any
) -> HttpResponse:
    """The report's form (a new one or a correction) with the map to place it on."""
    return render(
        request,
        "situation/observation_form.html",
        _context(request, kommun, form=form, map=kommun_pick_map(kommun), **extra),
    )


def _changeable(request: HttpRequest, code: str, pk: int) -> Observation:
    """The observation, when this user may correct or remove it (else 403)."""
    observation = get_object_or_404(
        Observation.objects.select_related("kommun", "area"),
        pk=pk,
        kommun__code=code,
    )
    if not can_change_observation(request.user, observation):
        raise PermissionDenied(
            _(
                "Bara rapportören (inom två veckor) och kommunens redaktörer kan "
                "ändra eller ta bort en rapport."
            )
        )
    return observation


def _back(request: HttpRequest, observation: Observation) -> str:
    """Where the user came from: the week list for editors, else the report page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted == "vecka":
        period = period_containing(
            "week", timezone.localtime(observation.observed_at).date()
        )
        return (
            reverse("situation:week", kwargs={"code": observation.kommun.code})
            + f"?period={period.code}"
        )
    return reverse(
        "situation:observation_new", kwargs={"code": observation.kommun.code}
    )


@staff_view
def observation_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    observation = _changeable(request, code, pk)
    kommun = observation.kommun
    initial = {
        "category": observation.category,
        "area": observation.area_id,
        "latitude": observation.latitude,
        "longitude": observation.longitude,
        "observed_at": timezone.localtime(observation.observed_at).replace(
            second=0, microsecond=0
        ),
        "text": observation.text,
    }
    form = ObservationForm(request.POST or None, kommun=kommun, initial=initial)
    saved = form_submit(
        request,
        form,
        calling(observation_update, actor=request.user, observation=observation),
        _("Rapporten är ändrad."),
    )
    if saved:
        return redirect(_back(request, observation))
    return _form_page(
        request,
        kommun,
        form,
        observation=observation,
        next=request.GET.get("next") or request.POST.get("next") or "",
        cancel=_back(request, observation),
    )


@staff_view
def observation_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    observation = _changeable(request, code, pk)
    back = _back(request, observation)
    if request.method == "POST":
        service_done(
            request,
            lambda: observation_delete(actor=request.user, observation=observation),
            _("Rapporten är borttagen."),
        )
        return redirect(back)
    return render(
        request,
        "situation/observation_delete.html",
        _context(
            request,
            observation.kommun,
            observation=observation,
            next=request.GET.get("next") or "",
            cancel=back,
        ),
    )


@staff_view
def week(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "week")
    if period.kind != "week":
        period = period_containing("week", period.start)
    observations = list(selectors.observations_in_period(kommun=kommun, period=period))
    for observation in observations:
        observation.kommun = kommun  # one kommun: no query per row
    changeable = {o.pk for o in observations if can_change_observation(request.user, o)}
    return render(
        request,
        "situation/week.html",
        _period_context(
            request,
            kommun,
            period,
            observations=observations,
            changeable=changeable,
            events=selectors.events_in_period(kommun=kommun, period=period),
            **_events_coverage(kommun, period),
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
        _period_context(
            request,
            kommun,
            period,
            summary=result,
            category_labels=[label for _c, label in ObservationCategory.choices],
        ),
    )


@staff_view
def area_map_view(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_viewer(request, code)
    period = _period(request, "week")
    # The kommun's own staff: exact counts, as the weekly list and the summary.
    data = _area_map(request, kommun, period, exact_counts=True)
    return render(
        request,
        "situation/map.html",
        _period_context(
            request,
            kommun,
            period,
            map=data,
            interactive=selectors.area_map_component(kommun=kommun, data=data),
            choices=selectors.indicator_choices(kommun),
        ),
    )
