"""The staff page for a kommun's overlay layers: DeSO/RegSO areas and Polisen's
utsatta områden, read from a file or a WFS address (as the boundary import is)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .boundaries import BoundaryError
from .forms import OverlayImportForm
from .maps import map_config
from .overlays import overlay_layers
from .views import _boundaries_from_form, _kommun_for_area_editor


@login_required
@require_http_methods(["GET", "POST"])
def overlay_import(request: HttpRequest, code: str) -> HttpResponse:
    """Show the kommun's overlay layers and replace one from a file, all or nothing."""
    kommun = _kommun_for_area_editor(request, code)
    form = OverlayImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                summary = services.overlay_import(
                    kommun=kommun,
                    layer=form.cleaned_data["layer"],
                    boundaries=_boundaries_from_form(kommun, form),
                )
            except BoundaryError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, str(summary))
                return redirect("places:overlays", code=kommun.code)
            form.mark_fields()
    layers = overlay_layers(kommun=kommun)
    context: dict[str, Any] = {"kommun": kommun, "form": form, "layers": layers}
    if layers:
        config = map_config(
            title=_("Överlagringar i %(name)s") % {"name": kommun},
            kommun_code=kommun.code,
            overlays=[{**layer, "shown": True} for layer in layers],
        )
        config.texts["help"] = _(
            "Med tangentbordet: Tabb till kartan, piltangenterna flyttar och + och − "
            "zoomar. Välj lager i kartans lagerlista; listan under kartan visar samma "
            "områden."
        )
        context["overlay_map"] = config.as_json()
    return render(request, "places/overlay_import.html", context, status=status)
