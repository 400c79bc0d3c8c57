"""The whole-response page cache (pagecache.py): anonymous GETs come from the shared
cache without touching the database, every change shows on the next request, nothing
of one visitor (a signed-in page, a cookie, a CSRF token, a message) is shared, and
conditional GETs get 304."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.messages import add_message, constants
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from medborgarloften.followup.services.activities import activity_create
from medborgarloften.promises.models import Promise
from medborgarloften.promises.services import promise_set_status
from medborgarloften.publishing import pagecache
from medborgarloften.publishing.pagecache import HEADER, cached_public

from .test_views import _promise

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def promise(superuser, kalmar, lpo_kalmar):
    return _promise(
        superuser,
        [kalmar, lpo_kalmar],
        title="Tryggare Kalmar",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2099, 12, 31),
    )


def _urls(promise):
    return [
        reverse("publishing:home"),
        reverse("publishing:kommun", args=["0880"]),
        reverse("publishing:promise", args=[promise.uid]),
        reverse("publishing:embed", args=[promise.uid]),
        reverse("publishing:promise_feed", args=[promise.uid]),
        reverse("publishing:kommun_feed", args=["0880"]),
        reverse("publishing:overview"),
        reverse("publishing:search") + "?q=Tryggare",
        "/api/v1/promises",
        "/api/v1/promises.csv",
        "/api/v1/activities",
        f"/api/v1/promises/{promise.uid}",
        "/api/v1/kommuner/0880",
    ]


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_cached_page_is_served_to_anonymous_visitors_without_queries(
    client, promise, django_assert_num_queries
):
    # On SQLite the first search brings the search index up to date: a write to a
    # public table, so the page it built is filed under the version it replaced.
    client.get(reverse("publishing:search") + "?q=Tryggare")
    pagecache.caches["pages"].clear()
    for url in _urls(promise):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first[HEADER] == "miss", url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again[HEADER] == "hit", url
        assert _body(again) == _body(first), url
        assert "public" in again["Cache-Control"], url
        assert again["ETag"] == first["ETag"], url


def test_the_query_string_and_the_language_are_part_of_the_key(client, promise):
    url = reverse("publishing:search")
    assert b"Tryggare Kalmar" in client.get(url + "?q=Tryggare").content
    other = client.get(url + "?q=fotboll")
    assert other[HEADER] == "miss"
    assert b"Tryggare Kalmar" not in other.content
    page = reverse("publishing:promise", args=[promise.uid])
    assert b'<html lang="sv">' in client.get(page).content
    english = client.get(page, headers={"accept-language": "en"})
    assert english[HEADER] == "miss"
    assert b'<html lang="en">' in english.content


def test_a_new_activity_shows_at_once_on_page_feed_widget_and_api(client, promise):
    urls = _urls(promise)
    for url in urls:
        client.get(url)
    activity_create(
        commitment=promise.commitments.order_by("position")[0],
        date=dt.date(2026, 3, 1),
        kind="Nattvandring vid Lindö",
    )
    for url in (
        reverse("publishing:promise", args=[promise.uid]),
        reverse("publishing:promise_feed", args=[promise.uid]),
        "/api/v1/activities",
    ):
        response = client.get(url)
        assert response[HEADER] == "miss", url
        assert "Nattvandring vid Lindö" in _body(response).decode(), url


def test_a_status_change_and_unpublishing_show_at_once(client, superuser, promise):
    page = reverse("publishing:promise", args=[promise.uid])
    kommun = reverse("publishing:kommun", args=["0880"])
    assert client.get(page).status_code == 200
    assert "Tryggare Kalmar" in client.get(kommun).content.decode()
    assert str(promise.uid) in client.get("/api/v1/promises").content.decode()

    promise = promise_set_status(actor=superuser, promise=promise, status="closed")
    assert "Avslutat" in client.get(page).content.decode()

    promise = promise_set_status(actor=superuser, promise=promise, status="published")
    promise_set_status(actor=superuser, promise=promise, status="adopted")
    assert client.get(page).status_code == 404
    assert "Tryggare Kalmar" not in client.get(kommun).content.decode()
    assert str(promise.uid) not in client.get("/api/v1/promises").content.decode()
    assert client.get(f"/api/v1/promises/{promise.uid}").status_code == 404


def test_a_write_without_model_signals_still_counts_as_a_change(client, promise):
    """QuerySet.update sends no signal; the watcher sees the SQL."""
    page = reverse("publishing:promise", args=[promise.uid])
    client.get(page)
    Promise.objects.filter(pk=promise.pk).update(title="Tryggare Kalmar 2030")
    assert "Tryggare Kalmar 2030" in client.get(page).content.decode()


def test_a_draft_never_reaches_anyone_through_the_cache(
    client, superuser, kalmar, lpo_kalmar, kommun_editor
):
    draft = _promise(
        superuser, [kalmar, lpo_kalmar], title="Hemligt utkast", status="draft"
    )
    page = reverse("publishing:promise", args=[draft.uid])
    kommun = reverse("publishing:kommun", args=["0880"])
    client.force_login(kommun_editor)  # staff who may see the draft in the editor
    assert client.get(page).status_code == 404
    client.get(kommun)
    client.logout()
    for url in (kommun, "/api/v1/promises", reverse("publishing:home")):
        assert "Hemligt utkast" not in client.get(url).content.decode()
        assert "Hemligt utkast" not in client.get(url).content.decode()  # cached
    assert client.get(page).status_code == 404


def test_staff_never_get_the_cached_page_and_anonymous_never_get_a_staff_one(
    client, promise, kommun_viewer
):
    page = reverse("publishing:promise", args=[promise.uid])
    anonymous = client.get(page)
    client.force_login(kommun_viewer)
    staff = client.get(page)
    assert HEADER not in staff
    assert "private" in staff["Cache-Control"]
    assert "Logga ut" in staff.content.decode()
    client.logout()
    client.cookies.clear()
    again = client.get(page)
    assert again[HEADER] == "hit"
    assert "Logga ut" not in again.content.decode()
    assert again.content == anonymous.content


def test_a_staff_visit_first_never_fills_the_cache(client, promise, kommun_viewer):
    page = reverse("publishing:promise", args=[promise.uid])
    client.force_login(kommun_viewer)
    client.get(page)
    client.logout()
    client.cookies.clear()
    response = client.get(page)
    assert response[HEADER] == "miss"
    assert "Logga ut" not in response.content.decode()


def test_a_cached_page_sets_no_cookie_and_holds_no_csrf_token(client, promise):
    for url in _urls(promise):
        for response in (client.get(url), client.get(url)):
            assert not response.cookies, url
            assert "Set-Cookie" not in response, url
            assert b"csrfmiddlewaretoken" not in _body(response), url
    assert not client.cookies


def test_a_page_with_a_form_is_never_cached(client, promise):
    url = reverse("publishing:subscribe") + "?kommun=0880"
    response = client.get(url)
    assert b"csrfmiddlewaretoken" in response.content
    assert HEADER not in response


def _view(template: str):
    @cached_public
    def view(request):
        html = engines["django"].from_string(template).render({}, request)
        return HttpResponse(html)

    return view


def _anonymous(path: str = "/x/"):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request.LANGUAGE_CODE = "sv"
    return request


def test_a_response_that_used_a_csrf_token_is_not_kept(db):
    """Whatever a public page grows in future, a CSRF token never enters the cache."""
    view = _view("<form method=post>{% csrf_token %}</form>")
    for _ in range(2):
        request = _anonymous()
        response = view(request)
        assert HEADER not in response
        assert "private" in response["Cache-Control"]
        assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        assert b"csrfmiddlewaretoken" in response.content


def test_a_response_that_sets_a_cookie_or_the_session_is_not_kept(db):
    @cached_public
    def sets_cookie(request):
        response = HttpResponse("hej")
        response.set_cookie("spar", "1")
        return response

    @cached_public
    def writes_session(request):
        request.session["seen"] = True
        return HttpResponse("hej")

    for view in (sets_cookie, writes_session):
        for _ in range(2):
            response = view(_anonymous())
            assert HEADER not in response
            assert "private" in response["Cache-Control"]


def test_an_anonymous_visitor_with_a_pending_message_gets_a_fresh_page(client, promise):
    page = reverse("publishing:promise", args=[promise.uid])
    client.get(page)
    session = client.session
    request = _anonymous()
    request.session = session
    from django.contrib.messages.storage.session import SessionStorage

    request._messages = SessionStorage(request)
    add_message(request, constants.SUCCESS, "Tack, kolla din e-post")
    request._messages.update(HttpResponse())
    session.save()
    client.cookies["sessionid"] = session.session_key
    response = client.get(page)
    assert HEADER not in response
    assert "Tack, kolla din e-post" in response.content.decode()
    client.cookies.pop("sessionid")
    assert client.get(page)[HEADER] == "hit"


def test_conditional_gets_are_answered_with_304(client, promise):
    page = reverse("publishing:promise", args=[promise.uid])
    first = client.get(page)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    not_modified = client.get(page, headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    since = client.get(page, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304
    assert client.get(page, headers={"if-none-match": '"other"'}).status_code == 200
    activity_create(
        commitment=promise.commitments.order_by("position")[0],
        date=dt.date(2026, 3, 1),
        kind="Ny aktivitet",
    )
    changed = client.get(page, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_post_is_never_answered_from_the_cache(client, promise):
    client.get("/api/v1/activities")
    response = client.post("/api/v1/activities", {}, content_type="application/json")
    assert response.status_code == 401
    assert HEADER not in response


def test_the_version_is_shared_by_processes_through_the_production_store(
    client, promise, settings, tmp_path
):
    """Two processes with the production settings (files under DATA_DIR): a change
    made in the other process makes this one rebuild the page."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache" / "pages"),
        },
        "pages_version": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache" / "version"),
        },
    }
    page = reverse("publishing:promise", args=[promise.uid])
    client.get(page)
    assert client.get(page)[HEADER] == "hit"
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "medborgarloften.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CACHE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from medborgarloften.publishing import pagecache; "
            "pagecache.bump_version()",
        ],
        env=env,
        check=True,
        cwd=tmp_path,
    )
    assert client.get(page)[HEADER] == "miss"
    assert client.get(page)[HEADER] == "hit"


def test_an_empty_version_store_never_revives_old_pages(client, promise):
    page = reverse("publishing:promise", args=[promise.uid])
    client.get(page)
    from django.core.cache import caches

    caches[pagecache.VERSION_CACHE].clear()
    assert client.get(page)[HEADER] == "miss"


def test_a_hit_carries_the_headers_the_first_answer_had(client, promise):
    page = reverse("publishing:promise", args=[promise.uid])
    widget = reverse("publishing:embed", args=[promise.uid])
    for url in (page, widget):
        first, again = client.get(url), client.get(url)
        assert again[HEADER] == "hit"
        for name in (
            "Content-Type",
            "Vary",
            "Content-Language",
            "ETag",
            "Last-Modified",
        ):
            assert again[name] == first[name], (url, name)
        assert again.get("X-Frame-Options") == first.get("X-Frame-Options"), url
        assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert client.get(page)["X-Frame-Options"] == "DENY"
    assert "X-Frame-Options" not in client.get(widget)
    assert "frame-ancestors *" in client.get(widget)["Content-Security-Policy"]


# --- query strings (issue #13: any query string bypassed the cache) -----------------


def test_a_made_up_query_parameter_is_answered_from_the_cache(
    client, promise, django_assert_num_queries
):
    client.get(reverse("publishing:search") + "?q=Tryggare")  # the search index
    pagecache.caches["pages"].clear()
    urls = [
        reverse("publishing:home"),
        reverse("publishing:kommun", args=["0880"]),
        reverse("publishing:promise", args=[promise.uid]),
        reverse("publishing:embed", args=[promise.uid]),
        reverse("publishing:promise_feed", args=[promise.uid]),
        reverse("publishing:overview"),
        reverse("publishing:search") + "?q=Tryggare",
        f"/api/v1/promises/{promise.uid}",
    ]
    for url in urls:
        first = client.get(url)
        assert first[HEADER] == "miss", url
        join = "&" if "?" in url else "?"
        for junk in ("x=1", "utm_source=nyhetsbrev&fbclid=abc", "_=1749"):
            with django_assert_num_queries(0):
                again = client.get(url + join + junk)
            assert again.status_code == 200, url
            assert again[HEADER] == "hit", url + join + junk
            assert _body(again) == _body(first), url


def test_the_parameters_a_page_reads_still_count_cleaned_and_in_any_order(
    client, promise
):
    search = reverse("publishing:search")
    client.get(search + "?q=Tryggare")  # the search index is brought up to date
    tryggare = client.get(search + "?q=Tryggare&kommun=0880")
    assert b"Tryggare Kalmar" in tryggare.content
    swapped = client.get(search + "?kommun=0880&x=1&q=Tryggare")
    assert swapped[HEADER] == "hit"
    other = client.get(search + "?q=fotboll&kommun=0880")
    assert other[HEADER] == "miss"
    assert b"Tryggare Kalmar" not in other.content
    # A page number that is no page number is page 1, as the view reads it.
    page = reverse("publishing:promise", args=[promise.uid])
    client.get(page)
    for same in ("?sida=abc", "?sida=", "?sida=-3", "?sida=99999999999999999999"):
        assert client.get(page + same)[HEADER] == "hit", same
    client.get(page + "?sida=2")
    assert client.get(page + "?sida=02")[HEADER] == "hit"
    # The home page's finder reads q, stripped and cut to 100 characters.
    home = reverse("publishing:home")
    client.get(home + "?q=Kalmar")
    assert client.get(home + "?q=+Kalmar+")[HEADER] == "hit"


def test_the_api_still_refuses_unknown_parameters_and_keys_on_the_rest(client, promise):
    refused = client.get("/api/v1/promises?kommun=0880&kommune=0880")
    assert refused.status_code == 400
    assert "kommune" in refused.json()["detail"]
    assert client.get("/api/v1/activities?x=1").status_code == 400
    first = client.get("/api/v1/promises?limit=5&kommun=0880")
    assert first.status_code == 200
    assert client.get("/api/v1/promises?kommun=0880&limit=5")[HEADER] == "hit"
    assert client.get("/api/v1/promises?kommun=0880&limit=6")[HEADER] == "miss"


def test_a_page_is_built_from_its_own_parameters_only(db):
    """Nothing of a dropped parameter can reach the cached page, not even through a
    link the page builds from its own full path."""

    @cached_public(params={"a": pagecache.raw})
    def view(request):
        return HttpResponse(request.get_full_path() + " " + repr(dict(request.GET)))

    response = view(_anonymous("/x/?b=%3Cskript%3E&a=1"))
    assert response.content == b"/x/?a=1 {'a': ['1']}"


def test_the_api_rate_limit_still_counts_cached_answers(client, promise, settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {**settings.RATELIMITS, "api": (3, 60)}
    from django.core.cache import cache

    cache.clear()
    statuses = [client.get("/api/v1/promises").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
