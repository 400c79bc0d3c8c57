"""Staff pages for organisations and the areas of a kommun: parse, call one service, render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medborgarloften.accounts.permissions import (
    editing_organisation_ids,
    is_superuser,
)

from . import services
from .forms import AreaForm, OrganisationFilterForm, OrganisationForm
from .models import Area, Organisation, OrganisationKind
from .permissions import (
    can_change_reference_fields,
    can_edit_areas,
    can_edit_organisation,
    can_manage_organisations,
    creatable_kinds,
    editable_organisation_ids,
)
from .selectors import (
    area_usage,
    areas_of,
    kommuner_as_text,
    organisation_events,
    organisation_search,
)

PAGE_SIZE = 50


def _require_organisation_admin(request: HttpRequest) -> None:
    if not can_manage_organisations(request.user):
        raise PermissionDenied(_("Bara administratörer kan ändra organisationer."))


def _kommun_for_area_editor(request: HttpRequest, code: str) -> Organisation:
    kommun = get_object_or_404(
        Organisation.objects.select_related("county"),
        kind=OrganisationKind.KOMMUN,
        code=code,
    )
    if not can_edit_areas(request.user, kommun):
        raise PermissionDenied(
            _("Bara kommunens administratörer och redaktörer kan ändra dess områden.")
        )
    return kommun


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    _require_organisation_admin(request)
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = organisation_search(
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        county_code=filters.get("lan", ""),
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "places/organisation_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "all_areas": is_superuser(request.user),
            "area_kommun_ids": editing_organisation_ids(request.user),
            "editable_ids": editable_organisation_ids(request.user),
            "creatable": creatable_kinds(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    _require_organisation_admin(request)
    kinds = creatable_kinds(request.user)
    wanted = request.GET.get("typ", OrganisationKind.LOKALPOLISOMRADE)
    initial = {"kind": wanted if wanted in kinds else ""}
    form = OrganisationForm(request.POST or None, initial=initial, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                actor=request.user, **form.service_input()
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(
                request, _("%(name)s har lagts till.") % {"name": organisation}
            )
            return redirect("places:list")
    return render(
        request,
        "places/organisation_form.html",
        {"form": form, "organisation": None, "events": [], "reference_fields": True},
        status=400 if form.errors else 200,
    )


def _organisation_for_admin(request: HttpRequest, pk: int) -> Organisation:
    """The organisation if the user is one of its admins (or a superuser), else 403."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("county", "parent"), pk=pk
    )
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied(
            _(
                "Du kan bara ändra organisationer där du själv är administratör. "
                "Be en administratör för %(name)s eller en superanvändare."
            )
            % {"name": organisation}
        )
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_organisation_admin(request)
    organisation = _organisation_for_admin(request, pk)
    initial = {
        "name": organisation.name,
        "code": organisation.code,
        "county": organisation.county_id,
        "parent": organisation.parent_id,
        "serves": kommuner_as_text(organisation),
        "served_by": [o.pk for o in organisation.served_by.all()],
        "source": organisation.source,
        "version": organisation.version,
    }
    reference_fields = can_change_reference_fields(request.user, organisation)
    form = OrganisationForm(
        request.POST or None,
        initial=initial,
        organisation=organisation,
        reference_fields=reference_fields,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, **form.service_input()
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(
                request, _("%(name)s har sparats.") % {"name": organisation}
            )
            return redirect("places:list")
    return render(
        request,
        "places/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "reference_fields": reference_fields,
            "events": organisation_events(organisation=organisation),
        },
        status=400 if form.errors else 200,
    )


@login_required
def area_list(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_area_editor(request, code)
    return render(
        request,
        "places/area_list.html",
        {"kommun": kommun, "areas": areas_of(kommun)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_area_editor(request, code)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.area_create(kommun=kommun, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("%(name)s har lagts till.") % {"name": area})
            return redirect("places:areas", code=kommun.code)
    return render(
        request,
        "places/area_form.html",
        {"form": form, "kommun": kommun, "area": None},
        status=400 if form.errors else 200,
    )


def _area(kommun: Organisation, pk: int) -> Area:
    return get_object_or_404(Area, pk=pk, kommun=kommun)


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun_for_area_editor(request, code)
    area = _area(kommun, pk)
    initial: dict[str, Any] = {
        "name": area.name,
        "kind": area.kind,
        "code": area.code,
        "aliases": ", ".join(area.aliases),
        "geometry": ""
        if area.geometry is None
        else json.dumps(area.geometry, ensure_ascii=False),
    }
    initial["version"] = area.version
    form = AreaForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_update(area=area, **form.service_input())
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, _("%(name)s har sparats.") % {"name": area})
            return redirect("places:areas", code=kommun.code)
    return render(
        request,
        "places/area_form.html",
        {"form": form, "kommun": kommun, "area": area},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun_for_area_editor(request, code)
    area = _area(kommun, pk)
    error = ""
    if request.method == "POST":
        try:
            services.area_delete(area=area)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, _("%(name)s har tagits bort.") % {"name": area.name}
            )
            return redirect("places:areas", code=kommun.code)
    return render(
        request,
        "places/area_confirm_delete.html",
        {"kommun": kommun, "area": area, "usage": area_usage(area), "error": error},
        status=400 if error else 200,
    )
