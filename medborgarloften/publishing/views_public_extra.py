"""Public search, national overview and e-mail subscriptions: thin views over
``search.py``, ``overview.py`` and ``subscriptions.py``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import OverviewFilterForm
from .overview import national_overview
from .search import search_public


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    kommun = request.GET.get("kommun", "").strip()
    results = None
    if query or kommun:
        results = search_public(
            query,
            kommun=kommun or None,
            limit=20,
            offset=_int(request.GET.get("start"), 0),
        )
    return render(
        request,
        "publishing/search.html",
        {"results": results, "query": query[:200], "kommun_code": kommun[:10]},
    )


def overview(request: HttpRequest) -> HttpResponse:
    form = OverviewFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(
            request,
            "publishing/overview.html",
            {"form": form, "overview": None},
            status=400,
        )
    data = form.cleaned_data if request.GET else {}
    result = national_overview(
        county=data.get("lan"),
        year_from=data.get("fran"),
        year_to=data.get("till"),
    )
    return render(
        request, "publishing/overview.html", {"form": form, "overview": result}
    )
