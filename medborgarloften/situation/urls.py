"""Staff pages of the lägesbild, mounted at /personal/lagesbild/."""

from django.urls import path

from . import views

app_name = "situation"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.overview, name="overview"),
    path("<str:code>/rapportera/", views.observation_new, name="observation_new"),
    path("<str:code>/vecka/", views.week, name="week"),
    path("<str:code>/sammanstallning/", views.summary, name="summary"),
]
