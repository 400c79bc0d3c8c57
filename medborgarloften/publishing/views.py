"""Public pages: no login needed; only published promises."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "publishing/home.html", {})
