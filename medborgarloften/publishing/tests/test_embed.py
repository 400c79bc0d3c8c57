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
    assert '<progress class="pbar-' in html and 'max="6" value="1"' in html
    assert "1 av 6" in html
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


def _statuses(html: str) -> list[tuple[str, str]]:
    """Each commitment's status class and words, and its bar's colour class."""
    spans = re.findall(r'class="pstatus pstatus-([a-z_]+)">([^<]*)<', html)
    bars = re.findall(r'<progress class="(pbar-[a-z_]+)"', html)
    return [(cls, " ".join(words.split())) for cls, words in spans] + [
        (bar, "") for bar in bars
    ]


def test_the_widget_colours_and_words_each_status_as_the_promise_page_does(
    client,
    promise,  # noqa: F811
):
    """A commitment behind plan has a red bar on the promise page; the widget drew
    every bar green and said "Inte mätbart" where the page says "Inget mål med
    antal eller datum"."""
    from medborgarloften.promises.models import Commitment

    # commitment 1: 1 a year, none done by 2026 (behind); commitment 2 without a
    # target at all
    Commitment.objects.filter(
        pk=promise.commitments.order_by("position", "pk")[1].pk
    ).update(target_quantity=None, target_unit="", target_per="")
    page = client.get(
        reverse("publishing:promise", args=[promise.uid])
    ).content.decode()
    widget = client.get(
        reverse("publishing:embed", args=[promise.uid])
    ).content.decode()
    shown = _statuses(page)
    assert any(cls == "pbar-behind" or cls == "pbar-overdue" for cls, _ in shown), shown
    assert any(cls == "not_measurable" for cls, _ in shown), shown
    assert _statuses(widget) == shown
    assert "Inte mätbart" not in widget
