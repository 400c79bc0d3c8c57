from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/fil/", views.job_download, name="download"),
]
