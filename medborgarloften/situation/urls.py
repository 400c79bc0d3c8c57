"""Staff pages of the lägesbild, mounted at /personal/lagesbild/."""

from django.urls import path

from . import hotspot_views, lagesbild_pdf, views

app_name = "situation"

urlpatterns = [
    path("", views.index, name="index"),
    path("lofte/<int:pk>/", views.promise_baseline, name="promise_baseline"),
    path("<str:code>/", views.overview, name="overview"),
    path("<str:code>/rapportera/", views.observation_new, name="observation_new"),
    path(
        "<str:code>/rapportera/<int:pk>/",
        views.observation_edit,
        name="observation_edit",
    ),
    path(
        "<str:code>/rapportera/<int:pk>/ta-bort/",
        views.observation_remove,
        name="observation_remove",
    ),
    path("<str:code>/vecka/", views.week, name="week"),
    path("<str:code>/sammanstallning/", views.summary, name="summary"),
    path("<str:code>/karta/", views.area_map_view, name="map"),
    path("<str:code>/brannpunkter/", hotspot_views.hotspots, name="hotspots"),
    path("<str:code>/analys/", views.analysis, name="analysis"),
    path("<str:code>/analys/prioritet/", views.priority_adopt, name="priority_adopt"),
    path("<str:code>/dokument/", views.document, name="document"),
    path(
        "<str:code>/dokument/pdf/",
        lagesbild_pdf.document_pdf_job,
        name="document_pdf_job",
    ),
    path("<str:code>/dialoger/", views.dialogue_list, name="dialogues"),
    path("<str:code>/dialoger/ny/", views.dialogue_new, name="dialogue_new"),
    path("<str:code>/dialoger/<int:pk>/", views.dialogue_edit, name="dialogue_edit"),
    path(
        "<str:code>/dialoger/<int:pk>/ta-bort/",
        views.dialogue_remove,
        name="dialogue_remove",
    ),
    path("<str:code>/import/", views.data_import, name="import"),
    path("<str:code>/import/angra/", views.import_undo, name="import_undo"),
]

# Digital surveys and walks (situation/surveys/): their staff pages.
from .surveys.views import staff_urlpatterns  # noqa: E402

urlpatterns += staff_urlpatterns
