"""The cases app's pages, included at the site root: staff under
/personal/arenden/, the public form under /tyck-till/, outcomes under
/du-sa-vi-gjorde/. Open311 has its own (open311/urls.py)."""

from django.urls import path

from . import photo_views, public_views, setup_views, views

app_name = "cases"

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
    path("personal/arenden/<str:code>/regler/", setup_views.rule_list, name="rules"),
    path(
        "personal/arenden/<str:code>/regler/ny/",
        setup_views.rule_edit,
        name="rule_new",
    ),
    path(
        "personal/arenden/<str:code>/regler/<int:pk>/",
        setup_views.rule_edit,
        name="rule_edit",
    ),
    path(
        "personal/arenden/<str:code>/regler/<int:pk>/ta-bort/",
        setup_views.rule_delete,
        name="rule_delete",
    ),
    path(
        "personal/arenden/<str:code>/svarsmallar/",
        setup_views.template_list,
        name="templates",
    ),
    path(
        "personal/arenden/<str:code>/svarsmallar/ny/",
        setup_views.template_edit,
        name="template_new",
    ),
    path(
        "personal/arenden/<str:code>/svarsmallar/<int:pk>/",
        setup_views.template_edit,
        name="template_edit",
    ),
    path(
        "personal/arenden/<str:code>/svarsmallar/<int:pk>/ta-bort/",
        setup_views.template_delete,
        name="template_delete",
    ),
    path("tyck-till/<str:code>/", public_views.report, name="report"),
    path("tyck-till/<str:code>/tack/", public_views.thanks, name="thanks"),
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
