"""A lost database gives a clean 503 with Retry-After (HTML, or problem+json in the
API); any other uncaught error the plain 500 page. Neither touches the database."""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import path

from medborgarloften import urls as root_urls
from medborgarloften.operations import views


def _raise(exc):
    def view(request):
        raise exc

    return view


urlpatterns = [
    path("lost/", _raise(OperationalError("connection refused"))),
    path("closed/", _raise(InterfaceError("connection already closed"))),
    path("api/v1/lost", _raise(OperationalError("connection refused"))),
    path("bug/", _raise(ZeroDivisionError("a bug"))),
]
handler500 = "medborgarloften.operations.views.server_error"


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_the_site_routes_server_errors_here():
    assert root_urls.handler500 == "medborgarloften.operations.views.server_error"


@pytest.mark.parametrize("url", ["/lost/", "/closed/"])
def test_a_lost_database_is_a_503_page_with_retry_after(client, url):
    response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == str(views.RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert "Tjänsten är tillfälligt otillgänglig" in response.content.decode()


def test_the_api_says_it_in_problem_json(client):
    response = client.get("/api/v1/lost")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 503
    assert response["Retry-After"] == str(views.RETRY_AFTER_SECONDS)


def test_any_other_error_is_the_500_page(client):
    response = client.get("/bug/")

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
    assert "Retry-After" not in response


def test_production_checks_kept_connections_and_bounds_connecting(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MEDBORGARLOFTEN_PRODUCTION": "1",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/none",
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], "
        "d['OPTIONS']['connect_timeout'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )

    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["60", "True", "10"]
