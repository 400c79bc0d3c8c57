"""/api/v1/ (namespace ``api``): the open data API."""

from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.urls import URLPattern, path, re_path

from . import plans, views

app_name = "api"


def _resource(
    module: ModuleType,
    resource: str,
    one: str,
    converter: str,
    list_page: Callable[..., Any] | None = None,
) -> list[URLPattern]:
    """A resource's three URLs on one stem (docs/api.md): the list as JSON, the same
    list as CSV, and one item. ``list_page`` stands in for the JSON list where the
    resource has a page of its own."""
    return [
        path(
            resource,
            list_page or module.list_view(resource),
            name=resource.replace("-", "_"),
        ),
        path(f"{resource}.csv", module.list_view(resource, "csv")),
        path(f"{resource}/<{converter}:ident>", module.detail_view(resource), name=one),
    ]


urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_json, name="openapi"),
    # The catalogue by content negotiation (Accept: text/turtle), on its own stem
    # and on the address harvesters were given; Turtle also by its own address.
    path("dcat", views.dcat_negotiated, name="dcat_negotiated"),
    path("dcat.jsonld", views.dcat_negotiated, name="dcat"),
    path("dcat.ttl", views.dcat_turtle, name="dcat_turtle"),
    path("docs", views.docs, name="docs"),
    path("api-info", views.api_info, name="api_info"),
    *_resource(views, "kommuner", "kommun", "str"),
    *_resource(views, "promises", "promise", "uuid"),
    *_resource(views, "commitments", "commitment", "int"),
    *_resource(views, "activities", "activity", "int", views.activities),
    path("observations", views.observations, name="observations"),
    *_resource(views, "reports", "report", "uuid"),
    *_resource(plans, "action-plans", "action_plan", "int"),
    *_resource(plans, "situation-reports", "situation_report", "int"),
    # [\s\S], not ".": a path with a newline or tab must get the JSON 404 too.
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found),
]
