"""/personal/planering/ (namespace ``planning``): lägesbild document, åtgärdsplan."""

from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.kommun_page, name="kommun"),
    path("<str:code>/steg", views.steps_view, name="steps"),
    path("<str:code>/bilagor-statsbidrag.zip", views.grant_file, name="grant_file"),
    path(
        "<str:code>/overenskommelse/<int:pk>/dokument.<str:fmt>",
        views.agreement_file,
        name="agreement_file",
    ),
    path("<str:code>/lagesbild/ny", views.report_new, name="report_new"),
    path("<str:code>/atgardsplan/ny", views.plan_new, name="plan_new"),
    path("lagesbild/<int:pk>/", views.report_detail, name="report"),
    path("lagesbild/<int:pk>/andra", views.report_edit, name="report_edit"),
    path("lagesbild/<int:pk>/anta", views.report_adopt_view, name="report_adopt"),
    path(
        "lagesbild/<int:pk>/ratta-beslut",
        views.report_decision_correct,
        name="report_decision_correct",
    ),
    path(
        "atgardsplan/<int:pk>/ratta-beslut",
        views.plan_decision_correct,
        name="plan_decision_correct",
    ),
    path("lagesbild/<int:pk>/revidera", views.report_revise_view, name="report_revise"),
    path("atgardsplan/<int:pk>/", views.plan_detail, name="plan"),
    path(
        "lagesbild/<int:pk>/dokument.<str:fmt>", views.report_file, name="report_file"
    ),
    path("atgardsplan/<int:pk>/dokument.<str:fmt>", views.plan_file, name="plan_file"),
    path("atgardsplan/<int:pk>/andra", views.plan_edit, name="plan_edit"),
    path("atgardsplan/<int:pk>/ta-bort", views.plan_delete, name="plan_delete"),
    path("atgardsplan/<int:pk>/anta", views.plan_adopt_view, name="plan_adopt"),
    path("problem/<int:pk>/andra", views.problem_edit, name="problem_edit"),
    path("problem/<int:pk>/ta-bort", views.problem_delete, name="problem_delete"),
    path("orsak/<int:pk>/andra", views.cause_edit, name="cause_edit"),
    path("orsak/<int:pk>/ta-bort", views.cause_delete, name="cause_delete"),
    path("atgard/<int:pk>/andra", views.measure_edit, name="measure_edit"),
    path("atgard/<int:pk>/status", views.measure_status, name="measure_status"),
    path("atgard/<int:pk>/ta-bort", views.measure_delete, name="measure_delete"),
    path("mal/<int:pk>/revidera", views.goal_revise_view, name="goal_revise"),
]
