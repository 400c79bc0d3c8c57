"""Staff pages, mounted at /personal/organisationer/."""

from django.urls import path

from . import member_views, overlay_views, views

app_name = "places"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("ny/", views.organisation_create, name="create"),
    path("<int:pk>/andra/", views.organisation_edit, name="edit"),
    path("<int:pk>/anvandare/", member_views.members, name="members"),
    path(
        "<int:pk>/anvandare/<int:membership>/",
        member_views.member_edit,
        name="member_edit",
    ),
    path("kommun/<str:code>/omraden/", views.area_list, name="areas"),
    path("kommun/<str:code>/omraden/nytt/", views.area_create, name="area_create"),
    path("kommun/<str:code>/omraden/importera/", views.area_import, name="area_import"),
    path(
        "kommun/<str:code>/omraden/overlagringar/",
        overlay_views.overlay_import,
        name="overlays",
    ),
    path(
        "kommun/<str:code>/omraden/omraden.geojson",
        views.area_export,
        name="area_export",
    ),
    path(
        "kommun/<str:code>/omraden/<int:pk>/andra/",
        views.area_edit,
        name="area_edit",
    ),
    path(
        "kommun/<str:code>/omraden/<int:pk>/ta-bort/",
        views.area_delete,
        name="area_delete",
    ),
]
