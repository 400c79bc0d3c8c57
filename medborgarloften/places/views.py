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
from medborgarloften.lib.downloads import file_response
from medborgarloften.lib.forms import form_saved, form_submit

from . import services
from .boundaries import BoundaryError, preview
from .forms import (
    AreaForm,
    BoundaryConfirmForm,
    BoundaryImportForm,
    OrganisationFilterForm,
    OrganisationForm,
)
from .maps import areas_map, local_tile, map_config
from .models import Area, Organisation, OrganisationKind
from .outlines import kommun_outline
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
    areas_geojson,
    areas_of,
    boundary_file_read,
    boundary_matches,
    boundary_wfs_read,
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
    saved = form_submit(
        request,
        form,
        lambda _data: services.organisation_create(
            actor=request.user, **form.service_input()
        ),
    )
    if saved is not None:
        messages.success(request, _("%(name)s har lagts till.") % {"name": saved.value})
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
    if form_saved(
        request,
        form,
        lambda _data: services.organisation_update(
            actor=request.user, organisation=organisation, **form.service_input()
        ),
        _("%(name)s har sparats.") % {"name": organisation},
    ):
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
    areas = list(areas_of(kommun))
    area_map = areas_map(
        title=_("Karta över områdena i %(name)s") % {"name": kommun},
        areas=areas,
        hint=_(
            "Med tangentbordet: Tabb till kartan, piltangenterna flyttar och + och − "
            "zoomar. Tabellen visar samma områden."
        ),
    )
    return render(
        request,
        "places/area_list.html",
        {"kommun": kommun, "areas": areas, "area_map": area_map},
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun_for_area_editor(request, code)
    form = AreaForm(request.POST or None)
    saved = form_submit(
        request, form, lambda data: services.area_create(kommun=kommun, **data)
    )
    if saved is not None:
        messages.success(request, _("%(name)s har lagts till.") % {"name": saved.value})
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
    if form_saved(
        request,
        form,
        lambda _data: services.area_update(area=area, **form.service_input()),
        _("%(name)s har sparats.") % {"name": area},
    ):
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


#: The largest boundary file the staff page reads.
MAX_BOUNDARY_UPLOAD = 50 * 1024 * 1024


def _boundaries_from_form(kommun: Organisation, form: BoundaryImportForm) -> Any:
    from django.conf import settings

    data = form.cleaned_data
    crs = data["crs"] or None
    if data["url"]:
        return boundary_wfs_read(
            kommun=kommun,
            url=data["url"],
            crs=crs,
            name_field=data["name_field"],
            allow_private=settings.IMPORT_ALLOW_PRIVATE_URLS,
        )
    upload = data["file"]
    if upload.size > MAX_BOUNDARY_UPLOAD:
        raise BoundaryError(
            _("Filen är större än %(mb)d MB.") % {"mb": MAX_BOUNDARY_UPLOAD // 2**20}
        )
    return boundary_file_read(
        kommun=kommun,
        data=upload.read(),
        filename=upload.name,
        crs=crs,
        name_field=data["name_field"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_import(request: HttpRequest, code: str) -> HttpResponse:
    """Upload a boundary file (or give a WFS address), see it on a map with what
    happens to each area, then import it all or nothing."""
    kommun = _kommun_for_area_editor(request, code)
    context: dict[str, Any] = {"kommun": kommun, "boundaries": None, "error": ""}
    status = 200
    if request.method == "POST" and "geojson" in request.POST:
        confirm = BoundaryConfirmForm(request.POST)
        form = BoundaryImportForm()
        if confirm.is_valid():
            try:
                confirmed = confirm.cleaned_data
                boundaries = boundary_file_read(
                    kommun=kommun, data=confirmed["geojson"].encode(), crs=4326
                )
                boundaries.source = confirmed["source"]
                boundaries.format = confirmed["format"] or boundaries.format
                boundaries.crs = confirmed["crs"] or boundaries.crs
                summary = services.area_boundaries_import(
                    kommun=kommun,
                    boundaries=boundaries,
                    create_missing=confirm.cleaned_data["create_missing"],
                )
            except BoundaryError as exc:
                context["error"] = str(exc)
            except ValidationError as exc:
                context["error"] = " ".join(exc.messages)
            else:
                messages.success(request, str(summary))
                return redirect("places:areas", code=kommun.code)
        else:
            context["error"] = _("Förhandsvisningen kom inte med; välj filen igen.")
        status = 400
    else:
        form = BoundaryImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                try:
                    boundaries = _boundaries_from_form(kommun, form)
                except BoundaryError as exc:
                    form.add_error(None, str(exc))
                    form.mark_fields()
                else:
                    status = 200
                    create = form.cleaned_data["create_missing"]
                    matches = boundary_matches(
                        kommun=kommun, boundaries=boundaries, create_missing=create
                    )
                    context.update(_import_preview(kommun, boundaries, matches))
                    context["confirm"] = BoundaryConfirmForm(
                        initial={
                            "geojson": json.dumps(
                                boundaries.as_geojson(), ensure_ascii=False
                            ),
                            "create_missing": create,
                            "source": boundaries.source[:200],
                            "format": boundaries.format,
                            "crs": boundaries.crs,
                        }
                    )
    context["form"] = form
    return render(request, "places/area_import.html", context, status=status)


def _import_preview(
    kommun: Organisation, boundaries: Any, matches: list[Any]
) -> dict[str, Any]:
    matched = {m.area.pk for m in matches if m.area is not None}
    items = [
        (a.name, a.geometry, "befintlig")
        for a in kommun.areas.all()
        if a.geometry and a.pk not in matched
    ]
    items += [
        (m.feature.name, m.feature.geometry, m.action)
        for m in matches
        if m.feature.geometry
    ]
    refused = [m for m in matches if m.action == "fel"]
    labels = {m.action: m.action_label for m in matches}
    labels["befintlig"] = _("kommunens övriga område")
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": name,
                "label": labels.get(kind, kind),
                "fill": PREVIEW_FILLS.get(kind, "#e4e4ea"),
            },
            "geometry": geometry,
        }
        for name, geometry, kind in items
    ]
    interactive = map_config(
        title=_("Förhandsvisning av områdena i filen"),
        kommun_code=kommun.code,
        features=features,
        focus=[m.feature.name for m in matches if m.feature.geometry],
    ).as_json()
    return {
        "boundaries": boundaries,
        "matches": matches,
        "refused": refused,
        "preview": preview(items, outline=kommun_outline(kommun.code)),
        "interactive": interactive,
    }


#: The preview's colours, as in css/maps.css.
PREVIEW_FILLS = {
    "ny": "#2a9d5c",
    "uppdateras": "#3182bd",
    "oförändrad": "#9ecae1",
    "befintlig": "#e4e4ea",
}


@login_required
def area_export(request: HttpRequest, code: str) -> HttpResponse:
    """The kommun's areas as a GeoJSON download (what ``exportareas`` prints)."""
    kommun = _kommun_for_area_editor(request, code)
    return file_response(
        json.dumps(areas_geojson(kommun=kommun), ensure_ascii=False, indent=1),
        f"omraden-{kommun.code}.geojson",
    )


@require_http_methods(["GET", "HEAD"])
def tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    """A background tile from the installation's own MBTiles or PMTiles file
    (MAP_TILE_MBTILES, MAP_TILE_PMTILES), so residents' map views reach no third
    party. Public: the tiles are a map."""
    found = local_tile(z=z, x=x, y=y)
    if found is None:
        response = HttpResponse(status=404)
    else:
        data, media_type = found
        response = HttpResponse(data, content_type=media_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
