"""Public answering pages of digital surveys and walks, mounted at /enkat/."""

from django.urls import path

from .surveys import public_views

app_name = "surveys_public"

urlpatterns = [
    path("<str:token>/", public_views.answer, name="answer"),
    path("<str:token>/tack/", public_views.thanks, name="thanks"),
]
