"""Every page type of the service, rendered, for the conformance tests.

The URLconf is walked as the permission matrix walks it (so a new URL is picked up
automatically), with Kalmar's objects from tests/tenancy_world.py in the parameters.
Staff pages are rendered for a superuser, public pages also for an anonymous visitor
(the header differs); an HTML answer of 200 is a page type. The 403 and 404 pages
are added, and so are the states a URL alone does not reach: a form sent back with
errors, and pages shown as a staff member of a kommun rather than as superuser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.template import loader
from django.test import Client
from django.urls import reverse

from .test_permission_matrix import World, _routes, _url, _victim_kwargs

#: Routes that are not pages of ours: Django's own admin (its HTML is Django's and
#: it is staff-only tooling, not the service) and the logout action.
NOT_OURS = ("django-admin/",)

#: On the public site a draft is a 404; the published promise is the page type.
PUBLIC_OBJECTS = {
    "publishing:promise": lambda s: {"uid": s.published.uid},
    "publishing:embed": lambda s: {"uid": s.published.uid},
}


@dataclass(frozen=True)
class Page:
    name: str  # route name, or a description of the state
    role: str  # "anonymous", "superuser" or a named staff role
    url: str
    html: str


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _html(response: Any) -> str | None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    if response.get("Content-Disposition", "").startswith("attachment"):
        return None
    return response.content.decode()


def page_types(world: World, superuser: Any) -> list[Page]:
    """The rendered HTML of every page type (see the module docstring)."""
    side = world.own
    anonymous = _client(None)
    admin = _client(superuser)
    editor = _client(world.users["kalmar_editor"])
    pages: list[Page] = []
    seen: set[str] = set()
    for route in _routes():
        if route.route.startswith(NOT_OURS) or route.name in seen:
            continue
        if route.name in PUBLIC_OBJECTS:
            kwargs = PUBLIC_OBJECTS[route.name](side)
        else:
            kwargs = _victim_kwargs(route, world, side)
        if kwargs is None:
            raise AssertionError(f"no sample parameters for {route.name}")
        url = _url(route, kwargs)
        for role, client in (("anonymous", anonymous), ("superuser", admin)):
            if role == "anonymous" and url.startswith("/personal/"):
                continue
            response = client.get(url)
            html = _html(response)
            if response.status_code == 200 and html is not None:
                pages.append(Page(route.name, role, url, html))
                seen.add(route.name)
    for name, client, method, url, data, status in _states(world, anonymous, editor):
        response = getattr(client, method)(url, data or {})
        html = _html(response)
        assert response.status_code == status and html is not None, (name, response)
        pages.append(Page(name, "state", url, html))
    for name in ("500.html", "503.html"):  # rendered without a request, as served
        pages.append(Page(name, "anonymous", name, loader.get_template(name).render()))
    return pages


def _states(world: World, anonymous: Client, editor: Client) -> list[tuple]:
    """Pages a plain GET of the URL pattern does not reach: (name, client, method,
    url, data, expected status)."""
    from medborgarloften.coordination.services import meeting_publish
    from medborgarloften.followup.services.reports import report_set_status
    from medborgarloften.situation.models import CrimeStatistic

    side = world.own
    meeting = meeting_publish(actor=None, meeting=side.meeting, published=True)
    report = report_set_status(report=side.report, status="approved")
    report = report_set_status(report=report, status="published")
    reporter = _client(world.users["kalmar_reporter"])
    # A crime category named in words: the map's indicator, put in the page's
    # links, then holds spaces to encode.
    CrimeStatistic.objects.create(
        kommun=side.kommun,
        area=side.area,
        category="Anmälda brott totalt",
        year=dt.date.today().year,
        count=12,
    )
    return [
        ("404", anonymous, "get", "/finns-inte/", None, 404),
        (
            "coordination_public:meeting, published",
            anonymous,
            "get",
            reverse(
                "coordination_public:meeting", args=[side.kommun.code, meeting.uid]
            ),
            None,
            200,
        ),
        ("403", reporter, "get", reverse("documents:import"), None, 403),
        ("promises:list as a kommun's editor", editor, "get", "/personal/", None, 200),
        (
            "promises:create sent back with errors",
            editor,
            "post",
            reverse("promises:create"),
            {"title": ""},
            200,
        ),
        (
            "publishing:subscribe",
            anonymous,
            "get",
            f"/prenumerera/?kommun={side.kommun.code}",
            None,
            200,
        ),
        (
            "publishing:subscribe sent",
            anonymous,
            "post",
            f"/prenumerera/?kommun={side.kommun.code}",
            {"email": "boende@example.se"},
            200,
        ),
        (
            "publishing:subscribe sent back with errors",
            anonymous,
            "post",
            f"/prenumerera/?kommun={side.kommun.code}",
            {"email": "inte en adress"},
            200,
        ),
        (
            # A value put in the page's links from the query, with a space to encode.
            "situation:analysis for a crime category named in words",
            editor,
            "get",
            reverse("situation:analysis", args=[side.kommun.code])
            + "?indikator=brott:Anmälda%20brott%20totalt",
            None,
            200,
        ),
        (
            "publishing:subscribe_confirm with an unknown token",
            anonymous,
            "get",
            reverse("publishing:subscribe_confirm", args=["x" * 20]),
            None,
            404,
        ),
        (
            "publishing:report",
            anonymous,
            "get",
            reverse("publishing:report", args=[report.uid]),
            None,
            200,
        ),
        (
            "situation:survey_detail with free-text answers",
            editor,
            "get",
            reverse(
                "situation:survey_detail",
                args=[side.kommun.code, side.text_answer.question.survey_id],
            ),
            None,
            200,
        ),
        (
            "surveys_public:answer (fritextfråga)",
            anonymous,
            "get",
            reverse(
                "surveys_public:answer",
                args=[side.text_answer.question.survey.token],
            ),
            None,
            200,
        ),
        (
            "surveys_public:answer (trygghetsvandring)",
            anonymous,
            "get",
            reverse("surveys_public:answer", args=[side.walk.token]),
            None,
            200,
        ),
    ]
