"""What search engines may index: ``/robots.txt`` and ``/sitemap.xml``.

The sitemap lists every page an anonymous visitor can reach and nothing else: the
start page, the national overview, the accessibility statement and the open data's
documentation; each kommun with a public promise; public promises (``public_q``);
the areas those promises name; published follow-up reports and published meeting
summaries. Built with ``django.contrib.sitemaps`` (a sitemap index once a list
outgrows one file). Addresses are absolute under ``PUBLIC_SITE_URL`` when it is
set (``lib/siteurl.py``: behind a proxy the request's host may be an internal
name), otherwise under the address the request came to.

``robots.txt`` keeps crawlers out of the staff pages, the sign-in, the language
switch and the embeddable widgets (the page they sit in is the one to index), and
names the sitemap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from medborgarloften.coordination.models import Meeting
from medborgarloften.followup.models import Report
from medborgarloften.lib.siteurl import site_root
from medborgarloften.promises.models import Promise

from .selectors import kommuner_with_public_promises, public_area_links


@dataclass(frozen=True)
class _Root:
    """What ``Sitemap.get_domain`` reads of a site: its host (with a path prefix
    when the site lives under one)."""

    domain: str
    name: str = ""


class _PublicSitemap(Sitemap[Any]):
    """Absolute addresses under the site's public root (module doc)."""

    root: tuple[str, str] | None = None  # (scheme, host and path prefix)

    def get_urls(
        self, page: int | str = 1, site: Any = None, protocol: str | None = None
    ) -> list[dict[str, Any]]:
        if self.root is not None:
            protocol, site = self.root[0], _Root(self.root[1])
        return super().get_urls(page=page, site=site, protocol=protocol)


class PagesSitemap(_PublicSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "publishing:home",
            "publishing:overview",
            "api:docs",
            "publishing:accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class KommunSitemap(_PublicSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [entry.kommun.code for entry in kommuner_with_public_promises()]

    def location(self, item: str) -> str:
        return reverse("publishing:kommun", args=[item])


class _ByUidSitemap(_PublicSitemap):
    """Pages addressed by a uid (``route``), dated by their last change."""

    route = ""

    def public(self) -> Any:
        raise NotImplementedError

    def items(self) -> Any:
        return self.public().only("uid", "updated_at").order_by("pk")

    def location(self, item: Any) -> str:
        return reverse(self.route, args=[item.uid])

    def lastmod(self, item: Any) -> dt.datetime:
        return item.updated_at


class PromiseSitemap(_ByUidSitemap):
    changefreq = "weekly"
    route = "publishing:promise"

    def public(self) -> Any:
        return Promise.objects.public()


class AreaSitemap(_PublicSitemap):
    changefreq = "monthly"

    def items(self) -> list[tuple[str, int]]:
        return public_area_links()

    def location(self, item: tuple[str, int]) -> str:
        return reverse("publishing:area", args=list(item))


class ReportSitemap(_ByUidSitemap):
    changefreq = "monthly"
    route = "publishing:report"

    def public(self) -> Any:
        return Report.objects.published()


class MeetingSitemap(_PublicSitemap):
    changefreq = "yearly"

    def items(self) -> Any:
        return (
            Meeting.objects.published()
            .exclude(kommun__code="")
            .select_related("kommun")
            .only("uid", "updated_at", "kommun__code")
            .order_by("pk")
        )

    def location(self, item: Meeting) -> str:
        return reverse("coordination_public:meeting", args=[item.kommun.code, item.uid])

    def lastmod(self, item: Meeting) -> dt.datetime:
        return item.updated_at


SITEMAPS: dict[str, type[_PublicSitemap]] = {
    "sidor": PagesSitemap,
    "kommuner": KommunSitemap,
    "loften": PromiseSitemap,
    "omraden": AreaSitemap,
    "rapporter": ReportSitemap,
    "moten": MeetingSitemap,
}


def _root(request: HttpRequest) -> tuple[str, str]:
    parts = urlsplit(site_root(request))
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap(request: HttpRequest) -> HttpResponse:
    root = _root(request)
    sitemaps: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {}
    for name, cls in SITEMAPS.items():
        section = cls()
        section.root = root
        sitemaps[name] = section
    return sitemap_view(request, sitemaps=sitemaps)


#: Never worth a crawler's visit: staff pages, sign-in, the language switch, the
#: script catalogue, widgets meant for other sites' pages, a resident's own links.
DISALLOWED = (
    "/personal/",
    "/konto/",
    "/django-admin/",
    "/sprak/",
    "/jsi18n/",
    "/embed/",
    "/prenumerera/",
    "/enkat/",
    "/sok/",
)


@require_GET
@cache_control(public=True, max_age=86400)
def robots(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines += ["", f"Sitemap: {site_root(request)}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
