from django.contrib.auth import views as auth_views
from django.urls import path

from . import password_reset, views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-in/kod/", views.verify, name="verify"),
    path("logga-in/sso/", views.sso_start, name="sso_start"),
    path("logga-in/sso/svar/", views.sso_callback, name="sso_callback"),
    path(
        "glomt-losenord/",
        password_reset.ResetRequest.as_view(),
        name="password_reset",
    ),
    path(
        "glomt-losenord/skickat/",
        password_reset.ResetSent.as_view(),
        name="password_reset_done",
    ),
    path(
        "glomt-losenord/<uidb64>/<token>/",
        password_reset.ResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "glomt-losenord/klart/",
        password_reset.ResetDone.as_view(),
        name="password_reset_complete",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.account, name="account"),
    path(
        "tvastegsverifiering/aktivera/",
        views.two_factor_setup,
        name="two_factor_setup",
    ),
    path(
        "tvastegsverifiering/stang-av/",
        views.two_factor_disable,
        name="two_factor_disable",
    ),
    path(
        "tvastegsverifiering/reservkoder/",
        views.recovery_codes,
        name="recovery_codes",
    ),
]
