"""Public URLs at the site root (namespace ``publishing``)."""

from django.urls import path

from . import views

app_name = "publishing"

urlpatterns = [
    path("", views.home, name="home"),
    path("kommun/<str:kommunkod>/", views.kommun, name="kommun"),
    path("lofte/<uuid:uid>/", views.promise, name="promise"),
]

# Search, national overview and subscriptions (views_public_extra.py).
from . import views_public_extra as extra  # noqa: E402

urlpatterns += [
    path("sok/", extra.search, name="search"),
    path("oversikt/", extra.overview, name="overview"),
]
