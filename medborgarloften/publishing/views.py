"""Public pages: no login needed; only published and closed promises."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.coordination.selectors import published_meetings
from medborgarloften.places.maps import areas_map
from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Promise

from . import fragments
from .fragments import render_blocks, safe_parts
from .pagecache import cached_public, kommun_scope, number, promise_scope, text
from .selectors import (
    kommun_finder,
    kommun_public_promises,
    promise_areas,
    public_area,
    public_promise,
)

#: Browsers and proxies may keep an anonymous page this long; the server's own page
#: cache (pagecache.py) sees every change at once.
PUBLIC_MAX_AGE = 60

#: The page number of the activity lists (``?sida=2``).
PAGE = {"sida": number(minimum=1)}

#: The newest published samordning meetings linked from a kommun's page.
MEETINGS_SHOWN = 10


def _no_kommun(code: str) -> Http404:
    return Http404(
        _("Det finns ingen kommun med kommunkoden %(code)s.") % {"code": code}
    )


# Anonymous visitors get the shared cached page; signed-in users their own, private.
# ``params``: the query parameters each page reads; any other is ignored (pagecache).
@cached_public(max_age=PUBLIC_MAX_AGE, params={"q": text(100)})
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request, "publishing/home.html", {"finder": kommun_finder(query=query)}
    )


@cached_public(max_age=PUBLIC_MAX_AGE)
def kommun(request: HttpRequest, kommunkod: str) -> HttpResponse:
    def build() -> dict[str, str]:
        listing = kommun_public_promises(code=kommunkod)
        meetings = (
            published_meetings(kommun=listing.kommun)[:MEETINGS_SHOWN]
            if getattr(listing.kommun, "has_meetings", False)
            else []
        )
        return render_blocks(
            "publishing/kommun_parts.html",
            {"listing": listing, "meetings": meetings},
        )

    try:
        parts = fragments.cached(
            "kommun-page",
            scopes=(kommun_scope(kommunkod),),
            vary=(kommunkod,),
            build=build,
        )
    except Organisation.DoesNotExist:
        raise _no_kommun(kommunkod)
    return render(request, "publishing/kommun.html", {"parts": safe_parts(parts)})


@cached_public(max_age=PUBLIC_MAX_AGE, params=PAGE)
def promise(request: HttpRequest, uid: UUID) -> HttpResponse:
    sida = request.GET.get("sida", 1)
    # The embed code names the site's own address.
    embed_url = request.build_absolute_uri(reverse("publishing:embed", args=[uid]))

    def build() -> dict[str, str]:
        public = public_promise(uid=uid, page=sida)
        areas = promise_areas(public.promise)
        area_map = areas_map(
            title=_("Karta över områdena i %(title)s")
            % {"title": public.promise.title},
            areas=areas,
        )
        return render_blocks(
            "publishing/promise_parts.html",
            {
                "page": public.page,
                "public": public,
                "embed_url": embed_url,
                "map_areas": areas,
                "area_map": area_map,
            },
        )

    try:
        parts = fragments.cached(
            "promise-page",
            scopes=(promise_scope(uid),),
            vary=(uid, sida, embed_url),
            build=build,
        )
    except Promise.DoesNotExist:
        raise Http404(_("Det finns inget publicerat medborgarlöfte med den adressen."))
    return render(request, "publishing/promise.html", {"parts": safe_parts(parts)})


@cached_public(max_age=PUBLIC_MAX_AGE, params=PAGE)
def area(
    request: HttpRequest, kommunkod: str, area_id: int | None = None, slug: str = ""
) -> HttpResponse:
    try:
        page = public_area(
            code=kommunkod, area_id=area_id, slug=slug, page=request.GET.get("sida", 1)
        )
    except Area.DoesNotExist:
        raise Http404(_("Det finns inget sådant område i kommunen."))
    area_map = areas_map(
        title=_("Karta över %(name)s") % {"name": page.area.name}, areas=[page.area]
    )
    return render(
        request,
        "publishing/area.html",
        {"area_page": page, "area_map": area_map, "map_areas": [page.area]},
    )
