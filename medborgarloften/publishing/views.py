"""Public pages: no login needed; only published and closed promises."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Promise

from .selectors import (
    kommun_finder,
    kommun_public_promises,
    public_area,
    public_promise,
)

#: Public pages change when staff log an activity: a minute in shared caches.
PUBLIC_MAX_AGE = 60


def public_cache(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let browsers and proxies keep an anonymous visitor's page for a minute; a
    signed-in user's page (their name in the header) is never shared."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        return response

    return wrapper


def _no_kommun(code: str) -> Http404:
    return Http404(
        _("Det finns ingen kommun med kommunkoden %(code)s.") % {"code": code}
    )


@public_cache
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request, "publishing/home.html", {"finder": kommun_finder(query=query)}
    )


@public_cache
def kommun(request: HttpRequest, kommunkod: str) -> HttpResponse:
    try:
        listing = kommun_public_promises(code=kommunkod)
    except Organisation.DoesNotExist:
        raise _no_kommun(kommunkod)
    return render(request, "publishing/kommun.html", {"listing": listing})


@public_cache
def promise(request: HttpRequest, uid: UUID) -> HttpResponse:
    try:
        public = public_promise(uid=uid, page=request.GET.get("sida", 1))
    except Promise.DoesNotExist:
        raise Http404(_("Det finns inget publicerat medborgarlöfte med den adressen."))
    embed_url = request.build_absolute_uri(
        reverse("publishing:embed", args=[public.promise.uid])
    )
    return render(
        request,
        "publishing/promise.html",
        {"page": public.page, "public": public, "embed_url": embed_url},
    )


@public_cache
def area(
    request: HttpRequest, kommunkod: str, area_id: int | None = None, slug: str = ""
) -> HttpResponse:
    try:
        page = public_area(
            code=kommunkod, area_id=area_id, slug=slug, page=request.GET.get("sida", 1)
        )
    except Area.DoesNotExist:
        raise Http404(_("Det finns inget sådant område i kommunen."))
    return render(request, "publishing/area.html", {"area_page": page})
