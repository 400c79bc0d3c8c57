"""The cases app's pages, included at the site root: staff under
/personal/arenden/, the public form under /tyck-till/, outcomes under
/du-sa-vi-gjorde/. Open311 has its own (open311/urls.py)."""

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

from . import photo_views, public_views, setup_views, views

app_name = "cases"


def _setup_list(
    segment: str,
    *,
    plural: str,
    one: str,
    list_view: Callable[..., Any],
    edit_view: Callable[..., Any],
    delete_view: Callable[..., Any],
) -> list[URLPattern]:
    """A list a kommun's coordinator keeps (routing rules, answer templates): the
    list, a new item, one item to edit, and removing it; the edit view serves both
    a new item and an old one."""
    prefix = f"personal/arenden/<str:code>/{segment}/"
    return [
        path(prefix, list_view, name=plural),
        path(f"{prefix}ny/", edit_view, name=f"{one}_new"),
        path(f"{prefix}<int:pk>/", edit_view, name=f"{one}_edit"),
        path(f"{prefix}<int:pk>/ta-bort/", delete_view, name=f"{one}_delete"),
    ]


urlpatterns = [
    path("personal/arenden/", views.case_list, name="staff_list"),
    path("personal/arenden/<int:pk>/", views.case_detail, name="staff_detail"),
    path(
        "personal/arenden/fran-vandring/<int:pk>/",
        views.from_walk_point,
        name="from_walk_point",
    ),
    path(
        "personal/arenden/fran-dialog/<int:pk>/",
        views.from_finding,
        name="from_finding",
    ),
    path(
        "personal/arenden/fran-enkatsvar/<int:pk>/",
        views.from_survey_answer,
        name="from_survey_answer",
    ),
    path(
        "personal/arenden/fran-enkatfraga/<int:pk>/",
        views.from_survey_question,
        name="from_survey_question",
    ),
    # The coordinator's set-up of a kommun's cases.
    *_setup_list(
        "regler",
        plural="rules",
        one="rule",
        list_view=setup_views.rule_list,
        edit_view=setup_views.rule_edit,
        delete_view=setup_views.rule_delete,
    ),
    *_setup_list(
        "svarsmallar",
        plural="templates",
        one="template",
        list_view=setup_views.template_list,
        edit_view=setup_views.template_edit,
        delete_view=setup_views.template_delete,
    ),
    path("tyck-till/<str:code>/", public_views.report, name="report"),
    path("tyck-till/<str:code>/tack/", public_views.thanks, name="thanks"),
    # The receipt, and the resident's status page, under the case's reference.
    path(
        "tyck-till/<str:code>/tack/<str:reference>/",
        public_views.receipt,
        name="receipt",
    ),
    path("tyck-till/arende/<str:reference>/", public_views.status, name="status"),
    path(
        "tyck-till/<str:code>/affisch/<int:area_id>/",
        public_views.poster,
        name="poster",
    ),
    path(
        "tyck-till/epost/bekrafta/<str:token>/",
        public_views.email_confirm,
        name="email_confirm",
    ),
    path(
        "tyck-till/epost/radera/<str:token>/",
        public_views.email_delete,
        name="email_delete",
    ),
    path("du-sa-vi-gjorde/<str:code>/", public_views.outcomes, name="public"),
    # A case's photo: staff who see the case, the public once it is approved.
    path("arenden/foto/<int:pk>/", photo_views.case_photo, name="photo"),
]
