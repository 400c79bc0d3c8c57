"""Staff URLs of the import review screen, mounted at /personal/import/."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.import_start, name="import"),
    path("<int:pk>/", views.import_review, name="review"),
    path("jobb/<int:pk>/", views.import_job, name="job"),
    path("jobb/<int:pk>/ta-bort/", views.import_job_delete, name="job_delete"),
    path("flera/", views.bulk_import_start, name="bulk"),
]
