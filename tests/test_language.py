"""The page's language follows the visitor: English browsers get English pages with
lang="en", everyone else Swedish with lang="sv"; the switch in the header overrides
the browser and keeps doing so. WCAG 3.1.1: lang is always true to the content."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import reverse

from medborgarloften.publishing.tests.test_pages import _log
from medborgarloften.publishing.tests.test_pages import promise as promise  # noqa: F401


def _lang(body: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', body)
    assert match, "no lang on <html>"
    return match[1]


def _get(client, url="/", **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept, lang, words",
    [
        ("en-GB,en;q=0.9", "en", "Skip to content"),
        ("en-US", "en", "Skip to content"),
        ("sv-SE,sv;q=0.9,en;q=0.5", "sv", "Hoppa till innehållet"),
        ("de-DE,de;q=0.9", "sv", "Hoppa till innehållet"),
        ("", "sv", "Hoppa till innehållet"),
    ],
)
def test_it_speaks_the_browsers_language_with_swedish_as_the_fallback(
    client, accept, lang, words
):
    body = _get(client, **({"accept-language": accept} if accept else {}))
    assert _lang(body) == lang
    assert words in body


@pytest.mark.django_db
def test_an_english_page_is_english_and_a_swedish_page_swedish(client):
    english = _get(client, "/oversikt/", accept_language="en")
    swedish = _get(client, "/oversikt/", accept_language="sv")
    assert _lang(english) == "en" and _lang(swedish) == "sv"
    assert "Citizen promises in the whole country" in english
    assert "Medborgarlöften i hela landet" not in english
    assert "Medborgarlöften i hela landet" in swedish
    assert "Citizen promises in the whole country" not in swedish


@pytest.mark.django_db
def test_the_page_cache_keeps_the_languages_apart(client):
    for _ in range(2):
        assert _lang(_get(client, accept_language="en")) == "en"
        assert _lang(_get(client, accept_language="sv")) == "sv"


@pytest.mark.django_db
def test_the_switch_works_without_javascript_and_persists(client):
    body = _get(client, accept_language="sv")
    form = re.search(r'<form class="language-switch[^>]*>.*?</form>', body, re.S)
    assert form, "no language switch in the header"
    # Offers the other language, named in that language and marked as such; no CSRF
    # token, so the public pages stay cacheable.
    assert 'name="language" value="en" lang="en">English<' in form[0]
    assert "csrfmiddlewaretoken" not in form[0]

    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/oversikt/"},
        headers={"accept-language": "sv"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/oversikt/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    for url in ("/", "/oversikt/", "/sok/"):
        assert _lang(_get(client, url, accept_language="sv")) == "en"

    body = _get(client, accept_language="sv")
    assert 'value="sv" lang="sv">Svenska<' in body
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert _lang(_get(client, accept_language="en")) == "sv"


@pytest.mark.django_db
def test_the_switch_refuses_a_redirect_to_another_site(client):
    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_dates_follow_the_pages_language(client, promise):  # noqa: F811
    _log(promise, 1, kind="Trygghetsvandring", day=dt.date(2026, 10, 9))
    url = reverse("publishing:promise", args=[promise.uid])
    swedish = _get(client, url, accept_language="sv")
    english = _get(client, url, accept_language="en")
    assert "9 oktober 2026" in swedish and "October" not in swedish
    assert "9 October 2026" in english and "oktober" not in english


def test_what_the_parties_wrote_keeps_its_swedish_tag_on_an_english_page(
    client,
    promise,  # noqa: F811
):
    url = reverse("publishing:promise", args=[promise.uid])
    body = _get(client, url, accept_language="en")
    assert _lang(body) == "en"
    assert f'<h1 id="promise-title" lang="sv">{promise.title}</h1>' in body
    commitment = promise.commitments.first()
    assert f'<p class="commitment-text" lang="sv">{commitment.text}</p>' in body
