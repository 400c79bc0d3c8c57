"""Public pages: no login needed; only published and closed promises."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from medborgarloften.places.models import Organisation
from medborgarloften.promises.models import Promise

from .selectors import (
    kommun_public_promises,
    kommuner_with_public_promises,
    public_promise,
)


def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "publishing/home.html",
        {"kommuner": kommuner_with_public_promises(query=query), "query": query},
    )


def kommun(request: HttpRequest, kommunkod: str) -> HttpResponse:
    try:
        listing = kommun_public_promises(code=kommunkod)
    except Organisation.DoesNotExist:
        raise Http404(
            _("Det finns ingen kommun med kommunkoden %(code)s.") % {"code": kommunkod}
        )
    return render(request, "publishing/kommun.html", {"listing": listing})


def promise(request: HttpRequest, uid: UUID) -> HttpResponse:
    try:
        page = public_promise(uid=uid)
    except Promise.DoesNotExist:
        raise Http404(_("Det finns inget publicerat medborgarlöfte med den adressen."))
    return render(request, "publishing/promise.html", {"page": page})
