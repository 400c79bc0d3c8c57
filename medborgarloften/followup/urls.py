"""Follow-up URLs, mounted at /personal/uppfoljning/ (namespace ``followup``).

Everything is for signed-in staff. Published reports, open to anyone, are served by
``publishing`` (``publishing:report``) at ``rapport/<uid>/`` under the same prefix.
"""

from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("paminnelser/", views.reminders, name="reminders"),
    path("vara-ataganden/", views.partner_home, name="partner_home"),
    path(
        "vara-ataganden/<int:pk>/",
        views.partner_commitment,
        name="partner_commitment",
    ),
    path("partner/<int:pk>/anvandare/", views.partner_members, name="partner_members"),
    path("lofte/<int:pk>/", views.dashboard, name="dashboard"),
    path("lofte/<int:pk>/aktiviteter/", views.activity_list, name="activities"),
    path("lofte/<int:pk>/import/", views.activity_import, name="import"),
    path("lofte/<int:pk>/rapporter/ny/", views.report_new, name="report_new"),
    path("atagande/<int:pk>/logga/", views.activity_new, name="activity_new"),
    path("atagande/<int:pk>/bedomning/", views.assessment_edit, name="assessment"),
    path("aktivitet/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("aktivitet/<int:pk>/ta-bort/", views.activity_remove, name="activity_delete"),
    path("rapport/<int:pk>/", views.report_detail, name="report"),
    path("rapport/<int:pk>/andra/", views.report_edit, name="report_edit"),
    path("rapport/<int:pk>/ta-bort/", views.report_remove, name="report_delete"),
    path(
        "rapport/<int:pk>/status/<str:status>/",
        views.report_status,
        name="report_status",
    ),
    path("rapport/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("rapport/<int:pk>/pdf/jobb/", views.report_pdf_job, name="report_pdf_job"),
    path("rapport/<int:pk>/docx/", views.report_docx, name="report_docx"),
    path("lofte/<int:pk>/utvardering/", views.evaluation, name="evaluation"),
    path("lofte/<int:pk>/statushistorik/", views.status_history, name="history"),
    path("lofte/<int:pk>/plan/", views.plan, name="plan"),
    path("lofte/<int:pk>/plan/<int:year>/", views.plan, name="plan_year"),
    path("atagande/<int:pk>/bocka-av/", views.plan_tick, name="plan_tick"),
    path("lofte/<int:pk>/arshjul/", views.arshjul_view, name="arshjul"),
    path("lofte/<int:pk>/arshjul.ics", views.arshjul_ics, name="arshjul_ics"),
    path("lofte/<int:pk>/kommunikation/", views.communication, name="communication"),
    path(
        "kommunikation/<int:pk>/status/",
        views.communication_status,
        name="communication_status",
    ),
]
