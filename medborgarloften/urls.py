"""Root URLs: public site at /, staff under /personal/, accounts, Django admin."""

from django.contrib import admin
from django.urls import include, path

from medborgarloften.places.views import tile

urlpatterns = [
    path("", include("medborgarloften.publishing.urls")),
    path("api/v1/", include("medborgarloften.publishing.api.urls")),
    path("konto/", include("medborgarloften.accounts.urls")),
    path("personal/", include("medborgarloften.promises.urls")),
    path("personal/import/", include("medborgarloften.documents.urls")),
    path("personal/organisationer/", include("medborgarloften.places.urls")),
    path("personal/uppfoljning/", include("medborgarloften.followup.urls")),
    path("personal/lagesbild/", include("medborgarloften.situation.urls")),
    path("enkat/", include("medborgarloften.situation.public_urls")),
    # Background tiles from the installation's own MBTiles file (places.maps).
    path("kartor/<int:z>/<int:x>/<int:y>", tile, name="map_tile"),
    path("django-admin/", admin.site.urls),
]

# A lost database is a 503 with Retry-After, anything else the 500 page.
handler500 = "medborgarloften.operations.views.server_error"
