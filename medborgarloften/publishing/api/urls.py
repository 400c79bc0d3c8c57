"""/api/v1/ (namespace ``api``): the open data API."""

from django.urls import path, re_path

from . import plans, views

app_name = "api"

urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_json, name="openapi"),
    path("dcat.jsonld", views.dcat_jsonld, name="dcat"),
    path("docs", views.docs, name="docs"),
    path("api-info", views.api_info, name="api_info"),
    path("kommuner", views.list_view("kommuner"), name="kommuner"),
    path("kommuner.csv", views.list_view("kommuner", "csv")),
    path("kommuner/<str:ident>", views.detail_view("kommuner"), name="kommun"),
    path("promises", views.list_view("promises"), name="promises"),
    path("promises.csv", views.list_view("promises", "csv")),
    path("promises/<uuid:ident>", views.detail_view("promises"), name="promise"),
    path("commitments", views.list_view("commitments"), name="commitments"),
    path("commitments.csv", views.list_view("commitments", "csv")),
    path(
        "commitments/<int:ident>",
        views.detail_view("commitments"),
        name="commitment",
    ),
    path("activities", views.activities, name="activities"),
    path("activities.csv", views.list_view("activities", "csv")),
    path("activities/<int:ident>", views.detail_view("activities"), name="activity"),
    path("observations", views.observations, name="observations"),
    path("reports", views.list_view("reports"), name="reports"),
    path("reports.csv", views.list_view("reports", "csv")),
    path("reports/<uuid:ident>", views.detail_view("reports"), name="report"),
    path("action-plans", plans.list_view("action-plans"), name="action_plans"),
    path("action-plans.csv", plans.list_view("action-plans", "csv")),
    path(
        "action-plans/<int:ident>",
        plans.detail_view("action-plans"),
        name="action_plan",
    ),
    path(
        "situation-reports",
        plans.list_view("situation-reports"),
        name="situation_reports",
    ),
    path("situation-reports.csv", plans.list_view("situation-reports", "csv")),
    path(
        "situation-reports/<int:ident>",
        plans.detail_view("situation-reports"),
        name="situation_report",
    ),
    # [\s\S], not ".": a path with a newline or tab must get the JSON 404 too.
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found),
]
