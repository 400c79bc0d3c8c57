"""Open311 GeoReport v2 at /open311/v2/ (docs/api.md, "Open311")."""

from django.urls import re_path

from . import views

app_name = "open311"

urlpatterns = [
    re_path(r"^discovery\.(?P<fmt>json|xml)$", views.discovery, name="discovery"),
    re_path(r"^services\.(?P<fmt>json|xml)$", views.services, name="services"),
    re_path(r"^requests\.(?P<fmt>json|xml)$", views.requests, name="requests"),
    re_path(
        r"^requests/(?P<request_id>\d+)\.(?P<fmt>json|xml)$",
        views.request_detail,
        name="request",
    ),
]
