"""Public search, national overview, e-mail subscriptions and the accessibility
statement: thin views over ``search.py``, ``overview.py``, ``subscriptions.py`` and
``accessibility.py``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from medborgarloften.places.models import Area, Organisation
from medborgarloften.promises.models import Commitment

from . import fragments
from .accessibility import accessibility_statement
from .forms import OverviewFilterForm, SubscribeForm
from .models import Subscription
from .overview import national_overview_cached
from .pagecache import NATIONAL, cached_public, number, raw, text
from .search import SearchResults, search_public
from .services import (
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)
from .subscriptions import (
    TARGET_KINDS,
    subscription_for_confirmation,
    subscription_for_unsubscribe,
    subscription_target,
    target_label,
    unsubscribe_token,
)

#: What ``reverse`` leaves unquoted in a path argument (django.urls.resolvers).
_URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def _hit_rows(results: SearchResults) -> list[dict[str, Any]]:
    """What the template shows of each hit, its links built from one ``reverse``
    per kind of page (not two per hit)."""
    promise_url = _url_maker("publishing:promise", str(uuid.UUID(int=0)))
    kommun_url = _url_maker("publishing:kommun", "0000")
    return [
        {
            "url": promise_url(str(hit.promise.uid)),
            "commitment": hit.commitment is not None,
            "title": hit.promise.title,
            "snippet": hit.snippet,
            "kommuner": [(kommun_url(code), name) for code, name in hit.kommuner],
            # Shown as on the promise page (promises/_period.html).
            "period_start": hit.promise.period_start,
            "period_end": hit.promise.period_end,
            "period_text": hit.promise.period_text,
        }
        for hit in results.hits
    ]


def _url_maker(name: str, placeholder: str) -> Callable[[str], str]:
    head, tail = reverse(name, args=[placeholder]).rsplit(placeholder, 1)
    return lambda value: head + quote(value, safe=_URL_SAFE) + tail


def _partial(template: str, context: dict[str, Any]) -> str:
    """A part of a page rendered on its own (its file's last newline is not part
    of the page)."""
    html = render_to_string(template, context).removesuffix("\n")
    return mark_safe(html)  # noqa: S308 — a rendered template


def _search_section(query: str, kommun: str, start: int) -> str:
    """The results part of the search page: the hits of one query in one kommun
    (or all) from one offset, the same for every visitor."""
    results = search_public(query, kommun=kommun or None, limit=20, offset=start)
    context = {
        "results": results,
        "hits": _hit_rows(results),
        "query": query[:200],
        "kommun_code": kommun[:10],
    }
    return _partial("publishing/search_results.html", context)


@cached_public(params={"q": raw, "kommun": text(10), "start": number()})
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    kommun = request.GET.get("kommun", "").strip()
    start = _int(request.GET.get("start"), 0)
    results_html = ""
    if query or kommun:
        # Every public promise may be a hit (an organisation's name changing
        # replaces the global version, which every fragment's key holds too).
        results_html = fragments.cached(
            "search",
            scopes=(NATIONAL,),
            build=lambda: _search_section(query, kommun, start),
            vary=(query, kommun, start),
        )
    return render(
        request,
        "publishing/search.html",
        {
            "results_html": results_html,
            "query": query[:200],
            "kommun_code": kommun[:10],
        },
    )


def _overview_parts(form: OverviewFilterForm, figures: bool) -> dict[str, str]:
    """The filter's fields and, for a valid filter, the figures: the same for every
    visitor with the same filter."""
    parts = {"fields_html": _partial("publishing/overview_fields.html", {"form": form})}
    if figures:
        data = form.cleaned_data if form.is_bound else {}
        result = national_overview_cached(
            county=data.get("lan"),
            year_from=data.get("fran"),
            year_to=data.get("till"),
        )
        parts["overview_html"] = _partial(
            "publishing/overview_figures.html", {"overview": result}
        )
    return parts


@cached_public(params={"lan": raw, "fran": raw, "till": raw})
def overview(request: HttpRequest) -> HttpResponse:
    form = OverviewFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        parts = _overview_parts(form, figures=False)
        return render(
            request, "publishing/overview.html", {"form": form, **parts}, status=400
        )
    # The fields show the filter as typed (bound or not), the figures every
    # public promise and report (an organisation or a county changing replaces
    # the global version, which every fragment's key holds too).
    parts = fragments.cached(
        "overview",
        scopes=(NATIONAL,),
        build=lambda: _overview_parts(form, figures=True),
        vary=[bool(request.GET)]
        + [request.GET.get(name, "") for name in ("lan", "fran", "till")],
    )
    return render(request, "publishing/overview.html", {"form": form, **parts})


def _subscription_target(
    request: HttpRequest,
) -> tuple[str, str, Organisation | Area | Commitment]:
    for kind in TARGET_KINDS:
        ident = request.GET.get(kind)
        if ident:
            try:
                return kind, ident, subscription_target(kind, ident)
            except LookupError:
                break
    raise Http404(_("Det finns inget att bevaka med den adressen."))


def subscribe(request: HttpRequest) -> HttpResponse:
    kind, ident, target = _subscription_target(request)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription_request(
                email=form.cleaned_data["email"],
                target=target,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request,
                "publishing/subscribe_sent.html",
                {"target": target_label(target), "email": form.cleaned_data["email"]},
            )
    return render(
        request,
        "publishing/subscribe.html",
        {
            "form": form,
            "target": target_label(target),
            "query": urlencode({kind: ident}),
        },
    )


def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscription_for_confirmation(token)
    except Subscription.DoesNotExist:
        return render(request, "publishing/subscribe_invalid.html", status=404)
    done = False
    if request.method == "POST":
        subscription_confirm(subscription=subscription)
        done = True
    return render(
        request,
        "publishing/subscribe_confirm.html",
        {
            "done": done or subscription.confirmed_at is not None,
            "target": target_label(subscription.target),
            "unsubscribe_token": unsubscribe_token(subscription),
        },
    )


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a form; the token is the secret
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = subscription_for_unsubscribe(token)
    except Subscription.DoesNotExist:
        if request.method == "POST":
            # Already gone: unsubscribing twice is no error.
            return render(request, "publishing/subscribe_cancelled.html")
        return render(request, "publishing/subscribe_invalid.html", status=404)
    if request.method == "POST":
        subscription_cancel(subscription=subscription)
        return render(request, "publishing/subscribe_cancelled.html")
    return render(
        request,
        "publishing/subscribe_unsubscribe.html",
        {"target": target_label(subscription.target)},
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    """The tillgänglighetsredogörelse DOS-lagen requires, linked from every footer."""
    statement = accessibility_statement(site_url=request.build_absolute_uri("/"))
    return render(request, "publishing/accessibility.html", {"statement": statement})
