"""The embeddable widget: framable from anywhere, no scripts, only public promises."""

from __future__ import annotations

import re

from django.urls import reverse

from .test_pages import _log
from .test_pages import promise as promise  # noqa: F401 - the fixture
from .test_views import _promise


def test_it_shows_the_promise_and_its_progress_in_a_framable_page(
    client,
    promise,  # noqa: F811
):
    _log(promise, 1, number=1)
    response = client.get(reverse("publishing:embed", args=[promise.uid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "script-src" not in response["Content-Security-Policy"]
    assert "<script" not in html  # nothing runs; the one link is our own stylesheet
    assert re.findall(r"<link[^>]*>", html) == [
        '<link rel="stylesheet" href="/static/medborgarloften/css/embed.css">'
    ]
    assert "style=" not in html and "<style" not in html
    assert '<h1 lang="sv">Tryggare Kalmar</h1>' in html
    assert '<progress max="6" value="1"' in html and "1 av 6" in html
    assert reverse("publishing:promise", args=[promise.uid]) in html


def test_it_keeps_other_pages_unframable(client, promise):  # noqa: F811
    response = client.get(reverse("publishing:promise", args=[promise.uid]))
    assert response["X-Frame-Options"] == "DENY"


def test_it_refuses_a_promise_that_is_not_public(client, superuser, kalmar):
    draft = _promise(superuser, [kalmar], status="draft")
    assert client.get(reverse("publishing:embed", args=[draft.uid])).status_code == 404


def test_it_draws_the_widget_in_a_fixed_number_of_queries(
    client,
    promise,
    django_assert_max_num_queries,  # noqa: F811
):
    _log(promise, 5)
    # the promise page's queries without the timeline
    with django_assert_max_num_queries(13):
        client.get(reverse("publishing:embed", args=[promise.uid]))


def test_the_widget_says_its_language_and_marks_the_promise_s_swedish(
    client,
    promise,  # noqa: F811
):
    # In English the widget's own words are English: <html lang="sv"> told screen
    # readers otherwise (open-data review); the promise's text stays Swedish.
    client.cookies["django_language"] = "en"
    html = client.get(reverse("publishing:embed", args=[promise.uid])).content.decode()
    assert '<html lang="en">' in html
    assert f'<h1 lang="sv">{promise.title}</h1>' in html
    commitment = promise.commitments.first()
    assert f'<p lang="sv">{commitment.text[:40]}' in html
    client.cookies["django_language"] = "sv"
    html = client.get(reverse("publishing:embed", args=[promise.uid])).content.decode()
    assert '<html lang="sv">' in html
