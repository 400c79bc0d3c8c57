"""Staff URLs, mounted at /personal/ (namespace ``promises``)."""

from django.urls import path

from . import views

app_name = "promises"

urlpatterns = [
    path("", views.promise_list, name="list"),
    path("lofte/nytt/", views.promise_create, name="create"),
    path("lofte/<int:pk>/", views.promise_detail, name="detail"),
    path("lofte/<int:pk>/andra/", views.promise_edit, name="edit"),
    path("lofte/<int:pk>/status/<str:status>/", views.promise_status, name="status"),
    path("lofte/<int:pk>/historik/", views.promise_history, name="history"),
    path("lofte/<int:pk>/nasta/", views.promise_successor, name="successor"),
    path("lofte/<int:pk>/ta-bort/", views.promise_delete_view, name="delete"),
    path(
        "lofte/<int:pk>/eget-utkast/",
        views.promise_own_draft,
        name="own_draft",
    ),
    path(
        "lofte/<int:pk>/part/<int:org>/svar/",
        views.promise_party_answer,
        name="party_answer",
    ),
    path(
        "lofte/<int:pk>/dokument/",
        views.promise_document_review,
        name="document_review",
    ),
    path(
        "lofte/<int:pk>/dokument/pdf/", views.promise_document_pdf, name="document_pdf"
    ),
    path(
        "lofte/<int:pk>/dokument/docx/",
        views.promise_document_docx,
        name="document_docx",
    ),
]
