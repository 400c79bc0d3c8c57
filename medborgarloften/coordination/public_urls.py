"""The public summary of a published meeting, at /samordning/ (namespace
``coordination_public``)."""

from django.urls import path

from . import views

app_name = "coordination_public"

urlpatterns = [
    path("<str:code>/mote/<uuid:uid>/", views.public_meeting, name="meeting"),
]
