"""The API's problem details follow the request's language (Accept-Language or the
site's language choice, the cookie), as the HTML pages do, and say which.

English comes from the catalogue, which the lead fills from the branch's
translations; the fixture below puts the few texts asserted here into the English
catalogue so that the test shows the mechanism whatever the catalogue holds."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import trans_real

from medborgarloften.operations.middleware import RateLimitMiddleware

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Hittades inte": "Not found",
    "Felaktig begäran": "Bad request",
    "Det finns ingen resurs %(path)s i API:t.": "There is no resource %(path)s in the API.",
    "okänd parameter; kända är %(known)s.": "unknown parameter; the known ones are %(known)s.",
    "För många förfrågningar": "Too many requests",
    "För många förfrågningar. Försök igen om %(seconds)s sekunder.": (
        "Too many requests. Try again in %(seconds)s seconds."
    ),
}


@pytest.fixture
def english(monkeypatch):
    catalog = trans_real.translation("en")._catalog._catalogs[0]
    for swedish, english in ENGLISH.items():
        monkeypatch.setitem(catalog, swedish, english)


def _missing():
    return reverse("api:root") + "finns-inte"


def test_a_problem_is_in_english_when_english_is_asked_for(client, english):
    response = client.get(_missing(), headers={"accept-language": "en"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["Content-Language"] == "en"
    body = response.json()
    assert body["title"] == "Not found"
    assert body["detail"] == f"There is no resource {_missing()} in the API."


def test_a_problem_stays_swedish_for_swedish(client, english):
    response = client.get(_missing(), headers={"accept-language": "sv"})
    assert response["Content-Language"] == "sv"
    body = response.json()
    assert body["title"] == "Hittades inte"
    assert body["detail"] == f"Det finns ingen resurs {_missing()} i API:t."


def test_the_sites_language_choice_counts_as_for_the_pages(client, english):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("api:root") + "promises", {"nonsense": "1"})
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "Bad request"
    assert body["errors"][0]["field"] == "nonsense"
    assert body["errors"][0]["detail"].startswith(
        "nonsense: unknown parameter; the known ones are "
    )


def test_the_rate_limits_problem_follows_the_language_too(english):
    # The rate limit answers before LocaleMiddleware has chosen a language.
    request = RequestFactory().get(
        reverse("api:root") + "promises", headers={"accept-language": "en"}
    )
    response = RateLimitMiddleware(lambda r: None).refuse(request, "api", 30)
    body = json.loads(response.content)
    assert response.status_code == 429 and response["Content-Language"] == "en"
    assert body["title"] == "Too many requests"
    assert body["detail"] == "Too many requests. Try again in 30 seconds."
