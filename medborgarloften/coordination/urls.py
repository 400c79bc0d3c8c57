"""Coordination URLs, mounted at /personal/samordning/ (namespace ``coordination``)."""

from django.urls import path

from . import views

app_name = "coordination"

urlpatterns = [
    path("", views.index, name="index"),
    path("kommun/<str:code>/", views.kommun, name="kommun"),
    path("kommun/<str:code>/roll/", views.role_assign, name="role_assign"),
    path("kommun/<str:code>/mote/", views.meeting_new, name="meeting_new"),
    path("mote/<int:pk>/", views.meeting, name="meeting"),
    path("mote/<int:pk>/dagordning/", views.agenda_refresh, name="agenda_refresh"),
    path("mote/<int:pk>/punkt/", views.agenda_add, name="agenda_add"),
    path("mote/<int:pk>/protokoll/", views.minutes_save, name="minutes"),
    path("mote/<int:pk>/publicera/", views.publish, name="publish"),
    path("mote/<int:pk>/beslut/", views.decision_new, name="decision_new"),
    path("beslut/<int:pk>/", views.decision, name="decision"),
    path("beslut/<int:pk>/status/", views.decision_status, name="decision_status"),
]
