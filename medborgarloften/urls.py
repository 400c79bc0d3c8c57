"""Root URLs: public site at /, staff under /personal/, accounts, Django admin."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from medborgarloften.cases import api as cases_api
from medborgarloften.places.views import tile
from medborgarloften.publishing import sitemaps


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the hashed name exists only once collectstatic has run.
    return HttpResponsePermanentRedirect(static("medborgarloften/favicon.svg"))


urlpatterns = [
    path("", include("medborgarloften.publishing.urls")),
    path("", include("medborgarloften.cases.urls")),
    path("open311/v2/", include("medborgarloften.cases.open311.urls")),
    # Cases as open data (cases/api.py), ahead of the API's catch-all 404.
    path("api/v1/cases", cases_api.cases, name="api_cases"),
    path("api/v1/cases.csv", cases_api.cases, {"fmt": "csv"}, name="api_cases_csv"),
    path("api/v1/cases/<int:ident>", cases_api.case_detail, name="api_case"),
    path("api/v1/", include("medborgarloften.publishing.api.urls")),
    path("konto/", include("medborgarloften.accounts.urls")),
    path("personal/", include("medborgarloften.promises.urls")),
    path("personal/import/", include("medborgarloften.documents.urls")),
    path("personal/organisationer/", include("medborgarloften.places.urls")),
    path("personal/uppfoljning/", include("medborgarloften.followup.urls")),
    path("personal/lagesbild/", include("medborgarloften.situation.urls")),
    path("personal/jobb/", include("medborgarloften.jobs.urls")),
    path("personal/planering/", include("medborgarloften.planning.urls")),
    path("enkat/", include("medborgarloften.situation.public_urls")),
    path("personal/samordning/", include("medborgarloften.coordination.urls")),
    path("samordning/", include("medborgarloften.coordination.public_urls")),
    # Background tiles from the installation's own MBTiles file (places.maps).
    path("kartor/<int:z>/<int:x>/<int:y>", tile, name="map_tile"),
    path("django-admin/", admin.site.urls),
    # The language switch in the header. Without a CSRF token in every page's header
    # the public pages stay cacheable (publishing/pagecache.py); a forged request can
    # only change a visitor's language, which the same switch changes back.
    path("sprak/", csrf_exempt(set_language), name="set_language"),
    # The few strings the scripts write (djangojs.po).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Browsers ask for /favicon.ico where a page names no icon (a PDF, the API).
    path("favicon.ico", favicon),
    path("robots.txt", sitemaps.robots, name="robots"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
]

# A lost database is a 503 with Retry-After, anything else the 500 page.
handler500 = "medborgarloften.operations.views.server_error"
