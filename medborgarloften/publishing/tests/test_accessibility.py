"""The accessibility statement (tillgänglighetsredogörelse) at /tillganglighet/: the
content DIGG lists, configured per installation, linked from every footer."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from medborgarloften.publishing.accessibility import (
    DIGG_REPORT_URL,
    accessibility_statement,
)

KALMAR = {
    "ACCESSIBILITY_ORGANISATION": "Kalmar kommun",
    "ACCESSIBILITY_SERVICE_NAME": "Medborgarlöften i Kalmar",
    "ACCESSIBILITY_CONTACT_EMAIL": "tillganglighet@kalmar.example",
    "ACCESSIBILITY_CONTACT_PHONE": "0480-45 00 00",
    "ACCESSIBILITY_CONTACT_URL": "https://kalmar.example/kontakt",
    "ACCESSIBILITY_RESPONSE_DAYS": 5,
    "ACCESSIBILITY_EXTRA_GAPS": ["Protokollen från 2019 är inskannade bilder."],
    "ACCESSIBILITY_ASSESSED_ON": "2026-11-30",
    "ACCESSIBILITY_UPDATED_ON": "2026-12-01",
    "ACCESSIBILITY_PUBLISHED_ON": "2026-01-15",
}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.django_db
def test_it_states_what_digg_requires_for_the_installation(client):
    with override_settings(**KALMAR):
        response = client.get("/tillganglighet/")
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "Tillgänglighet för Medborgarlöften i Kalmar" in text
    assert "Kalmar kommun står bakom Medborgarlöften i Kalmar" in text
    assert "Webbplatsen är delvis förenlig med lagen" in text  # conformance
    assert "trycka på en karta" in text and "(WCAG-kriterium 2.1.1)" in text  # gaps
    assert "Protokollen från 2019 är inskannade bilder." in text  # installation's
    assert 'href="mailto:tillganglighet@kalmar.example"' in html  # contact
    assert "0480-45 00 00" in text and 'href="https://kalmar.example/kontakt"' in html
    assert "Vi svarar inom 5 arbetsdagar." in text
    assert "Rapportera brister i webbplatsens tillgänglighet" in text  # how to report
    assert f'href="{DIGG_REPORT_URL}"' in html  # DIGG's supervision and form
    assert "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn" in text
    assert "Oskäligt betungande anpassning" in text
    assert "Innehåll som inte omfattas av lagen" in text
    assert "självskattning" in text  # method
    assert "Senaste bedömningen gjordes den 30 november 2026." in text
    assert "Webbplatsen publicerades den 15 januari 2026." in text
    assert "Redogörelsen uppdaterades senast den 1 december 2026." in text


@pytest.mark.django_db
def test_a_fully_conformant_installation_says_so(client):
    with override_settings(**KALMAR, ACCESSIBILITY_CONFORMANCE="helt"):
        text = _text(client.get("/tillganglighet/").content.decode())
    assert "Webbplatsen är helt förenlig med lagen" in text
    assert "på grund av de brister" not in text


@pytest.mark.django_db
def test_without_a_configured_contact_it_still_says_whom_to_ask(client, settings):
    settings.ACCESSIBILITY_ORGANISATION = "Nybro kommun"
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    settings.ACCESSIBILITY_CONTACT_PHONE = ""
    settings.ACCESSIBILITY_CONTACT_URL = ""
    text = _text(client.get("/tillganglighet/").content.decode())
    assert "Kontakta Nybro kommun" in text


def test_it_refuses_a_date_that_is_not_a_date(settings):
    settings.ACCESSIBILITY_ASSESSED_ON = "förra veckan"
    with pytest.raises(ImproperlyConfigured, match="ACCESSIBILITY_ASSESSED_ON"):
        accessibility_statement(site_url="https://loften.example/")


@pytest.mark.django_db
def test_every_footer_links_the_statement(client, kommun_editor, superuser, kalmar):
    from medborgarloften.publishing.tests.test_views import _promise

    promise = _promise(superuser, [kalmar], title="Tryggare Kalmar")
    link = f'href="{reverse("publishing:accessibility")}"'
    public = [
        "/",
        reverse("publishing:kommun", args=["0880"]),
        reverse("publishing:promise", args=[promise.uid]),
        reverse("publishing:embed", args=[promise.uid]),
        reverse("accounts:login"),
        "/finns-inte/",
    ]
    for url in public:
        html = client.get(url).content.decode()
        footer = html[html.index("<footer") :]
        assert link in footer, url
    client.force_login(kommun_editor)
    html = client.get(reverse("promises:list")).content.decode()
    assert link in html[html.index("<footer") :]


@pytest.mark.django_db
def test_unconfigured_it_names_the_kommun_the_catalogue_names(
    client, settings, kalmar, kommun_editor
):
    # An installation that has not filled in ACCESSIBILITY_*: the statement said
    # " står bakom Medborgarlöften" and "Kontakta  genom dess växel" (open-data review).
    settings.ACCESSIBILITY_ORGANISATION = ""
    settings.API_PUBLISHER = ""
    settings.API_PUBLISHER_KOMMUN = ""
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    settings.ACCESSIBILITY_CONTACT_PHONE = ""
    settings.ACCESSIBILITY_CONTACT_URL = ""
    settings.API_CONTACT_EMAIL = "oppnadata@kalmar.example"
    text = _text(client.get("/tillganglighet/").content.decode())
    assert f"{kalmar} står bakom Medborgarlöften" in text
    assert " står bakom" not in text.replace(f"{kalmar} står bakom", "")
    assert "oppnadata@kalmar.example" in text
    catalogue = client.get("/api/v1/dcat.jsonld").content.decode()
    assert str(kalmar) in catalogue
